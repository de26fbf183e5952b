package markup

import (
	"html"
	"strings"
	"testing"
)

// allowedTags and allowedAttrs are everything Render may emit. The fuzz
// test fails on anything else, so a new construct must be added here on
// purpose.
var (
	allowedTags = map[string]bool{
		"p": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "a": true, "em": true, "strong": true,
		"ul": true, "ol": true, "li": true, "blockquote": true, "figure": true, "figcaption": true, "img": true,
		"span": true, "aside": true, "pre": true, "code": true, "table": true, "thead": true, "tbody": true,
		"tr": true, "th": true, "td": true, "del": true, "hr": true, "br": true,
	}
	allowedAttrs = map[string]bool{
		"href": true, "src": true, "alt": true, "title": true, "rel": true, "loading": true, "width": true,
		"height": true, "class": true, "id": true, "align": true, "start": true, "aria-label": true,
	}
)

// checkHTML reports the first way out is not the HTML Render promises:
// only allow-listed tags and attributes, every attribute double-quoted,
// and no URL attribute with a scheme outside the allow-list. Because text
// must have every '<' escaped, each '<' in out has to open such a tag.
func checkHTML(out string) string {
	lower := strings.ToLower(out)
	for _, bad := range []string{"<script", "<iframe", "<style", "<object", "<svg", "<!--"} {
		if strings.Contains(lower, bad) {
			return "contains " + bad
		}
	}
	for rest := out; ; {
		i := strings.IndexByte(rest, '<')
		if i < 0 {
			return ""
		}
		j := strings.IndexByte(rest[i:], '>')
		if j < 0 {
			return "unclosed tag: " + rest[i:]
		}
		tag := rest[i+1 : i+j]
		rest = rest[i+j+1:]
		if msg := checkTag(tag); msg != "" {
			return msg + " in <" + tag + ">"
		}
	}
}

func checkTag(tag string) string {
	tag = strings.TrimPrefix(tag, "/")
	name, attrs, _ := strings.Cut(tag, " ")
	if !allowedTags[name] {
		return "tag " + name + " not allowed"
	}
	for attrs = strings.TrimSpace(attrs); attrs != ""; attrs = strings.TrimSpace(attrs) {
		key, rest, ok := strings.Cut(attrs, `="`)
		if !ok || strings.ContainsAny(key, " \t\n\"'") {
			return "malformed attributes " + attrs
		}
		val, after, ok := strings.Cut(rest, `"`)
		if !ok {
			return "unterminated attribute " + key
		}
		if !allowedAttrs[key] {
			return "attribute " + key + " not allowed"
		}
		if key == "href" || key == "src" {
			u := strings.ToLower(html.UnescapeString(val))
			u = strings.Map(func(r rune) rune {
				if r <= ' ' {
					return -1
				}
				return r
			}, u)
			if scheme, ok := urlScheme(u); ok && scheme != "http" && scheme != "https" && scheme != "mailto" && scheme != "tel" {
				return "URL scheme " + scheme
			}
		}
		attrs = after
	}
	return ""
}

func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"# T\n\npara *em* [l](https://x.example) <https://y.example>",
		"<script>alert(1)</script>",
		`<img src=x onerror=alert(1)>`,
		"[x](javascript:alert(1)) [y](JAVASCRIPT:alert(1)) [z](&#x6A;avascript:alert(1))",
		"[x](<java\tscript:alert(1)>) ![i](data:text/html,<script>)",
		"<javascript:alert(1)> <vbscript:x> <data:text/html,x>",
		"> quote\n>\n> — Name <b onmouseover=x>",
		"> q\n> -- <script>x</script>",
		"[[related:a]]\n\n[[related:b]]",
		`![a" onerror="x](/a.png "c | d\" onload=\"x")`,
		"![a](/a.png 'x\" onerror=alert(1) y')",
		"| a | b |\n|:-|-:|\n| <i> | `<b>` |",
		"```\" onclick=\"x\n<script>\n```",
		"[ref]: javascript:alert(1)\n\n[click][ref] ![img][ref]",
		"<!-- comment --> <?php x ?> <![CDATA[x]]>",
		"- [[related:a]]\n- ![x](y.png)",
		"\x00\u2028\ufeff[x](\x00javascript:x)",
	} {
		f.Add(s)
	}
	teasers := map[string]Teaser{"a": {URL: "/news/a", Headline: "<b>A</b>", Summary: `"s"`, ImageURL: "javascript:x"},
		"b": {URL: "javascript:alert(1)", Headline: "B"}}
	f.Fuzz(func(t *testing.T, src string) {
		out, err := Render(src, teasers)
		if err != nil {
			t.Fatalf("Render(%q) error: %v", src, err)
		}
		if msg := checkHTML(string(out)); msg != "" {
			t.Fatalf("Render(%q) = %q: %s", src, out, msg)
		}
		if got := RewriteImages(src, func(s string) string { return s }); got != src {
			t.Fatalf("RewriteImages(%q, identity) = %q, want the input", src, got)
		}
		before := map[string]bool{"/media/x.png": true}
		for _, s := range ImageSources(src) {
			before[s] = true
		}
		for _, s := range ImageSources(RewriteImages(src, func(string) string { return "/media/x.png" })) {
			if !before[s] {
				t.Fatalf("ImageSources(RewriteImages(%q)) has new source %q", src, s)
			}
		}
		TeaserSlugs(src)
		Check(src)
	})
}

// TestCheckHTML makes sure the fuzz oracle rejects what it must.
func TestCheckHTML(t *testing.T) {
	tests := []struct {
		in   string
		okay bool
	}{
		{`<p>text &lt;script&gt;</p>`, true},
		{`<a href="https://x.example" rel="noopener noreferrer">x</a>`, true},
		{`<script>x</script>`, false},
		{`<img src=x onerror=alert(1)>`, false},
		{`<img src="x" onerror="alert(1)">`, false},
		{`<a href="javascript:alert(1)">`, false},
		{`<a href="&#106;avascript:alert(1)">`, false},
		{`<a href="java script:x">`, false},
		{`<div>`, false},
		{`<p`, false},
		{`<!-- c -->`, false},
	}
	for _, tt := range tests {
		if msg := checkHTML(tt.in); (msg == "") != tt.okay {
			t.Errorf("checkHTML(%q) = %q, want okay %v", tt.in, msg, tt.okay)
		}
	}
}
