package site

import (
	"fmt"
	"net/http"
	"time"

	"tribune/internal/review"
	"tribune/internal/store"
)

// periods are the choices of the transparency and quality pages.
var periods = []struct{ Key, Label string }{
	{"30d", "Last 30 days"}, {"90d", "Last 90 days"}, {"365d", "Last 12 months"}, {"all", "All time"},
}

type periodLink struct {
	Key, Label, URL string
	Current         bool
}

// period reads ?period= and returns its bounds and the links to the others.
func (s *Site) period(r *http.Request, path string) (since, until time.Time, links []periodLink) {
	key := r.URL.Query().Get("period")
	until = s.now().UTC().Truncate(time.Hour).Add(time.Hour)
	days := map[string]int{"30d": 30, "90d": 90, "365d": 365}
	if _, ok := days[key]; !ok && key != "all" {
		key = "30d"
	}
	if key == "all" {
		since = time.Unix(0, 0).UTC()
	} else {
		since = until.AddDate(0, 0, -days[key])
	}
	for _, p := range periods {
		links = append(links, periodLink{Key: p.Key, Label: p.Label, URL: path + "?period=" + p.Key, Current: p.Key == key})
	}
	return since, until, links
}

// transparencyView is the public transparency report.
type transparencyView struct {
	page
	Report  review.Report
	Periods []periodLink
}

// transparency is the public report: decisions per rule, automated and by
// people, blocks and appeals, over a chosen period.
func (s *Site) transparency(w http.ResponseWriter, r *http.Request) error {
	since, until, links := s.period(r, "/transparency")
	rep, err := s.review.Transparency(r.Context(), since, until)
	if err != nil {
		return err
	}
	p, err := s.basePage(r.Context(), "Transparency report", "/transparency")
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	return s.page(w, r, http.StatusOK, "transparency", transparencyView{page: p, Report: rep, Periods: links})
}

// qualityView is the moderators' quality page.
type qualityView struct {
	modPage
	Rules   []review.RuleQuality
	Periods []periodLink
}

func (s *Site) modQuality(w http.ResponseWriter, r *http.Request) error {
	v, err := s.requireStaff(w, r)
	if v == nil {
		return err
	}
	since, until, links := s.period(r, "/moderation/quality")
	q, err := s.review.Quality(r.Context(), since, until)
	if err != nil {
		return err
	}
	mp, err := s.newModPage(w, r, v, "Quality · Moderation", "quality")
	if err != nil {
		return err
	}
	return s.page(w, r, http.StatusOK, "mod_quality", qualityView{modPage: mp, Rules: q, Periods: links})
}

// modExportDSA downloads the period's statements of reasons in the DSA
// Transparency Database format, personal data removed (admins).
func (s *Site) modExportDSA(w http.ResponseWriter, r *http.Request) error {
	v, err := s.requireStaff(w, r)
	if v == nil {
		return err
	}
	if v.user.Role != store.RoleAdmin {
		return s.notFound(w, r)
	}
	format := r.URL.Query().Get("format")
	if format != "json" {
		format = "csv"
	}
	since, until, _ := s.period(r, "")
	ctype := map[string]string{"csv": "text/csv; charset=utf-8", "json": "application/json"}[format]
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="statements-%s-%s.%s"`,
		since.Format("20060102"), until.Format("20060102"), format))
	return s.review.ExportDSA(r.Context(), w, format, since, until)
}
