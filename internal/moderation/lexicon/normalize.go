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
	text   string
	sent   int
	clause int
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
// reads leet inside words and collapses repeated letters ("kiiill" and
// "kill" both become "kil"). Patterns go through the same function, so the
// collapsing is consistent on both sides.
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/5+1)
	var buf []byte
	sent, clause := 0, 0
	flush := func() {
		if len(buf) == 0 {
			return
		}
		for _, w := range splitWord(buf) {
			toks = append(toks, token{text: w, sent: sent, clause: clause})
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
	return toks
}

// splitWord turns one raw word into normalised words: a number with a
// unit ("13yo") becomes two words, digits and symbols inside a word with
// letters are read as leet, and runs of a repeated letter collapse.
func splitWord(w []byte) []string {
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
		s := strings.Trim(string(w), "$@")
		if s == "" {
			return nil
		}
		return []string{s}
	}
	if hasDigit && firstLetter > 0 && allDigits(w[:firstLetter]) && unitSuffixes[string(w[firstLetter:])] {
		return []string{string(w[:firstLetter]), string(w[firstLetter:])}
	}
	out := make([]byte, 0, len(w))
	for _, b := range w {
		b = leet(b)
		if n := len(out); n > 0 && out[n-1] == b && b >= 'a' && b <= 'z' {
			continue
		}
		out = append(out, b)
	}
	return []string{string(out)}
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}
