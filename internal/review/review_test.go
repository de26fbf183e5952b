package review_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"tribune/internal/comments"
	"tribune/internal/mail"
	"tribune/internal/moderation"
	"tribune/internal/moderation/policy"
	"tribune/internal/news"
	"tribune/internal/review"
	"tribune/internal/store"
	"tribune/internal/store/storetest"
)

// textRules is a stand-in engine: "HOLD" in a text holds it and "REJECT"
// rejects it, both under the insult rule.
type textRules struct{}

func (textRules) Moderate(_ context.Context, s moderation.Submission) (moderation.Decision, error) {
	why := []moderation.Reason{{Rule: "insult", Message: "No insults."}}
	switch {
	case strings.Contains(s.Text, "REJECT"):
		return moderation.Decision{Action: moderation.Reject, Reasons: why}, nil
	case strings.Contains(s.Text, "HOLD"):
		return moderation.Decision{Action: moderation.Hold, Reasons: why}, nil
	}
	return moderation.Decision{Action: moderation.Publish}, nil
}

type outbox struct {
	mu   sync.Mutex
	sent []mail.Message
}

func (o *outbox) Send(_ context.Context, m mail.Message) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.sent = append(o.sent, m)
	return nil
}

func (o *outbox) to(addr string) []mail.Message {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []mail.Message
	for _, m := range o.sent {
		if m.To == addr {
			out = append(out, m)
		}
	}
	return out
}

type hooks struct {
	mu     sync.Mutex
	events []string
}

func (h *hooks) Notify(_ context.Context, t string, _ map[string]any) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.events = append(h.events, t)
}

type fixture struct {
	st     *store.Store
	rv     *review.Service
	cs     *comments.Service
	art    news.Article
	reader store.User
	mod    store.User
	admin  store.User
	mail   *outbox
	hooks  *hooks
}

func newFixture(t *testing.T, st *store.Store) *fixture {
	t.Helper()
	ctx := t.Context()
	now := time.Now().UTC()
	if _, _, err := st.SaveArticle(ctx, store.ArticleInput{Slug: "story", Headline: "Story", Body: "x", SectionPath: []string{"World"},
		PublishedAt: now.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	f := &fixture{st: st, mail: &outbox{}, hooks: &hooks{}}
	f.art, _ = st.ArticleBySlug(ctx, "story")
	mk := func(email, name, role string) store.User {
		u, err := st.CreateUser(ctx, store.User{Email: email, Name: name, NameKey: name, Role: role, CreatedAt: now, EmailVerifiedAt: now})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	f.reader, f.mod, f.admin = mk("r@example.org", "reader", store.RoleReader), mk("m@example.org", "mod", store.RoleModerator),
		mk("a@example.org", "admin", store.RoleAdmin)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	f.cs = comments.New(comments.Config{}, st, textRules{}, log)
	f.rv = review.New(review.Config{SiteName: "Tribune", BaseURL: "http://localhost", BlockAt: 4, Key: []byte("k"), Changed: f.cs.Changed},
		st, policy.Default(), f.mail, f.hooks, log)
	f.cs.SetRecorder(f.rv)
	ctx2, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { f.cs.Run(ctx2); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return f
}

func (f *fixture) user(t *testing.T) store.User {
	t.Helper()
	u, err := f.st.UserByID(t.Context(), f.reader.ID)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func (f *fixture) post(t *testing.T, text string) store.Comment {
	t.Helper()
	c, _, err := f.cs.Post(t.Context(), f.user(t), f.art, "", text)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestWholeLoop: held by the machine, rejected by a moderator, strikes
// block the account, the reader appeals once, the account is restored,
// the reader comments again; a second block is permanent and cannot be
// appealed; only an admin lifts it.
func TestWholeLoop(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := t.Context()
		held := f.post(t, "You HOLD idiot.")
		if held.Status != store.CommentHeld {
			t.Fatalf("status = %s, want held", held.Status)
		}
		page, err := f.rv.Queue(ctx, store.QueueFilter{Queue: store.QueueHeld})
		if err != nil || page.Total != 1 || len(page.Items) != 1 || page.Items[0].Rules[0].ID != "insult" {
			t.Fatalf("held queue = %+v, %v", page, err)
		}
		if len(f.mail.to("r@example.org")) != 1 {
			t.Errorf("statement of reasons for the hold: %d emails", len(f.mail.to("r@example.org")))
		}
		// Two moderators decide at once: the second is told who was first.
		d := review.CommentDecision{CommentID: held.ID, ExpectStatus: store.CommentHeld, Rule: "insult", Note: "Personal attack."}
		if _, err := f.rv.Decide(ctx, f.mod, d); err != nil {
			t.Fatal(err)
		}
		_, err = f.rv.Decide(ctx, f.admin, review.CommentDecision{CommentID: held.ID, ExpectStatus: store.CommentHeld, Approve: true})
		var de *review.DecidedError
		if !errors.As(err, &de) || de.By != "mod" {
			t.Errorf("second decision = %v, want DecidedError by mod", err)
		}
		if u := f.user(t); u.StrikePoints != 2 || u.Blocked() {
			t.Fatalf("after one rejection: %d points, blocked %v", u.StrikePoints, u.Blocked())
		}
		// The machine's own rejection adds the rest: 4 points block.
		f.post(t, "REJECT this")
		u := f.user(t)
		if !u.Blocked() || u.BlockPermanent || u.BlockCount != 1 {
			t.Fatalf("after 4 points: %+v", u)
		}
		if _, _, err := f.cs.Post(ctx, u, f.art, "", "Hello again."); !errors.As(err, new(*comments.BlockedError)) {
			t.Errorf("blocked reader posts: %v", err)
		}
		if _, err := f.rv.Appeal(ctx, u, "short"); !errors.Is(err, review.ErrExplanation) {
			t.Errorf("short appeal: %v", err)
		}
		a, err := f.rv.Appeal(ctx, u, "I lost my temper; I will keep to the standards from now on.")
		if err != nil || a.Subject != review.AppealSubject || a.Status != store.AppealOpen {
			t.Fatalf("appeal = %+v, %v", a, err)
		}
		if _, err := f.rv.Appeal(ctx, u, "Another try at getting the account back, please."); !errors.Is(err, review.ErrAppealed) {
			t.Errorf("second appeal of one block: %v", err)
		}
		counts, _ := f.rv.Counts(ctx)
		if counts[store.QueueAppeals] != 1 {
			t.Errorf("appeals queue = %d", counts[store.QueueAppeals])
		}
		if _, err := f.rv.DecideAppeal(ctx, f.mod, a.ID, true, "Fair enough."); err != nil {
			t.Fatal(err)
		}
		if u = f.user(t); u.Blocked() {
			t.Fatalf("restored account is still blocked")
		}
		ok := f.post(t, "A calm comment.")
		if ok.Status != store.CommentPublished {
			t.Errorf("after restore: %s", ok.Status)
		}
		// Second block: by hand; permanent; no appeal; a moderator cannot lift it, an admin can.
		u, err = f.rv.Block(ctx, f.mod, f.reader.ID, "trolling", "Back to trolling.")
		if err != nil || !u.BlockPermanent {
			t.Fatalf("second block = %+v, %v", u, err)
		}
		if _, err := f.rv.Appeal(ctx, u, "Please let me back in, I promise to behave this time."); !errors.Is(err, review.ErrNoAppeal) {
			t.Errorf("appeal of a permanent block: %v", err)
		}
		if _, err := f.rv.Unblock(ctx, f.mod, u.ID, "Trying."); !errors.Is(err, review.ErrPermanent) {
			t.Errorf("moderator lifts a permanent block: %v", err)
		}
		ns, err := f.rv.Notifications(ctx, u)
		if err != nil || len(ns) < 5 {
			t.Errorf("notifications = %d, %v; want hold, reject, reject, block, appeal, block", len(ns), err)
		}
		if _, err := f.rv.Unblock(ctx, f.admin, u.ID, "Court order."); err != nil {
			t.Errorf("admin lifts a permanent block: %v", err)
		}
		log, err := f.rv.Audit(ctx, store.AuditFilter{SubjectID: f.reader.ID, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for i := len(log) - 1; i >= 0; i-- {
			actions = append(actions, log[i].Action)
		}
		want := "comment.hold comment.reject user.strike comment.reject user.block appeal.create appeal.restore user.block user.unblock"
		if got := strings.Join(actions, " "); got != want {
			t.Errorf("audit log:\n got %s\nwant %s", got, want)
		}
		if got := strings.Join(f.hooks.events, " "); !strings.Contains(got, "comment.held") || !strings.Contains(got, "user.blocked") ||
			!strings.Contains(got, "appeal.received") || !strings.Contains(got, "comment.decided") {
			t.Errorf("webhooks = %s", got)
		}
	})
}

// TestEvasion: a permanently blocked person who registers again with the
// same email is recognised, without the email kept in clear.
func TestEvasion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := t.Context()
		for range 2 {
			if _, err := f.rv.Block(ctx, f.mod, f.reader.ID, "", "Spam again."); err != nil {
				t.Fatal(err)
			}
			u := f.user(t)
			if u.BlockPermanent {
				break
			}
			if _, err := f.rv.Unblock(ctx, f.mod, u.ID, "One more chance."); err != nil {
				t.Fatal(err)
			}
		}
		// The old account is purged (its email erased); the person registers again.
		gone := f.user(t)
		gone.DeletedAt, gone.PurgeAfter = time.Now().Add(-time.Minute), time.Now().Add(-time.Minute)
		if err := st.UpdateUser(ctx, gone); err != nil {
			t.Fatal(err)
		}
		if ok, err := st.Purge(ctx, f.reader.ID, time.Now(), false); err != nil || !ok {
			t.Fatalf("purge = %v, %v", ok, err)
		}
		again, err := st.CreateUser(ctx, store.User{Email: "R@example.org", Name: "newname", NameKey: "newname", Role: store.RoleReader,
			CreatedAt: time.Now(), EmailVerifiedAt: time.Now()})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.rv.Recognise(ctx, again); err != nil {
			t.Fatal(err)
		}
		got, _ := st.UserByID(ctx, again.ID)
		if !got.Blocked() || !got.BlockPermanent || !strings.Contains(got.BlockReason, "evasion") {
			t.Errorf("new account = blocked %v permanent %v reason %q", got.Blocked(), got.BlockPermanent, got.BlockReason)
		}
		other, _ := st.CreateUser(ctx, store.User{Email: "someone@example.org", Name: "other", NameKey: "other", Role: store.RoleReader, CreatedAt: time.Now()})
		if err := f.rv.Recognise(ctx, other); err != nil {
			t.Fatal(err)
		}
		if got, _ := st.UserByID(ctx, other.ID); got.Blocked() {
			t.Errorf("an unrelated account was blocked")
		}
	})
}

// TestReportedAndFlaggedQueues: one reader's report puts a published
// comment in the reported queue; approving it clears the queue and keeps
// it published; a flagged comment waits in its own queue.
func TestReportedAndFlaggedQueues(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := t.Context()
		c := f.post(t, "A fine comment.")
		if err := f.cs.Report(ctx, f.mod, c.ID, "spam", "looks like an ad"); err != nil {
			t.Fatal(err)
		}
		page, err := f.rv.Queue(ctx, store.QueueFilter{Queue: store.QueueReported})
		if err != nil || page.Total != 1 || len(page.Items[0].Reports) != 1 || page.Items[0].Reports[0].Note != "looks like an ad" {
			t.Fatalf("reported queue = %+v, %v", page, err)
		}
		if _, err := f.rv.Decide(ctx, f.admin, review.CommentDecision{CommentID: c.ID, ExpectStatus: store.CommentPublished, ExpectReview: true,
			Approve: true}); err != nil {
			t.Fatal(err)
		}
		counts, _ := f.rv.Counts(ctx)
		if counts[store.QueueReported] != 0 {
			t.Errorf("reported queue after approval = %d", counts[store.QueueReported])
		}
		if got, _ := st.CommentByID(ctx, c.ID); got.Status != store.CommentPublished || got.NeedsReview {
			t.Errorf("approved comment = %s review %v", got.Status, got.NeedsReview)
		}
		flagged := store.Comment{ID: store.NewID(), ArticleID: f.art.ID, AuthorID: f.reader.ID, Body: "Off topic text.", Status: store.CommentPublished,
			NeedsReview: true, Reasons: `[{"rule":"off-topic","message":"x"}]`, CreatedAt: time.Now().UTC()}
		flagged.RootID = flagged.ID
		if _, err := st.InsertComments(ctx, []store.Comment{flagged}); err != nil {
			t.Fatal(err)
		}
		page, err = f.rv.Queue(ctx, store.QueueFilter{Queue: store.QueueFlagged, Rule: "off-topic"})
		if err != nil || page.Total != 1 || page.Items[0].Rules[0].ID != "off-topic" {
			t.Errorf("flagged queue = %+v, %v", page, err)
		}
	})
}
