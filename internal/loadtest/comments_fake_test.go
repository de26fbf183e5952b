package loadtest

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// The stand-in tribune's side of the comments contract, for the end-to-end
// test of the comment modes: "user create" and "token create" on the
// command line, and the comment list, post and stream endpoints, with
// comments appended to a file and synced before the 201 so that they
// survive the post mode's SIGKILL.

// fakeAccountCLI plays "tribune user create" and "tribune token create".
func fakeAccountCLI(args []string) error {
	var email string
	for i := 2; i+1 < len(args); i++ {
		if args[i] == "--email" {
			email = args[i+1]
		}
	}
	if email == "" {
		return errors.New("--email is required")
	}
	switch args[0] + " " + args[1] {
	case "user create":
		fmt.Printf("created reader <%s>\npassword (shown once): pw\n", email)
	case "token create":
		fmt.Println("tok-" + strings.NewReplacer("@", "-", ".", "-").Replace(email))
	default:
		return fmt.Errorf("fake: %v not supported", args[:2])
	}
	return nil
}

// fakeComment is one stored comment, also the stream event's data.
type fakeComment struct {
	Slug     string `json:"slug"`
	ID       string `json:"id"`
	Seq      int64  `json:"seq"`
	ParentID string `json:"parent_id,omitempty"`
	Text     string `json:"text"`
}

// fakeComments is the stand-in's comment store and stream hub.
type fakeComments struct {
	mu      sync.Mutex
	file    *os.File
	seq     int64
	bySlug  map[string][]fakeComment
	streams map[chan fakeComment]bool
	dataDir string
}

func fakeCommentRoutes(ctx context.Context, mux *http.ServeMux, dataDir string) error {
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return err
	}
	path := filepath.Join(dataDir, "comments.jsonl")
	fc := &fakeComments{bySlug: make(map[string][]fakeComment), streams: make(map[chan fakeComment]bool), dataDir: dataDir}
	if err := fc.load(path); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	fc.file = f
	mux.HandleFunc("GET /api/v1/articles/{slug}/comments", fc.list)
	mux.HandleFunc("POST /api/v1/articles/{slug}/comments", fc.post)
	mux.HandleFunc("GET /api/v1/articles/{slug}/comments/stream", func(w http.ResponseWriter, r *http.Request) {
		fc.stream(ctx, w, r)
	})
	return nil
}

func (fc *fakeComments) load(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var c fakeComment
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return err
		}
		fc.bySlug[c.Slug] = append(fc.bySlug[c.Slug], c)
		fc.seq = max(fc.seq, c.Seq)
	}
	return sc.Err()
}

func (fc *fakeComments) article(w http.ResponseWriter, r *http.Request) (string, bool) {
	slug := r.PathValue("slug")
	if _, err := os.Stat(filepath.Join(fc.dataDir, "articles", slug+".md")); err != nil {
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"error": "no such article"}`)
		return "", false
	}
	return slug, true
}

func (fc *fakeComments) list(w http.ResponseWriter, r *http.Request) {
	slug, ok := fc.article(w, r)
	if !ok {
		return
	}
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	fc.mu.Lock()
	all := fc.bySlug[slug]
	page := all[:min(max(limit, 1), len(all))]
	out := map[string]any{"comments": page, "next_cursor": "", "total": len(all)}
	b, _ := json.Marshal(out)
	fc.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.Write(b)
}

func (fc *fakeComments) post(w http.ResponseWriter, r *http.Request) {
	slug, ok := fc.article(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer tok-") {
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error": "sign in"}`)
		return
	}
	var in struct {
		Text     string `json:"text"`
		ParentID string `json:"parent_id"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Text == "" {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, `{"error": "bad comment"}`)
		return
	}
	fc.mu.Lock()
	fc.seq++
	c := fakeComment{Slug: slug, ID: fmt.Sprintf("c%06d", fc.seq), Seq: fc.seq, ParentID: in.ParentID, Text: in.Text}
	line, _ := json.Marshal(c)
	_, err := fc.file.Write(append(line, '\n'))
	if err == nil {
		err = fc.file.Sync()
	}
	if err == nil {
		fc.bySlug[slug] = append(fc.bySlug[slug], c)
		for ch := range fc.streams {
			select {
			case ch <- c:
			default: // a stuck subscriber loses the event; the test would show it
			}
		}
	}
	fc.mu.Unlock()
	if err != nil {
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusCreated)
	// No seq in the answer: the benchmark must learn it from the stream.
	json.NewEncoder(w).Encode(map[string]any{"id": c.ID, "status": "published", "reasons": []any{},
		"comment": map[string]string{"id": c.ID, "text": c.Text}})
}

func (fc *fakeComments) stream(ctx context.Context, w http.ResponseWriter, r *http.Request) {
	slug, ok := fc.article(w, r)
	if !ok {
		return
	}
	ch := make(chan fakeComment, 64)
	fc.mu.Lock()
	fc.streams[ch] = true
	fc.mu.Unlock()
	defer func() {
		fc.mu.Lock()
		delete(fc.streams, ch)
		fc.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, ": ping\n\n")
	http.NewResponseController(w).Flush()
	for {
		select {
		case c := <-ch:
			if c.Slug != slug {
				continue
			}
			data, _ := json.Marshal(c)
			fmt.Fprintf(w, "id: %d\nevent: comment\ndata: %s\n\n", c.Seq, data)
			http.NewResponseController(w).Flush()
		case <-r.Context().Done():
			return
		case <-ctx.Done():
			return
		}
	}
}
