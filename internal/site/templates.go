package site

import (
	"embed"
	"fmt"
	"html"
	"html/template"
	"strings"
	"time"

	"tribune/internal/captcha"
	"tribune/internal/comments"
	"tribune/internal/news"
	"tribune/internal/review"
)

//go:embed templates/*.html
var templateFS embed.FS

// pageNames are the page templates; each is parsed together with the layout.
var pageNames = []string{"home", "list", "article", "error", "setup", "register", "login", "forgot", "reset",
	"notice", "social", "account", "legal", "reader", "comment_form", "versions", "standards",
	"moderation", "mod_user", "mod_appeals", "mod_audit", "notifications", "appeal", "mod_policy", "transparency", "mod_quality"}

func (s *Site) parseTemplates() (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"dateline":   s.datelineHTML,
		"shortTime":  s.shortTime,
		"rfc3339":    func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"asset":      s.assets.path,
		"imageURL":   func(l news.Lead) string { return l.URL() },
		"views":      func() template.HTML { return template.HTML(slotViewsText) },
		"viewsRaw":   func() string { return slotViews },
		"account":    func() template.HTML { return template.HTML(slotAccount) },
		"thousands":  groupThousands,
		"add":        func(a, b int) int { return a + b },
		"comments":   func() template.HTML { return template.HTML(slotComments) },
		"commentCtx": func(c *commentView, s commentsSection) commentCtx { return commentCtx{C: c, S: s} },
		"excerpt":    comments.Excerpt,
		"since":      s.since,
		"dict":       dict,
		"firstRule":  firstRule,
		"percent":    func(f float64) float64 { return f * 100 },
		"paragraphs": func(s string) []string { return strings.Split(s, "\n\n") },
	}
	base, err := template.New("layout").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/partials.html", "templates/comments.html",
		"templates/mod_partials.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	if _, err := base.Parse(captcha.WidgetTemplate); err != nil {
		return nil, fmt.Errorf("parse captcha widget: %w", err)
	}
	out := map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.Must(base.Clone()).ParseFS(templateFS, "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

// dateline formats a time the way agencies print it, in the site's zone:
// "19:15 GMT+3 09.02.2017".
func (s *Site) dateline(t time.Time) string {
	t = t.In(s.cfg.Timezone)
	return t.Format("15:04") + " " + gmtOffset(t) + " " + t.Format("02.01.2006")
}

// datelineHTML is dateline for templates: its characters need no escaping,
// and html/template would otherwise print "+" as "&#43;".
func (s *Site) datelineHTML(t time.Time) template.HTML {
	return template.HTML(html.EscapeString(s.dateline(t)))
}

// shortTime is the time shown in lists: the clock for today, else the date too.
func (s *Site) shortTime(t time.Time) string {
	t = t.In(s.cfg.Timezone)
	now := s.now().In(s.cfg.Timezone)
	if t.Year() == now.Year() && t.YearDay() == now.YearDay() {
		return t.Format("15:04")
	}
	return t.Format("15:04 02.01.2006")
}

// gmtOffset renders a zone offset as GMT, GMT+3, GMT-4:30.
func gmtOffset(t time.Time) string {
	_, off := t.Zone()
	if off == 0 {
		return "GMT"
	}
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	h, m := off/3600, (off%3600)/60
	if m == 0 {
		return fmt.Sprintf("GMT%s%d", sign, h)
	}
	return fmt.Sprintf("GMT%s%d:%02d", sign, h, m)
}

// commentCtx carries one comment and its section into the recursive
// "comment" template.
type commentCtx struct {
	C *commentView
	S commentsSection
}

// since says how long ago t was, roughly: "3 days", "2 years".
func (s *Site) since(t time.Time) string {
	d := s.now().Sub(t)
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%d minutes", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d hours", int(d.Hours()))
	case d < 60*24*time.Hour:
		return fmt.Sprintf("%d days", int(d.Hours()/24))
	case d < 730*24*time.Hour:
		return fmt.Sprintf("%d months", int(d.Hours()/24/30))
	}
	return fmt.Sprintf("%d years", int(d.Hours()/24/365))
}

// dict builds a map for passing several values to a template.
func dict(kv ...any) map[string]any {
	m := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		k, _ := kv[i].(string)
		m[k] = kv[i+1]
	}
	return m
}

// firstRule is the first fired rule's id, the default of a reject form.
func firstRule(rs []review.RuleHit) string {
	if len(rs) == 0 {
		return ""
	}
	return rs[0].ID
}
