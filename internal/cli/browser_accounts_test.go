package cli

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tribune/internal/mailcatcher"
)

// TestBrowserAccountLifecycle drives a reader through the whole account
// path in Chromium, reading the real emails the server sends over SMTP:
// register, verify, sign out, sign in, recover the password, delete and
// restore.
func TestBrowserAccountLifecycle(t *testing.T) {
	exec := chromium(t)
	smtpAddr, box := mailcatcher.ForTest(t)
	host, port, _ := strings.Cut(smtpAddr, ":")
	base := startServer(t, "--captcha-test-hook", "--smtp-host", host, "--smtp-port", port, "--smtp-security", "none")
	ctx := newBrowser(t, exec)
	email := mailcatcher.Address("reader")
	const first, second = "lantern bridge river 42", "copper kettle orbit 77"

	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	waitText := func(text string) chromedp.Action[chromedp.Void] { return waitText(t, text) }
	linkRE := regexp.MustCompile(`http://127\.0\.0\.1:\d+/account/[a-z/]+\?token=[A-Za-z0-9_-]+`)
	mailLink := func(n int, subject string) string {
		t.Helper()
		wctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		msgs, err := box.Wait(wctx, email, n)
		if err != nil {
			t.Fatalf("waiting for email %d (%s): %v", n, subject, err)
		}
		m := msgs[n-1]
		if !strings.Contains(m.Subject, subject) || m.HTML == "" {
			t.Fatalf("email %d = %q, want %q with an HTML part", n, m.Subject, subject)
		}
		return linkRE.FindString(m.Text)
	}

	step("register",
		chromedp.Navigate(base+"/register"),
		chromedp.WaitVisible(chromedp.CSS("#name")),
		chromedp.SendKeys(chromedp.CSS("#name"), "Lena Fjord"),
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), first),
		chromedp.SendKeys(chromedp.CSS("#captcha_answer"), "TEST-PASS"),
		chromedp.Click(chromedp.CSS("#consent")),
		chromedp.Click(chromedp.CSS("form.form button[type=submit]")),
		waitText("Check your email"),
	)
	verify := mailLink(1, "Confirm your email")
	step("verify", chromedp.Navigate(verify), waitText("your email address is confirmed"), waitText("Lena Fjord"))
	step("sign out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)), waitText("Sign in"))
	step("sign in",
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), first),
		chromedp.Click(chromedp.CSS("form.form button[type=submit]")),
		waitText("Lena Fjord"),
		chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)),
		waitText("Sign in"),
	)
	step("ask for a reset",
		chromedp.Navigate(base+"/account/forgot"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.Click(chromedp.CSS("form.form button[type=submit]")),
		waitText("If there is an account for"),
	)
	reset := mailLink(2, "Reset your")
	step("reset",
		chromedp.Navigate(reset),
		chromedp.WaitVisible(chromedp.CSS("#password")),
		chromedp.SendKeys(chromedp.CSS("#password"), second),
		chromedp.Click(chromedp.CSS("form.form button[type=submit]")),
		waitText("Your new password is saved"),
	)
	mailLink(3, "password was changed")
	step("delete",
		chromedp.Navigate(base+"/account"),
		chromedp.WaitVisible(chromedp.CSS("#delete-confirm")),
		chromedp.SendKeys(chromedp.CSS("#delete-confirm"), second),
		chromedp.Click(chromedp.CSS("form.danger button[type=submit]")),
		waitText("Your account was deleted"),
	)
	restore := mailLink(4, "account was deleted")
	step("restore",
		chromedp.Navigate(restore),
		waitText("Restore your account"),
		chromedp.Click(chromedp.CSS("form.form button[type=submit]")),
		waitText("Welcome back"),
	)
	mailLink(5, "account was restored")
	step("sign in after restore",
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), second),
		chromedp.Click(chromedp.CSS("form.form button[type=submit]")),
		waitText("Lena Fjord"),
	)
}

// waitText polls the page until it shows text; a poll that meets a
// navigation in progress simply tries again.
func waitText(t *testing.T, text string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		deadline := time.Now().Add(15 * time.Second)
		body := ""
		for time.Now().Before(deadline) {
			got, err := chromedp.Evaluate[string]("document.body ? document.body.innerText : ''")(ctx, tg)
			if err == nil && strings.Contains(got, text) {
				return chromedp.Void{}, nil
			}
			body = got
			select {
			case <-ctx.Done():
				return chromedp.Void{}, ctx.Err()
			case <-time.After(50 * time.Millisecond): // polling a condition with a deadline
			}
		}
		t.Logf("page text:\n%s", body)
		return chromedp.Void{}, fmt.Errorf("page did not show %q in 15s", text)
	}
}
