package crashtest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
)

// listed is a comment as the public list shows it.
type listed struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Status string `json:"status"`
	slug   string
}

// listComments reads every published comment of an article, page by page
// (oldest first, 200 a page), and the total the first page announced.
func listComments(ctx context.Context, client *http.Client, base, slug string) ([]listed, int, error) {
	var all []listed
	total := -1
	seen := map[string]bool{}
	cursor := ""
	for page := 0; ; page++ {
		if page > 1000 {
			return all, total, fmt.Errorf("more than 1000 pages of comments on %s: the cursor does not advance", slug)
		}
		q := url.Values{"sort": {"oldest"}, "limit": {"200"}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		u := base + "/api/v1/articles/" + slug + "/comments?" + q.Encode()
		var body struct {
			Comments   []listed `json:"comments"`
			NextCursor string   `json:"next_cursor"`
			Total      int      `json:"total"`
		}
		if err := getJSON(ctx, client, u, &body); err != nil {
			return all, total, err
		}
		if total < 0 {
			total = body.Total
		}
		for _, c := range body.Comments {
			c.slug = slug
			all = append(all, c)
		}
		if body.NextCursor == "" {
			return all, total, nil
		}
		if seen[body.NextCursor] {
			return all, total, fmt.Errorf("GET %s: next_cursor %q came back a second time", u, body.NextCursor)
		}
		seen[body.NextCursor] = true
		cursor = body.NextCursor
	}
}

func getJSON(ctx context.Context, client *http.Client, u string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	return doJSON(client, req, v)
}

// doJSON sends req and decodes a 200 answer into v.
func doJSON(client *http.Client, req *http.Request, v any) error {
	u := req.URL.String()
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("GET %s: %w", u, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("GET %s: %w", u, err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: status %d: %s", u, resp.StatusCode, strings.TrimSpace(string(b)))
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("GET %s: %w in %.200q", u, err, b)
	}
	return nil
}

// commentByID reads GET /api/v1/comments/{id} with the author's token.
func commentByID(ctx context.Context, client *http.Client, base string, a ack) (listed, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/v1/comments/"+url.PathEscape(a.id), nil)
	if err != nil {
		return listed{}, err
	}
	req.Header.Set("Authorization", "Bearer "+a.token)
	var body struct {
		Comment listed `json:"comment"`
	}
	err = doJSON(client, req, &body)
	return body.Comment, err
}

// ledger is what the test knows across all rounds on one database.
type ledger struct {
	acked   map[string]ack // by id: must be there, unchanged
	unknown map[string]ack // by text: sent, fate unknown; may be there once
}

func newLedger() *ledger {
	return &ledger{acked: map[string]ack{}, unknown: map[string]ack{}}
}

func (l *ledger) add(r *round) {
	for _, c := range r.acked {
		l.acked[c.id] = c
	}
	for _, c := range r.unknown {
		l.unknown[c.text] = c
	}
}

// findings sums up one check of the public list against the ledger.
type findings struct {
	listed     int // comments on the test's articles
	acked      int // acknowledged as published, all rounds
	private    int // acknowledged as held or rejected: checked one by one
	survivors  int // unknown-fate comments that turned out committed
	newlyFound int // of which first seen in this check
}

// lookup reads one comment by id as its author, for those the public
// list does not show (held or rejected).
type lookup func(a ack) (listed, error)

// check compares the lists with the ledger and reports every problem:
// an acknowledged comment missing or changed, a comment listed twice, a
// comment nobody sent. An unknown-fate comment that is found is moved to
// the acknowledged ones: once seen, it must stay.
func (l *ledger) check(t *testing.T, lists []listed, byIDLookup lookup) findings {
	t.Helper()
	var f findings
	f.listed = len(lists)
	byID := map[string]listed{}
	byText := map[string]string{}
	for _, c := range lists {
		if prev, dup := byID[c.ID]; dup {
			t.Errorf("comment %s is listed twice (%q on %s, %q on %s)", c.ID, prev.Text, prev.slug, c.Text, c.slug)
		}
		byID[c.ID] = c
		if id, dup := byText[c.Text]; dup {
			t.Errorf("text %q is listed twice, as %s and %s: one POST, two comments", c.Text, id, c.ID)
		}
		byText[c.Text] = c.ID
	}
	var missing []string
	for id, a := range l.acked {
		if a.status != "published" {
			f.private++
			got, err := byIDLookup(a)
			switch {
			case err != nil:
				missing = append(missing, fmt.Sprintf("%s (%s, round %d on %s: %q): %v", id, a.status, a.round, a.slug, a.text, err))
			case got.Text != a.text || got.Status != a.status:
				t.Errorf("acknowledged %s comment %s is %s %q, want %q", a.status, id, got.Status, got.Text, a.text)
			}
			continue
		}
		f.acked++
		got, ok := byID[id]
		switch {
		case !ok:
			missing = append(missing, fmt.Sprintf("%s (round %d on %s: %q)", id, a.round, a.slug, a.text))
		case got.Text != a.text || got.slug != a.slug:
			t.Errorf("acknowledged comment %s is %q on %s, want %q on %s", id, got.Text, got.slug, a.text, a.slug)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		t.Errorf("LOST: %d of %d comments acknowledged with 201 are missing after the crash, e.g.:\n  %s",
			len(missing), f.acked+f.private, strings.Join(missing[:min(len(missing), 20)], "\n  "))
	}
	for _, c := range lists {
		if _, ok := l.acked[c.ID]; ok {
			if l.acked[c.ID].inFlight {
				f.survivors++
			}
			continue
		}
		u, ok := l.unknown[c.Text]
		if !ok || u.slug != c.slug {
			t.Errorf("comment %s (%q on %s) was never sent by the test", c.ID, c.Text, c.slug)
			continue
		}
		// Sent when the server died, committed all the same: from now
		// on it counts as acknowledged.
		delete(l.unknown, c.Text)
		u.id, u.status, u.inFlight = c.ID, "published", true
		l.acked[c.ID] = u
		f.survivors++
		f.newlyFound++
	}
	return f
}
