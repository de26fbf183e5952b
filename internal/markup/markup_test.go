package markup

import (
	"reflect"
	"testing"
)

var sampleTeasers = map[string]Teaser{
	"port-reopens": {URL: "/news/port-reopens", Headline: "Port <reopens>", Summary: "Ships & crews return", Section: "World",
		ImageURL: "/media/abc.jpg", ImageAlt: `A "ship"`},
	"bare": {URL: "/news/bare", Headline: "Bare"},
}

func TestRender(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"paragraph", "Hello *there* **you**.", "<p>Hello <em>there</em> <strong>you</strong>.</p>\n"},
		{"typographer", `"Quoted" it's`, "<p>&ldquo;Quoted&rdquo; it&rsquo;s</p>\n"},
		{"headings get ids", "## The Vote\n\n### After *it*", "<h2 id=\"the-vote\">The Vote</h2>\n<h3 id=\"after-it\">After <em>it</em></h3>\n"},
		{"duplicate heading ids", "## Aid\n\n## Aid", "<h2 id=\"aid\">Aid</h2>\n<h2 id=\"aid-2\">Aid</h2>\n"},
		{"h1 becomes h2", "# Big", "<h2 id=\"big\">Big</h2>\n"},
		{"heading without letters", "## ???", "<h2 id=\"section\">???</h2>\n"},
		{"list", "- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"},
		{"external link", "[Reuters](https://reuters.com/a?b=1&c=2)",
			"<p><a href=\"https://reuters.com/a?b=1&amp;c=2\" rel=\"noopener noreferrer\">Reuters</a></p>\n"},
		{"protocol-relative link is external", "[x](//evil.example/)", "<p><a href=\"//evil.example/\" rel=\"noopener noreferrer\">x</a></p>\n"},
		{"local link", "[story](/news/other \"Other\")", "<p><a href=\"/news/other\" title=\"Other\">story</a></p>\n"},
		{"mailto link", "[mail](mailto:desk@example.org)", "<p><a href=\"mailto:desk@example.org\">mail</a></p>\n"},
		{"javascript link", "[click](javascript:alert(1))", "<p>click</p>\n"},
		{"javascript link upper case", "[click](JaVaScRiPt:alert(1))", "<p>click</p>\n"},
		{"javascript link entity", "[click](&#106;avascript:alert(1))", "<p>click</p>\n"},
		{"javascript link with tab", "[click](<java\tscript:alert(1)>)", "<p>click</p>\n"},
		{"data link", "[x](data:text/html;base64,PHNjcmlwdD4=)", "<p>x</p>\n"},
		{"vbscript autolink", "<vbscript:msgbox>", "<p>vbscript:msgbox</p>\n"},
		{"autolink", "<https://example.com/x>", "<p><a href=\"https://example.com/x\" rel=\"noopener noreferrer\">https://example.com/x</a></p>\n"},
		{"email autolink", "<desk@example.org>", "<p><a href=\"mailto:desk@example.org\">desk@example.org</a></p>\n"},
		{"raw html block dropped", "<script>alert(1)</script>\n\nafter", "<p>after</p>\n"},
		{"raw inline html dropped", "a <img src=x onerror=alert(1)> b", "<p>a  b</p>\n"},
		{"escaped html is text", `a \<b\> &lt;i&gt;`, "<p>a &lt;b&gt; &lt;i&gt;</p>\n"},
		{"code block escaped", "```\n<script>\n```", "<pre><code>&lt;script&gt;\n</code></pre>\n"},
		{"strikethrough", "~~old~~", "<p><del>old</del></p>\n"},
		{"table aligns without style", "| a |\n|--:|\n| 1 |",
			"<table>\n<thead>\n<tr>\n<th align=\"right\">a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align=\"right\">1</td>\n</tr>\n</tbody>\n</table>\n"},

		{"pull quote with attribution paragraph", "> We will rebuild.\n>\n> — Amal Haddad, *mayor*",
			"<figure class=\"pullquote\"><blockquote>\n<p>We will rebuild.</p>\n</blockquote>\n<figcaption>Amal Haddad, <em>mayor</em></figcaption></figure>\n"},
		{"pull quote with double hyphen", "> We will rebuild.\n>\n> -- Amal Haddad",
			"<figure class=\"pullquote\"><blockquote>\n<p>We will rebuild.</p>\n</blockquote>\n<figcaption>Amal Haddad</figcaption></figure>\n"},
		{"pull quote attribution on last line", "> We will\n> rebuild.\n> — Amal Haddad",
			"<figure class=\"pullquote\"><blockquote>\n<p>We will\nrebuild.</p>\n</blockquote>\n<figcaption>Amal Haddad</figcaption></figure>\n"},
		{"pull quote hyphens on last line", "> We will rebuild.\n> -- Amal Haddad",
			"<figure class=\"pullquote\"><blockquote>\n<p>We will rebuild.</p>\n</blockquote>\n<figcaption>Amal Haddad</figcaption></figure>\n"},
		{"pull quote without attribution", "> Just words.",
			"<figure class=\"pullquote\"><blockquote>\n<p>Just words.</p>\n</blockquote>\n</figure>\n"},
		{"dash alone is the quote", "> — Not an attribution",
			"<figure class=\"pullquote\"><blockquote>\n<p>— Not an attribution</p>\n</blockquote>\n</figure>\n"},
		{"attribution is escaped", "> Q.\n>\n> — <b>x</b> & co",
			"<figure class=\"pullquote\"><blockquote>\n<p>Q.</p>\n</blockquote>\n<figcaption>x &amp; co</figcaption></figure>\n"},

		{"teaser", "[[related:port-reopens]]",
			`<aside class="teaser" aria-label="Related story"><a href="/news/port-reopens">` +
				`<img src="/media/abc.jpg" alt="A &#34;ship&#34;" loading="lazy" width="160" height="90">` +
				`<span class="teaser-label">Related</span><span class="teaser-headline">Port &lt;reopens&gt;</span>` +
				`<span class="teaser-summary">Ships &amp; crews return</span></a></aside>` + "\n"},
		{"teaser without image or summary", "  [[related: bare ]]  ",
			`<aside class="teaser" aria-label="Related story"><a href="/news/bare">` +
				`<span class="teaser-label">Related</span><span class="teaser-headline">Bare</span></a></aside>` + "\n"},
		{"missing teaser renders nothing", "[[related:gone]]\n\nnext", "<p>next</p>\n"},
		{"marker inside text stays text", "see [[related:bare]] here", "<p>see [[related:bare]] here</p>\n"},
		{"marker with bad slug stays text", "[[related:Bad_Slug]]", "<p>[[related:Bad_Slug]]</p>\n"},

		{"figure with caption and credit", `![Crowd *at* port](/media/a.jpg "Crowds gather | Photo: J. Doe")`,
			`<figure class="body-image"><img src="/media/a.jpg" alt="Crowd at port" loading="lazy">` +
				`<figcaption>Crowds gather <span class="credit">Photo: J. Doe</span></figcaption></figure>` + "\n"},
		{"figure with caption only", `![a](/media/a.jpg "Crowds gather")`,
			`<figure class="body-image"><img src="/media/a.jpg" alt="a" loading="lazy"><figcaption>Crowds gather</figcaption></figure>` + "\n"},
		{"figure with credit only", `![a](/media/a.jpg "| AP")`,
			`<figure class="body-image"><img src="/media/a.jpg" alt="a" loading="lazy"><figcaption><span class="credit">AP</span></figcaption></figure>` + "\n"},
		{"figure without title", `![a](https://cdn.example/a.jpg)`,
			`<figure class="body-image"><img src="https://cdn.example/a.jpg" alt="a" loading="lazy"></figure>` + "\n"},
		{"figure caption escaped", `![<x>](/a.jpg "<b>\"c\"</b> | <i>")`,
			`<figure class="body-image"><img src="/a.jpg" alt="" loading="lazy"><figcaption>&lt;b&gt;&#34;c&#34;&lt;/b&gt; <span class="credit">&lt;i&gt;</span></figcaption></figure>` + "\n"},
		{"inline image stays inline", `Map: ![map](/m.png "T") here`, "<p>Map: <img src=\"/m.png\" alt=\"map\" title=\"T\" loading=\"lazy\"> here</p>\n"},
		{"javascript image dropped", "![x](javascript:alert(1))", ""},
		{"data image inline shows alt", "see ![pic](data:image/png;base64,AAAA)", "<p>see pic</p>\n"},
		{"image src with quote", `![a](/a.jpg?x="y)`, `<figure class="body-image"><img src="/a.jpg?x=%22y" alt="a" loading="lazy"></figure>` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Render(tt.src, sampleTeasers)
			if err != nil {
				t.Fatalf("Render(%q) error: %v", tt.src, err)
			}
			if string(got) != tt.want {
				t.Errorf("Render(%q) =\n%s\nwant\n%s", tt.src, got, tt.want)
			}
		})
	}
}

func TestTeaserSlugs(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"", nil},
		{"[[related:a]]\n\ntext\n\n[[related:b-2]]\n\n[[related:a]]", []string{"a", "b-2"}},
		{"> [[related:in-quote]]\n\n- [[related:in-tight-list]]", []string{"in-quote"}},
		{"text [[related:a]]\n\n[[related:Not Valid]]\n\n```\n[[related:code]]\n```", nil},
	}
	for _, tt := range tests {
		if got := TeaserSlugs(tt.src); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("TeaserSlugs(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestImageSources(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"no images", nil},
		{"![a](one.jpg)\n\ntext ![b](<two words.png>) ![c](one.jpg)", []string{"one.jpg", "two words.png"}},
		{`![a](a\(1\).jpg) ![b][ref]` + "\n\n[ref]: https://cdn.example/r.png", []string{"a(1).jpg", "https://cdn.example/r.png"}},
		{"![a](x&amp;y.png)", []string{"x&y.png"}},
		{"`![a](code.png)`", nil},
	}
	for _, tt := range tests {
		if got := ImageSources(tt.src); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ImageSources(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}
