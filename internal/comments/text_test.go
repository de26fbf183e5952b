package comments

import (
	"errors"
	"strings"
	"testing"
)

func TestCleanText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Hello", "Hello"},
		{"CRLF", "a\r\nb", "a\nb"},
		{"CR", "a\rb\r\rc", "a\nb\n\nc"},
		{"line separator", "a\u2028b\u2029c", "a\nb\n\nc"},
		{"NFC", "Cafe\u0301", "Caf\u00e9"},
		{"trailing spaces", "a  \t\nb \u00a0", "a\nb"},
		{"leading spaces kept", "  indented\nline", "  indented\nline"},
		{"leading and trailing blank lines", "\n\n \n\ta\nb\n\n \n", "\ta\nb"},
		{"one blank line kept", "a\n\nb", "a\n\nb"},
		{"two blank lines collapse", "a\n\n\nb", "a\n\nb"},
		{"many blank lines collapse", "a\n \n\t\n\n\n\nb", "a\n\nb"},
		{"tab kept", "a\tb", "a\tb"},
		{"bidi marks kept", "\u05e9\u05dc\u05d5\u05dd\u200f abc \u200e", "\u05e9\u05dc\u05d5\u05dd\u200f abc \u200e"},
		{"zero width joiner kept", "👩\u200d💻", "👩\u200d💻"},
		{"html kept as text", "<b>x</b> & y", "<b>x</b> & y"},
		{"exactly MaxLength", strings.Repeat("é", MaxLength), strings.Repeat("é", MaxLength)},
		{"MaxLength after trimming", strings.Repeat("a", MaxLength) + "   \n\n", strings.Repeat("a", MaxLength)},
		{"NFC shortens", strings.Repeat("e\u0301", MaxLength), strings.Repeat("é", MaxLength)},
		{"exactly MaxLines", strings.Repeat("x\n", MaxLines), strings.TrimSuffix(strings.Repeat("x\n", MaxLines), "\n")},
	}
	for _, tt := range tests {
		got, err := CleanText(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("%s: CleanText(%q) = %q, %v, want %q, nil", tt.name, tt.in, got, err, tt.want)
		}
	}
}

func TestCleanTextRefuses(t *testing.T) {
	control := "Line 2 contains an invisible control or text-direction character, often pasted by accident; please retype that part."
	tests := []struct {
		name, in, want string
	}{
		{"invalid UTF-8", "caf\xe9", "The text contains characters we cannot read; please retype it."},
		{"surrogate half", "a\xed\xa0\x80", "The text contains characters we cannot read; please retype it."},
		{"empty", "", "Please write something before posting."},
		{"spaces", " \t\n\r\n\u00a0\u3000", "Please write something before posting."},
		{"invisible only", "\u200b\u2060\ufeff \u3164\u2800", "Please write something before posting."},
		{"too long", strings.Repeat("a", MaxLength+1), "Comments can be at most 3,000 characters; yours has 3,001."},
		{"too long in runes", strings.Repeat("日本", 1617), "Comments can be at most 3,000 characters; yours has 3,234."},
		{"too many lines", strings.Repeat("x\n", MaxLines+1), "Comments can have at most 60 lines; yours has 61. Please join some of them."},
		{"too many lines with blanks", strings.Repeat("x\n\n", 31), "Comments can have at most 60 lines; yours has 61. Please join some of them."},
		{"NUL", "a\nb\x00", control},
		{"escape", "a\r\n\x1b[31mred", control},
		{"DEL", "a\n\x7f", control},
		{"C1 NEL", "a\n\u0085", control},
		{"C1 CSI", "a\n\u009b", control},
		{"RLO", "a\nfile\u202Etxt.exe", control},
		{"LRE", "a\n\u202A", control},
		{"PDF", "a\n\u202C", control},
		{"RLI", "a\n\u2067x\u2069", control},
		{"FSI", "a\n\u2068", control},
		{"vertical tab", "a\n\v", control},
		{"form feed", "a\n\f", control},
		{"control wins over length", strings.Repeat("a", MaxLength) + "\n\x00", control},
	}
	for _, tt := range tests {
		got, err := CleanText(tt.in)
		var te *TextError
		if !errors.As(err, &te) || te.Message != tt.want || got != "" {
			t.Errorf("%s: CleanText(%q) = %q, %v, want \"\", %q", tt.name, tt.in, got, err, tt.want)
		}
	}
}

func TestGroupThousands(t *testing.T) {
	tests := []struct {
		in   int
		want string
	}{{0, "0"}, {999, "999"}, {1000, "1,000"}, {3000, "3,000"}, {1234567, "1,234,567"}, {-4500, "-4,500"}}
	for _, tt := range tests {
		if got := groupThousands(tt.in); got != tt.want {
			t.Errorf("groupThousands(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestExcerpt(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"Short", 10, "Short"},
		{"  two\n\nparagraphs\there ", 40, "two paragraphs here"},
		{"exactly ten", 11, "exactly ten"},
		{"abcdefghijkl", 5, "abcde…"},
		{"The quick brown fox jumps", 12, "The quick…"},
		{"Hello, world and more", 6, "Hello…"},
		{"a bcdefghijkl", 6, "a bcde…"},
		{"ünïcödé text", 4, "ünïc…"},
		{"cafe\u0301s", 4, "caf…"},
		{"hi 👍🏽 there", 4, "hi…"},
		{"hi 👩\u200d💻 there", 5, "hi…"},
		{"anything", 0, ""},
		{"<b>kept as text</b>", 8, "<b>kept…"},
		{"bad \x00 \u202e", 20, "bad \ufffd \ufffd"},
	}
	for _, tt := range tests {
		if got := Excerpt(tt.in, tt.n); got != tt.want {
			t.Errorf("Excerpt(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

// wantLink is the anchor RenderText writes for href, showing text.
func wantLink(href, text string) string {
	return `<a href="` + href + `" rel="nofollow ugc noopener" target="_blank">` + text + `</a>`
}

func TestRenderText(t *testing.T) {
	tests := []struct {
		name, in string
		links    bool
		want     string
	}{
		{"empty", "", true, ""},
		{"one paragraph", "Hello", false, "<p>Hello</p>\n"},
		{"line break", "a\nb", false, "<p>a<br>\nb</p>\n"},
		{"paragraphs", "a\nb\n\nc", false, "<p>a<br>\nb</p>\n<p>c</p>\n"},
		{"blank runs and spaces", "\n a\n \t\n\n\nb\n", false, "<p> a</p>\n<p>b</p>\n"},
		{"CRLF", "a\r\nb\r\n\r\nc", false, "<p>a<br>\nb</p>\n<p>c</p>\n"},
		{"escaping", `<script>alert("x" & 'y')</script>`, true,
			"<p>&lt;script&gt;alert(&#34;x&#34; &amp; &#39;y&#39;)&lt;/script&gt;</p>\n"},
		{"entity stays text", "&lt; &#x3C;", false, "<p>&amp;lt; &amp;#x3C;</p>\n"},
		{"links off", "see https://example.org/", false, "<p>see https://example.org/</p>\n"},
		{"https", "see https://example.org/a?b=1&c=2#d", true,
			"<p>see " + wantLink("https://example.org/a?b=1&amp;c=2#d", "https://example.org/a?b=1&amp;c=2#d") + "</p>\n"},
		{"http upper case", "HTTP://Example.ORG", true, "<p>" + wantLink("HTTP://Example.ORG", "HTTP://Example.ORG") + "</p>\n"},
		{"www", "www.example.org/x", true, "<p>" + wantLink("https://www.example.org/x", "www.example.org/x") + "</p>\n"},
		{"www in brackets", "(www.bbc.co.uk)", true, "<p>(" + wantLink("https://www.bbc.co.uk", "www.bbc.co.uk") + ")</p>\n"},
		{"two links on two lines", "https://a.example\nhttps://b.example", true,
			"<p>" + wantLink("https://a.example", "https://a.example") + "<br>\n" + wantLink("https://b.example", "https://b.example") + "</p>\n"},
		{"trailing period", "Read https://example.org/a.", true, "<p>Read " + wantLink("https://example.org/a", "https://example.org/a") + ".</p>\n"},
		{"trailing punctuation", "https://example.org/a?!,;:'", true,
			"<p>" + wantLink("https://example.org/a", "https://example.org/a") + "?!,;:&#39;</p>\n"},
		{"unicode punctuation", "„https://example.org/a“…", true, "<p>„" + wantLink("https://example.org/a", "https://example.org/a") + "“…</p>\n"},
		{"unbalanced parenthesis", "(see https://example.org/a)", true,
			"<p>(see " + wantLink("https://example.org/a", "https://example.org/a") + ")</p>\n"},
		{"balanced parentheses", "https://en.wikipedia.org/wiki/Go_(language).", true,
			"<p>" + wantLink("https://en.wikipedia.org/wiki/Go_(language)", "https://en.wikipedia.org/wiki/Go_(language)") + ".</p>\n"},
		{"balanced inside brackets", "(https://en.wikipedia.org/wiki/Go_(language))", true,
			"<p>(" + wantLink("https://en.wikipedia.org/wiki/Go_(language)", "https://en.wikipedia.org/wiki/Go_(language)") + ")</p>\n"},
		{"square bracket", "[https://example.org/a]", true, "<p>[" + wantLink("https://example.org/a", "https://example.org/a") + "]</p>\n"},
		{"quote ends URL", `https://example.org/"onmouseover="alert(1)`, true,
			"<p>" + wantLink("https://example.org/", "https://example.org/") + "&#34;onmouseover=&#34;alert(1)</p>\n"},
		{"apostrophe inside URL", "https://example.org/O'Brien", true,
			"<p>" + wantLink("https://example.org/O&#39;Brien", "https://example.org/O&#39;Brien") + "</p>\n"},
		{"angle brackets end URL", "<https://example.org/a<script>", true,
			"<p>&lt;" + wantLink("https://example.org/a", "https://example.org/a") + "&lt;script&gt;</p>\n"},
		{"javascript", "javascript:alert(1)", true, "<p>javascript:alert(1)</p>\n"},
		{"javascript with http inside", "javascript://example.org/%0Aalert(1)", true,
			"<p>javascript://example.org/%0Aalert(1)</p>\n"},
		{"data", "data:text/html,<script>alert(1)</script>", true,
			"<p>data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"},
		{"data with URL", "data:text/html,https://example.org", true, "<p>data:text/html,https://example.org</p>\n"},
		{"other schemes", "ftp://example.org mailto:a@example.org", true, "<p>ftp://example.org mailto:a@example.org</p>\n"},
		{"no word boundary", "xhttps://example.org a.www.example.org", true, "<p>xhttps://example.org a.www.example.org</p>\n"},
		{"user info refused", "https://bank.example@evil.example/", true, "<p>https://bank.example@evil.example/</p>\n"},
		{"no host", "http:// https:///a http://", true, "<p>http:// https:///a http://</p>\n"},
		{"bad host", "https://exa_mple.org https://a..b", true, "<p>https://exa_mple.org https://a..b</p>\n"},
		{"a failed URL stays text whole", "https://bad_host/www.example.org (www.(www.example.org", true,
			"<p>https://bad_host/www.example.org (www.(www.example.org</p>\n"},
		{"bad escape", "https://example.org/%zz", true, "<p>https://example.org/%zz</p>\n"},
		{"www needs a domain", "www.example www. www.x.1", true, "<p>www.example www. www.x.1</p>\n"},
		{"IPv6", "http://[::1]:8080/a", true, "<p>" + wantLink("http://[::1]:8080/a", "http://[::1]:8080/a") + "</p>\n"},
		{"unicode host and path", "https://bücher.example/straße", true,
			"<p>" + wantLink("https://bücher.example/straße", "https://bücher.example/straße") + "</p>\n"},
		{"invisible character ends URL", "https://example.org\u200bevil", true,
			"<p>" + wantLink("https://example.org", "https://example.org") + "\u200bevil</p>\n"},
		{"CJK punctuation ends URL", "見てhttps://example.org/a。次", false, "<p>見てhttps://example.org/a。次</p>\n"},
		{"after colon", "Source:https://example.org", true, "<p>Source:" + wantLink("https://example.org", "https://example.org") + "</p>\n"},
		{"control becomes replacement", "a\x00b\u202ec\xff", false, "<p>a\ufffdb\ufffdc\ufffd</p>\n"},
	}
	for _, tt := range tests {
		if got := string(RenderText(tt.in, tt.links)); got != tt.want {
			t.Errorf("%s: RenderText(%q, %v) = %q, want %q", tt.name, tt.in, tt.links, got, tt.want)
		}
	}
}

// benchComment is a realistic comment of MaxLength characters: several
// paragraphs, line breaks, a few links and characters that need escaping.
func benchComment() string {
	para := "I read the article twice & I still think the council's figures are off <by a lot>. " +
		"See https://example.org/reports/2024?page=2 and www.example.net/data (the table).\n" +
		"Second line of the paragraph, with \"quotes\" and an accent: café.\n\n"
	s := strings.Repeat(para, MaxLength/len([]rune(para))+1)
	return string([]rune(s)[:MaxLength])
}

func BenchmarkRenderText(b *testing.B) {
	s, err := CleanText(benchComment())
	if err != nil {
		b.Fatalf("CleanText(benchComment()) error: %v", err)
	}
	// hostile is as many almost-links as fit, each a candidate to check.
	hostile := strings.Repeat("(www.", MaxLength/5-1) + "(https://x.example/" + strings.Repeat(")", 4)
	for _, c := range []struct {
		name, text string
		links      bool
	}{{"links=false", s, false}, {"links=true", s, true}, {"hostile", hostile, true}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			b.ReportAllocs()
			for b.Loop() {
				RenderText(c.text, c.links)
			}
		})
	}
}

func BenchmarkCleanText(b *testing.B) {
	s := benchComment()
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := CleanText(s); err != nil {
			b.Fatalf("CleanText error: %v", err)
		}
	}
}
