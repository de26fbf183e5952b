package loadtest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

// articleLink matches a link to one article, relative or absolute. The slug
// alphabet is news.ValidSlug's; "/news" itself and deeper paths such as
// "/news/page/2" do not match because the quote must follow the slug.
var articleLink = regexp.MustCompile(`href="(?:https?://[^"/]+)?(/news/[a-z0-9-]+)"`)

// FirstArticlePath returns the path of the first article linked from a page,
// such as "/news/some-slug", or false when there is none.
func FirstArticlePath(html []byte) (string, bool) {
	m := articleLink.FindSubmatch(html)
	if m == nil {
		return "", false
	}
	return string(m[1]), true
}

var (
	openTag   = regexp.MustCompile(`<[a-zA-Z][^>]*>`)
	viewsAttr = regexp.MustCompile(`\bdata-views="(\d+)"`)
	classAttr = regexp.MustCompile(`\bclass="([^"]*)"`)
)

// ViewCount returns the article's view count as the page renders it: the
// data-views attribute of the first element whose class list holds
// "view-count", e.g. <span class="view-count" data-views="12">. It reports
// false when the page has no such element.
func ViewCount(html []byte) (int64, bool) {
	for _, tag := range openTag.FindAll(html, -1) {
		c := classAttr.FindSubmatch(tag)
		if c == nil || !hasClass(string(c[1]), "view-count") {
			continue
		}
		v := viewsAttr.FindSubmatch(tag)
		if v == nil {
			continue
		}
		n, err := strconv.ParseInt(string(v[1]), 10, 64)
		if err != nil {
			continue
		}
		return n, true
	}
	return 0, false
}

func hasClass(list, name string) bool {
	for _, c := range strings.Fields(list) {
		if c == name {
			return true
		}
	}
	return false
}

// maxPage bounds what the checks read from one response.
const maxPage = 16 << 20

// fetch GETs a URL and returns the status and the whole body.
func fetch(ctx context.Context, client *http.Client, url string) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("User-Agent", userAgent)
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxPage))
	if err != nil {
		return resp.StatusCode, nil, fmt.Errorf("read %s: %w", url, err)
	}
	return resp.StatusCode, body, nil
}

// fetchOK is fetch that also fails on any status but 200.
func fetchOK(ctx context.Context, client *http.Client, url string) ([]byte, error) {
	status, body, err := fetch(ctx, client, url)
	if err != nil {
		return nil, err
	}
	if status != http.StatusOK {
		return nil, fmt.Errorf("GET %s: status %d, want 200", url, status)
	}
	return body, nil
}
