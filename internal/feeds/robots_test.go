package feeds

import (
	"bytes"
	"testing"
)

func TestWriteRobots(t *testing.T) {
	tests := []struct {
		base     string
		disallow []string
		want     string
	}{
		{
			"https://example.com", nil,
			"User-agent: *\nDisallow:\n\nSitemap: https://example.com/sitemap.xml\nSitemap: https://example.com/sitemap-news.xml\n",
		},
		{
			"https://example.com/", []string{"/admin/", "/search"},
			"User-agent: *\nDisallow: /admin/\nDisallow: /search\n\nSitemap: https://example.com/sitemap.xml\nSitemap: https://example.com/sitemap-news.xml\n",
		},
		{
			"http://localhost:8080/paper", []string{"/paper/admin/"},
			"User-agent: *\nDisallow: /paper/admin/\n\nSitemap: http://localhost:8080/paper/sitemap.xml\nSitemap: http://localhost:8080/paper/sitemap-news.xml\n",
		},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := WriteRobots(&buf, tt.base, tt.disallow); err != nil {
			t.Errorf("WriteRobots(%q, %q) error = %v", tt.base, tt.disallow, err)
			continue
		}
		if got := buf.String(); got != tt.want {
			t.Errorf("WriteRobots(%q, %q) =\n%q\nwant\n%q", tt.base, tt.disallow, got, tt.want)
		}
	}
}

func TestWriteRobotsRejects(t *testing.T) {
	tests := []struct {
		base     string
		disallow []string
	}{
		{"", nil},
		{"example.com", nil},
		{"/relative", nil},
		{"ftp://example.com", nil},
		{"https://example.com/?q=1", nil},
		{"https://example.com\nDisallow: /", nil},
		{"https://example.com", []string{"admin"}},
		{"https://example.com", []string{"/a\nUser-agent: evil"}},
		{"https://example.com", []string{"/a\rb"}},
		{"https://example.com", []string{"/a # comment"}},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := WriteRobots(&buf, tt.base, tt.disallow); err == nil {
			t.Errorf("WriteRobots(%q, %q) error = nil, want an error; wrote %q", tt.base, tt.disallow, buf.String())
		}
	}
}
