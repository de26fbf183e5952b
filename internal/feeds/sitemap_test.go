package feeds

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
	"time"
)

type parsedURLSet struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc        string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		LastMod    string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
		ChangeFreq string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 changefreq"`
		Priority   string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 priority"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
}

func TestWriteSitemap(t *testing.T) {
	mod := time.Date(2026, 5, 6, 7, 8, 9, 0, time.FixedZone("EST", -5*3600))
	urls := []URL{
		{Loc: "https://example.com/", LastMod: mod, ChangeFreq: "hourly", Priority: 1},
		{Loc: "https://example.com/news/a?x=1&y=<2>", Priority: 0.75},
		{Loc: "https://example.com/tag/b"},
	}
	var buf bytes.Buffer
	if err := WriteSitemap(&buf, urls); err != nil {
		t.Fatalf("WriteSitemap() error = %v", err)
	}
	var got parsedURLSet
	if err := xml.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("xml.Unmarshal(WriteSitemap output) error = %v\n%s", err, buf.String())
	}
	want := [][4]string{
		{"https://example.com/", "2026-05-06T12:08:09Z", "hourly", "1.0"},
		{"https://example.com/news/a?x=1&y=<2>", "", "", "0.8"},
		{"https://example.com/tag/b", "", "", ""},
	}
	if len(got.URLs) != len(want) {
		t.Fatalf("WriteSitemap() wrote %d urls, want %d", len(got.URLs), len(want))
	}
	for i, u := range got.URLs {
		if g := [4]string{u.Loc, u.LastMod, u.ChangeFreq, u.Priority}; g != want[i] {
			t.Errorf("WriteSitemap() url %d = %q, want %q", i, g, want[i])
		}
	}
	if strings.Contains(buf.String(), "<lastmod></lastmod>") || strings.Contains(buf.String(), "<priority></priority>") {
		t.Errorf("WriteSitemap() wrote empty optional elements:\n%s", buf.String())
	}
}

func TestWriteSitemapRejects(t *testing.T) {
	tests := []struct {
		name string
		url  URL
	}{
		{"empty loc", URL{}},
		{"bad changefreq", URL{Loc: "https://example.com/", ChangeFreq: "often"}},
		{"priority above 1", URL{Loc: "https://example.com/", Priority: 1.5}},
		{"negative priority", URL{Loc: "https://example.com/", Priority: -0.1}},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		urls := []URL{{Loc: "https://example.com/ok"}, tt.url}
		if err := WriteSitemap(&buf, urls); err == nil {
			t.Errorf("WriteSitemap(%s) error = nil, want an error", tt.name)
		}
		if buf.Len() != 0 {
			t.Errorf("WriteSitemap(%s) wrote %d bytes, want none", tt.name, buf.Len())
		}
	}
}

func TestSitemapLimits(t *testing.T) {
	var buf bytes.Buffer
	urls := make([]URL, MaxSitemapURLs+10)
	for i := range urls {
		urls[i] = URL{Loc: fmt.Sprintf("https://example.com/news/%d", i)}
	}
	if err := WriteSitemap(&buf, urls); err != nil {
		t.Fatalf("WriteSitemap(%d urls) error = %v", len(urls), err)
	}
	if got := strings.Count(buf.String(), "<url>"); got != MaxSitemapURLs {
		t.Errorf("WriteSitemap(%d urls) wrote %d, want %d", len(urls), got, MaxSitemapURLs)
	}
	if last := fmt.Sprintf("/news/%d<", MaxSitemapURLs-1); !strings.Contains(buf.String(), last) {
		t.Errorf("WriteSitemap(%d urls) lacks the last kept url %q", len(urls), last)
	}

	buf.Reset()
	news := make([]NewsURL, MaxNewsURLs+1)
	for i := range news {
		news[i] = NewsURL{Loc: fmt.Sprintf("https://example.com/news/%d", i), Title: "t", Language: "en", Published: time.Now()}
	}
	if err := WriteNewsSitemap(&buf, "Tribune", news); err != nil {
		t.Fatalf("WriteNewsSitemap(%d urls) error = %v", len(news), err)
	}
	if got := strings.Count(buf.String(), "<url>"); got != MaxNewsURLs {
		t.Errorf("WriteNewsSitemap(%d urls) wrote %d, want %d", len(news), got, MaxNewsURLs)
	}
}
