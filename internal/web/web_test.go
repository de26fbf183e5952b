package web

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestAdapterStatus(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	var gotStatus int
	var gotMsg string
	a := Adapter{Log: log, Render: func(w http.ResponseWriter, r *http.Request, status int, msg string) {
		gotStatus, gotMsg = status, msg
		w.WriteHeader(status)
	}}
	tests := []struct {
		err        error
		wantStatus int
		wantMsg    string
	}{
		{NotFound("gone"), 404, "gone"},
		{BadRequest("fix it"), 400, "fix it"},
		{Forbidden("no"), 403, "no"},
		{errors.New("database password is hunter2"), 500, "Something went wrong on our side. Please try again in a moment."},
	}
	for _, tt := range tests {
		h := a.Handle(func(w http.ResponseWriter, r *http.Request) error { return tt.err })
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
		if gotStatus != tt.wantStatus || gotMsg != tt.wantMsg {
			t.Errorf("Handle(%v) rendered %d %q, want %d %q", tt.err, gotStatus, gotMsg, tt.wantStatus, tt.wantMsg)
		}
	}
}

func TestRecoverAndHeaders(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	render := func(w http.ResponseWriter, r *http.Request, status int, msg string) { http.Error(w, msg, status) }
	h := SecurityHeaders(true, Recover(log, render, http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") })))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != 500 {
		t.Errorf("panicking handler answered %d, want 500", rec.Code)
	}
	for _, name := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Strict-Transport-Security"} {
		if rec.Header().Get(name) == "" {
			t.Errorf("header %s missing", name)
		}
	}
}
