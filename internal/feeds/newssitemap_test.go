package feeds

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"time"
)

const (
	smNS   = "http://www.sitemaps.org/schemas/sitemap/0.9"
	newsNS = "http://www.google.com/schemas/sitemap-news/0.9"
)

// parsedNews names every element with its namespace URI, so decoding fails
// to fill a field whose prefix is missing or bound to the wrong namespace.
type parsedNews struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc  string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		News struct {
			Publication struct {
				Name     string `xml:"http://www.google.com/schemas/sitemap-news/0.9 name"`
				Language string `xml:"http://www.google.com/schemas/sitemap-news/0.9 language"`
			} `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication"`
			Date     string `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication_date"`
			Title    string `xml:"http://www.google.com/schemas/sitemap-news/0.9 title"`
			Keywords string `xml:"http://www.google.com/schemas/sitemap-news/0.9 keywords"`
		} `xml:"http://www.google.com/schemas/sitemap-news/0.9 news"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
}

func TestWriteNewsSitemap(t *testing.T) {
	pub := time.Date(2026, 7, 1, 9, 30, 0, 0, time.FixedZone("CEST", 2*3600))
	urls := []NewsURL{
		{Loc: "https://example.com/news/a", Title: `Cats & dogs: "<the>" truth`, Language: "en", Published: pub, Keywords: []string{"pets", "science"}},
		{Loc: "https://example.com/news/b", Title: "Zweite", Language: "de", Published: pub},
	}
	var buf bytes.Buffer
	if err := WriteNewsSitemap(&buf, "The Tribune & Co", urls); err != nil {
		t.Fatalf("WriteNewsSitemap() error = %v", err)
	}
	var got parsedNews
	if err := xml.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("xml.Unmarshal(WriteNewsSitemap output) error = %v\n%s", err, buf.String())
	}
	if len(got.URLs) != len(urls) {
		t.Fatalf("WriteNewsSitemap() wrote %d urls, want %d\n%s", len(got.URLs), len(urls), buf.String())
	}
	want := [][6]string{
		{"https://example.com/news/a", "The Tribune & Co", "en", "2026-07-01T07:30:00Z", `Cats & dogs: "<the>" truth`, "pets, science"},
		{"https://example.com/news/b", "The Tribune & Co", "de", "2026-07-01T07:30:00Z", "Zweite", ""},
	}
	for i, u := range got.URLs {
		n := u.News
		g := [6]string{u.Loc, n.Publication.Name, n.Publication.Language, n.Date, n.Title, n.Keywords}
		if g != want[i] {
			t.Errorf("WriteNewsSitemap() url %d = %q, want %q", i, g, want[i])
		}
	}
	if strings.Contains(buf.String(), "<news:keywords></news:keywords>") {
		t.Errorf("WriteNewsSitemap() wrote an empty news:keywords:\n%s", buf.String())
	}
}

// TestNewsSitemapNamespaces checks the root declares both namespaces and that
// every element is in the one Google expects, walking the raw token stream.
func TestNewsSitemapNamespaces(t *testing.T) {
	var buf bytes.Buffer
	urls := []NewsURL{{Loc: "https://example.com/news/a", Title: "A", Language: "en", Published: time.Now(), Keywords: []string{"k"}}}
	if err := WriteNewsSitemap(&buf, "Tribune", urls); err != nil {
		t.Fatalf("WriteNewsSitemap() error = %v", err)
	}
	wantNS := map[string]string{
		"urlset": smNS, "url": smNS, "loc": smNS,
		"news": newsNS, "publication": newsNS, "name": newsNS, "language": newsNS,
		"publication_date": newsNS, "title": newsNS, "keywords": newsNS,
	}
	seen := map[string]bool{}
	dec := xml.NewDecoder(&buf)
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		seen[se.Name.Local] = true
		if want, known := wantNS[se.Name.Local]; !known {
			t.Errorf("WriteNewsSitemap() wrote unexpected element %v", se.Name)
		} else if se.Name.Space != want {
			t.Errorf("WriteNewsSitemap() element %q namespace = %q, want %q", se.Name.Local, se.Name.Space, want)
		}
		if se.Name.Local == "urlset" {
			attrs := map[string]string{}
			for _, a := range se.Attr {
				attrs[a.Name.Space+":"+a.Name.Local] = a.Value
			}
			if attrs[":xmlns"] != smNS || attrs["xmlns:news"] != newsNS {
				t.Errorf("WriteNewsSitemap() urlset attributes = %v, want xmlns=%q and xmlns:news=%q", attrs, smNS, newsNS)
			}
		}
	}
	for name := range wantNS {
		if !seen[name] {
			t.Errorf("WriteNewsSitemap() did not write element %q", name)
		}
	}
}

func TestWriteNewsSitemapRejects(t *testing.T) {
	ok := NewsURL{Loc: "https://example.com/news/a", Title: "A", Language: "en", Published: time.Now()}
	tests := []struct {
		name        string
		publication string
		url         NewsURL
	}{
		{"empty publication", "", ok},
		{"empty loc", "T", NewsURL{Title: "A", Language: "en", Published: time.Now()}},
		{"empty title", "T", NewsURL{Loc: "https://example.com/", Language: "en", Published: time.Now()}},
		{"empty language", "T", NewsURL{Loc: "https://example.com/", Title: "A", Published: time.Now()}},
		{"zero date", "T", NewsURL{Loc: "https://example.com/", Title: "A", Language: "en"}},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := WriteNewsSitemap(&buf, tt.publication, []NewsURL{ok, tt.url}); err == nil {
			t.Errorf("WriteNewsSitemap(%s) error = nil, want an error", tt.name)
		}
		if buf.Len() != 0 {
			t.Errorf("WriteNewsSitemap(%s) wrote %d bytes, want none", tt.name, buf.Len())
		}
	}
}
