package site

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"tribune/internal/moderation/policy"
	"tribune/internal/store"
	"tribune/internal/store/storetest"
)

// heldComments stores n comments the machine held under the insult rule.
func heldComments(t testing.TB, st *store.Store, authorID string, n int) []string {
	t.Helper()
	art, err := st.ArticleBySlug(t.Context(), "story")
	if err != nil {
		t.Fatal(err)
	}
	var cs []store.Comment
	now := time.Now().UTC().Truncate(time.Millisecond)
	for i := range n {
		id := store.NewID()
		cs = append(cs, store.Comment{ID: id, RootID: id, ArticleID: art.ID, AuthorID: authorID, Body: fmt.Sprintf("Held comment number %d.", i),
			Status: store.CommentHeld, Reasons: `[{"rule":"insult","message":"No insults."}]`, Scores: `{"insult":0.93}`,
			CreatedAt: now.Add(time.Duration(i) * time.Millisecond)})
	}
	out, err := st.InsertComments(t.Context(), cs)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(out))
	for i, c := range out {
		ids[i] = c.ID
	}
	return ids
}

// moderatorBrowser signs in a new moderator.
func moderatorBrowser(t testing.TB, a *authSite) (*browser, store.User) {
	t.Helper()
	u, _, err := a.acc.CreateUser(t.Context(), "mod@example.org", "Moe", store.RoleModerator, pw)
	if err != nil {
		t.Fatal(err)
	}
	b := a.browser()
	if r := b.login("mod@example.org", pw); r.status != http.StatusSeeOther {
		t.Fatalf("moderator sign-in: %d", r.status)
	}
	return b, u
}

// TestModerationAccess: readers never reach the workspace; visitors are
// sent to sign in.
func TestModerationAccess(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		a, reader := commentSite(t, st)
		anon := a.browser()
		paths := []string{"/moderation", "/moderation/queue/held", "/moderation/queue/reported", "/moderation/queue/flagged",
			"/moderation/counts", "/moderation/appeals", "/moderation/audit", "/moderation/users/x", "/moderation/policy",
			"/moderation/quality", "/moderation/export/dsa"}
		for _, p := range paths {
			if r := anon.get(p); r.status != http.StatusSeeOther || !strings.HasPrefix(r.location, "/login") {
				t.Errorf("anonymous GET %s = %d %s, want a redirect to sign in", p, r.status, r.location)
			}
			if r := reader.get(p); r.status != http.StatusNotFound {
				t.Errorf("reader GET %s = %d, want 404", p, r.status)
			}
		}
		for _, p := range []string{"/moderation/decide", "/moderation/bulk", "/moderation/appeals/x", "/moderation/users/x/block",
			"/moderation/users/x/unblock", "/moderation/users/x/notes", "/moderation/users/x/role", "/moderation/policy"} {
			if r := reader.post("/account", p, url.Values{"id": {"x"}, "action": {"approve"}}); r.status != http.StatusNotFound {
				t.Errorf("reader POST %s = %d, want 404", p, r.status)
			}
		}
	})
}

// TestModerationDecisions: a moderator approves and rejects from the
// queue, by form and by script; a second decision on the same item is
// refused with who decided first; bulk decisions; the audit log, the user
// file and the author's notification.
func TestModerationDecisions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		a, _ := commentSite(t, st)
		mara, err := st.UserByEmail(t.Context(), "mara@example.org")
		if err != nil {
			t.Fatal(err)
		}
		ids := heldComments(t, st, mara.ID, 5)
		mod, _ := moderatorBrowser(t, a)
		q := mod.get("/moderation/queue/held")
		if q.status != http.StatusOK || !strings.Contains(q.body, "Held comment number 3.") || !strings.Contains(q.body, "insult 0.93") ||
			!strings.Contains(q.body, `data-count="held">5<`) {
			t.Fatalf("held queue: %d\n%s", q.status, q.body)
		}
		form := func(id, action string) url.Values {
			return url.Values{"id": {id}, "status": {"held"}, "review": {"0"}, "action": {action}, "rule": {"insult"},
				"next": {"/moderation/queue/held"}}
		}
		r := mod.post("/moderation/queue/held", "/moderation/decide", form(ids[0], "approve"))
		if r.status != http.StatusSeeOther || !strings.Contains(r.location, "done=approved") {
			t.Fatalf("approve: %d %s", r.status, r.location)
		}
		r = mod.post("/moderation/queue/held", "/moderation/decide", form(ids[0], "reject"))
		if r.status != http.StatusConflict || !strings.Contains(r.body, "Moe decided this item") {
			t.Errorf("second decision: %d\n%s", r.status, r.body)
		}
		// The script's path: JSON.
		v := form(ids[1], "reject")
		v.Set("csrf", csrfRE.FindStringSubmatch(mod.get("/moderation/queue/held").body)[1])
		req, _ := http.NewRequest(http.MethodPost, a.srv.URL+"/moderation/decide", strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Accept", "application/json")
		r = mod.do(req)
		if r.status != http.StatusOK || !strings.Contains(r.body, `"ok":true`) {
			t.Errorf("JSON reject: %d %s", r.status, r.body)
		}
		// Reject without a rule: refused, nothing changes.
		noRule := form(ids[2], "reject")
		noRule.Del("rule")
		if r = mod.post("/moderation/queue/held", "/moderation/decide", noRule); r.status != http.StatusUnprocessableEntity {
			t.Errorf("reject without a rule: %d", r.status)
		}
		// Bulk: the remaining three.
		bulk := url.Values{"action": {"reject"}, "rule": {"spam"}, "next": {"/moderation/queue/held"}}
		for _, id := range ids[2:] {
			bulk.Add("id", id)
			bulk.Set("status-"+id, "held")
			bulk.Set("review-"+id, "0")
		}
		if r = mod.post("/moderation/queue/held", "/moderation/bulk", bulk); r.status != http.StatusSeeOther {
			t.Errorf("bulk reject: %d\n%s", r.status, r.body)
		}
		var counts struct {
			Counts map[string]int `json:"counts"`
		}
		if err := json.Unmarshal([]byte(mod.get("/moderation/counts?queue=held").body), &counts); err != nil || counts.Counts["held"] != 0 {
			t.Errorf("counts after the queue is cleared = %+v, %v", counts, err)
		}
		// Four rejections of 2 and 2 points: the author is blocked at 4.
		u, _ := st.UserByID(t.Context(), mara.ID)
		if !u.Blocked() {
			t.Errorf("author not blocked after %d points", u.StrikePoints)
		}
		if r = mod.get("/moderation/audit?q=spam"); r.status != http.StatusOK || strings.Count(r.body, "comment.reject") < 3 {
			t.Errorf("audit search: %d", r.status)
		}
		if r = mod.get("/moderation/users/" + mara.ID); r.status != http.StatusOK || !strings.Contains(r.body, "Mara") ||
			!strings.Contains(r.body, "blocked") {
			t.Errorf("user file: %d", r.status)
		}
		if r = mod.post("/moderation/users/"+mara.ID, "/moderation/users/"+mara.ID+"/notes", url.Values{"note": {"Warned by email."}}); r.status != http.StatusSeeOther {
			t.Errorf("note: %d", r.status)
		}
		if r = mod.get("/moderation/users/" + mara.ID); !strings.Contains(r.body, "Warned by email.") {
			t.Errorf("note not shown")
		}
	})
}

// BenchmarkDecide measures one moderator decision's server time: the
// handler, the transaction (status, audit entry, statement of reasons,
// strike, perhaps a block) and the redirect, item after item through a
// queue of 500 held comments, as a moderator clearing it would.
func BenchmarkDecide(b *testing.B) {
	for _, db := range []string{"sqlite", "postgres"} {
		b.Run(db, func(b *testing.B) {
			var st *store.Store
			if db == "sqlite" {
				st = storetest.SQLite(b)
			} else {
				st = storetest.Postgres(b)
			}
			a := newAuthSite(b, st)
			if _, _, err := st.SaveArticle(b.Context(), store.ArticleInput{Slug: "story", Headline: "A story", Body: "Text.",
				SectionPath: []string{"World"}, PublishedAt: time.Now().Add(-time.Hour)}); err != nil {
				b.Fatal(err)
			}
			mod, _ := moderatorBrowser(b, a)
			csrf := csrfRE.FindStringSubmatch(mod.get("/moderation/queue/held").body)[1]
			cookies := mod.client.Jar.Cookies(mustURL(a.srv.URL))
			var authors []string
			for i := range 50 {
				u, err := st.CreateUser(b.Context(), store.User{Email: fmt.Sprintf("a%d@example.org", i), Name: fmt.Sprint("author", i),
					NameKey: fmt.Sprint("author", i), Role: store.RoleReader, CreatedAt: time.Now(), EmailVerifiedAt: time.Now()})
				if err != nil {
					b.Fatal(err)
				}
				authors = append(authors, u.ID)
			}
			var ids []string
			refill := func() {
				b.StopTimer()
				ids = nil
				for i := range 10 {
					ids = append(ids, heldComments(b, st, authors[(len(ids)+i)%len(authors)], 50)...)
				}
				b.StartTimer()
			}
			refill()
			b.ReportAllocs()
			b.ResetTimer()
			n := 0
			for b.Loop() {
				if len(ids) == 0 {
					refill()
				}
				id := ids[0]
				ids = ids[1:]
				action := "approve"
				if n%2 == 1 {
					action = "reject"
				}
				n++
				v := url.Values{"csrf": {csrf}, "id": {id}, "status": {"held"}, "review": {"0"}, "action": {action}, "rule": {"insult"},
					"next": {"/moderation/queue/held"}}
				req := httptest.NewRequest(http.MethodPost, "/moderation/decide", strings.NewReader(v.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set("Accept", "application/json")
				for _, c := range cookies {
					req.AddCookie(c)
				}
				w := httptest.NewRecorder()
				a.mux.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("decide: %d %s", w.Code, w.Body)
				}
			}
		})
	}
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

// TestPolicyChanges: admins change a rule's threshold, action and
// severity; moderators see the policy but cannot change it; the change is
// in the audit log and the Community Standards page shows the version.
func TestPolicyChanges(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		a, _ := commentSite(t, st)
		mod, _ := moderatorBrowser(t, a)
		if _, _, err := a.acc.CreateUser(t.Context(), "admin@example.org", "Ada", store.RoleAdmin, pw); err != nil {
			t.Fatal(err)
		}
		admin := a.browser()
		admin.login("admin@example.org", pw)
		if r := mod.get("/moderation/policy"); r.status != http.StatusOK || strings.Contains(r.body, `name="threshold-insult"`) {
			t.Errorf("moderator's policy page: %d (inputs shown: %v)", r.status, strings.Contains(r.body, `name="threshold-insult"`))
		}
		form := url.Values{"reason": {"Too many insults get through."}}
		for _, r := range policyRules(t, admin.get("/moderation/policy").body) {
			form.Set("threshold-"+r[0], r[1])
			form.Set("action-"+r[0], r[2])
			form.Set("severity-"+r[0], r[3])
		}
		form.Set("threshold-insult", "0.7")
		form.Set("action-insult", "hold")
		if r := mod.post("/moderation/policy", "/moderation/policy", form); r.status == http.StatusSeeOther {
			t.Errorf("a moderator changed the policy")
		}
		r := admin.post("/moderation/policy", "/moderation/policy", form)
		if r.status != http.StatusSeeOther {
			t.Fatalf("admin saves: %d\n%s", r.status, r.body)
		}
		p := a.review.Policy()
		if ins, _ := p.Rule("insult"); ins.Threshold != 0.7 || ins.Action != "hold" || !strings.Contains(p.Version, "+admin.") {
			t.Errorf("policy after the change: %+v version %s", ins, p.Version)
		}
		if r := admin.get("/community-standards"); !strings.Contains(html.UnescapeString(r.body), p.Version) {
			t.Errorf("Community Standards page does not show version %s", p.Version)
		}
		if r := admin.get("/moderation/audit?action=policy.change"); !strings.Contains(html.UnescapeString(r.body), "insult: threshold 0.9→0.7") {
			t.Errorf("audit log lacks the change")
		}
		stored, err := a.review.StoredPolicy(t.Context())
		if err != nil || stored == nil || stored.Version != p.Version {
			t.Errorf("stored policy = %v, %v", stored, err)
		}
		form.Set("threshold-insult", "7")
		if r := admin.post("/moderation/policy", "/moderation/policy", form); r.status != http.StatusUnprocessableEntity {
			t.Errorf("threshold 7 accepted: %d", r.status)
		}
		// Roles: admins only.
		mara, _ := st.UserByEmail(t.Context(), "mara@example.org")
		rolePath := "/moderation/users/" + mara.ID + "/role"
		if r := mod.post("/moderation/users/"+mara.ID, rolePath, url.Values{"role": {"moderator"}, "reason": {"Promote."}}); r.status == http.StatusSeeOther {
			t.Errorf("a moderator changed a role")
		}
		if r := admin.post("/moderation/users/"+mara.ID, rolePath, url.Values{"role": {"moderator"}, "reason": {"Trusted reader."}}); r.status != http.StatusSeeOther {
			t.Errorf("admin changes a role: %d", r.status)
		}
		if u, _ := st.UserByID(t.Context(), mara.ID); u.Role != store.RoleModerator {
			t.Errorf("role = %s", u.Role)
		}
		if r := admin.post("/moderation/policy", "/moderation/policy", url.Values{"reset": {"1"}, "reason": {"Back to the file."}}); r.status != http.StatusSeeOther {
			t.Errorf("reset: %d", r.status)
		}
		if a.review.Policy().Version != policy.Default().Version {
			t.Errorf("after reset: version %s", a.review.Policy().Version)
		}
	})
}

var policyRowRE = regexp.MustCompile(`name="threshold-([a-z-]+)" value="([^"]*)"[\s\S]*?<option selected>([a-z]+)</option>[\s\S]*?name="severity-[a-z-]+" value="([^"]*)"`)

// policyRules reads the policy form's current values: id, threshold,
// action, severity.
func policyRules(t *testing.T, body string) [][4]string {
	t.Helper()
	var out [][4]string
	for _, m := range policyRowRE.FindAllStringSubmatch(body, -1) {
		out = append(out, [4]string{m[1], m[2], m[3], m[4]})
	}
	if len(out) != 21 {
		t.Fatalf("policy form has %d rules, want 21", len(out))
	}
	return out
}

// TestTransparencyAndQuality: the public report counts the period's
// decisions; the quality page is for moderators; the DSA export for
// admins, without personal data.
func TestTransparencyAndQuality(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		a, reader := commentSite(t, st)
		mara, _ := st.UserByEmail(t.Context(), "mara@example.org")
		ids := heldComments(t, st, mara.ID, 3)
		mod, _ := moderatorBrowser(t, a)
		for i, id := range ids {
			action := "reject"
			if i == 0 {
				action = "approve"
			}
			mod.post("/moderation/queue/held", "/moderation/decide", url.Values{"id": {id}, "status": {"held"}, "review": {"0"},
				"action": {action}, "rule": {"insult"}, "next": {"/moderation/queue/held"}})
		}
		r := a.browser().get("/transparency?period=30d")
		if r.status != http.StatusOK || !strings.Contains(r.body, "Transparency report") || !strings.Contains(r.body, "<td>Insults and threats</td><td>0</td><td>0</td><td>0</td><td>2</td><td>1</td>") {
			t.Errorf("transparency page: %d", r.status)
		}
		if r := reader.get("/moderation/quality"); r.status != http.StatusNotFound {
			t.Errorf("reader on the quality page: %d", r.status)
		}
		if r := mod.get("/moderation/quality?period=all"); r.status != http.StatusOK || !strings.Contains(r.body, "<code>insult</code>") {
			t.Errorf("quality page: %d", r.status)
		}
		if r := mod.get("/moderation/export/dsa?format=csv"); r.status != http.StatusNotFound {
			t.Errorf("moderator downloads the DSA export: %d", r.status)
		}
		if _, _, err := a.acc.CreateUser(t.Context(), "admin@example.org", "Ada", store.RoleAdmin, pw); err != nil {
			t.Fatal(err)
		}
		admin := a.browser()
		admin.login("admin@example.org", pw)
		r = admin.get("/moderation/export/dsa?format=csv&period=all")
		if r.status != http.StatusOK || !strings.Contains(r.body, "decision_ground") || strings.Contains(r.body, "mara@example.org") ||
			strings.Contains(r.body, "Held comment number") {
			t.Errorf("DSA export: %d\n%s", r.status, r.body)
		}
	})
}
