package feeds

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"strings"
)

// WriteRobots writes a robots.txt that applies to every crawler, forbids the
// disallow path prefixes (in order), and points at the site's two sitemaps,
// baseURL+"/sitemap.xml" and baseURL+"/sitemap-news.xml". With no disallow
// entries it writes an empty Disallow line, which allows everything.
//
// baseURL must be an absolute http(s) URL (url.Parse rejects line breaks),
// since Sitemap lines must be absolute.
// A disallow entry must start with "/" and hold no line breaks, so that it
// cannot inject other directives.
func WriteRobots(w io.Writer, baseURL string, disallow []string) error {
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("write robots: base URL %q is not an absolute http(s) URL without query", baseURL)
	}
	for _, d := range disallow {
		if !strings.HasPrefix(d, "/") || strings.ContainsAny(d, "\r\n#") {
			return fmt.Errorf("write robots: disallow %q must start with / and hold no line break or #", d)
		}
	}
	base := strings.TrimRight(baseURL, "/")
	bw := bufio.NewWriter(w)
	bw.WriteString("User-agent: *\n")
	if len(disallow) == 0 {
		bw.WriteString("Disallow:\n")
	}
	for _, d := range disallow {
		bw.WriteString("Disallow: " + d + "\n")
	}
	bw.WriteString("\nSitemap: " + base + "/sitemap.xml\n")
	bw.WriteString("Sitemap: " + base + "/sitemap-news.xml\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write robots: %w", err)
	}
	return nil
}
