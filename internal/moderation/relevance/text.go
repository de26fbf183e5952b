package relevance

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// latinFold maps U+00C0..U+017F, lower-cased, to the ASCII letter they are
// built on ("é" → "e", "ł" → "l"), so "café" and "cafe" meet. Generated
// from the Unicode decompositions; '.' marks the two non-letters.
const latinFold = "aaaaaaaceeeeiiiidnooooo.ouuuuytsaaaaaaaceeeeiiiidnooooo.ouuuuyty" +
	"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnn" +
	"oooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs"

// words calls fn with each word of text, lower-cased and with accents
// stripped. A word is a run of letters and digits; an apostrophe inside a
// word is kept so that contractions can be recognised as stop words.
func words(text string, buf []byte, fn func(w string)) {
	buf = buf[:0]
	flush := func() {
		w := strings.TrimRight(string(buf), "'")
		w = strings.TrimSuffix(w, "'s")
		if w != "" {
			fn(w)
		}
		buf = buf[:0]
	}
	for _, r := range text {
		switch {
		case r < utf8.RuneSelf:
			switch {
			case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
				buf = append(buf, byte(r))
			case 'A' <= r && r <= 'Z':
				buf = append(buf, byte(r+'a'-'A'))
			case r == '\'' && len(buf) > 0:
				buf = append(buf, '\'')
			default:
				if len(buf) > 0 {
					flush()
				}
			}
		case r == '’' && len(buf) > 0:
			buf = append(buf, '\'')
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
			if 0xC0 <= r && r < 0x180 && latinFold[r-0xC0] != '.' {
				buf = append(buf, latinFold[r-0xC0])
			} else {
				buf = utf8.AppendRune(buf, r)
			}
		case unicode.Is(unicode.Mn, r):
			// a combining accent: drop it, keep the word going
		default:
			if len(buf) > 0 {
				flush()
			}
		}
	}
	if len(buf) > 0 {
		flush()
	}
}

// stem strips common English inflectional and derivational endings. It is
// crude on purpose: both sides of a comparison go through it, so it only
// needs to send related forms to the same key, and the trigram match
// catches most of what it misses.
func stem(w string) string {
	if len(w) <= 4 {
		if len(w) == 4 && w[3] == 'e' {
			return w[:3] // "ride" meets "riders", "bike" meets "bikes"
		}
		return w
	}
	for _, s := range suffixes {
		if strings.HasSuffix(w, s.from) && len(w)-len(s.from) >= 3 {
			w = w[:len(w)-len(s.from)] + s.to
			break
		}
	}
	// "running" → "runn" → "run"; "stopped" → "stopp" → "stop"
	if n := len(w); n >= 4 && w[n-1] == w[n-2] && w[n-1] != 's' && w[n-1] != 'l' && w[n-1] != 'e' && isConsonant(w[n-1]) {
		w = w[:n-1]
	}
	return strings.TrimSuffix(w, "e")
}

func isConsonant(b byte) bool {
	return 'a' <= b && b <= 'z' && !strings.ContainsRune("aeiouy", rune(b))
}

// suffixes are tried in order; the first that fits is removed.
var suffixes = [...]struct{ from, to string }{
	{"izations", "ize"}, {"ization", "ize"}, {"isations", "ize"}, {"isation", "ize"},
	{"ational", "ate"}, {"fulness", "ful"}, {"iveness", "ive"}, {"ousness", "ous"},
	{"ations", "ate"}, {"ation", "ate"}, {"ments", ""}, {"ment", ""}, {"nesses", ""},
	{"ness", ""}, {"ities", ""}, {"ity", ""}, {"ically", "ic"}, {"ical", "ic"},
	{"ingly", ""}, {"edly", ""}, {"ings", ""}, {"ing", ""}, {"ises", "ize"},
	{"izes", "ize"}, {"ised", "ize"}, {"ized", "ize"}, {"ise", "ize"},
	{"iers", "y"}, {"ies", "y"}, {"ied", "y"}, {"ers", ""}, {"er", ""},
	{"ly", ""}, {"ed", ""}, {"es", ""}, {"s", ""},
}
