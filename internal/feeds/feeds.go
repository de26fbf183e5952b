// Package feeds writes the machine-readable views of the newsroom: the RSS
// feed that readers subscribe to, the sitemaps that search engines and
// Google News crawl, and robots.txt that points crawlers at them.
//
// The package is pure: it takes plain values and writes XML or text to an
// io.Writer. It knows nothing of HTTP or the store, so handlers decide what
// to list and how to cache it, and tests can check the output byte for byte.
// All untrusted text goes through encoding/xml, which escapes markup
// characters and replaces characters that XML 1.0 cannot carry.
package feeds

import (
	"encoding/xml"
	"io"
	"time"
)

// Limits set by the sitemap protocol and by Google News. WriteSitemap and
// WriteNewsSitemap keep the first entries up to these limits and silently
// drop the rest, because a crawler rejects the whole file when it is over.
// Callers that may exceed them should order their lists newest first.
const (
	// MaxSitemapURLs is the sitemaps.org limit of <url> entries per file.
	MaxSitemapURLs = 50000
	// MaxNewsURLs is Google News' limit of <url> entries per news sitemap.
	MaxNewsURLs = 1000
)

// Namespaces used by the documents this package writes.
const (
	nsAtom    = "http://www.w3.org/2005/Atom"
	nsDC      = "http://purl.org/dc/elements/1.1/"
	nsSitemap = "http://www.sitemaps.org/schemas/sitemap/0.9"
	nsNews    = "http://www.google.com/schemas/sitemap-news/0.9"
)

// w3cTime formats t as the W3C datetime profile of ISO 8601 that sitemaps
// require, in UTC so that the output does not depend on the server's zone.
func w3cTime(t time.Time) string {
	return t.UTC().Format(time.RFC3339)
}

// rssTime formats t as the RFC 822 date RSS 2.0 requires, with a numeric zone.
func rssTime(t time.Time) string {
	return t.UTC().Format(time.RFC1123Z)
}

// newEncoder returns an encoder that has already written the XML
// declaration, indenting so that people reading the feed can follow it.
func newEncoder(w io.Writer) (*xml.Encoder, error) {
	if _, err := w.Write([]byte(xml.Header)); err != nil {
		return nil, err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	return enc, nil
}

// finish flushes enc and ends the document with a newline, as text files do.
func finish(w io.Writer, enc *xml.Encoder) error {
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
