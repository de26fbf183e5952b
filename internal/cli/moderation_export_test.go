package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"tribune/internal/moderation/eval"
	"tribune/internal/store"
)

// seedDecisions stores, in dir's SQLite database, two comments the
// machine held an hour ago: one a moderator rejected (insult), one they
// approved (hate).
func seedDecisions(t *testing.T, dir string) {
	t.Helper()
	ctx := t.Context()
	st, err := store.Open(ctx, store.SQLitePath(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	at := time.Now().UTC().Add(-time.Hour).Truncate(time.Second)
	if _, _, err := st.SaveArticle(ctx, store.ArticleInput{Slug: "story", Headline: "Story", Body: "x", SectionPath: []string{"World"},
		PublishedAt: at.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	art, err := st.ArticleBySlug(ctx, "story")
	if err != nil {
		t.Fatal(err)
	}
	var users []store.User
	for _, name := range []string{"reader", "mod"} {
		u, err := st.CreateUser(ctx, store.User{Email: name + "@example.org", Name: name, NameKey: name, Role: store.RoleReader, CreatedAt: at})
		if err != nil {
			t.Fatal(err)
		}
		users = append(users, u)
	}
	for i, rule := range []string{"insult", "hate"} {
		c := store.Comment{ID: store.NewID(), ArticleID: art.ID, AuthorID: users[0].ID, Body: "comment breaking " + rule, Status: store.CommentHeld,
			Reasons: `[{"rule":"` + rule + `","message":"m"}]`, CreatedAt: at, Machine: &store.MachineDecision{Action: store.ActionHold, Rule: rule}}
		c.RootID = c.ID
		if _, err := st.InsertComments(ctx, []store.Comment{c}); err != nil {
			t.Fatal(err)
		}
		d := store.Decision{CommentID: c.ID, ExpectStatus: store.CommentHeld, Approve: i == 1, ActorID: users[1].ID, At: at.Add(time.Minute)}
		if !d.Approve {
			d.Rule = rule
		}
		if _, err := st.DecideComment(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
}

// runCode runs a CLI command and returns its exit code and outputs.
func runCode(args ...string) (int, string, string) {
	var out, errOut strings.Builder
	code := Run(context.Background(), args, IO{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }})
	return code, out.String(), errOut.String()
}

func TestModerationExports(t *testing.T) {
	dir := t.TempDir()
	seedDecisions(t, dir)

	code, out, errOut := runCode("moderation", "export-labels", "--data-dir", dir)
	if code != 0 {
		t.Fatalf("export-labels = exit %d: %s", code, errOut)
	}
	examples, err := eval.Read(strings.NewReader(out))
	if err != nil || len(examples) != 2 || examples[0].Labels["insult"] != 1 || examples[1].Labels["hate"] != 0 {
		t.Errorf("export-labels printed %q (%v), want the rejection labelled 1 and the approval 0", out, err)
	}
	if !strings.Contains(errOut, "2 labelled comments") {
		t.Errorf("export-labels told %q, want the count", errOut)
	}

	code, out, errOut = runCode("moderation", "export-dsa", "--data-dir", dir, "--format", "json", "--since", "24h")
	var doc struct {
		Statements []map[string]any `json:"statements"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &doc) != nil || len(doc.Statements) != 3 {
		t.Errorf("export-dsa --format json = exit %d, %q (%s), want two holds and a rejection", code, out, errOut)
	}

	code, out, errOut = runCode("moderation", "export-dsa", "--data-dir", dir, "--since", time.Now().UTC().Add(-2*time.Hour).Format(time.RFC3339))
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(rows) != 4 || rows[0][0] != "puid" {
		t.Errorf("export-dsa (csv) = exit %d, %d rows (%v): %s", code, len(rows), err, errOut)
	}
	if strings.Contains(out, "comment breaking") || strings.Contains(out, "reader@example.org") {
		t.Errorf("export-dsa leaks comment text or email: %s", out)
	}

	code, out, errOut = runCode("moderation", "export-dsa", "--data-dir", dir, "--until", "48h")
	if rows, _ := csv.NewReader(strings.NewReader(out)).ReadAll(); code != 0 || len(rows) != 1 {
		t.Errorf("export-dsa --until 48h = exit %d, %d rows (%s), want the header alone", code, len(rows), errOut)
	}

	code, out, errOut = runCode("moderation", "transparency", "--data-dir", dir, "--since", "1d")
	if code != 0 || !strings.Contains(out, "Quality") || !strings.Contains(out, "Decisions: 2 automated, 2 by moderators") {
		t.Errorf("transparency = exit %d:\n%s\n%s", code, out, errOut)
	}

	for _, args := range [][]string{
		{"export-dsa", "--format", "xml"},
		{"export-labels", "--since", "yesterday"},
		{"export-dsa", "--since", "1h", "--until", "2h"},
	} {
		if code, _, _ := runCode(append([]string{"moderation"}, append(args, "--data-dir", dir)...)...); code == 0 {
			t.Errorf("moderation %s = exit 0, want an error", strings.Join(args, " "))
		}
	}
}

func TestParseWhen(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2026-11-01T08:30:00+01:00", time.Date(2026, 11, 1, 7, 30, 0, 0, time.UTC), true},
		{"2026-11-01", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), true},
		{"720h", now.Add(-720 * time.Hour), true},
		{"30d", now.Add(-30 * 24 * time.Hour), true},
		{"90m", now.Add(-90 * time.Minute), true},
		{"-5h", time.Time{}, false},
		{"last week", time.Time{}, false},
		{"", time.Time{}, false},
	}
	for _, tt := range tests {
		got, err := parseWhen(tt.in, now)
		if (err == nil) != tt.ok || !got.Equal(tt.want) {
			t.Errorf("parseWhen(%q) = %v, %v; want %v (ok %v)", tt.in, got, err, tt.want, tt.ok)
		}
	}
}
