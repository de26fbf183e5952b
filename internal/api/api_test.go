package api_test

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"tribune/internal/comments"
	"tribune/internal/store"
	"tribune/internal/store/storetest"
)

const storyComments = "/api/v1/articles/story/comments"

func TestPostComment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, 0)
		r := e.do("POST", storyComments, bearer(e.reader), map[string]string{"text": "First!\r\n\r\nSee <b>this</b>."})
		if r.status != http.StatusCreated {
			t.Fatalf("POST comment: status %d body %s, want 201", r.status, r.body)
		}
		if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("Content-Type = %q, want application/json", ct)
		}
		m := r.json(t)
		c, _ := m["comment"].(map[string]any)
		if m["status"] != "published" || m["id"] == "" || c == nil || c["id"] != m["id"] {
			t.Fatalf("POST answer = %s, want status published and the comment with the same id", r.body)
		}
		if reasons, ok := m["reasons"].([]any); !ok || len(reasons) != 0 {
			t.Errorf("reasons = %v, want []", m["reasons"])
		}
		author, _ := c["author"].(map[string]any)
		if author["id"] != e.reader.ID || author["name"] != "Anna" {
			t.Errorf("author = %v, want %s Anna", author, e.reader.ID)
		}
		if c["text"] != "First!\n\nSee <b>this</b>." || !strings.Contains(c["html"].(string), "&lt;b&gt;") {
			t.Errorf("text %q html %q: want the cleaned text and escaped HTML", c["text"], c["html"])
		}
		if seq, _ := c["seq"].(float64); seq < 1 {
			t.Errorf("seq = %v, want ≥ 1 for a published comment", c["seq"])
		}
		if _, err := time.Parse(time.RFC3339, c["created_at"].(string)); err != nil {
			t.Errorf("created_at %q: %v", c["created_at"], err)
		}
		if _, ok := c["parent_id"]; ok {
			t.Errorf("a top-level comment has parent_id %v; want it omitted", c["parent_id"])
		}

		reply := e.post(e.other, c["id"].(string), "A reply.")
		to, _ := reply["reply_to"].(map[string]any)
		if reply["parent_id"] != c["id"] || to["name"] != "Anna" {
			t.Errorf("reply parent_id %v reply_to %v, want %v and Anna", reply["parent_id"], reply["reply_to"], c["id"])
		}
		// The POST answer is durable: the comment is there right away.
		got := e.do("GET", "/api/v1/comments/"+reply["id"].(string), anonymous, nil)
		if got.status != http.StatusOK {
			t.Errorf("GET the new reply: status %d body %s", got.status, got.body)
		}
	})
}

func TestPostValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, 0)
		tests := []struct {
			name   string
			body   string
			status int
		}{
			{"empty", `{"text": ""}`, http.StatusUnprocessableEntity},
			{"only spaces", `{"text": " \n\t "}`, http.StatusUnprocessableEntity},
			{"no text", `{}`, http.StatusUnprocessableEntity},
			{"invalid UTF-8", "{\"text\": \"bad \xff\xfe bytes\"}", http.StatusUnprocessableEntity},
			{"control character", `{"text": "bell \u0007 here"}`, http.StatusUnprocessableEntity},
			{"too long", `{"text": "` + strings.Repeat("é", comments.MaxLength+1) + `"}`, http.StatusUnprocessableEntity},
			{"too many lines", `{"text": "` + strings.Repeat("line\\n", comments.MaxLines+1) + `"}`, http.StatusUnprocessableEntity},
			{"unknown parent", `{"text": "Hi.", "parent_id": "no-such-comment"}`, http.StatusUnprocessableEntity},
			{"body over 64 KiB", `{"text": "` + strings.Repeat("a", 64<<10) + `"}`, http.StatusRequestEntityTooLarge},
			{"bad JSON", `{"text": "unterminated`, http.StatusBadRequest},
			{"not an object", `["text"]`, http.StatusBadRequest},
			{"wrong type", `{"text": 42}`, http.StatusBadRequest},
		}
		for _, tt := range tests {
			r := e.do("POST", storyComments, bearer(e.reader), tt.body)
			if r.status != tt.status {
				t.Errorf("POST %s: status %d body %s, want %d", tt.name, r.status, r.body, tt.status)
				continue
			}
			r.errorText(t)
		}
		// Exactly MaxLength characters is still fine.
		e.post(e.reader, "", strings.Repeat("é", comments.MaxLength))
	})
}

func TestAuth(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, 0)
		c := e.post(e.reader, "", "Mine.")
		id := c["id"].(string)
		revoked := e.user("revoked@example.org", "Vera", store.RoleReader)
		if err := e.acc.RevokeAPIToken(t.Context(), e.token[revoked.ID]); err != nil {
			t.Fatal(err)
		}
		endpoints := []struct{ method, path, body string }{
			{"GET", "/api/v1/me", ""},
			{"POST", storyComments, `{"text": "Hello."}`},
			{"PATCH", "/api/v1/comments/" + id, `{"text": "Changed."}`},
			{"DELETE", "/api/v1/comments/" + id, ""},
			{"POST", "/api/v1/comments/" + id + "/reports", `{"rule": "spam"}`},
			{"GET", "/api/v1/comments/" + id + "/versions", ""},
		}
		callers := []struct {
			name string
			who  as
		}{
			{"no credentials", anonymous},
			{"another scheme", as{header: map[string]string{"Authorization": "Basic YTpi"}}},
			{"unknown token", as{header: map[string]string{"Authorization": "Bearer trb_nosuchtoken"}}},
			{"malformed token", as{header: map[string]string{"Authorization": "Bearer " + strings.Repeat("x", 200)}}},
			{"revoked token", bearer(revoked)},
			{"unknown session cookie", as{cookie: "nobody"}},
		}
		for _, ep := range endpoints {
			for _, cl := range callers {
				var body any
				if ep.body != "" {
					body = ep.body
				}
				r := e.do(ep.method, ep.path, cl.who, body)
				if r.status != http.StatusUnauthorized {
					t.Errorf("%s %s with %s: status %d body %s, want 401", ep.method, ep.path, cl.name, r.status, r.body)
					continue
				}
				r.errorText(t)
			}
		}
		// The comment survived all of that.
		if got, _ := st.CommentByID(t.Context(), id); got.Status != store.CommentPublished || got.Body != "Mine." {
			t.Errorf("after unauthenticated calls the comment is %q %q, want published \"Mine.\"", got.Status, got.Body)
		}

		r := e.do("GET", "/api/v1/me", bearer(e.mod), nil)
		m := r.json(t)
		if r.status != http.StatusOK || m["id"] != e.mod.ID || m["role"] != "moderator" || m["email"] != "mod@example.org" ||
			m["email_verified"] != true || m["name"] != "Mia" {
			t.Errorf("GET /api/v1/me as the moderator: %d %s", r.status, r.body)
		}
		if m := e.do("GET", "/api/v1/me", bearer(e.unverified), nil).json(t); m["email_verified"] != false {
			t.Errorf("GET /api/v1/me unverified: email_verified = %v, want false", m["email_verified"])
		}
	})
}

func TestCookieAuth(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, 0)
		session := e.reader.ID
		noCSRF := as{cookie: session}
		badCSRF := as{cookie: session, header: map[string]string{"X-CSRF-Token": "csrf-someone-else"}}
		withCSRF := as{cookie: session, header: map[string]string{"X-CSRF-Token": "csrf-" + session}}

		if r := e.do("GET", "/api/v1/me", noCSRF, nil); r.status != http.StatusOK || r.json(t)["id"] != e.reader.ID {
			t.Errorf("GET /api/v1/me with the cookie: %d %s, want 200 and the reader (reads need no CSRF token)", r.status, r.body)
		}
		for _, who := range []as{noCSRF, badCSRF} {
			r := e.do("POST", storyComments, who, `{"text": "Forged?"}`)
			if r.status != http.StatusForbidden {
				t.Errorf("POST with the cookie and CSRF header %q: status %d body %s, want 403", who.header["X-CSRF-Token"], r.status, r.body)
			}
		}
		r := e.do("POST", storyComments, withCSRF, `{"text": "From the page."}`)
		if r.status != http.StatusCreated {
			t.Fatalf("POST with the cookie and the CSRF header: status %d body %s, want 201", r.status, r.body)
		}
		id := r.json(t)["id"].(string)
		for _, m := range []string{"PATCH", "DELETE"} {
			if r := e.do(m, "/api/v1/comments/"+id, noCSRF, `{"text": "x"}`); r.status != http.StatusForbidden {
				t.Errorf("%s with the cookie and no CSRF header: status %d, want 403", m, r.status)
			}
		}
		if r := e.do("DELETE", "/api/v1/comments/"+id, withCSRF, nil); r.status != http.StatusNoContent {
			t.Errorf("DELETE with the cookie and the CSRF header: status %d body %s, want 204", r.status, r.body)
		}
	})
}

func TestNotFound(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, 0)
		tests := []struct{ method, path, body string }{
			{"POST", "/api/v1/articles/no-such-story/comments", `{"text": "Hello."}`},
			{"GET", "/api/v1/articles/no-such-story/comments", ""},
			{"GET", "/api/v1/articles/no-such-story/comments/stream", ""},
			{"POST", "/api/v1/articles/tomorrow/comments", `{"text": "Too early."}`},
			{"GET", "/api/v1/articles/tomorrow/comments", ""},
			{"GET", "/api/v1/comments/no-such-comment", ""},
			{"PATCH", "/api/v1/comments/no-such-comment", `{"text": "x"}`},
			{"DELETE", "/api/v1/comments/no-such-comment", ""},
			{"POST", "/api/v1/comments/no-such-comment/reports", `{"rule": "spam"}`},
			{"GET", "/api/v1/no-such-endpoint", ""},
			{"PUT", "/api/v1/comments/x", ""},
		}
		for _, tt := range tests {
			var body any
			if tt.body != "" {
				body = tt.body
			}
			r := e.do(tt.method, tt.path, bearer(e.reader), body)
			if r.status != http.StatusNotFound {
				t.Errorf("%s %s: status %d body %s, want 404", tt.method, tt.path, r.status, r.body)
				continue
			}
			r.errorText(t)
		}
	})
}

func TestUnverified(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, 0)
		c := e.post(e.reader, "", "Hello.")
		for _, tt := range []struct{ method, path, body string }{
			{"POST", storyComments, `{"text": "Me too."}`},
			{"POST", "/api/v1/comments/" + c["id"].(string) + "/reports", `{"rule": "spam"}`},
		} {
			r := e.do(tt.method, tt.path, bearer(e.unverified), tt.body)
			if r.status != http.StatusForbidden {
				t.Errorf("%s %s unverified: status %d body %s, want 403", tt.method, tt.path, r.status, r.body)
				continue
			}
			if msg := r.errorText(t); !strings.Contains(msg, "confirm your email") {
				t.Errorf("%s %s unverified: error %q, want it to ask for the email confirmation", tt.method, tt.path, msg)
			}
		}
	})
}

func TestRateLimit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, 1)
		e.post(e.reader, "", "One.")
		r := e.do("POST", storyComments, bearer(e.reader), `{"text": "Two."}`)
		if r.status != http.StatusTooManyRequests {
			t.Fatalf("second comment within a minute: status %d body %s, want 429", r.status, r.body)
		}
		r.errorText(t)
		if s, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || s < 1 || s > 61 {
			t.Errorf("Retry-After = %q, want whole seconds from 1 to 61", r.header.Get("Retry-After"))
		}
		// The limit is per author, and lifts after the minute.
		e.post(e.other, "", "Other author.")
		e.clock.Add(61 * time.Second)
		e.post(e.reader, "", "Two, later.")
	})
}

func TestListComments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, 0)
		var ids []string
		for i := range 5 {
			ids = append(ids, e.post(e.reader, "", "Comment "+strconv.Itoa(i)+".")["id"].(string))
			e.clock.Add(time.Second)
		}
		// ids[2] gets two replies, ids[4] one: they lead "replies".
		var replies []string
		for _, p := range []string{ids[2], ids[4], ids[2]} {
			replies = append(replies, e.post(e.other, p, "Reply.")["id"].(string))
			e.clock.Add(time.Second)
		}
		all := append(append([]string(nil), ids...), replies...)
		reversed := make([]string, len(all))
		for i, id := range all {
			reversed[len(all)-1-i] = id
		}
		byReplies := append([]string{ids[2], ids[4], ids[0], ids[1], ids[3]}, replies...)

		tests := []struct {
			sort string
			want []string
		}{
			{"", all},
			{"oldest", all},
			{"newest", reversed},
			{"replies", byReplies},
		}
		for _, tt := range tests {
			got, pages := e.listAll(t, tt.sort, 3)
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("list sort=%q in pages of 3 = %v, want %v", tt.sort, got, tt.want)
			}
			if pages != 3 {
				t.Errorf("list sort=%q: %d pages of 3 for 8 comments, want 3", tt.sort, pages)
			}
		}

		// Default page size, total, reply counts.
		r := e.do("GET", storyComments, anonymous, nil)
		m := r.json(t)
		if r.status != http.StatusOK || m["total"] != float64(8) || m["next_cursor"] != "" || len(m["comments"].([]any)) != 8 {
			t.Errorf("GET list: %d %s, want 8 comments, total 8 and no next cursor", r.status, r.body)
		}
		for _, c := range m["comments"].([]any) {
			c := c.(map[string]any)
			if c["id"] == ids[2] && c["reply_count"] != float64(2) {
				t.Errorf("reply_count of %s = %v, want 2", ids[2], c["reply_count"])
			}
		}
	})
}

// listAll pages through an article's comments and returns their ids and
// how many pages it took.
func (e *env) listAll(t *testing.T, sort string, limit int) ([]string, int) {
	t.Helper()
	var ids []string
	cursor, pages := "", 0
	for {
		path := storyComments + "?limit=" + strconv.Itoa(limit)
		if sort != "" {
			path += "&sort=" + sort
		}
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		r := e.do("GET", path, anonymous, nil)
		if r.status != http.StatusOK {
			t.Fatalf("GET %s: status %d body %s", path, r.status, r.body)
		}
		m := r.json(t)
		pages++
		page := m["comments"].([]any)
		if len(page) > limit {
			t.Fatalf("GET %s: %d comments, more than the limit", path, len(page))
		}
		for _, c := range page {
			ids = append(ids, c.(map[string]any)["id"].(string))
		}
		cursor, _ = m["next_cursor"].(string)
		if cursor == "" || pages > 100 {
			return ids, pages
		}
	}
}

func TestListBadQuery(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, 0)
		cursor := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
		for _, q := range []string{
			"sort=best", "sort=OLDEST", "limit=0", "limit=-1", "limit=201", "limit=ten", "limit=1.5",
			"cursor=!!!", "cursor=" + cursor("o:-5"), "cursor=" + cursor("o:x"), "cursor=" + cursor("p:10"), "cursor=" + cursor("o:"),
		} {
			r := e.do("GET", storyComments+"?"+q, anonymous, nil)
			if r.status != http.StatusBadRequest {
				t.Errorf("GET list ?%s: status %d body %s, want 400", q, r.status, r.body)
				continue
			}
			r.errorText(t)
		}
		for _, q := range []string{"limit=1", "limit=200", "sort=replies", "cursor="} {
			if r := e.do("GET", storyComments+"?"+q, anonymous, nil); r.status != http.StatusOK {
				t.Errorf("GET list ?%s: status %d body %s, want 200", q, r.status, r.body)
			}
		}
	})
}

// TestHeldComments checks who sees a comment the moderation step held.
func TestHeldComments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, 0)
		id := store.NewID()
		now := e.clock.Now()
		if _, err := st.InsertComments(t.Context(), []store.Comment{{ID: id, RootID: id, ArticleID: e.art.ID, AuthorID: e.reader.ID,
			Body: "Held text.", Status: store.CommentHeld, Reasons: `[{"rule":"links","message":"Held for a look."}]`, CreatedAt: now}}); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name   string
			who    as
			status int
		}{
			{"anonymous", anonymous, http.StatusNotFound},
			{"another reader", bearer(e.other), http.StatusNotFound},
			{"the author", bearer(e.reader), http.StatusOK},
			{"the author by cookie", as{cookie: e.reader.ID}, http.StatusOK},
			{"a moderator", bearer(e.mod), http.StatusOK},
		}
		for _, tt := range tests {
			r := e.do("GET", "/api/v1/comments/"+id, tt.who, nil)
			if r.status != tt.status {
				t.Errorf("GET held comment as %s: status %d body %s, want %d", tt.name, r.status, r.body, tt.status)
				continue
			}
			if tt.status == http.StatusOK {
				m := r.json(t)
				reasons, _ := m["reasons"].([]any)
				if m["comment"].(map[string]any)["status"] != "held" || len(reasons) != 1 {
					t.Errorf("GET held comment as %s = %s, want status held and its reason", tt.name, r.body)
				}
			}
			list := e.do("GET", storyComments, tt.who, nil).json(t)
			if n := len(list["comments"].([]any)); (n == 1) != strings.HasPrefix(tt.name, "the author") || list["total"] != float64(0) {
				t.Errorf("list as %s: %d comments, total %v; want the held one only for its author, total 0", tt.name, n, list["total"])
			}
		}
	})
}
