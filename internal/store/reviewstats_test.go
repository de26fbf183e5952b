package store_test

import (
	"slices"
	"testing"
	"time"

	"tribune/internal/store"
	"tribune/internal/store/storetest"
)

func TestAuditEntries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		add := func(at time.Time, action string, automated bool) {
			t.Helper()
			if err := st.AddAudit(ctx, store.AuditEntry{At: at, Automated: automated, Action: action, TargetType: store.TargetComment,
				TargetID: "c", Rule: "hate", Before: `{"status":"held"}`}); err != nil {
				t.Fatal(err)
			}
		}
		add(base.Add(-time.Hour), store.ActionHold, true) // before the period
		for i := range 5 {
			add(base.Add(time.Duration(i)*time.Minute), store.ActionHold, true)
			add(base.Add(time.Duration(i)*time.Minute), store.ActionApprove, false)
		}
		add(base.Add(time.Hour), store.ActionHold, true) // at the period's end: excluded

		tests := []struct {
			name    string
			actions []string
			limit   int
			want    int
		}{
			{"all actions", nil, 0, 10},
			{"one action", []string{store.ActionApprove}, 0, 5},
			{"two actions, small pages", []string{store.ActionApprove, store.ActionHold}, 3, 10},
			{"no such action", []string{store.ActionBlock}, 2, 0},
		}
		for _, tt := range tests {
			r := store.AuditRange{Since: base, Until: base.Add(time.Hour), Actions: tt.actions, Limit: tt.limit}
			var got []store.AuditEntry
			for {
				page, err := st.AuditEntries(ctx, r)
				if err != nil {
					t.Fatalf("%s: AuditEntries() error: %v", tt.name, err)
				}
				got = append(got, page...)
				if len(page) == 0 || tt.limit == 0 {
					break
				}
				r.After = page[len(page)-1].Seq
			}
			if len(got) != tt.want {
				t.Errorf("%s: AuditEntries() = %d entries, want %d", tt.name, len(got), tt.want)
			}
			if !slices.IsSortedFunc(got, func(a, b store.AuditEntry) int { return int(a.Seq - b.Seq) }) {
				t.Errorf("%s: AuditEntries() not oldest first", tt.name)
			}
			for _, e := range got {
				if e.At.Before(base) || !e.At.Before(base.Add(time.Hour)) || e.Rule != "hate" || e.Before != `{"status":"held"}` ||
					e.Automated != (e.Action == store.ActionHold) {
					t.Errorf("%s: AuditEntries() entry %+v", tt.name, e)
				}
			}
		}
	})
}

func TestCommentRecords(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		art := mustSave(t, st, input("story", base))["story"]
		anna, ben := newUser(t, st, "anna@example.org", "anna"), newUser(t, st, "ben@example.org", "ben")
		var cs []store.Comment
		for i, author := range []store.User{anna, anna, ben} {
			c := store.Comment{ID: store.NewID(), ArticleID: art, AuthorID: author.ID, Body: "text " + author.Name, Status: store.CommentPublished,
				CreatedAt: base.Add(time.Duration(i) * time.Minute)}
			c.RootID = c.ID
			cs = append(cs, c)
		}
		if _, err := st.InsertComments(ctx, cs); err != nil {
			t.Fatal(err)
		}
		if _, err := st.ReportComment(ctx, cs[1].ID, ben.ID, "spam", "", base, 3); err != nil {
			t.Fatal(err)
		}
		ben.DeletedAt = base
		if err := st.UpdateUser(ctx, ben); err != nil {
			t.Fatal(err)
		}
		got, err := st.CommentRecords(ctx, []string{cs[0].ID, cs[1].ID, cs[2].ID, cs[0].ID, "missing", ""})
		if err != nil {
			t.Fatalf("CommentRecords() error: %v", err)
		}
		want := map[string]store.CommentRecord{
			cs[0].ID: {ID: cs[0].ID, Body: "text anna", Status: store.CommentPublished, CreatedAt: base},
			cs[1].ID: {ID: cs[1].ID, Body: "text anna", Status: store.CommentPublished, CreatedAt: base.Add(time.Minute), Reported: true},
			cs[2].ID: {ID: cs[2].ID, Body: "text ben", Status: store.CommentPublished, CreatedAt: base.Add(2 * time.Minute), AuthorGone: true},
		}
		if len(got) != len(want) {
			t.Errorf("CommentRecords() = %d records, want %d", len(got), len(want))
		}
		for id, w := range want {
			if got[id] != w {
				t.Errorf("CommentRecords()[%s] = %+v, want %+v", id, got[id], w)
			}
		}

		created, err := st.UsersCreatedAt(ctx, []string{anna.ID, ben.ID, "missing"})
		if err != nil {
			t.Fatalf("UsersCreatedAt() error: %v", err)
		}
		if len(created) != 2 || !created[anna.ID].Equal(base) || !created[ben.ID].Equal(base) {
			t.Errorf("UsersCreatedAt() = %v, want both accounts at %v", created, base)
		}
		if none, err := st.CommentRecords(ctx, nil); err != nil || len(none) != 0 {
			t.Errorf("CommentRecords(nil) = %v, %v, want none", none, err)
		}
	})
}
