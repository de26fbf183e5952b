package webhooks_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"tribune/internal/store"
	"tribune/internal/webhooks"
)

const testSecret = "0123456789abcdef-test"

// fakeQueue records enqueued jobs; fail makes the enqueue of a job whose
// payload contains it fail.
type fakeQueue struct {
	mu   sync.Mutex
	jobs []store.Job
	fail string
}

func (q *fakeQueue) EnqueueJob(_ context.Context, j store.Job) (string, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.fail != "" && strings.Contains(j.Payload, q.fail) {
		return "", errors.New("database is down")
	}
	q.jobs = append(q.jobs, j)
	return "job-" + j.UniqueKey, nil
}

func (q *fakeQueue) enqueued() []store.Job {
	q.mu.Lock()
	defer q.mu.Unlock()
	return append([]store.Job(nil), q.jobs...)
}

// payload is the job payload as a test reads it.
type payload struct {
	URL       string `json:"url"`
	EventID   string `json:"event_id"`
	EventType string `json:"event_type"`
	Body      string `json:"body"`
}

func decodePayload(t *testing.T, j store.Job) payload {
	t.Helper()
	var p payload
	if err := json.Unmarshal([]byte(j.Payload), &p); err != nil {
		t.Fatalf("job payload %q: %v", j.Payload, err)
	}
	return p
}

func TestPublishEnqueuesOneJobPerURL(t *testing.T) {
	urls := []string{"https://tools.example/hook?token=abc", "http://127.0.0.1:9000/tribune"}
	q := &fakeQueue{}
	kicks := 0
	h := webhooks.New(webhooks.Config{URLs: append(urls, urls[0]), Secret: testSecret, Kick: func() { kicks++ }}, q)
	e := webhooks.Event{ID: "evt-1", Type: webhooks.CommentHeld, At: time.Date(2026, 1, 2, 18, 4, 5, 999, time.FixedZone("MSK", 3*3600)),
		Data: webhooks.CommentData{CommentID: "c1", ArticleID: "a1", AuthorID: "u1", RuleIDs: []string{"insult"}, Decision: "hold", Automated: true}}
	if err := h.Publish(t.Context(), e); err != nil {
		t.Fatalf("Publish() = %v, want nil", err)
	}
	const wantBody = `{"id":"evt-1","type":"comment.held","created_at":"2026-01-02T15:04:05Z",` +
		`"data":{"comment_id":"c1","article_id":"a1","author_id":"u1","rule_ids":["insult"],"decision":"hold","automated":true}}`
	jobs := q.enqueued()
	if len(jobs) != len(urls) {
		t.Fatalf("Publish enqueued %d jobs, want %d (one per distinct URL)", len(jobs), len(urls))
	}
	keys := map[string]bool{}
	for i, j := range jobs {
		if j.Kind != "webhook" {
			t.Errorf("job %d kind = %q, want %q", i, j.Kind, "webhook")
		}
		if j.MaxAttempts != webhooks.MaxAttempts {
			t.Errorf("job %d MaxAttempts = %d, want %d", i, j.MaxAttempts, webhooks.MaxAttempts)
		}
		if j.UniqueKey == "" || keys[j.UniqueKey] || strings.Contains(j.UniqueKey, "token") {
			t.Errorf("job %d UniqueKey = %q, want a distinct key without the URL's token", i, j.UniqueKey)
		}
		keys[j.UniqueKey] = true
		p := decodePayload(t, j)
		want := payload{URL: urls[i], EventID: "evt-1", EventType: "comment.held", Body: wantBody}
		if p != want {
			t.Errorf("job %d payload = %+v, want %+v", i, p, want)
		}
	}
	if kicks != 1 {
		t.Errorf("Kick called %d times, want 1", kicks)
	}
}

func TestPublishFillsIDAndTime(t *testing.T) {
	q := &fakeQueue{}
	h := webhooks.New(webhooks.Config{URLs: []string{"https://a.example/", "https://b.example/"}, Secret: testSecret}, q)
	before := time.Now().Add(-time.Second)
	if err := h.Publish(t.Context(), webhooks.Event{Type: webhooks.AppealReceived,
		Data: webhooks.AppealData{AppealID: "ap1", UserID: "u1", Subject: "block"}}); err != nil {
		t.Fatalf("Publish() = %v, want nil", err)
	}
	jobs := q.enqueued()
	if len(jobs) != 2 {
		t.Fatalf("Publish enqueued %d jobs, want 2", len(jobs))
	}
	a, b := decodePayload(t, jobs[0]), decodePayload(t, jobs[1])
	if len(a.EventID) != 36 || a.EventID != b.EventID || a.Body != b.Body {
		t.Errorf("event ids %q, %q and bodies %q, %q: want one generated UUID and one body for all URLs", a.EventID, b.EventID, a.Body, b.Body)
	}
	var body struct {
		ID        string         `json:"id"`
		Type      string         `json:"type"`
		CreatedAt time.Time      `json:"created_at"`
		Data      map[string]any `json:"data"`
	}
	if err := json.Unmarshal([]byte(a.Body), &body); err != nil {
		t.Fatalf("body %q: %v", a.Body, err)
	}
	if body.ID != a.EventID || body.Type != "appeal.received" || body.CreatedAt.Before(before) || body.CreatedAt.After(time.Now()) ||
		body.Data["appeal_id"] != "ap1" {
		t.Errorf("body = %+v, want id %s, type appeal.received, created now, appeal ap1", body, a.EventID)
	}
}

func TestPublishWithoutURLsDoesNothing(t *testing.T) {
	tests := []struct {
		name string
		h    func(q webhooks.Enqueuer) *webhooks.Hooks
	}{
		{"nil hooks", func(webhooks.Enqueuer) *webhooks.Hooks { return nil }},
		{"no URLs", func(q webhooks.Enqueuer) *webhooks.Hooks { return webhooks.New(webhooks.Config{Secret: testSecret}, q) }},
		{"empty URLs", func(q webhooks.Enqueuer) *webhooks.Hooks {
			return webhooks.New(webhooks.Config{URLs: []string{""}, Secret: testSecret}, q)
		}},
		{"no URLs, no secret, no queue", func(webhooks.Enqueuer) *webhooks.Hooks { return webhooks.New(webhooks.Config{}, nil) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := &fakeQueue{}
			err := tc.h(q).Publish(t.Context(), webhooks.Event{Type: webhooks.UserBlocked, Data: webhooks.UserData{UserID: "u1"}})
			if err != nil || len(q.enqueued()) != 0 {
				t.Errorf("Publish() = %v with %d jobs, want nil and none", err, len(q.enqueued()))
			}
		})
	}
}

func TestPublishErrors(t *testing.T) {
	urls := []string{"https://a.example/", "https://b.example/"}
	tests := []struct {
		name     string
		cfg      webhooks.Config
		q        *fakeQueue
		e        webhooks.Event
		wantJobs int
	}{
		{"unknown type", webhooks.Config{URLs: urls, Secret: testSecret}, &fakeQueue{}, webhooks.Event{Type: "comment.hold"}, 0},
		{"no secret", webhooks.Config{URLs: urls}, &fakeQueue{}, webhooks.Event{Type: webhooks.CommentDecided}, 0},
		{"data does not marshal", webhooks.Config{URLs: urls, Secret: testSecret}, &fakeQueue{},
			webhooks.Event{Type: webhooks.CommentDecided, Data: map[string]any{"c": make(chan int)}}, 0},
		{"one enqueue fails, the other URL still gets its job", webhooks.Config{URLs: urls, Secret: testSecret},
			&fakeQueue{fail: "a.example"}, webhooks.Event{Type: webhooks.CommentDecided}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := webhooks.New(tc.cfg, tc.q).Publish(t.Context(), tc.e)
			if err == nil {
				t.Errorf("Publish(%+v) = nil, want an error", tc.e)
			}
			if got := len(tc.q.enqueued()); got != tc.wantJobs {
				t.Errorf("Publish(%+v) enqueued %d jobs, want %d", tc.e, got, tc.wantJobs)
			}
		})
	}
}

func TestEventMarshalJSON(t *testing.T) {
	at := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	tests := []struct {
		e    webhooks.Event
		want string
	}{
		{webhooks.Event{ID: "e1", Type: webhooks.UserBlocked, At: at,
			Data: webhooks.UserData{UserID: "u1", Reason: "spam", RuleID: "spam", Permanent: true, Automated: true}},
			`{"id":"e1","type":"user.blocked","created_at":"2026-03-04T05:06:07Z","data":{"user_id":"u1","reason":"spam","rule":"spam","permanent":true,"automated":true}}`},
		{webhooks.Event{ID: "e2", Type: webhooks.CommentDecided, At: at,
			Data: webhooks.CommentData{CommentID: "c1", Decision: "reject", ModeratorID: "m1"}},
			`{"id":"e2","type":"comment.decided","created_at":"2026-03-04T05:06:07Z","data":{"comment_id":"c1","article_id":"","author_id":"","rule_ids":[],"decision":"reject","automated":false,"moderator_id":"m1"}}`},
		{webhooks.Event{ID: "e3", Type: webhooks.AppealReceived, At: at},
			`{"id":"e3","type":"appeal.received","created_at":"2026-03-04T05:06:07Z","data":{}}`},
	}
	for _, tc := range tests {
		got, err := json.Marshal(tc.e)
		if err != nil || string(got) != tc.want {
			t.Errorf("json.Marshal(%+v) = %s, %v; want %s", tc.e, got, err, tc.want)
		}
	}
}
