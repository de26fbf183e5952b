package lexicon

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// token is one normalised word of a comment with the sentence and clause
// it belongs to, so that context rules never reach across a full stop
// (sentence) or a comma (clause).
type token struct {
	text       string
	start, end int // in the normalised text, while tokenizing
	sent       int
	clause     int
	// stretched words had a letter repeated three times or more
	// ("kiiill"); their text has every repeated letter collapsed ("kil")
	// and they match patterns by their collapsed form.
	stretched bool
}

// lookalikes maps Cyrillic and Greek letters that look like Latin ones.
var lookalikes = map[rune]rune{
	'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'х': 'x', 'у': 'y',
	'і': 'i', 'к': 'k', 'м': 'm', 'т': 't', 'н': 'h', 'в': 'b',
	'α': 'a', 'ο': 'o', 'ε': 'e', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'τ': 't',
}

// leet maps the digits and symbols that stand for letters inside a word
// ("c0ca1ne", "k!ll" is not handled: "!" ends a sentence).
func leet(b byte) byte {
	switch b {
	case '0':
		return 'o'
	case '1':
		return 'i'
	case '3':
		return 'e'
	case '4':
		return 'a'
	case '5':
		return 's'
	case '7':
		return 't'
	case '8':
		return 'b'
	case '$':
		return 's'
	case '@':
		return 'a'
	}
	return b
}

// unitSuffixes are the letters that may follow a number without being
// leet: "13yo", "5g".
var unitSuffixes = map[string]bool{
	"yo": true, "yr": true, "yrs": true, "y": true, "g": true, "gr": true,
	"oz": true, "mg": true, "ml": true, "k": true, "th": true,
}

// tokenize lower-cases text, folds accents and look-alike letters, drops
// apostrophes and invisible characters, splits it into words and numbers,
// reads leet inside words and collapses the repeated letters of
// stretched words ("kiiill" becomes "kil", which matches a pattern "kill"
// by its collapsed form, while "shot" never matches "shoot").
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/5+1)
	all := make([]byte, 0, len(text)+8) // every normalised word, end to end
	var buf []byte
	sent, clause := 0, 0
	flush := func() {
		if len(buf) == 0 {
			return
		}
		var cut int
		var stretched bool
		start := len(all)
		all, cut, stretched = appendWord(all, buf)
		if cut > 0 {
			toks = append(toks, token{start: start, end: cut, sent: sent, clause: clause})
			start = cut
		}
		if len(all) > start {
			toks = append(toks, token{start: start, end: len(all), sent: sent, clause: clause, stretched: stretched})
		}
		buf = buf[:0]
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case r >= 'A' && r <= 'Z':
			buf = append(buf, byte(r)+'a'-'A')
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			buf = append(buf, byte(r))
		case r == '$' || r == '@':
			buf = append(buf, byte(r))
		case r == '\'' || r == '’' || r == 'ʼ' || r == '‘' || r == 0xAD || r == 0x200B || r == 0x200C || r == 0x200D || r == 0xFEFF:
			// inside a word: dropped
		case r == '.' || r == '!' || r == '?' || r == ';' || r == '\n' || r == '…':
			flush()
			if len(toks) > 0 && toks[len(toks)-1].sent == sent {
				sent++
				clause++
			}
		case r == ',' || r == ':' || r == '(' || r == ')' || r == '"' || r == '“' || r == '”' || r == '–' || r == '—':
			flush()
			if len(toks) > 0 && toks[len(toks)-1].clause == clause {
				clause++
			}
		case r < utf8.RuneSelf:
			flush()
		default:
			lr := unicode.ToLower(r)
			if l, ok := lookalikes[lr]; ok {
				buf = append(buf, byte(l))
				continue
			}
			if !unicode.IsLetter(lr) && !unicode.IsNumber(lr) {
				if unicode.Is(unicode.Mn, lr) {
					continue
				}
				flush()
				continue
			}
			for _, dr := range norm.NFKD.String(string(lr)) {
				if dr < utf8.RuneSelf {
					buf = append(buf, byte(unicode.ToLower(dr)))
				} else if !unicode.Is(unicode.Mn, dr) {
					buf = utf8.AppendRune(buf, dr)
				}
			}
		}
	}
	flush()
	norm := string(all)
	for i := range toks {
		toks[i].text = norm[toks[i].start:toks[i].end]
	}
	return toks
}

// appendWord appends the normalised form of one raw word to dst: a
// number with a unit ("13yo") becomes two words (cut is where the second
// begins, 0 otherwise), digits and symbols inside a word with letters are
// read as leet, and a word with a letter repeated three times or more is
// stretched: all its repeated letters collapse.
func appendWord(dst, w []byte) (out []byte, cut int, stretched bool) {
	hasLetter, hasDigit := false, false
	firstLetter := -1
	for i, b := range w {
		if b >= 'a' && b <= 'z' || b >= utf8.RuneSelf {
			hasLetter = true
			if firstLetter < 0 {
				firstLetter = i
			}
		} else if b >= '0' && b <= '9' {
			hasDigit = true
		}
	}
	if !hasLetter {
		return append(dst, strings.Trim(string(w), "$@")...), 0, false
	}
	if hasDigit && firstLetter > 0 && allDigits(w[:firstLetter]) && unitSuffixes[string(w[firstLetter:])] {
		dst = append(dst, w[:firstLetter]...)
		return append(dst, w[firstLetter:]...), len(dst), false
	}
	start := len(dst)
	for i, b := range w {
		b = leet(b)
		if i >= 2 && b >= 'a' && b <= 'z' && leet(w[i-1]) == b && leet(w[i-2]) == b {
			stretched = true
		}
		dst = append(dst, b)
	}
	if stretched {
		dst = collapse(dst, start)
	}
	return dst, 0, stretched
}

// collapse removes repeated letters from b[start:].
func collapse(b []byte, start int) []byte {
	n := start
	for i := start; i < len(b); i++ {
		if n > start && b[n-1] == b[i] && b[i] >= 'a' && b[i] <= 'z' {
			continue
		}
		b[n] = b[i]
		n++
	}
	return b[:n]
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}
