package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"tribune/internal/store"
	"tribune/internal/store/storetest"
)

func TestEditComment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, 0)
		id := e.post(e.reader, "", "Frist!")["id"].(string)
		path := "/api/v1/comments/" + id
		firstText := func() any {
			list := e.do("GET", storyComments, anonymous, nil).json(t)["comments"].([]any)
			return list[0].(map[string]any)["text"]
		}
		if got := firstText(); got != "Frist!" {
			t.Fatalf("listed text before the edit = %q, want Frist!", got)
		}

		r := e.do("PATCH", path, bearer(e.reader), map[string]any{"text": "First!"})
		m := r.json(t)
		c, _ := m["comment"].(map[string]any)
		if r.status != http.StatusOK || m["status"] != "published" || c["text"] != "First!" || c["edited_at"] == nil {
			t.Fatalf("PATCH by the author within the window: %d %s, want 200 with the new text and edited_at", r.status, r.body)
		}
		// Readers' listings show the edit at once.
		if got := firstText(); got != "First!" {
			t.Errorf("listed text after the edit = %q, want First!", got)
		}
		if _, ok := c["edited_by_moderator"]; ok {
			t.Errorf("author's edit: edited_by_moderator = %v, want it omitted", c["edited_by_moderator"])
		}

		tests := []struct {
			name   string
			who    as
			body   string
			status int
		}{
			{"another reader", bearer(e.other), `{"text": "Hijacked."}`, http.StatusForbidden},
			{"moderator without reason", bearer(e.mod), `{"text": "Tidied."}`, http.StatusUnprocessableEntity},
			{"moderator with a short reason", bearer(e.mod), `{"text": "Tidied.", "reason": "x"}`, http.StatusUnprocessableEntity},
			{"stale version", bearer(e.reader), `{"text": "Again.", "version": 1}`, http.StatusConflict},
			{"empty text", bearer(e.reader), `{"text": ""}`, http.StatusUnprocessableEntity},
			{"bad JSON", bearer(e.reader), `{"text":`, http.StatusBadRequest},
			{"body over 64 KiB", bearer(e.reader), `{"text": "` + strings.Repeat("a", 65<<10) + `"}`, http.StatusRequestEntityTooLarge},
		}
		for _, tt := range tests {
			r := e.do("PATCH", path, tt.who, tt.body)
			if r.status != tt.status {
				t.Errorf("PATCH by %s: status %d body %s, want %d", tt.name, r.status, r.body, tt.status)
				continue
			}
			r.errorText(t)
		}

		r = e.do("PATCH", path, bearer(e.mod), map[string]any{"text": "First, tidied.", "reason": "typo in a name", "version": 2})
		c, _ = r.json(t)["comment"].(map[string]any)
		if r.status != http.StatusOK || c["text"] != "First, tidied." || c["edited_by_moderator"] != true {
			t.Errorf("PATCH by a moderator with a reason: %d %s, want 200 and edited_by_moderator", r.status, r.body)
		}

		// After the edit window only moderators may edit.
		e.clock.Add(16 * time.Minute)
		if r := e.do("PATCH", path, bearer(e.reader), `{"text": "Late."}`); r.status != http.StatusUnprocessableEntity {
			t.Errorf("PATCH by the author after the window: status %d body %s, want 422", r.status, r.body)
		}
		if r := e.do("PATCH", path, bearer(e.mod), `{"text": "Late, by a moderator.", "reason": "legal request"}`); r.status != http.StatusOK {
			t.Errorf("PATCH by a moderator after the window: status %d body %s, want 200", r.status, r.body)
		}

		// Versions: moderators only.
		if r := e.do("GET", path+"/versions", bearer(e.reader), nil); r.status != http.StatusForbidden {
			t.Errorf("GET versions as the author: status %d body %s, want 403", r.status, r.body)
		}
		r = e.do("GET", path+"/versions", bearer(e.mod), nil)
		vs, _ := r.json(t)["versions"].([]any)
		if r.status != http.StatusOK || len(vs) != 4 {
			t.Fatalf("GET versions as a moderator: %d %s, want 200 with 4 versions", r.status, r.body)
		}
		want := []struct{ text, editor, reason string }{
			{"Frist!", "Anna", ""}, {"First!", "Anna", ""}, {"First, tidied.", "Mia", "typo in a name"},
			{"Late, by a moderator.", "Mia", "legal request"},
		}
		for i, w := range want {
			v := vs[i].(map[string]any)
			if v["version"] != float64(i+1) || v["text"] != w.text || v["editor"] != w.editor || v["reason"] != w.reason {
				t.Errorf("version %d = %v, want text %q by %s, reason %q", i+1, v, w.text, w.editor, w.reason)
			}
		}
	})
}

func TestDeleteComment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, 0)
		id := e.post(e.reader, "", "Regrettable.")["id"].(string)
		kept := e.post(e.reader, "", "Kept.")["id"].(string)
		reply := e.post(e.other, kept, "A reply.")["id"].(string)
		path := "/api/v1/comments/" + id
		if got, _ := e.listAll(t, "", 50); len(got) != 3 {
			t.Fatalf("list before deletes = %v, want 3 comments", got)
		}

		if r := e.do("DELETE", path, bearer(e.other), nil); r.status != http.StatusForbidden {
			t.Errorf("DELETE by another reader: status %d body %s, want 403", r.status, r.body)
		}
		r := e.do("DELETE", path, bearer(e.reader), nil)
		if r.status != http.StatusNoContent || len(r.body) != 0 {
			t.Fatalf("DELETE by the author: status %d body %q, want 204 and no body", r.status, r.body)
		}
		if r := e.do("DELETE", path, bearer(e.reader), nil); r.status != http.StatusNoContent {
			t.Errorf("DELETE again: status %d body %s, want 204", r.status, r.body)
		}
		r = e.do("GET", path, anonymous, nil)
		c, _ := r.json(t)["comment"].(map[string]any)
		if r.status != http.StatusOK || c["status"] != "deleted" || c["text"] != "" || c["html"] != "" {
			t.Errorf("GET a deleted comment: %d %s, want status deleted without text", r.status, r.body)
		}
		if r := e.do("PATCH", path, bearer(e.reader), `{"text": "Back."}`); r.status != http.StatusUnprocessableEntity {
			t.Errorf("PATCH a deleted comment: status %d body %s, want 422", r.status, r.body)
		}
		if r := e.do("POST", path+"/reports", bearer(e.other), `{"rule": "spam"}`); r.status != http.StatusUnprocessableEntity {
			t.Errorf("report a deleted comment: status %d body %s, want 422", r.status, r.body)
		}

		// A moderator deletes a comment with replies: it stays as a
		// placeholder that keeps the thread's shape.
		if r := e.do("DELETE", "/api/v1/comments/"+kept, bearer(e.mod), nil); r.status != http.StatusNoContent {
			t.Fatalf("DELETE by a moderator: status %d body %s, want 204", r.status, r.body)
		}
		got, _ := e.listAll(t, "", 50)
		if strings.Join(got, " ") != kept+" "+reply {
			t.Errorf("list after deletes = %v, want the placeholder %s and its reply %s", got, kept, reply)
		}
	})
}

func TestReportComment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, 0)
		path := "/api/v1/comments/" + e.post(e.reader, "", "You are all wrong.")["id"].(string) + "/reports"
		r := e.do("POST", path, bearer(e.other), `{"rule": "insult", "note": "Calls us names."}`)
		if r.status != http.StatusCreated || r.json(t)["status"] != "reported" {
			t.Fatalf("report: %d %s, want 201 {\"status\": \"reported\"}", r.status, r.body)
		}
		tests := []struct {
			name   string
			who    as
			body   string
			status int
		}{
			{"the same reader again", bearer(e.other), `{"rule": "spam"}`, http.StatusConflict},
			{"an unknown rule", bearer(e.mod), `{"rule": "boring"}`, http.StatusUnprocessableEntity},
			{"no rule", bearer(e.mod), `{}`, http.StatusUnprocessableEntity},
			{"bad JSON", bearer(e.mod), `{"rule"`, http.StatusBadRequest},
			{"body over 64 KiB", bearer(e.mod), `{"rule": "spam", "note": "` + strings.Repeat("a", 65<<10) + `"}`, http.StatusRequestEntityTooLarge},
		}
		for _, tt := range tests {
			r := e.do("POST", path, tt.who, tt.body)
			if r.status != tt.status {
				t.Errorf("report with %s: status %d body %s, want %d", tt.name, r.status, r.body, tt.status)
				continue
			}
			r.errorText(t)
		}
		if r := e.do("POST", path, bearer(e.mod), `{"rule": "insult"}`); r.status != http.StatusCreated {
			t.Errorf("report by a second reader: status %d body %s, want 201", r.status, r.body)
		}
	})
}

// TestModerationView: moderators see what the engine saw; readers, the
// author included, do not.
func TestModerationView(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, 0)
		id := e.post(e.reader, "", "A comment to look at.")["id"].(string)
		path := "/api/v1/comments/" + id
		for _, tc := range []struct {
			name string
			who  as
			want bool
		}{
			{"anonymous", anonymous, false},
			{"the author", bearer(e.reader), false},
			{"a moderator", bearer(e.mod), true},
		} {
			m := e.do("GET", path, tc.who, nil).json(t)
			mv, ok := m["moderation"].(map[string]any)
			if ok != tc.want {
				t.Errorf("%s: moderation = %v, want present %v", tc.name, m["moderation"], tc.want)
				continue
			}
			if ok {
				if _, isMap := mv["scores"].(map[string]any); !isMap || mv["needs_review"] != false || mv["report_count"] != float64(0) {
					t.Errorf("%s: moderation = %v", tc.name, mv)
				}
			}
		}
	})
}
