package api_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"tribune/internal/store"
	"tribune/internal/store/storetest"
)

// sseEvent is one parsed Server-Sent Event.
type sseEvent struct {
	id, event, data string
}

// sseStream reads an open event stream line by line.
type sseStream struct {
	resp *http.Response
	// lines carries every line read, comments included; closed at EOF.
	lines  chan string
	cancel context.CancelFunc
}

// openStream connects to an article's stream and waits for the server's
// ": connected" comment, sent once the subscription is in place.
func openStream(t *testing.T, base, slug string, header map[string]string, query string) *sseStream {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	t.Cleanup(cancel)
	url := base + "/api/v1/articles/" + slug + "/comments/stream" + query
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d, want 200", url, resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("stream Content-Type = %q, want text/event-stream", ct)
	}
	s := &sseStream{resp: resp, lines: make(chan string, 256), cancel: cancel}
	go func() {
		defer close(s.lines)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			s.lines <- sc.Text()
		}
	}()
	want := []string{"retry: 3000", ": connected", ""}
	deadline := time.After(streamWait)
	for _, w := range want {
		if got := s.line(t, deadline); got != w {
			t.Fatalf("stream preamble line %q, want %q", got, w)
		}
	}
	return s
}

// streamWait bounds how long a test waits for what should come; it only
// turns a hang into a failure, it orders nothing. Heartbeats do not extend
// it.
const streamWait = 20 * time.Second

// line reads the next line, failing the test at deadline.
func (s *sseStream) line(t *testing.T, deadline <-chan time.Time) string {
	t.Helper()
	select {
	case l, ok := <-s.lines:
		if !ok {
			t.Fatal("the stream ended")
		}
		return l
	case <-deadline:
		t.Fatalf("nothing within %s", streamWait)
	}
	return ""
}

// next reads the next event, skipping comment lines such as ": ping".
func (s *sseStream) next(t *testing.T) sseEvent {
	t.Helper()
	deadline := time.After(streamWait)
	var ev sseEvent
	for {
		l := s.line(t, deadline)
		switch {
		case l == "":
			if ev != (sseEvent{}) {
				return ev
			}
		case strings.HasPrefix(l, ":"):
		case strings.HasPrefix(l, "id: "):
			ev.id = l[4:]
		case strings.HasPrefix(l, "event: "):
			ev.event = l[7:]
		case strings.HasPrefix(l, "data: "):
			ev.data += l[6:]
		default:
			t.Fatalf("unexpected stream line %q", l)
		}
	}
}

// expect reads the next event and checks it carries comment c.
func (s *sseStream) expect(t *testing.T, c map[string]any) map[string]any {
	t.Helper()
	ev := s.next(t)
	seq := strconv.FormatFloat(c["seq"].(float64), 'f', -1, 64)
	var data map[string]any
	if err := json.Unmarshal([]byte(ev.data), &data); err != nil {
		t.Fatalf("event data %q: %v", ev.data, err)
	}
	if ev.event != "comment" || ev.id != seq || data["id"] != c["id"] || data["seq"] != c["seq"] || data["text"] != c["text"] {
		t.Fatalf("event id %q event %q data %s; want id %s, event comment, comment %v %q", ev.id, ev.event, ev.data, seq, c["id"], c["text"])
	}
	return data
}

func TestStream(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, 0)
		srv := httptest.NewServer(e.mux)
		t.Cleanup(srv.Close)
		if _, _, err := st.SaveArticle(t.Context(), store.ArticleInput{Slug: "elsewhere", Headline: "Elsewhere", Body: "x",
			SectionPath: []string{"World"}, PublishedAt: time.Now().Add(-time.Hour)}); err != nil {
			t.Fatal(err)
		}

		live := openStream(t, srv.URL, "story", nil, "")
		first := e.post(e.reader, "", "Live one.")
		got := live.expect(t, first)
		if got["author"].(map[string]any)["name"] != "Anna" || got["html"] != "<p>Live one.</p>\n" || got["created_at"] != first["created_at"] {
			t.Errorf("event data %v, want the comment as the POST returned it (%v)", got, first)
		}
		// A comment on another article does not reach this stream; the
		// next event is the reply.
		other := e.do("POST", "/api/v1/articles/elsewhere/comments", bearer(e.reader), `{"text": "Not here."}`)
		if other.status != http.StatusCreated {
			t.Fatalf("POST on another article: %d %s", other.status, other.body)
		}
		second := e.post(e.other, first["id"].(string), "Live reply.")
		if got := live.expect(t, second); got["parent_id"] != first["id"] {
			t.Errorf("reply event parent_id = %v, want %v", got["parent_id"], first["id"])
		}
		third := e.post(e.reader, "", "Live three.")
		live.expect(t, third)

		// A client that saw only the first comment resumes from its id
		// and gets what it missed, then new ones live.
		seq1 := strconv.FormatFloat(first["seq"].(float64), 'f', -1, 64)
		missed := []map[string]any{second, third}
		for _, resume := range []struct {
			name   string
			header map[string]string
			query  string
		}{
			{"Last-Event-ID header", map[string]string{"Last-Event-ID": seq1}, ""},
			{"last_event_id query", nil, "?last_event_id=" + seq1},
		} {
			s := openStream(t, srv.URL, "story", resume.header, resume.query)
			for _, c := range missed {
				s.expect(t, c)
			}
			fourth := e.post(e.reader, "", "After the resume via "+resume.name+".")
			s.expect(t, fourth)
			live.expect(t, fourth)
			missed = append(missed, fourth)
			s.cancel()
		}
	})
}

func TestStreamNotFound(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), 0)
	for _, slug := range []string{"no-such-story", "tomorrow"} {
		r := e.do("GET", "/api/v1/articles/"+slug+"/comments/stream", anonymous, nil)
		if r.status != http.StatusNotFound || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
			t.Errorf("stream of %s: status %d Content-Type %q, want 404 JSON", slug, r.status, r.header.Get("Content-Type"))
		}
	}
}
