package comments

import (
	"fmt"
	"html"
	"html/template"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxLength is the longest comment, in characters (runes, counted after
// CleanText). Long enough for a considered reply, short enough that one
// reader cannot bury a thread. A browser's maxlength counts UTF-16 units,
// which is never fewer, so a form using it refuses nothing CleanText accepts.
const MaxLength = 3000

// MaxLines is the most lines a comment may have once cleaned, counting the
// single empty line kept between paragraphs. Sixty is enough for a poem, a
// recipe or a long list, and too few for a comment that is a screenful of
// one-word lines pushing the rest of the thread out of view.
const MaxLines = 60

// TextError is a reader-facing reason a comment text is refused. Message is
// written for the reader and safe to show as is; the form shows it next to
// the text the reader typed, which it keeps, so nothing has to be retyped.
type TextError struct{ Message string }

// Error returns the reader-facing message.
func (e *TextError) Error() string { return e.Message }

// Reader-facing messages of CleanText, kept together so they read alike.
const (
	msgInvalidUTF8 = "The text contains characters we cannot read; please retype it."
	msgEmpty       = "Please write something before posting."
	msgTooLong     = "Comments can be at most %s characters; yours has %s."
	msgTooManyLine = "Comments can have at most %d lines; yours has %d. Please join some of them."
	msgControl     = "Line %d contains an invisible control or text-direction character, often pasted by accident; please retype that part."
)

// CleanText normalises a submitted comment and refuses one that breaks a
// rule, so that what is stored is exactly what every reader will see. It
// returns "" and a *TextError on refusal; the caller keeps the submitted
// text for the form. In order:
//
//  1. Invalid UTF-8 is refused.
//  2. Line endings CRLF and CR become LF; U+2028 and U+2029 (line and
//     paragraph separators) become one and two LFs.
//  3. Control characters other than LF and tab are refused (C0 including
//     NUL, DEL, C1), and so are the bidirectional embeddings, overrides and
//     isolates U+202A–U+202E and U+2066–U+2069, which can make text read
//     differently from what it says. The message names the line.
//  4. The text is NFC-normalised, so the same words are stored the same way.
//  5. Trailing white space is cut from every line, blank lines at the start
//     and end are dropped, and each run of blank lines becomes one empty
//     line (a paragraph break: RenderText shows no more than that anyway).
//  6. Text with no visible character (only spaces or invisible format
//     characters such as U+200B) is refused as empty.
//  7. More than MaxLength characters is refused, giving the count.
//  8. More than MaxLines lines is refused, giving the count.
func CleanText(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", &TextError{Message: msgInvalidUTF8}
	}
	s = normaliseNewlines(s)
	if line := controlLine(s); line > 0 {
		return "", &TextError{Message: fmt.Sprintf(msgControl, line)}
	}
	s = trimLines(norm.NFC.String(s))
	if !hasVisible(s) {
		return "", &TextError{Message: msgEmpty}
	}
	if n := utf8.RuneCountInString(s); n > MaxLength {
		return "", &TextError{Message: fmt.Sprintf(msgTooLong, groupThousands(MaxLength), groupThousands(n))}
	}
	if n := strings.Count(s, "\n") + 1; n > MaxLines {
		return "", &TextError{Message: fmt.Sprintf(msgTooManyLine, MaxLines, n)}
	}
	return s, nil
}

// normaliseNewlines turns every line ending a browser or a pasted document
// may send into LF.
func normaliseNewlines(s string) string {
	if !strings.ContainsAny(s, "\r\u2028\u2029") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.ReplaceAll(s, "\u2028", "\n")
	return strings.ReplaceAll(s, "\u2029", "\n\n")
}

// forbiddenRune reports whether r may not appear in a comment: control
// characters other than LF and tab, and the bidi controls that reorder the
// text around them. The marks U+200E, U+200F and U+061C stay allowed: they
// only nudge neutral characters and are needed in right-to-left writing.
func forbiddenRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case unicode.IsControl(r):
		return true
	}
	return (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069')
}

// controlLine returns the 1-based line of the first forbidden character in
// s, or 0 when there is none.
func controlLine(s string) int {
	line := 1
	for _, r := range s {
		if r == '\n' {
			line++
		} else if forbiddenRune(r) {
			return line
		}
	}
	return 0
}

// trimLines applies rule 5 of CleanText to LF-separated text.
func trimLines(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	blank := false
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.TrimRightFunc(line, unicode.IsSpace)
		if line == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
			if blank {
				b.WriteByte('\n')
			}
		}
		blank = false
		b.WriteString(line)
	}
	return b.String()
}

// hasVisible reports whether s has a character that shows: not white
// space, not an invisible format character, not one of the blank "filler"
// letters (Hangul fillers, the blank Braille pattern) used to fake text.
func hasVisible(s string) bool {
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), unicode.Is(unicode.Cf, r):
		case r == '\u115F', r == '\u1160', r == '\u3164', r == '\uFFA0', r == '\u2800':
		default:
			return true
		}
	}
	return false
}

// groupThousands formats n with commas between groups of three digits, as
// the messages are in English: 3000 becomes "3,000".
func groupThousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + groupThousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// RenderText turns comment text into HTML that can only be paragraphs,
// line breaks and (when links is true) links, so a reader can never put
// markup on the page. Paragraphs are separated by blank lines; a single
// newline is a <br>; every other character is escaped. With links, URLs
// starting http:// or https:// and bare hosts starting "www." become links
// to themselves (see linkAt for what counts); no other scheme is ever
// linked. The input should come from CleanText, but anything is safe:
// invalid UTF-8 and characters CleanText refuses are shown as U+FFFD.
func RenderText(s string, links bool) template.HTML {
	s = sanitise(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/8 + 16)
	inPara := false
	for line := range strings.SplitSeq(s, "\n") {
		if strings.TrimSpace(line) == "" {
			if inPara {
				b.WriteString("</p>\n")
				inPara = false
			}
			continue
		}
		if inPara {
			b.WriteString("<br>\n")
		} else {
			b.WriteString("<p>")
			inPara = true
		}
		writeLine(&b, line, links)
	}
	if inPara {
		b.WriteString("</p>\n")
	}
	return template.HTML(b.String())
}

// sanitise makes any string fit for rendering: LF line endings, valid
// UTF-8, and U+FFFD in place of every character CleanText refuses.
func sanitise(s string) string {
	s = normaliseNewlines(strings.ToValidUTF8(s, "\uFFFD"))
	if controlLine(s) == 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if forbiddenRune(r) {
			return utf8.RuneError
		}
		return r
	}, s)
}

// writeLine writes one line of text, escaped, with its URLs as links when
// links is true.
func writeLine(b *strings.Builder, line string, links bool) {
	if !links {
		b.WriteString(html.EscapeString(line))
		return
	}
	done := 0
	for i := 0; i < len(line); {
		if c := line[i] | 0x20; (c == 'h' || c == 'w') && linkBoundary(line[:i]) {
			n, href, skip := linkAt(line[i:])
			if n > 0 {
				b.WriteString(html.EscapeString(line[done:i]))
				b.WriteString(`<a href="`)
				b.WriteString(html.EscapeString(href))
				b.WriteString(`" rel="nofollow ugc noopener" target="_blank">`)
				b.WriteString(html.EscapeString(line[i : i+n]))
				b.WriteString("</a>")
				i += n
				done = i
				continue
			}
			if skip > 0 {
				i += skip
				continue
			}
		}
		_, size := utf8.DecodeRuneInString(line[i:])
		i += size
	}
	b.WriteString(html.EscapeString(line[done:]))
}

// linkBoundary reports whether a link may start right after before: at the
// start of a line, after white space, an opening bracket or quote, or one
// of : * _ ~ < >. So "xhttp://" and "a.www.b" never start a link, while
// "(www.example.org)" and "<https://example.org>" do.
func linkBoundary(before string) bool {
	if before == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return unicode.IsSpace(r) || unicode.In(r, unicode.Ps, unicode.Pi) || strings.ContainsRune(`"':*_~<>`, r)
}

// linkAt reports whether s starts with a URL to link, returning its length
// in bytes and the href. When s starts like a URL that fails the rules,
// skip is how far the text up to rule 2's end goes, so that the caller
// leaves the whole word as text and every line is scanned in linear time.
// The rules, in order:
//
//  1. s starts with http://, https:// or www. in any case.
//  2. The URL runs to the first white space, control or invisible format
//     character, one of < > " ` or CJK punctuation that ends a phrase.
//  3. Trailing . , : ; ! ? ' * … and quotation marks (“ ” ‘ ’ « » …) are
//     not part of it, nor is a closing ) or ] with no opening partner in it.
//  4. A www. host gets https:// in front for its href.
//  5. The result parses as an http or https URL with a host made of
//     letters, digits and hyphens (or an IPv6 literal) and no user name, so
//     the text shown is the place the link goes; a www. host needs a dot
//     and a top-level domain of two letters or more after "www.".
func linkAt(s string) (n int, href string, skip int) {
	www := false
	switch {
	case hasPrefixASCIIFold(s, "https://"), hasPrefixASCIIFold(s, "http://"):
	case hasPrefixASCIIFold(s, "www."):
		www = true
	default:
		return 0, "", 0
	}
	end := strings.IndexFunc(s, urlStop)
	if end < 0 {
		end = len(s)
	}
	n = trimURLEnd(s[:end])
	href = s[:n]
	if www {
		href = "https://" + href
	}
	if !validLink(href, www) {
		return 0, "", end
	}
	return n, href, end
}

// hasPrefixASCIIFold is strings.HasPrefix ignoring ASCII case; prefix must
// be lower-case ASCII. Unlike strings.EqualFold it never matches the
// Unicode look-alikes that fold to ASCII letters (K, ſ).
func hasPrefixASCIIFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// urlStop reports whether r ends a URL in running text (rule 2 of linkAt).
func urlStop(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) ||
		r == utf8.RuneError || strings.ContainsRune("<>\"`，。、「」『』（）【】", r)
}

// trimURLEnd returns the length of u without the trailing punctuation of
// rule 3 of linkAt.
func trimURLEnd(u string) int {
	open := strings.Count(u, "(") - strings.Count(u, ")")
	openSquare := strings.Count(u, "[") - strings.Count(u, "]")
	for u != "" {
		r, size := utf8.DecodeLastRuneInString(u)
		switch {
		case strings.ContainsRune(".,:;!?'*…", r), unicode.In(r, unicode.Pi, unicode.Pf):
		case r == ')' && open < 0:
			open++
		case r == ']' && openSquare < 0:
			openSquare++
		default:
			return len(u)
		}
		u = u[:len(u)-size]
	}
	return 0
}

// validLink applies rule 5 of linkAt.
func validLink(href string, www bool) bool {
	u, err := url.Parse(href)
	if err != nil || u.User != nil || u.Opaque != "" || u.Host == "" {
		return false
	}
	if scheme := strings.ToLower(u.Scheme); scheme != "http" && scheme != "https" {
		return false
	}
	host := u.Hostname()
	if strings.HasPrefix(u.Host, "[") {
		addr, err := netip.ParseAddr(host)
		return !www && err == nil && addr.Is6()
	}
	labels := strings.Split(host, ".")
	if www && (len(labels) < 3 || !topLevelDomain(labels[len(labels)-1])) {
		return false
	}
	for _, label := range labels {
		if label == "" || len(label) > 63 {
			return false
		}
		for _, r := range label {
			if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
				return false
			}
		}
	}
	return true
}

// topLevelDomain reports whether label can end a bare www. host: two or
// more letters, or an internationalised domain in its xn-- form.
func topLevelDomain(label string) bool {
	if hasPrefixASCIIFold(label, "xn--") {
		return true
	}
	for _, r := range label {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return utf8.RuneCountInString(label) >= 2
}

// Excerpt returns the text on one line, white space runs collapsed to one
// space, cut to its first n characters with "…" added when anything was
// cut, for notifications and moderation lists. The cut moves back to the
// last space when that keeps more than half, never splits a letter from
// its accents or an emoji sequence, and drops a dangling , . ; or :. The
// result is plain text: escape it (html/template does) before use in HTML.
func Excerpt(s string, n int) string {
	if n <= 0 {
		return ""
	}
	s = strings.Join(strings.Fields(sanitise(s)), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := 0
	for i := 0; i < n; i++ {
		_, size := utf8.DecodeRuneInString(s[cut:])
		cut += size
	}
	for cut > 0 {
		next, _ := utf8.DecodeRuneInString(s[cut:])
		prev, size := utf8.DecodeLastRuneInString(s[:cut])
		if !joinsPrevious(next) && prev != '\u200D' {
			break
		}
		cut -= size
	}
	head := s[:cut]
	if i := strings.LastIndexByte(head, ' '); i > len(head)/2 {
		head = head[:i]
	}
	return strings.TrimRight(head, " ,.;:") + "…"
}

// joinsPrevious reports whether r belongs to the character before it:
// combining marks, the zero-width joiner, variation selectors, emoji skin
// tones and the tag characters of subdivision flags.
func joinsPrevious(r rune) bool {
	return unicode.IsMark(r) || r == '\u200D' || (r >= '\uFE00' && r <= '\uFE0F') ||
		(r >= 0x1F3FB && r <= 0x1F3FF) || (r >= 0xE0020 && r <= 0xE007F)
}
