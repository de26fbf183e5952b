package webhooks_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"tribune/internal/jobs"
	"tribune/internal/store/storetest"
	"tribune/internal/webhooks"
)

// TestThroughTheJobsQueue runs deliveries through the real queue: a
// receiver that fails once with 503 gets the same event again after the
// backoff, and one answering 410 Gone is not tried again.
func TestThroughTheJobsQueue(t *testing.T) {
	st := storetest.SQLite(t)
	var mu sync.Mutex
	var deliveries []string // "path delivery-id"
	answers := map[string][]int{"/flaky": {503, 200}, "/gone": {410, 410}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if err := webhooks.Verify(testSecret, r.Header.Get(webhooks.HeaderSignature), body, time.Now(), 0); err != nil {
			t.Errorf("receiver: Verify() = %v", err)
		}
		mu.Lock()
		defer mu.Unlock()
		deliveries = append(deliveries, r.URL.Path+" "+r.Header.Get(webhooks.HeaderDelivery))
		w.WriteHeader(answers[r.URL.Path][0])
		answers[r.URL.Path] = answers[r.URL.Path][1:]
	}))
	defer srv.Close()

	now := time.Date(2026, 1, 2, 15, 0, 0, 0, time.UTC)
	runner := jobs.New(st, nil, jobs.Options{Now: func() time.Time { return now }})
	h := webhooks.New(webhooks.Config{URLs: []string{srv.URL + "/flaky", srv.URL + "/gone"}, Secret: testSecret, Kick: runner.Kick}, st)
	runner.Handle(webhooks.JobKind, h.Handler())
	// Enqueued jobs run from their creation time, the wall clock; the
	// runner's clock starts after it.
	now = time.Now().Add(time.Second)
	if err := h.Publish(t.Context(), webhooks.Event{ID: "evt-1", Type: webhooks.UserBlocked, Data: webhooks.UserData{UserID: "u1"}}); err != nil {
		t.Fatalf("Publish() = %v", err)
	}
	if n, err := runner.RunDue(t.Context()); n != 2 || err != nil {
		t.Fatalf("first RunDue() = %d, %v; want 2, nil", n, err)
	}
	now = now.Add(time.Minute) // past the first backoff (10 s at most)
	if n, err := runner.RunDue(t.Context()); n != 1 || err != nil {
		t.Fatalf("second RunDue() = %d, %v; want 1 (the retry of /flaky), nil", n, err)
	}
	now = now.Add(24 * time.Hour)
	if n, err := runner.RunDue(t.Context()); n != 0 || err != nil {
		t.Fatalf("third RunDue() = %d, %v; want 0 (one delivered, one gone), nil", n, err)
	}
	mu.Lock()
	defer mu.Unlock()
	want := map[string]int{"/flaky evt-1": 2, "/gone evt-1": 1}
	got := map[string]int{}
	for _, d := range deliveries {
		got[d]++
	}
	if len(got) != len(want) || got["/flaky evt-1"] != 2 || got["/gone evt-1"] != 1 {
		t.Errorf("deliveries = %q, want %v", deliveries, want)
	}
}
