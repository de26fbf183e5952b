package accounts

import (
	"bytes"
	"context"
	"html/template"
	"strings"

	"tribune/internal/mail"
	"tribune/internal/store"
)

// letter is an account email before rendering: a few paragraphs and at
// most one link, rendered both as plain text and as simple HTML.
type letter struct {
	Subject  string
	Greeting string
	Before   []string
	Link     string
	Label    string
	After    []string
	SiteName string
	SiteURL  string
}

var letterHTML = template.Must(template.New("letter").Parse(`<!doctype html>
<html><head><meta charset="utf-8"><title>{{.Subject}}</title></head>
<body style="font-family: Arial, sans-serif; color: #16181d; line-height: 1.5; max-width: 560px; margin: 0 auto; padding: 16px;">
<p style="font-weight: bold; font-size: 20px; color: #b3121f;">{{.SiteName}}</p>
<p>{{.Greeting}}</p>
{{range .Before}}<p>{{.}}</p>
{{end}}{{if .Link}}<p><a href="{{.Link}}" style="display: inline-block; background: #b3121f; color: #ffffff; padding: 10px 18px; border-radius: 4px; text-decoration: none;">{{.Label}}</a></p>
<p style="font-size: 13px; color: #5b6270;">If the button does not work, copy this address into your browser:<br>{{.Link}}</p>
{{end}}{{range .After}}<p>{{.}}</p>
{{end}}<p style="font-size: 13px; color: #5b6270;">— {{.SiteName}}, <a href="{{.SiteURL}}">{{.SiteURL}}</a></p>
</body></html>
`))

// render produces the message for one recipient.
func (l letter) render(to string) (mail.Message, error) {
	var text strings.Builder
	text.WriteString(l.Greeting + "\n\n")
	for _, p := range l.Before {
		text.WriteString(p + "\n\n")
	}
	if l.Link != "" {
		text.WriteString(l.Label + ":\n" + l.Link + "\n\n")
	}
	for _, p := range l.After {
		text.WriteString(p + "\n\n")
	}
	text.WriteString("-- \n" + l.SiteName + ", " + l.SiteURL + "\n")
	var html bytes.Buffer
	if err := letterHTML.Execute(&html, l); err != nil {
		return mail.Message{}, err
	}
	return mail.Message{To: to, Subject: l.Subject, Text: text.String(), HTML: html.String()}, nil
}

// send renders a letter and hands it to the mailer.
func (s *Service) send(ctx context.Context, to string, l letter) error {
	l.SiteName, l.SiteURL = s.cfg.SiteName, s.cfg.BaseURL+"/"
	m, err := l.render(to)
	if err != nil {
		return err
	}
	return s.mail.Send(ctx, m)
}

func hello(u store.User) string { return "Hello " + u.Name + "," }

func verifyEmail(cfg Config, u store.User, link string) letter {
	return letter{
		Subject: "Confirm your email for " + cfg.SiteName, Greeting: hello(u),
		Before: []string{"Thank you for joining " + cfg.SiteName + ". Please confirm your email address so you can comment."},
		Link:   link, Label: "Confirm my email",
		After: []string{"The link works once, for 48 hours. If you did not sign up, ignore this email: no account becomes active without it."},
	}
}

func existingAccountEmail(cfg Config, u store.User) letter {
	return letter{
		Subject: "Someone tried to register with your email at " + cfg.SiteName, Greeting: hello(u),
		Before: []string{"Someone, perhaps you, tried to create a " + cfg.SiteName + " account with this email address. You already have an account, so nothing was created."},
		Link:   cfg.BaseURL + "/account/forgot", Label: "Forgot your password? Reset it here",
		After: []string{"If this was not you, you can ignore this email. Your account is unchanged."},
	}
}

func resetEmail(cfg Config, u store.User, link string) letter {
	return letter{
		Subject: "Reset your " + cfg.SiteName + " password", Greeting: hello(u),
		Before: []string{"We received a request to reset the password of your account."},
		Link:   link, Label: "Choose a new password",
		After: []string{"The link works once, for one hour. Setting a new password signs you out on every other device. If you did not ask for this, ignore this email."},
	}
}

func passwordChangedEmail(cfg Config, u store.User) letter {
	return letter{
		Subject: "Your " + cfg.SiteName + " password was changed", Greeting: hello(u),
		Before: []string{"The password of your account was just changed, and other devices were signed out."},
		Link:   cfg.BaseURL + "/account/forgot", Label: "Was it not you? Reset your password",
	}
}

func emailChangeEmail(cfg Config, u store.User, newEmail, link string) letter {
	return letter{
		Subject: "Confirm your new email for " + cfg.SiteName, Greeting: hello(u),
		Before: []string{"Please confirm that " + newEmail + " should become the email address of your account."},
		Link:   link, Label: "Confirm the new address",
		After: []string{"The link works once, for 24 hours. Until then your old address stays in use."},
	}
}

func emailChangedEmail(cfg Config, u store.User, old string) letter {
	return letter{
		Subject: "Your " + cfg.SiteName + " email address was changed", Greeting: hello(u),
		Before: []string{"The email address of your account was changed from " + old + " to " + u.Email + ".",
			"If you did not do this, reply to this email or contact the newsroom at once."},
	}
}

func deletedEmail(cfg Config, u store.User, link string) letter {
	return letter{
		Subject: "Your " + cfg.SiteName + " account was deleted", Greeting: hello(u),
		Before: []string{"Your account was deleted and you were signed out. Your profile is no longer visible to anyone.",
			"Changed your mind? You can restore the account, exactly as it was, within 30 days:"},
		Link: link, Label: "Restore my account",
		After: []string{"After 30 days your personal data is erased for good and the account can no longer be restored."},
	}
}

func restoredEmail(cfg Config, u store.User) letter {
	return letter{
		Subject: "Your " + cfg.SiteName + " account was restored", Greeting: hello(u),
		Before: []string{"Welcome back. Your account was restored exactly as it was. Sign in to continue."},
		Link:   cfg.BaseURL + "/login", Label: "Sign in",
	}
}
