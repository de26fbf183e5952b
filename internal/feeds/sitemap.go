package feeds

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"time"
)

// URL is one page listed in a sitemap.
type URL struct {
	Loc     string
	LastMod time.Time // omitted when zero
	// ChangeFreq is one of always, hourly, daily, weekly, monthly, yearly,
	// never; omitted when empty.
	ChangeFreq string
	// Priority ranges over (0, 1] and is written with one decimal; 0 means
	// unset and is omitted, which crawlers read as the protocol's default 0.5.
	Priority float64
}

type sitemapURL struct {
	XMLName    xml.Name `xml:"url"`
	Loc        string   `xml:"loc"`
	LastMod    string   `xml:"lastmod,omitempty"`
	ChangeFreq string   `xml:"changefreq,omitempty"`
	Priority   string   `xml:"priority,omitempty"`
}

// validChangeFreq reports whether the sitemap protocol allows f as <changefreq>.
func validChangeFreq(f string) bool {
	switch f {
	case "always", "hourly", "daily", "weekly", "monthly", "yearly", "never":
		return true
	}
	return false
}

// WriteSitemap writes a sitemaps.org 0.9 <urlset> listing urls, keeping at
// most MaxSitemapURLs of them. It checks every entry before writing, so an
// invalid one (empty Loc, unknown ChangeFreq, Priority outside [0, 1])
// yields an error and no output.
func WriteSitemap(w io.Writer, urls []URL) error {
	urls = urls[:min(len(urls), MaxSitemapURLs)]
	for i, u := range urls {
		if err := checkURL(u); err != nil {
			return fmt.Errorf("write sitemap: url %d: %w", i, err)
		}
	}
	enc, err := newEncoder(w)
	if err != nil {
		return fmt.Errorf("write sitemap: %w", err)
	}
	start := xml.StartElement{
		Name: xml.Name{Local: "urlset"},
		Attr: []xml.Attr{{Name: xml.Name{Local: "xmlns"}, Value: nsSitemap}},
	}
	if err := enc.EncodeToken(start); err != nil {
		return fmt.Errorf("write sitemap: %w", err)
	}
	for _, u := range urls {
		su := sitemapURL{Loc: u.Loc, ChangeFreq: u.ChangeFreq}
		if !u.LastMod.IsZero() {
			su.LastMod = w3cTime(u.LastMod)
		}
		if u.Priority > 0 {
			su.Priority = strconv.FormatFloat(u.Priority, 'f', 1, 64)
		}
		if err := enc.Encode(su); err != nil {
			return fmt.Errorf("write sitemap: %w", err)
		}
	}
	if err := enc.EncodeToken(start.End()); err != nil {
		return fmt.Errorf("write sitemap: %w", err)
	}
	if err := finish(w, enc); err != nil {
		return fmt.Errorf("write sitemap: %w", err)
	}
	return nil
}

// checkURL reports why u cannot go into a sitemap, if it cannot.
func checkURL(u URL) error {
	switch {
	case u.Loc == "":
		return fmt.Errorf("empty loc")
	case u.ChangeFreq != "" && !validChangeFreq(u.ChangeFreq):
		return fmt.Errorf("loc %q: changefreq %q is not one of always, hourly, daily, weekly, monthly, yearly, never", u.Loc, u.ChangeFreq)
	case u.Priority < 0 || u.Priority > 1 || u.Priority != u.Priority:
		return fmt.Errorf("loc %q: priority %v is outside [0, 1]", u.Loc, u.Priority)
	}
	return nil
}
