package cli

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserLiveComments has two readers on one article in two browser
// contexts: A posts a comment through the form; B, without reloading, sees
// "Show new comments (1)" and clicks it to read the comment in place.
func TestBrowserLiveComments(t *testing.T) {
	exec := chromium(t)
	dir := t.TempDir()
	base, _ := startServerIn(t, dir, "--no-demo")
	article := writeArticle(t, dir, "harbour-night-shift", "Harbour night shift keeps cranes moving")
	run(t, "", "articles", "import", "--data-dir", dir, article)
	run(t, "amber window cedar 31\n", "user", "create", "--data-dir", dir, "--email", "anna@example.org", "--name", "Anna Berg", "--password-stdin")
	run(t, "silver meadow piano 58\n", "user", "create", "--data-dir", dir, "--email", "ben@example.org", "--name", "Ben Holt", "--password-stdin")
	a, b := newBrowsers(t, exec)
	login := func(ctx context.Context, email, pw string) {
		t.Helper()
		if err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/login?next=/news/harbour-night-shift"),
			chromedp.WaitVisible(chromedp.CSS("#email")),
			chromedp.SendKeys(chromedp.CSS("#email"), email),
			chromedp.SendKeys(chromedp.CSS("#password"), pw),
			chromedp.Click(chromedp.CSS("form.form button[type=submit]")),
			waitText(t, "Post comment"),
		); err != nil {
			t.Fatalf("sign in %s: %v", email, err)
		}
	}
	login(a, "anna@example.org", "amber window cedar 31")
	login(b, "ben@example.org", "silver meadow piano 58")
	// B's page is open, with its live stream connected, before A posts.
	if err := chromedp.Do(b, chromedp.WaitVisible(chromedp.CSS("#comments"))); err != nil {
		t.Fatal(err)
	}
	const text = "The night crews deserve more credit for this."
	if err := chromedp.Do(a,
		chromedp.SendKeys(chromedp.CSS("#comment-text"), text),
		chromedp.Click(chromedp.CSS("#comments form.comment-form button[type=submit]")),
		waitText(t, text),
	); err != nil {
		t.Fatalf("A posts: %v", err)
	}
	if err := chromedp.Do(b, waitText(t, "Show new comments (1)")); err != nil {
		t.Fatalf("B never saw the new comment counted: %v", err)
	}
	if err := chromedp.Do(b,
		chromedp.Click(chromedp.CSS(".show-new")),
		waitText(t, text),
	); err != nil {
		t.Fatalf("B clicks Show new comments: %v", err)
	}
	hidden, err := chromedp.Run(b, chromedp.Evaluate[bool]("document.querySelector('.show-new').hidden"))
	if err != nil || !hidden {
		t.Errorf("the Show new comments button stays visible after showing them (%v)", err)
	}
}

// writeArticle writes a small article file for import and returns its path.
func writeArticle(t *testing.T, dir, slug, headline string) string {
	t.Helper()
	path := filepath.Join(dir, slug+".md")
	body := "---\ntitle: \"" + headline + "\"\nslug: " + slug + "\nsummary: \"A short summary.\"\nsection: \"World\"\nauthor: \"Desk\"\ndate: 2026-01-01T10:00:00Z\n---\nThe harbour worked through the night.\n"
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
