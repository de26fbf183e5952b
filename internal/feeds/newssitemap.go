package feeds

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// NewsURL is one article listed in a Google News sitemap. Google only reads
// articles published in the last two days; choosing them is the caller's job.
type NewsURL struct {
	Loc   string
	Title string
	// Language is the ISO 639 code of the article (e.g. "en", "zh-cn"); Google
	// requires it, so WriteNewsSitemap rejects an empty one.
	Language  string
	Published time.Time
	// Keywords are joined with ", " into <news:keywords>; omitted when empty.
	Keywords []string
}

type newsURL struct {
	XMLName xml.Name `xml:"url"`
	Loc     string   `xml:"loc"`
	News    newsNews `xml:"news:news"`
}

type newsNews struct {
	Publication newsPublication `xml:"news:publication"`
	Date        string          `xml:"news:publication_date"`
	Title       string          `xml:"news:title"`
	Keywords    string          `xml:"news:keywords,omitempty"`
}

type newsPublication struct {
	Name     string `xml:"news:name"`
	Language string `xml:"news:language"`
}

// WriteNewsSitemap writes a Google News sitemap for the publication named
// publicationName, keeping at most MaxNewsURLs entries. Every entry is
// checked before anything is written: an empty Loc, Title or Language, or a
// zero Published time, yields an error and no output.
func WriteNewsSitemap(w io.Writer, publicationName string, urls []NewsURL) error {
	urls = urls[:min(len(urls), MaxNewsURLs)]
	if publicationName == "" {
		return fmt.Errorf("write news sitemap: empty publication name")
	}
	for i, u := range urls {
		if err := checkNewsURL(u); err != nil {
			return fmt.Errorf("write news sitemap: url %d: %w", i, err)
		}
	}
	enc, err := newEncoder(w)
	if err != nil {
		return fmt.Errorf("write news sitemap: %w", err)
	}
	start := xml.StartElement{
		Name: xml.Name{Local: "urlset"},
		Attr: []xml.Attr{
			{Name: xml.Name{Local: "xmlns"}, Value: nsSitemap},
			{Name: xml.Name{Local: "xmlns:news"}, Value: nsNews},
		},
	}
	if err := enc.EncodeToken(start); err != nil {
		return fmt.Errorf("write news sitemap: %w", err)
	}
	for _, u := range urls {
		nu := newsURL{Loc: u.Loc, News: newsNews{
			Publication: newsPublication{Name: publicationName, Language: u.Language},
			Date:        w3cTime(u.Published),
			Title:       u.Title,
			Keywords:    strings.Join(u.Keywords, ", "),
		}}
		if err := enc.Encode(nu); err != nil {
			return fmt.Errorf("write news sitemap: %w", err)
		}
	}
	if err := enc.EncodeToken(start.End()); err != nil {
		return fmt.Errorf("write news sitemap: %w", err)
	}
	if err := finish(w, enc); err != nil {
		return fmt.Errorf("write news sitemap: %w", err)
	}
	return nil
}

// checkNewsURL reports why u cannot go into a news sitemap, if it cannot.
func checkNewsURL(u NewsURL) error {
	switch {
	case u.Loc == "":
		return fmt.Errorf("empty loc")
	case u.Title == "":
		return fmt.Errorf("loc %q: empty title", u.Loc)
	case u.Language == "":
		return fmt.Errorf("loc %q: empty language", u.Loc)
	case u.Published.IsZero():
		return fmt.Errorf("loc %q: zero publication date", u.Loc)
	}
	return nil
}
