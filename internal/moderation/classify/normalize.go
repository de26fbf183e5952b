package classify

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Placeholder tokens stand in for things whose exact value carries no
// signal but whose presence does: a link, an e-mail address, a number, a
// long number (phone numbers, short codes, account numbers), a currency
// sign.
const (
	tokURL     = "_url_"
	tokEmail   = "_email_"
	tokNumber  = "_num_"
	tokLongNum = "_longnum_"
	tokMoney   = "_money_"
)

// longDigits is how many digits make a number long: phone numbers and
// premium short codes have five or more, years and prices fewer.
const longDigits = 5

// Normalize maps text to the form the features are computed on, so that
// trivial variation (case, compatibility characters, "soooo", a different
// link or number) does not split evidence across buckets: NFKC, lower
// case, links, e-mail addresses, numbers, currency signs and @mentions
// replaced by placeholder tokens, runs of three or more equal letters
// squeezed to two, and everything that is not a letter, digit or
// apostrophe turned into a single space.
func Normalize(text string) string {
	if !isASCII(text) {
		text = norm.NFKC.String(text)
	}
	var b strings.Builder
	b.Grow(len(text) + 8)
	for f := range strings.FieldsSeq(text) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		if len(f) > 1 && f[0] == '@' {
			// A mention says whom a reply is for, nothing about spam or
			// abuse; the training sets use them very unevenly (OLID's
			// tweets are full of @USER, SMS has none), so they are left
			// out rather than learnt.
			continue
		}
		if strings.ContainsAny(f, ".:") {
			if isEmail(f) {
				b.WriteString(tokEmail)
				continue
			}
			if i := urlStart(f); i >= 0 {
				writeWord(&b, f[:i])
				b.WriteByte(' ')
				b.WriteString(tokURL)
				continue
			}
		}
		writeWord(&b, f)
	}
	return collapseSpaces(b.String())
}

// writeWord writes one whitespace-separated field: lower-cased, digit runs
// as one number token, currency signs as a money token, other punctuation
// as spaces, letter runs squeezed.
func writeWord(b *strings.Builder, f string) {
	var prev rune
	run := 0
	digits := 0 // digits in the current number, 0 outside one
	endNum := func() {
		if digits == 0 {
			return
		}
		b.WriteByte(' ')
		if digits >= longDigits {
			b.WriteString(tokLongNum)
		} else {
			b.WriteString(tokNumber)
		}
		b.WriteByte(' ')
		digits = 0
	}
	for i, r := range f {
		switch {
		case unicode.IsDigit(r):
			digits++
			prev, run = 0, 0
			continue
		case digits > 0 && (r == '.' || r == ',') && i+1 < len(f) && f[i+1] >= '0' && f[i+1] <= '9':
			continue
		}
		endNum()
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
		if unicode.Is(unicode.Sc, r) {
			b.WriteString(" " + tokMoney + " ")
			continue
		}
		b.WriteByte(' ')
	}
	endNum()
}

// urlStart returns where a link starts in a whitespace-separated field
// (a scheme or "www." anywhere, as in `href="http://..."`, or a bare
// domain with a common top-level domain such as "bit.ly/x"), or -1 if the
// field holds none.
func urlStart(f string) int {
	for _, p := range [...]string{"http://", "https://", "www."} {
		if i := indexASCIIFold(f, p); i >= 0 {
			return i
		}
	}
	return bareDomain(f)
}

// indexASCIIFold is strings.Index ignoring the case of ASCII letters;
// sub must be lower case.
func indexASCIIFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && lowerByte(s[i+j]) == sub[j] {
			j++
		}
		if j == len(sub) {
			return i
		}
	}
	return -1
}

// bareDomain returns where a bare domain ("bit.ly/x", "Site.co.uk",
// "(example.com)") starts in the field f, or -1. A domain is letters,
// digits, hyphens and dots ending in a top-level domain that is common in
// spam; those that are also English words ("reply.be", "prize.to") count
// only when a path follows ("youtu.be/x").
func bareDomain(f string) int {
	for i := 1; i < len(f); i++ {
		if f[i] != '.' || !isDomainByte(lowerByte(f[i-1])) {
			continue
		}
		j := i + 1
		for j < len(f) && lowerByte(f[j]) >= 'a' && lowerByte(f[j]) <= 'z' {
			j++
		}
		if j < len(f) && isDomainByte(lowerByte(f[j])) {
			continue // a digit or hyphen: not a top-level domain
		}
		path := j < len(f) && f[j] == '/'
		if !isSpamTLD(f[i+1:j], path) {
			continue
		}
		start := i
		for start > 0 && (isDomainByte(lowerByte(f[start-1])) || f[start-1] == '.') {
			start--
		}
		for k := start; k < i; k++ {
			if c := lowerByte(f[k]); c >= 'a' && c <= 'z' {
				return start
			}
		}
	}
	return -1
}

// isSpamTLD reports whether tld (without the dot) is a top-level domain
// taken for a link: always for the common ones, only before a path for
// the ones that are also words.
func isSpamTLD(tld string, path bool) bool {
	if len(tld) < 2 || len(tld) > 6 {
		return false
	}
	var l [6]byte
	for i := 0; i < len(tld); i++ {
		l[i] = lowerByte(tld[i])
	}
	switch string(l[:len(tld)]) {
	case "com", "net", "org", "info", "biz", "ly", "gl", "tv", "io", "co",
		"uk", "ru", "cn", "de", "eu", "xyz", "top", "site", "online",
		"club", "shop", "app", "cc", "ws", "tk", "gq", "ml", "cf", "ga", "mobi":
		return true
	case "be", "me", "to", "in", "us":
		return path
	}
	return false
}

func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isDomainByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
}

// isEmail reports whether a field is an e-mail address: a local part, an
// @ and a dotted domain.
func isEmail(f string) bool {
	at := strings.IndexByte(f, '@')
	if at <= 0 {
		return false
	}
	dot := strings.LastIndexByte(f, '.')
	return dot > at+1 && dot < len(f)-1
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
