package mailcatcher

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"
)

const (
	defaultWait = 10 * time.Second
	maxWait     = 5 * time.Minute
)

// routes is the HTTP API:
//
//	GET    /api/messages[?to=ADDR]                       the messages, oldest first
//	DELETE /api/messages                                 forget them all
//	GET    /api/messages/wait?to=ADDR&count=N&timeout=D  wait for N messages to ADDR
//
// The wait answers 200 with the messages once there are count of them, or
// 408 with {"error", "messages"} when timeout (default 10s) passes first.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/messages", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.box.list(r.URL.Query().Get("to")))
	})
	mux.HandleFunc("DELETE /api/messages", func(w http.ResponseWriter, r *http.Request) {
		s.box.clear()
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET /api/messages/wait", s.handleWait)
	return mux
}

// waitTimeout is the body of a wait that timed out.
type waitTimeout struct {
	Error    string     `json:"error"`
	Messages []Received `json:"messages"`
}

func (s *Server) handleWait(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	count, timeout := 1, defaultWait
	if v := q.Get("count"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxStored {
			http.Error(w, "count: want a number from 1 to "+strconv.Itoa(maxStored), http.StatusBadRequest)
			return
		}
		count = n
	}
	if v := q.Get("timeout"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 || d > maxWait {
			http.Error(w, "timeout: want a duration such as 10s, at most "+maxWait.String(), http.StatusBadRequest)
			return
		}
		timeout = d
	}
	ctx, cancel := context.WithTimeout(r.Context(), timeout)
	defer cancel()
	msgs, err := s.Wait(ctx, q.Get("to"), count)
	switch {
	case err == nil:
		writeJSON(w, http.StatusOK, msgs)
	case r.Context().Err() != nil: // the client left
	case errors.Is(err, ErrTimeout):
		writeJSON(w, http.StatusRequestTimeout, waitTimeout{Error: err.Error(), Messages: msgs})
	default:
		writeJSON(w, http.StatusServiceUnavailable, waitTimeout{Error: err.Error(), Messages: msgs})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v) // the client may have gone; nothing to do then
}
