package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserModerationLoop is the moderators' whole loop in Chromium: a
// reader posts a comment that breaks a rule and the engine holds it; a
// moderator rejects it from the queue, and its strikes block the reader;
// the reader appeals; the moderator restores the account; the reader
// comments again; a second block is permanent and the appeal form is gone.
func TestBrowserModerationLoop(t *testing.T) {
	exec := chromium(t)
	dir := t.TempDir()
	base, _ := startServerIn(t, dir, "--no-demo", "--strike-limit", "3")
	article := writeArticle(t, dir, "harbour-night-shift", "Harbour night shift keeps cranes moving")
	run(t, "", "articles", "import", "--data-dir", dir, article)
	run(t, "amber window cedar 31\n", "user", "create", "--data-dir", dir, "--email", "anna@example.org", "--name", "Anna Berg", "--password-stdin")
	run(t, "silver meadow piano 58\n", "user", "create", "--data-dir", dir, "--email", "mia@example.org", "--name", "Mia Moderator",
		"--role", "moderator", "--password-stdin")
	reader, mod := newBrowsers(t, exec)
	login := func(ctx context.Context, email, pw, next, want string) {
		t.Helper()
		if err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/login?next="+next),
			chromedp.WaitVisible(chromedp.CSS("#email")),
			chromedp.SendKeys(chromedp.CSS("#email"), email),
			chromedp.SendKeys(chromedp.CSS("#password"), pw),
			chromedp.Click(chromedp.CSS("form.form button[type=submit]")),
			waitText(t, want),
		); err != nil {
			t.Fatalf("sign in %s: %v", email, err)
		}
	}
	post := func(text, want string) {
		t.Helper()
		if err := chromedp.Do(reader,
			chromedp.Navigate(base+"/news/harbour-night-shift"),
			chromedp.WaitVisible(chromedp.CSS("#comment-text")),
			chromedp.SendKeys(chromedp.CSS("#comment-text"), text),
			chromedp.Click(chromedp.CSS("#comments form.comment-form button[type=submit]")),
			waitText(t, want),
		); err != nil {
			t.Fatalf("post %q: %v", text, err)
		}
	}
	login(reader, "anna@example.org", "amber window cedar 31", "/news/harbour-night-shift", "Post comment")
	login(mod, "mia@example.org", "silver meadow piano 58", "/moderation", "Held by the machine")

	// 1. The engine holds a comment promoting drugs.
	post("Where can I buy cocaine in this town? Asking for a friend who needs some tonight.", "Awaiting review")

	// 2. The moderator sees it arrive live and rejects it under its rule.
	if err := chromedp.Do(mod,
		waitText(t, "Show new items (1)"),
		chromedp.Click(chromedp.CSS(".mod-show-new")),
		waitText(t, "Asking for a friend"),
		waitText(t, "Drugs"),
		chromedp.Click(chromedp.CSS(".mod-reject button[value=reject]")),
		waitText(t, "Nothing waiting here"),
	); err != nil {
		t.Fatalf("moderator rejects: %v", err)
	}

	// 3. Its strikes block the reader, who sees why and appeals.
	if err := chromedp.Do(reader,
		chromedp.Navigate(base+"/news/harbour-night-shift"),
		waitText(t, "Your account is blocked"),
		chromedp.Navigate(base+"/account/notifications"),
		waitText(t, "Your comment was removed"),
		waitText(t, "Decided by: a moderator"),
		chromedp.Navigate(base+"/account/appeal"),
		chromedp.WaitVisible(chromedp.CSS("#explanation")),
	); err != nil {
		t.Fatalf("reader is told: %v", err)
	}
	subject, err := chromedp.Run(reader, chromedp.Evaluate[string]("document.querySelector('#subject').value + '|' + document.querySelector('#user-id').value"))
	if err != nil || !strings.HasPrefix(subject, "Restoration of account / unlock access|") || len(subject) < 45 {
		t.Errorf("appeal form prefill = %q, %v", subject, err)
	}
	if err := chromedp.Do(reader,
		chromedp.SendKeys(chromedp.CSS("#explanation"), "I asked about drugs, which breaks the rules. I will keep to the Community Standards."),
		chromedp.Click(chromedp.CSS(".appeal-form button[type=submit]")),
		waitText(t, "Your appeal was sent"),
	); err != nil {
		t.Fatalf("reader appeals: %v", err)
	}

	// 4. The moderator restores the account.
	if err := chromedp.Do(mod,
		chromedp.Navigate(base+"/moderation/appeals"),
		waitText(t, "I will keep to the Community Standards"),
		chromedp.SendKeys(chromedp.CSS("input[name=reason]"), "First offence; the reader understands the rule."),
		chromedp.Click(chromedp.CSS("button[value=restore]")),
		waitText(t, "Appeal accepted"),
	); err != nil {
		t.Fatalf("moderator restores: %v", err)
	}

	// 5. The reader comments again.
	post("Thank you. The night crews deserve more credit for this.", "The night crews deserve more credit")

	// 6. A second block is permanent: no appeal form.
	id, err := chromedp.Run(reader, chromedp.Evaluate[string]("document.querySelector('#comments').dataset.viewer"))
	if err != nil || id == "" {
		t.Fatalf("reader id: %q %v", id, err)
	}
	if err := chromedp.Do(mod,
		chromedp.Navigate(base+"/moderation/users/"+id),
		chromedp.WaitVisible(chromedp.CSS("#block-reason")),
		waitText(t, "second block: it is permanent"),
		chromedp.SendKeys(chromedp.CSS("#block-reason"), "Drug talk again."),
		chromedp.Click(chromedp.CSS("form[action$='/block'] button[type=submit]")),
		waitText(t, "blocked permanently"),
	); err != nil {
		t.Fatalf("second block: %v", err)
	}
	if err := chromedp.Do(reader,
		chromedp.Navigate(base+"/account/appeal"),
		waitText(t, "cannot be appealed"),
	); err != nil {
		t.Fatalf("reader after the second block: %v", err)
	}
	n, err := chromedp.Run(reader, chromedp.Evaluate[int]("document.querySelectorAll('#explanation').length"))
	if err != nil || n != 0 {
		t.Errorf("the appeal form is still there after a permanent block (%d, %v)", n, err)
	}
}
