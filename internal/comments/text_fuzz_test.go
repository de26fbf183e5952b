package comments

import (
	"errors"
	"html"
	"strings"
	"testing"
	"unicode/utf8"
)

// Pieces of the only anchor RenderText may write.
const (
	anchorOpen  = `<a href="`
	anchorAttrs = `" rel="nofollow ugc noopener" target="_blank">`
)

// checkRendered reports the first way out is not the HTML RenderText
// promises, or "" when it is. Only <p>, <br> and the anchor above may
// appear, properly nested; every '<', '>', quote and '&' outside those tags
// must be escaped; an href must be an http(s) URL with no quote or angle
// bracket; text sits only inside paragraphs.
func checkRendered(out string) string {
	inP, inA := false, false
	for i := 0; i < len(out); {
		rest := out[i:]
		switch out[i] {
		case '<':
			switch {
			case strings.HasPrefix(rest, "<p>") && !inP:
				inP, i = true, i+len("<p>")
			case strings.HasPrefix(rest, "</p>") && inP && !inA:
				inP, i = false, i+len("</p>")
			case strings.HasPrefix(rest, "<br>") && inP && !inA:
				i += len("<br>")
			case strings.HasPrefix(rest, "</a>") && inA:
				inA, i = false, i+len("</a>")
			case strings.HasPrefix(rest, anchorOpen) && inP && !inA:
				href, after, ok := strings.Cut(rest[len(anchorOpen):], `"`)
				if !ok || !strings.HasPrefix(`"`+after, anchorAttrs) {
					return "malformed anchor at " + rest
				}
				if strings.ContainsAny(href, "<>'") {
					return "raw character in href " + href
				}
				if msg := checkEntities(href); msg != "" {
					return msg + " in href"
				}
				u := strings.ToLower(html.UnescapeString(href))
				if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
					return "href not http(s): " + href
				}
				inA, i = true, i+len(anchorOpen)+len(href)+len(anchorAttrs)
			default:
				return "unexpected tag at " + rest
			}
		case '>', '"', '\'':
			return "raw " + string(out[i]) + " at " + rest
		case '&':
			if msg := checkEntities(rest); msg != "" {
				return msg
			}
			i++
		case '\n':
			i++
		default:
			if !inP {
				return "text outside a paragraph at " + rest
			}
			i++
		}
	}
	if inP || inA {
		return "unclosed element"
	}
	return ""
}

// checkEntities reports an '&' in s that does not start one of the
// entities RenderText writes.
func checkEntities(s string) string {
	for i := strings.IndexByte(s, '&'); i >= 0; i = strings.IndexByte(s, '&') {
		s = s[i:]
		ok := false
		for _, e := range []string{"&lt;", "&gt;", "&amp;", "&#34;", "&#39;"} {
			ok = ok || strings.HasPrefix(s, e)
		}
		if !ok {
			return "raw & at " + s
		}
		s = s[1:]
	}
	return ""
}

// plainText undoes RenderText on clean text: tags out, entities decoded,
// paragraphs back to one empty line between them.
func plainText(out string) string {
	var b strings.Builder
	for {
		i := strings.Index(out, anchorOpen)
		if i < 0 {
			break
		}
		j := strings.Index(out[i:], anchorAttrs)
		b.WriteString(out[:i])
		out = out[i+j+len(anchorAttrs):]
	}
	b.WriteString(out)
	s := strings.NewReplacer("<p>", "", "<br>\n", "\n", "</p>\n", "\n\n", "</a>", "").Replace(b.String())
	return strings.TrimSuffix(html.UnescapeString(s), "\n\n")
}

func TestCheckRendered(t *testing.T) {
	good := []string{"", "<p>a</p>\n", "<p>a<br>\n" + wantLink("https://x.example/?a&amp;b", "x") + "</p>\n<p>&lt;&#39;&#34;</p>\n"}
	for _, s := range good {
		if got := checkRendered(s); got != "" {
			t.Errorf("checkRendered(%q) = %q, want \"\"", s, got)
		}
	}
	bad := []string{
		"a", "<p>a", "<p><p>a</p></p>", "<p><b>a</b></p>", "<p>a>b</p>", "<p>a&b</p>", `<p>"</p>`, "<p>'</p>",
		"<br>", "<p>" + wantLink("javascript:alert(1)", "x") + "</p>", "<p>" + wantLink("data:text/html,x", "x") + "</p>",
		"<p>" + wantLink(`https://x" onclick="y`, "x") + "</p>", "<p>" + wantLink("https://x&quot;", "x") + "</p>",
		`<p><a href="https://x">x</a></p>`, "<p>" + wantLink("https://x", wantLink("https://y", "y")) + "</p>",
		"<p><a href=\"https://x\" rel=\"nofollow ugc noopener\" target=\"_blank\">x</p>", "<p></a></p>",
	}
	for _, s := range bad {
		if got := checkRendered(s); got == "" {
			t.Errorf("checkRendered(%q) = \"\", want a problem", s)
		}
	}
}

// FuzzRenderText checks that any input is either refused by CleanText or
// renders to the promised HTML, that RenderText is safe on any input
// whatsoever, and that clean text survives rendering unchanged.
func FuzzRenderText(f *testing.F) {
	for _, s := range []string{
		"Hello\nworld\n\nNew paragraph",
		`<script>alert("x")</script> & 'y'`,
		"https://example.org/a?b=1&c=2. (www.example.org) [https://x.example/y]",
		"https://en.wikipedia.org/wiki/Go_(language)).",
		`https://example.org/"onmouseover="alert(1)`,
		"https://example.org/a<script> <https://example.org>",
		"javascript:alert(1) data:text/html,<b> JAVASCRIPT://x.example/%0a",
		"https://user:pw@example.org http://[::1]/ http://[x]/ www.a.b",
		"HtTpS://EXAMPLE.org/O'Brien?q=\"x\"",
		"a\r\nb\rc\u2028d\u2029e",
		"\x00\x1b\u0085\u202e\u2066\ufeff\u200b",
		"caf\xe9 \xff\xfe",
		"  \n\n\t\n",
		"e\u0301\u0301\u0301 👩\u200d💻 🇫🇷",
		"https://bücher.example/straße…",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, links := range []bool{false, true} {
			out := string(RenderText(s, links))
			if msg := checkRendered(out); msg != "" {
				t.Fatalf("RenderText(%q, %v) = %q: %s", s, links, out, msg)
			}
			if !links && strings.Contains(out, "<a") {
				t.Fatalf("RenderText(%q, false) = %q, has a link", s, out)
			}
		}
		clean, err := CleanText(s)
		if err != nil {
			var te *TextError
			if !errors.As(err, &te) || te.Message == "" || clean != "" {
				t.Fatalf("CleanText(%q) = %q, %v, want \"\" and a *TextError", s, clean, err)
			}
			return
		}
		switch {
		case !utf8.ValidString(clean), controlLine(clean) != 0, !hasVisible(clean):
			t.Fatalf("CleanText(%q) = %q, breaks a rule", s, clean)
		case utf8.RuneCountInString(clean) > MaxLength, strings.Count(clean, "\n") >= MaxLines:
			t.Fatalf("CleanText(%q) = %q, over a limit", s, clean)
		case strings.Contains(clean, "\n\n\n"), strings.HasPrefix(clean, "\n"), strings.HasSuffix(clean, "\n"):
			t.Fatalf("CleanText(%q) = %q, blank lines left", s, clean)
		}
		if again, err := CleanText(clean); again != clean || err != nil {
			t.Fatalf("CleanText(CleanText(%q)) = %q, %v, want %q, nil", s, again, err, clean)
		}
		for _, links := range []bool{false, true} {
			if got := plainText(string(RenderText(clean, links))); got != clean {
				t.Fatalf("plainText(RenderText(%q, %v)) = %q, want the text back", clean, links, got)
			}
		}
		if got := Excerpt(clean, 20); utf8.RuneCountInString(got) > 21 || strings.ContainsAny(got, "\n\t") {
			t.Fatalf("Excerpt(%q, 20) = %q, want one line of at most 20 characters and …", clean, got)
		}
	})
}
