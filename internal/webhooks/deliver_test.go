package webhooks_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"tribune/internal/jobs"
	"tribune/internal/webhooks"
)

// published publishes one event to url and returns the job payload to
// deliver and the request body it holds.
func published(t *testing.T, h *webhooks.Hooks, q *fakeQueue, url string) (string, string) {
	t.Helper()
	e := webhooks.Event{Type: webhooks.CommentDecided,
		Data: webhooks.CommentData{CommentID: "c1", Decision: "publish", ModeratorID: "m1"}}
	if err := h.Publish(t.Context(), e); err != nil {
		t.Fatalf("Publish() = %v", err)
	}
	for _, j := range q.enqueued() {
		if p := decodePayload(t, j); p.URL == url {
			return j.Payload, p.Body
		}
	}
	t.Fatalf("no job for %s", url)
	return "", ""
}

func TestDeliverySendsSignedRequest(t *testing.T) {
	type request struct {
		method string
		header http.Header
		body   []byte
	}
	got := make(chan request, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- request{r.Method, r.Header.Clone(), b}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	q := &fakeQueue{}
	h := webhooks.New(webhooks.Config{URLs: []string{srv.URL}, Secret: testSecret}, q)
	payload, body := published(t, h, q, srv.URL)

	if err := h.Handler()(t.Context(), payload); err != nil {
		t.Fatalf("Handler() = %v, want nil", err)
	}
	r := <-got
	if r.method != http.MethodPost || string(r.body) != body {
		t.Errorf("request = %s with body %s, want POST with %s", r.method, r.body, body)
	}
	p := decodePayload(t, q.enqueued()[0])
	for name, want := range map[string]string{
		"Content-Type":       "application/json",
		"User-Agent":         "Tribune-Webhooks",
		"X-Tribune-Event":    "comment.decided",
		"X-Tribune-Delivery": p.EventID,
	} {
		if v := r.header.Get(name); v != want {
			t.Errorf("header %s = %q, want %q", name, v, want)
		}
	}
	sig := r.header.Get("X-Tribune-Signature")
	if err := webhooks.Verify(testSecret, sig, r.body, time.Now(), 0); err != nil {
		t.Errorf("Verify(%q) = %v, want nil", sig, err)
	}
	if err := webhooks.Verify("some-other-secret-value", sig, r.body, time.Now(), 0); !errors.Is(err, webhooks.ErrBadSignature) {
		t.Errorf("Verify(wrong secret, %q) = %v, want %v", sig, err, webhooks.ErrBadSignature)
	}
}

// outcome is how a delivery attempt ended, as the jobs queue sees it.
type outcome string

const (
	done      outcome = "done"
	retry     outcome = "retry"
	permanent outcome = "permanent"
)

func outcomeOf(err error) outcome {
	switch {
	case err == nil:
		return done
	case errors.Is(err, jobs.ErrPermanent):
		return permanent
	default:
		return retry
	}
}

func TestDeliveryStatus(t *testing.T) {
	tests := []struct {
		status int
		want   outcome
	}{
		{200, done},
		{201, done},
		{202, done},
		{204, done},
		{301, permanent},
		{302, permanent},
		{307, permanent},
		{400, permanent},
		{401, permanent},
		{403, permanent},
		{404, permanent},
		{408, retry},
		{410, permanent},
		{413, permanent},
		{422, permanent},
		{425, retry},
		{429, retry},
		{500, retry},
		{502, retry},
		{503, retry},
		{504, retry},
	}
	var redirected atomic.Int32
	target := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { redirected.Add(1) }))
	defer target.Close()
	for _, tc := range tests {
		t.Run(http.StatusText(tc.status), func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Location", target.URL)
				w.WriteHeader(tc.status)
				io.WriteString(w, "a body that is read and discarded")
			}))
			defer srv.Close()
			q := &fakeQueue{}
			h := webhooks.New(webhooks.Config{URLs: []string{srv.URL}, Secret: testSecret}, q)
			payload, _ := published(t, h, q, srv.URL)
			err := h.Handler()(t.Context(), payload)
			if got := outcomeOf(err); got != tc.want {
				t.Errorf("delivery answered %d = %v (%s), want %s", tc.status, err, got, tc.want)
			}
		})
	}
	if n := redirected.Load(); n != 0 {
		t.Errorf("redirect target got %d requests, want 0 (redirects are not followed)", n)
	}
}

func TestDeliveryNetworkErrorIsRetried(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL + "/hook?token=secret-token"
	srv.Close() // nothing listens there any more
	q := &fakeQueue{}
	h := webhooks.New(webhooks.Config{URLs: []string{url}, Secret: testSecret}, q)
	payload, _ := published(t, h, q, url)
	err := h.Handler()(t.Context(), payload)
	if outcomeOf(err) != retry {
		t.Fatalf("delivery to a closed port = %v, want a retryable error", err)
	}
	if msg := err.Error(); strings.Contains(msg, "secret-token") {
		t.Errorf("error %q repeats the URL's token", msg)
	}
}

// hangingTransport never answers: it waits for the request to be cancelled.
type hangingTransport struct{}

func (hangingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	<-r.Context().Done()
	return nil, r.Context().Err()
}

func TestDeliveryTimeoutIsRetried(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const url = "https://slow.example/hook"
		q := &fakeQueue{}
		h := webhooks.New(webhooks.Config{URLs: []string{url}, Secret: testSecret,
			Client: &http.Client{Transport: hangingTransport{}}}, q)
		payload, _ := published(t, h, q, url)
		start := time.Now()
		err := h.Handler()(context.Background(), payload)
		if outcomeOf(err) != retry || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("delivery without an answer = %v, want a retryable deadline error", err)
		}
		if waited := time.Since(start); waited != 10*time.Second {
			t.Errorf("delivery gave up after %v, want 10s", waited)
		}
	})
}

func TestHandlerRefuses(t *testing.T) {
	const url = "https://tools.example/hook"
	q := &fakeQueue{}
	configured := webhooks.New(webhooks.Config{URLs: []string{url}, Secret: testSecret}, q)
	payload, _ := published(t, configured, q, url)
	tests := []struct {
		name    string
		h       *webhooks.Hooks
		payload string
	}{
		{"malformed payload", configured, "{not json"},
		{"URL no longer configured", webhooks.New(webhooks.Config{URLs: []string{"https://other.example/"}, Secret: testSecret}, q), payload},
		{"webhooks turned off", webhooks.New(webhooks.Config{}, q), payload},
		{"nil hooks", nil, payload},
		{"no secret", webhooks.New(webhooks.Config{URLs: []string{url}}, q), payload},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.h.Handler()(t.Context(), tc.payload); outcomeOf(err) != permanent {
				t.Errorf("Handler()(%.30q) = %v, want a permanent error", tc.payload, err)
			}
		})
	}
}
