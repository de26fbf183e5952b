package comments_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"tribune/internal/comments"
	"tribune/internal/moderation"
	"tribune/internal/news"
	"tribune/internal/store"
	"tribune/internal/store/storetest"
)

type fixture struct {
	svc    *comments.Service
	st     *store.Store
	art    news.Article
	reader store.User
	other  store.User
	mod    store.User
	now    time.Time
	cancel context.CancelFunc
}

func newFixture(t *testing.T, st *store.Store, perMinute int) *fixture {
	t.Helper()
	ctx := t.Context()
	f := &fixture{st: st, now: time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)}
	if _, _, err := st.SaveArticle(ctx, store.ArticleInput{Slug: "story", Headline: "Story", Body: "x", SectionPath: []string{"World"},
		PublishedAt: f.now.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	f.art, _ = st.ArticleBySlug(ctx, "story")
	mk := func(email, name, role string, verified bool) store.User {
		u := store.User{Email: email, Name: name, NameKey: name, Role: role, CreatedAt: f.now}
		if verified {
			u.EmailVerifiedAt = f.now
		}
		u, err := st.CreateUser(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	f.reader = mk("r@example.org", "reader", store.RoleReader, true)
	f.other = mk("o@example.org", "other", store.RoleReader, true)
	f.mod = mk("m@example.org", "mod", store.RoleModerator, true)
	f.svc = comments.New(comments.Config{Now: func() time.Time { return f.now }}, st,
		moderation.RateLimit{Counter: st, PerMinute: perMinute}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	runCtx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { f.svc.Run(runCtx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return f
}

func TestPostAndThreads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st, 0)
		ctx := t.Context()
		top, d, err := f.svc.Post(ctx, f.reader, f.art, "", "First!\r\n\r\nSecond paragraph.")
		if err != nil || d.Action != moderation.Publish || top.Status != store.CommentPublished || top.Seq == 0 {
			t.Fatalf("Post = %+v, %+v, %v", top, d, err)
		}
		if top.Body != "First!\n\nSecond paragraph." {
			t.Errorf("stored body = %q", top.Body)
		}
		reply, _, err := f.svc.Post(ctx, f.other, f.art, top.ID, "A reply.")
		if err != nil || reply.RootID != top.ID || reply.Depth != 1 {
			t.Fatalf("reply = %+v, %v", reply, err)
		}
		// Deep replies are capped at depth 3.
		parent := reply
		for i := range 4 {
			parent, _, err = f.svc.Post(ctx, f.reader, f.art, parent.ID, fmt.Sprintf("Deeper %d.", i))
			if err != nil {
				t.Fatal(err)
			}
		}
		if parent.Depth != 3 || parent.RootID != top.ID {
			t.Errorf("deep reply depth %d root %s, want 3 and the thread's root", parent.Depth, parent.RootID)
		}
		got, _ := st.CommentByID(ctx, top.ID)
		art, _ := st.ArticleBySlug(ctx, "story")
		if got.ReplyCount != 1 || art.CommentCount != 6 {
			t.Errorf("reply count %d, article comment count %d; want 1 and 6", got.ReplyCount, art.CommentCount)
		}
		if _, _, err := f.svc.Post(ctx, f.reader, f.art, "nope", "Reply to nothing."); !errors.Is(err, comments.ErrNoParent) {
			t.Errorf("reply to a missing comment: %v", err)
		}
		unverified := f.reader
		unverified.EmailVerifiedAt = time.Time{}
		if _, _, err := f.svc.Post(ctx, unverified, f.art, "", "Hello."); !errors.Is(err, comments.ErrNotVerified) {
			t.Errorf("unverified author: %v", err)
		}
		var te *comments.TextError
		if _, _, err := f.svc.Post(ctx, f.reader, f.art, "", " \n "); !errors.As(err, &te) {
			t.Errorf("empty text: %v", err)
		}
	})
}

func TestRateLimit(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t), 2)
	ctx := t.Context()
	for i := range 2 {
		if _, _, err := f.svc.Post(ctx, f.reader, f.art, "", fmt.Sprintf("Comment %d.", i)); err != nil {
			t.Fatal(err)
		}
	}
	var le *moderation.LimitError
	if _, _, err := f.svc.Post(ctx, f.reader, f.art, "", "One too many."); !errors.As(err, &le) {
		t.Fatalf("third comment in a minute: %v, want a LimitError", err)
	}
	if _, _, err := f.svc.Post(ctx, f.other, f.art, "", "Someone else."); err != nil {
		t.Errorf("another author is not limited: %v", err)
	}
	f.now = f.now.Add(61 * time.Second)
	if _, _, err := f.svc.Post(ctx, f.reader, f.art, "", "After a minute."); err != nil {
		t.Errorf("after the window: %v", err)
	}
}

func TestEditDeleteReport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st, 0)
		ctx := t.Context()
		c, _, _ := f.svc.Post(ctx, f.reader, f.art, "", "Original text.")
		if _, _, err := f.svc.Edit(ctx, f.other, c.ID, "Hijack.", "", 0); !errors.Is(err, comments.ErrNotYours) {
			t.Errorf("edit by another reader: %v", err)
		}
		e, _, err := f.svc.Edit(ctx, f.reader, c.ID, "Corrected text.", "", c.Version)
		if err != nil || e.Body != "Corrected text." || e.Version != 2 || e.EditedByModerator {
			t.Fatalf("own edit = %+v, %v", e, err)
		}
		if _, _, err := f.svc.Edit(ctx, f.reader, c.ID, "Stale.", "", 1); !errors.Is(err, comments.ErrEditedMeanwhile) {
			t.Errorf("edit of a stale version: %v", err)
		}
		f.now = f.now.Add(16 * time.Minute)
		if _, _, err := f.svc.Edit(ctx, f.reader, c.ID, "Too late.", "", 0); !errors.Is(err, comments.ErrTooLate) {
			t.Errorf("edit after 16 minutes: %v", err)
		}
		var te *comments.TextError
		if _, _, err := f.svc.Edit(ctx, f.mod, c.ID, "Moderated.", "", 0); !errors.As(err, &te) {
			t.Errorf("moderator edit without a reason: %v", err)
		}
		m, _, err := f.svc.Edit(ctx, f.mod, c.ID, "Moderated text.", "removed a phone number", 0)
		if err != nil || !m.EditedByModerator {
			t.Fatalf("moderator edit = %+v, %v", m, err)
		}
		vs, _ := f.svc.Versions(ctx, c.ID)
		if len(vs) != 3 || vs[0].Body != "Original text." || vs[2].Reason != "removed a phone number" || vs[2].EditorName != "mod" {
			t.Errorf("versions = %+v", vs)
		}
		// Reports: once per reader; the third sends it to the moderators.
		if err := f.svc.Report(ctx, f.other, c.ID, "made-up", ""); !errors.Is(err, comments.ErrUnknownRule) {
			t.Errorf("report with an unknown rule: %v", err)
		}
		for i, u := range []store.User{f.other, f.mod} {
			if err := f.svc.Report(ctx, u, c.ID, "insult", "note"); err != nil {
				t.Fatalf("report %d: %v", i, err)
			}
		}
		if err := f.svc.Report(ctx, f.other, c.ID, "insult", ""); !errors.Is(err, comments.ErrAlreadyReported) {
			t.Errorf("second report by one reader: %v", err)
		}
		third, _ := st.CreateUser(ctx, store.User{Email: "t@example.org", Name: "third", NameKey: "third", Role: store.RoleReader, EmailVerifiedAt: f.now})
		f.svc.Report(ctx, third, c.ID, "spam", "")
		if got, _ := st.CommentByID(ctx, c.ID); got.ReportCount != 3 || !got.NeedsReview {
			t.Errorf("after 3 reports: count %d, needs review %v", got.ReportCount, got.NeedsReview)
		}
		// Delete keeps the thread's shape.
		reply, _, _ := f.svc.Post(ctx, f.other, f.art, c.ID, "A reply.")
		if err := f.svc.Delete(ctx, f.other, c.ID); !errors.Is(err, comments.ErrNotYours) {
			t.Errorf("delete by another reader: %v", err)
		}
		if err := f.svc.Delete(ctx, f.reader, c.ID); err != nil {
			t.Fatal(err)
		}
		list, _ := st.Comments(ctx, store.CommentPage{ArticleID: f.art.ID, TopLevel: true})
		if len(list) != 1 || list[0].Status != store.CommentDeleted {
			t.Errorf("deleted comment with a reply: %+v, want it kept as deleted", list)
		}
		if rs, _ := st.Replies(ctx, []string{c.ID}, "", 10); len(rs) != 1 || rs[0].ID != reply.ID {
			t.Errorf("replies after the parent's deletion = %+v", rs)
		}
	})
}

func TestLiveHub(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st, 0)
		ctx := t.Context()
		sub := f.svc.Hub.Subscribe(f.art.ID)
		defer f.svc.Hub.Unsubscribe(sub)
		<-f.svc.Hub.Ready()
		// Wait until the hub has read its start position, then post.
		var ids []string
		for i := range 5 {
			c, _, err := f.svc.Post(ctx, f.reader, f.art, "", fmt.Sprintf("Live %d.", i))
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, c.ID)
		}
		var got []int64
		timeout := time.After(10 * time.Second)
		for len(got) < 5 {
			select {
			case e := <-sub.C:
				got = append(got, e.Seq)
			case <-timeout:
				t.Fatalf("received %d of 5 events", len(got))
			}
		}
		for i := 1; i < len(got); i++ {
			if got[i] <= got[i-1] {
				t.Errorf("events out of order: %v", got)
			}
		}
	})
}

func TestConcurrentPostsAllDurable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st, 0)
		ctx := t.Context()
		var wg sync.WaitGroup
		var mu sync.Mutex
		acked := map[string]bool{}
		for w := range 8 {
			wg.Go(func() {
				for i := range 25 {
					c, _, err := f.svc.Post(ctx, f.reader, f.art, "", fmt.Sprintf("Worker %d comment %d.", w, i))
					if err != nil {
						t.Errorf("post: %v", err)
						return
					}
					mu.Lock()
					acked[c.ID] = true
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		n, _ := st.CountComments(ctx, f.art.ID, false)
		if n != len(acked) || n != 200 {
			t.Errorf("stored %d comments, acknowledged %d, want 200", n, len(acked))
		}
	})
}

// flagger is a moderation step that flags everything with scores.
type flagger struct{}

func (flagger) Moderate(context.Context, moderation.Submission) (moderation.Decision, error) {
	return moderation.Decision{Action: moderation.Flag, Reasons: []moderation.Reason{{Rule: "off-topic", Message: "Stay on topic."}},
		Scores: map[string]float64{"insult": 0.25}, PolicyVersion: "p-7"}, nil
}

func TestFlaggedCommentsKeepScores(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st, 0)
		svc := comments.New(comments.Config{}, st, flagger{}, slog.New(slog.NewTextHandler(io.Discard, nil)))
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { svc.Run(ctx); close(done) }()
		defer func() { cancel(); <-done }()
		c, d, err := svc.Post(t.Context(), f.reader, f.art, "", "A comment about something else entirely.")
		if err != nil || d.Action != moderation.Flag {
			t.Fatalf("Post = %v, %v", d, err)
		}
		got, _ := st.CommentByID(t.Context(), c.ID)
		if got.Status != store.CommentPublished || !got.NeedsReview || got.Scores != `{"insult":0.25}` || got.PolicyVersion != "p-7" {
			t.Errorf("flagged comment stored as %+v", got)
		}
	})
}

// TestMarkLater: a rule found after the fact (the first comments of a
// flash mob) takes published comments down for a moderator, or marks them
// for review, once; counts follow; unknown ids come back to retry.
func TestMarkLater(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st, 0)
		ctx := t.Context()
		top, _, err := f.svc.Post(ctx, f.reader, f.art, "", "The first comment.")
		if err != nil {
			t.Fatal(err)
		}
		reply, _, err := f.svc.Post(ctx, f.other, f.art, top.ID, "A reply to it.")
		if err != nil {
			t.Fatal(err)
		}
		flagged, _, err := f.svc.Post(ctx, f.other, f.art, "", "Another comment.")
		if err != nil {
			t.Fatal(err)
		}
		why := moderation.Reason{Rule: "flash-mob", Message: "No organised actions."}
		missing, err := f.svc.MarkLater(ctx, []string{reply.ID, "no-such-id"}, why, true)
		if err != nil || len(missing) != 1 || missing[0] != "no-such-id" {
			t.Fatalf("MarkLater = %v, %v", missing, err)
		}
		if _, err := f.svc.MarkLater(ctx, []string{flagged.ID}, why, false); err != nil {
			t.Fatal(err)
		}
		got, _ := st.CommentByID(ctx, reply.ID)
		if got.Status != store.CommentHeld || len(moderation.ParseReasons(got.Reasons)) != 1 {
			t.Errorf("held reply = %s %s", got.Status, got.Reasons)
		}
		parent, _ := st.CommentByID(ctx, top.ID)
		art, _ := st.ArticleBySlug(ctx, f.art.Slug)
		if parent.ReplyCount != 0 || art.CommentCount != 2 {
			t.Errorf("reply count %d, article count %d; want 0 and 2", parent.ReplyCount, art.CommentCount)
		}
		got, _ = st.CommentByID(ctx, flagged.ID)
		if got.Status != store.CommentPublished || !got.NeedsReview || !strings.Contains(got.Reasons, "flash-mob") {
			t.Errorf("flagged = %+v", got)
		}
		// again: nothing changes, the reason is not repeated
		if _, err := f.svc.MarkLater(ctx, []string{reply.ID, flagged.ID}, why, true); err != nil {
			t.Fatal(err)
		}
		got, _ = st.CommentByID(ctx, flagged.ID)
		if got.Status != store.CommentPublished || len(moderation.ParseReasons(got.Reasons)) != 1 {
			t.Errorf("after a repeat = %s %s", got.Status, got.Reasons)
		}
	})
}
