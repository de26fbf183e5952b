package site

import (
	"embed"
	"html/template"
	"net/http"

	"tribune/internal/markup"
	"tribune/internal/moderation/policy"
)

//go:embed legal/*.md
var legalFS embed.FS

// Policy is the privacy policy readers consent to: Markdown text and the
// version stored with each consent.
type Policy struct {
	Text    string
	Version string
}

// DefaultPrivacyPolicy is the policy shipped with Tribune; operators
// replace it with --privacy-policy FILE and --privacy-policy-version.
func DefaultPrivacyPolicy() Policy {
	b, _ := legalFS.ReadFile("legal/privacy.md")
	return Policy{Text: string(b), Version: "2026-11-27"}
}

type legalPage struct {
	page
	Heading, Version string
	Body             template.HTML
}

func (s *Site) legal(heading, path, version, text string) func(w http.ResponseWriter, r *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		body, err := markup.Render(text, nil)
		if err != nil {
			return err
		}
		p, err := s.basePage(r.Context(), heading, path)
		if err != nil {
			return err
		}
		return s.render(w, http.StatusOK, "legal", legalPage{page: p, Heading: heading, Version: version, Body: body})
	}
}

func (s *Site) privacy(w http.ResponseWriter, r *http.Request) error {
	return s.legal("Privacy Policy", "/privacy", s.policy.Version, s.policy.Text)(w, r)
}

// standards renders the Community Standards from the moderation policy,
// so the rules readers read are the rules the machine applies.
func (s *Site) standards(w http.ResponseWriter, r *http.Request) error {
	p, err := s.basePage(r.Context(), "Community Standards", "/community-standards")
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "standards", struct {
		page
		Version string
		Rules   []policy.Rule
	}{p, s.rules.Load().Version, s.rules.Load().Rules})
}
