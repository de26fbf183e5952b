package classify

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Placeholder tokens stand in for things whose exact value carries no
// signal but whose presence does: a link, a number, a mention.
const (
	tokURL     = "_url_"
	tokNumber  = "_num_"
	tokMention = "_user_"
)

// Normalize maps text to the form the features are computed on, so that
// trivial variation (case, compatibility characters, "soooo", a different
// link or number) does not split evidence across buckets: NFKC, lower
// case, links, numbers and @mentions replaced by placeholder tokens, runs
// of three or more equal letters squeezed to two, and everything that is
// not a letter, digit or apostrophe turned into a single space.
func Normalize(text string) string {
	if !isASCII(text) {
		text = norm.NFKC.String(text)
	}
	var b strings.Builder
	b.Grow(len(text) + 8)
	fields := strings.Fields(text)
	for _, f := range fields {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		switch {
		case isURL(f):
			b.WriteString(tokURL)
			continue
		case len(f) > 1 && f[0] == '@':
			b.WriteString(tokMention)
			continue
		}
		writeWord(&b, f)
	}
	return collapseSpaces(b.String())
}

// writeWord writes one whitespace-separated field: lower-cased, digit runs
// as one number token, punctuation as spaces, letter runs squeezed.
func writeWord(b *strings.Builder, f string) {
	var prev rune
	run := 0
	inNum := false
	for _, r := range f {
		switch {
		case unicode.IsDigit(r):
			if !inNum {
				b.WriteByte(' ')
				b.WriteString(tokNumber)
				b.WriteByte(' ')
				inNum = true
			}
			prev, run = 0, 0
			continue
		case inNum && (r == '.' || r == ','):
			continue
		}
		inNum = false
		if unicode.IsLetter(r) || r == '\'' || unicode.Is(unicode.Mn, r) {
			r = unicode.ToLower(r)
			if r == prev {
				run++
				if run >= 2 {
					continue
				}
			} else {
				prev, run = r, 0
			}
			b.WriteRune(r)
			continue
		}
		prev, run = 0, 0
		b.WriteByte(' ')
	}
}

// isURL reports whether a whitespace-separated field is a link.
func isURL(f string) bool {
	l := strings.ToLower(f)
	if strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "www.") {
		return true
	}
	for _, tld := range [...]string{".com", ".net", ".org", ".ly", ".co.uk", ".info", ".biz"} {
		if i := strings.Index(l, tld); i > 0 && (i+len(tld) == len(l) || l[i+len(tld)] == '/') {
			return true
		}
	}
	return false
}

// collapseSpaces trims and reduces runs of spaces to one.
func collapseSpaces(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteByte(c)
	}
	return strings.TrimRight(b.String(), " ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
