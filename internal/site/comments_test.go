package site

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tribune/internal/store"
	"tribune/internal/store/storetest"
)

// commentSite is an auth site with one article and a verified reader
// signed in.
func commentSite(t *testing.T, st *store.Store) (*authSite, *browser) {
	t.Helper()
	a := newAuthSite(t, st)
	if _, _, err := st.SaveArticle(t.Context(), store.ArticleInput{Slug: "story", Headline: "A story", Body: "Text.",
		SectionPath: []string{"World"}, PublishedAt: time.Now().Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	b := a.browser()
	b.register("Mara", "mara@example.org", pw)
	b.get(a.mail.link(t, "mara@example.org"))
	return a, b
}

func TestCommentForms(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		a, b := commentSite(t, st)
		anon := a.browser()
		if p := anon.get("/news/story"); !strings.Contains(p.body, "Sign in</a> or <a href=\"/register\">register</a> to comment") {
			t.Error("anonymous readers are not invited to sign in to comment")
		}
		p := b.post("/news/story", "/news/story/comments", url.Values{"text": {"Line one\nline two.\n\n<script>alert(1)</script>"}})
		if p.status != http.StatusSeeOther || !strings.Contains(p.location, "#c-") {
			t.Fatalf("post = %d to %q", p.status, p.location)
		}
		page := b.get("/news/story").body
		if !strings.Contains(page, "<p>Line one<br>") || !strings.Contains(page, "line two.") || strings.Contains(page, "<script>alert") ||
			!strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("comment not rendered safely:\n%s", page[strings.Index(page, `<section class="comments"`):])
		}
		if !strings.Contains(anon.get("/news/story").body, "Line one") {
			t.Error("anonymous readers do not see the published comment")
		}
		// Bad input: the form comes back with the text kept.
		long := strings.Repeat("word ", 700)
		p = b.post("/news/story", "/news/story/comments", url.Values{"text": {long}})
		if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "at most 3,000 characters") || !strings.Contains(p.body, "word word word") {
			t.Errorf("too long = %d, want 422 keeping the text", p.status)
		}
		if p := b.post("", "/news/story/comments", url.Values{"text": {"No token."}}); p.status != http.StatusForbidden || !strings.Contains(p.body, "No token.") {
			t.Errorf("post without CSRF token = %d, want 403 keeping the text", p.status)
		}
		// The limit is 3 a minute here: the fourth is refused, text kept.
		b.post("/news/story", "/news/story/comments", url.Values{"text": {"Second."}})
		b.post("/news/story", "/news/story/comments", url.Values{"text": {"Third."}})
		p = b.post("/news/story", "/news/story/comments", url.Values{"text": {"Fourth, too fast."}})
		if p.status != http.StatusTooManyRequests || !strings.Contains(p.body, "posting too fast") || !strings.Contains(p.body, "Fourth, too fast.") {
			t.Errorf("fourth comment in a minute = %d", p.status)
		}
		if acc := b.get("/account").body; !strings.Contains(acc, "Your comments") || !strings.Contains(acc, "Line one") {
			t.Error("the account page does not list the reader's comments")
		}
	})
}

func TestCommentEditDeleteReportPages(t *testing.T) {
	a, b := commentSite(t, storetest.SQLite(t))
	b.post("/news/story", "/news/story/comments", url.Values{"text": {"Original words."}})
	list, _ := a.st.Comments(t.Context(), store.CommentPage{ArticleID: mustArticle(t, a.st).ID})
	id := list[0].ID
	if p := b.post("/news/story", "/comments/"+id+"/edit", url.Values{"text": {"Better words."}, "version": {"1"}}); p.status != http.StatusSeeOther {
		t.Fatalf("edit = %d", p.status)
	}
	if page := b.get("/news/story").body; !strings.Contains(page, "Better words.") || !strings.Contains(page, ">edited<") {
		t.Error("edited comment not shown as edited")
	}
	// Another reader reports it, once.
	c := a.browser()
	c.register("Tom", "tom@example.org", pw)
	c.get(a.mail.link(t, "tom@example.org"))
	if p := c.post("/news/story", "/comments/"+id+"/report", url.Values{"rule": {"insult"}}); !strings.Contains(p.body, "Thank you for your report") {
		t.Errorf("report = %d", p.status)
	}
	if p := c.post("/news/story", "/comments/"+id+"/report", url.Values{"rule": {"insult"}}); p.status != http.StatusConflict {
		t.Errorf("second report = %d, want 409", p.status)
	}
	if p := c.post("/news/story", "/comments/"+id+"/delete", url.Values{}); p.status != http.StatusForbidden {
		t.Errorf("delete by another reader = %d, want 403", p.status)
	}
	if p := c.get("/comments/" + id + "/versions"); p.status != http.StatusForbidden {
		t.Errorf("versions for a reader = %d, want 403", p.status)
	}
	if p := b.post("/news/story", "/comments/"+id+"/delete", url.Values{}); p.status != http.StatusSeeOther {
		t.Errorf("own delete = %d", p.status)
	}
	if page := b.get("/news/story").body; strings.Contains(page, "Better words.") {
		t.Error("a deleted comment without replies is still shown")
	}
}

func TestNewCommentsFragment(t *testing.T) {
	a, b := commentSite(t, storetest.SQLite(t))
	b.post("/news/story", "/news/story/comments", url.Values{"text": {"Early comment."}})
	b.post("/news/story", "/news/story/comments", url.Values{"text": {"Later comment."}})
	list, _ := a.st.Comments(t.Context(), store.CommentPage{ArticleID: mustArticle(t, a.st).ID})
	first := list[0].Seq
	p := a.browser().get("/news/story/comments/new?after=" + itoa(int(first)))
	if p.status != 200 || strings.Contains(p.body, "Early comment.") || !strings.Contains(p.body, "Later comment.") {
		t.Errorf("new comments after %d = %d\n%s", first, p.status, p.body)
	}
}

func mustArticle(t *testing.T, st *store.Store) store.Comment {
	t.Helper()
	a, err := st.ArticleBySlug(t.Context(), "story")
	if err != nil {
		t.Fatal(err)
	}
	return store.Comment{ID: a.ID}
}
