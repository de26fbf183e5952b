package loadtest

import "testing"

func TestFirstArticlePath(t *testing.T) {
	tests := []struct {
		name   string
		html   string
		want   string
		wantOK bool
	}{
		{"relative link", `<a href="/news/quake-hits-coast">Quake</a>`, "/news/quake-hits-coast", true},
		{"skips /news itself", `<a href="/news">All</a> <a href="/news/a-1">A</a>`, "/news/a-1", true},
		{"skips /news/ with no slug", `<a href="/news/">All</a><a href="/news/b">B</a>`, "/news/b", true},
		{"skips deeper paths", `<a href="/news/page/2">More</a><a href="/news/c-2">C</a>`, "/news/c-2", true},
		{"skips sections", `<a href="/section/world">World</a><a href="/news/d">D</a>`, "/news/d", true},
		{"skips query strings", `<a href="/news?page=2">2</a><a href="/news/e">E</a>`, "/news/e", true},
		{"absolute link", `<a href="http://127.0.0.1:8080/news/f-g">F</a>`, "/news/f-g", true},
		{"upper case is not a slug", `<a href="/news/Big">X</a>`, "", false},
		{"first of several", `<a href="/news/one"></a><a href="/news/two"></a>`, "/news/one", true},
		{"no links", `<p>nothing</p>`, "", false},
	}
	for _, tt := range tests {
		got, ok := FirstArticlePath([]byte(tt.html))
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("%s: FirstArticlePath(%q) = %q, %v; want %q, %v", tt.name, tt.html, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestViewCount(t *testing.T) {
	tests := []struct {
		name   string
		html   string
		want   int64
		wantOK bool
	}{
		{"span", `<p>By X · <span class="view-count" data-views="1234">1,234 views</span></p>`, 1234, true},
		{"attribute order", `<span data-views="7" class="meta view-count">7 views</span>`, 7, true},
		{"zero", `<span class="view-count" data-views="0">0 views</span>`, 0, true},
		{"first view-count wins", `<span class="view-count" data-views="5"></span><span class="view-count" data-views="9">`, 5, true},
		{"other class ignored", `<li class="teaser" data-views="99"></li><span class="view-count" data-views="3">`, 3, true},
		{"class prefix is not the class", `<span class="view-counts" data-views="4">`, 0, false},
		{"no count", `<span class="view-count">soon</span>`, 0, false},
		{"nothing", `<html></html>`, 0, false},
	}
	for _, tt := range tests {
		got, ok := ViewCount([]byte(tt.html))
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("%s: ViewCount(%q) = %d, %v; want %d, %v", tt.name, tt.html, got, ok, tt.want, tt.wantOK)
		}
	}
}
