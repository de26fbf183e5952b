package review_test

import (
	"io"
	"log/slog"
	"reflect"
	"testing"
	"time"

	"tribune/internal/moderation"
	"tribune/internal/moderation/policy"
	"tribune/internal/review"
	"tribune/internal/store"
	"tribune/internal/store/storetest"
)

// t0 is the fixed middle of the history the tests build; stored times
// keep milliseconds, so every time here is a whole minute.
var t0 = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

// history is a workspace with a day of moderation behind it (see
// newHistory), and the period that covers that day.
type history struct {
	st           *store.Store
	svc          *review.Service
	since, until time.Time
	// bodies are the comments' texts by name (c0..c8); ids their ids.
	bodies, ids map[string]string
	users       map[string]store.User
}

// secret is written in moderators' notes and block reasons, which are
// free text and must never reach the DSA export.
const secret = "SECRET-NOTE-do-not-export"

// newHistory builds, through the real store and service:
//
//	c0 alice  held (hate), two days earlier: outside the period
//	c1 alice  held (hate), rejected by a moderator (hate)
//	c2 alice  held (off-topic, hate), approved
//	c3 bob    rejected by the machine (insult)
//	c4 bob    flagged (trolling), rejected by a moderator (insult)
//	c5 bob    published, reported by alice, approved
//	c6 alice  published, reported by bob, rejected (profanity)
//	c7 carol  held (spam), rejected (spam); carol then deletes her account
//	c8 alice  held (hate), rejected (hate), then deleted
//
// and blocks: bob by a moderator (insult), restored on appeal, then
// blocked again (permanent); dave by a moderator (spam), upheld on
// appeal; carol by the machine (spam).
func newHistory(t *testing.T, st *store.Store) *history {
	t.Helper()
	ctx := t.Context()
	now := t0.Add(-2 * time.Hour)
	clock := func() time.Time { return now }
	tick := func() { now = now.Add(time.Minute) }
	h := &history{st: st, since: t0.Add(-24 * time.Hour), until: t0.Add(24 * time.Hour), bodies: map[string]string{}, ids: map[string]string{},
		users: map[string]store.User{}}
	h.svc = review.New(review.Config{SiteName: "Tribune", BaseURL: "https://news.example", Now: clock}, st, policy.Default(), nil, nil,
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	if _, _, err := st.SaveArticle(ctx, store.ArticleInput{Slug: "story", Headline: "Story", Body: "x", SectionPath: []string{"World"},
		PublishedAt: t0.Add(-72 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	art, err := st.ArticleBySlug(ctx, "story")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"alice", "bob", "carol", "dave", "mod"} {
		role := store.RoleReader
		if name == "mod" {
			role = store.RoleModerator
		}
		u, err := st.CreateUser(ctx, store.User{Email: name + "@example.org", Name: "Name-" + name, NameKey: "name-" + name, Role: role,
			EmailVerifiedAt: t0.Add(-72 * time.Hour), CreatedAt: t0.Add(-72 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		h.users[name] = u
	}
	mod := h.users["mod"]
	post := func(name, author string, at time.Time, action moderation.Action, rules ...string) {
		t.Helper()
		c := store.Comment{ID: store.NewID(), ArticleID: art.ID, AuthorID: h.users[author].ID, Body: "BODY-" + name + " written by " + author,
			CreatedAt: at}
		c.RootID = c.ID
		d := moderation.Decision{Action: action}
		for _, r := range rules {
			d.Reasons = append(d.Reasons, moderation.Reason{Rule: r, Message: "breaks " + r})
		}
		c.Reasons = d.ReasonsJSON()
		switch action {
		case moderation.Hold:
			c.Status = store.CommentHeld
		case moderation.Reject:
			c.Status = store.CommentRejected
		default:
			c.Status, c.NeedsReview = store.CommentPublished, action == moderation.Flag
		}
		h.svc.Prepare(&c, d)
		if _, err := st.InsertComments(ctx, []store.Comment{c}); err != nil {
			t.Fatalf("InsertComments(%s): %v", name, err)
		}
		h.bodies[name], h.ids[name] = c.Body, c.ID
		tick()
	}
	decide := func(name string, status string, inReview, approve bool, rule string) {
		t.Helper()
		if _, err := h.svc.Decide(ctx, mod, review.CommentDecision{CommentID: h.ids[name], ExpectStatus: status, ExpectReview: inReview,
			Approve: approve, Rule: rule, Note: secret}); err != nil {
			t.Fatalf("Decide(%s) error: %v", name, err)
		}
		tick()
	}
	report := func(name, reporter, rule string) {
		t.Helper()
		if _, err := st.ReportComment(ctx, h.ids[name], h.users[reporter].ID, rule, secret, now, 1); err != nil {
			t.Fatalf("ReportComment(%s): %v", name, err)
		}
		tick()
	}
	post("c0", "alice", t0.Add(-48*time.Hour), moderation.Hold, "hate")
	post("c1", "alice", now, moderation.Hold, "hate")
	post("c2", "alice", now, moderation.Hold, "off-topic", "hate")
	post("c3", "bob", now, moderation.Reject, "insult")
	post("c4", "bob", now, moderation.Flag, "trolling")
	post("c5", "bob", now, moderation.Publish)
	post("c6", "alice", now, moderation.Publish)
	post("c7", "carol", now, moderation.Hold, "spam")
	post("c8", "alice", now, moderation.Hold, "hate")
	report("c5", "alice", "spam")
	report("c6", "bob", "profanity")

	decide("c1", store.CommentHeld, false, false, "hate")
	decide("c2", store.CommentHeld, false, true, "")
	decide("c4", store.CommentPublished, true, false, "insult")
	decide("c5", store.CommentPublished, true, true, "")
	decide("c6", store.CommentPublished, true, false, "profanity")
	decide("c7", store.CommentHeld, false, false, "spam")
	decide("c8", store.CommentHeld, false, false, "hate")
	if err := st.DeleteComment(ctx, h.ids["c8"]); err != nil {
		t.Fatal(err)
	}

	block := func(name, rule string) store.User {
		t.Helper()
		u, err := h.svc.Block(ctx, mod, h.users[name].ID, rule, secret)
		if err != nil {
			t.Fatalf("Block(%s) error: %v", name, err)
		}
		tick()
		return u
	}
	appeal := func(u store.User, restore bool) {
		t.Helper()
		a, err := h.svc.Appeal(ctx, u, "I understand the rules and I will keep to them from now on. "+secret)
		if err != nil {
			t.Fatalf("Appeal(%s) error: %v", u.Name, err)
		}
		tick()
		if _, err := h.svc.DecideAppeal(ctx, mod, a.ID, restore, secret); err != nil {
			t.Fatalf("DecideAppeal(%s) error: %v", u.Name, err)
		}
		tick()
	}
	appeal(block("bob", "insult"), true)
	block("bob", "")
	appeal(block("dave", "spam"), false)
	if _, err := st.BlockUser(ctx, store.Block{UserID: h.users["carol"].ID, Automated: true, Rule: "spam", Reason: secret, At: now}); err != nil {
		t.Fatal(err)
	}
	tick()
	carol, err := st.UserByID(ctx, h.users["carol"].ID)
	if err != nil {
		t.Fatal(err)
	}
	carol.DeletedAt = now
	if err := st.UpdateUser(ctx, carol); err != nil {
		t.Fatal(err)
	}
	return h
}

func TestTransparency(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		h := newHistory(t, st)
		rep, err := h.svc.Transparency(t.Context(), h.since, h.until)
		if err != nil {
			t.Fatalf("Transparency() error: %v", err)
		}
		if len(rep.Rules) != len(policy.Default().Rules)+1 {
			t.Fatalf("Transparency() has %d rows, want every policy rule and the readers' reports row (%d)", len(rep.Rules),
				len(policy.Default().Rules)+1)
		}
		for i, r := range policy.Default().Rules {
			if rep.Rules[i].Rule != r.ID || rep.Rules[i].Title != r.Title {
				t.Errorf("row %d = %q %q, want %q %q (policy order)", i, rep.Rules[i].Rule, rep.Rules[i].Title, r.ID, r.Title)
			}
		}
		got := map[string]review.RuleFigures{}
		for _, f := range rep.Rules {
			f.Title = ""
			got[f.Rule] = f
		}
		for _, want := range []review.RuleFigures{
			{Rule: "hate", MachineHeld: 3, ModeratorRejected: 2, ModeratorApproved: 1},
			{Rule: "off-topic", ModeratorApproved: 1},
			{Rule: "insult", MachineRejected: 1, ModeratorRejected: 1},
			{Rule: "trolling", MachineFlagged: 1},
			{Rule: "profanity", ModeratorRejected: 1},
			{Rule: "spam", MachineHeld: 1, ModeratorRejected: 1},
			{Rule: "minors"},
			{Rule: review.ReportsRow, ModeratorApproved: 1},
		} {
			if got[want.Rule] != want {
				t.Errorf("Transparency() row %q = %+v, want %+v", want.Rule, got[want.Rule], want)
			}
		}
		if last := rep.Rules[len(rep.Rules)-1]; last.Rule != review.ReportsRow {
			t.Errorf("last row = %q, want the readers' reports row", last.Rule)
		}
		if rep.AutomatedDecisions != 7 || rep.HumanDecisions != 12 {
			t.Errorf("Transparency() decisions = %d automated, %d human, want 7, 12", rep.AutomatedDecisions, rep.HumanDecisions)
		}
		if want := (review.BlockFigures{Automated: 1, ByModerators: 3, Permanent: 1}); rep.Blocks != want {
			t.Errorf("Transparency() blocks = %+v, want %+v", rep.Blocks, want)
		}
		if want := (review.AppealFigures{Received: 2, Restored: 1, Upheld: 1}); rep.Appeals != want {
			t.Errorf("Transparency() appeals = %+v, want %+v", rep.Appeals, want)
		}
		if rep.PolicyVersion != policy.Default().Version {
			t.Errorf("Transparency() policy = %q, want %q", rep.PolicyVersion, policy.Default().Version)
		}

		// The period bounds the figures: before the history, nothing.
		empty, err := h.svc.Transparency(t.Context(), h.since.Add(-72*time.Hour), h.since.Add(-48*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if empty.AutomatedDecisions != 0 || empty.HumanDecisions != 0 || len(empty.Rules) != len(policy.Default().Rules) {
			t.Errorf("Transparency(before) = %d, %d decisions and %d rows, want 0, 0 and the policy rules alone",
				empty.AutomatedDecisions, empty.HumanDecisions, len(empty.Rules))
		}
	})
}

func TestQuality(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		h := newHistory(t, st)
		got, err := h.svc.Quality(t.Context(), h.since, h.until)
		if err != nil {
			t.Fatalf("Quality() error: %v", err)
		}
		for i := range got {
			got[i].Title = ""
		}
		want := []review.RuleQuality{
			{Rule: "off-topic", Reviewed: 1, Overturned: 1, UpheldRate: 0},
			{Rule: "hate", Reviewed: 3, Upheld: 2, UpheldSameRule: 2, Overturned: 1, UpheldRate: 2.0 / 3},
			{Rule: "spam", Reviewed: 1, Upheld: 1, UpheldSameRule: 1, UpheldRate: 1},
			{Rule: "trolling", Reviewed: 1, Upheld: 1, UpheldRate: 1},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Quality() =\n%+v\nwant\n%+v", got, want)
		}
	})
}
