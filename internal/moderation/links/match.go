package links

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of a comment, lower-cased, with what kind of word it
// is for the special slots.
type token struct {
	s      string
	digits int  // how many digits it holds
	money  bool // carries a currency sign
	handle bool // starts with "@"
}

// tokenize splits lower-cased text into words, numbers (keeping phone-like
// runs such as "+1 555-123 4567" together), amounts ("$500", "5k€") and
// handles ("@name").
func tokenize(s string, buf []token) []token {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '$' || r == '€' || r == '£' || r == '¥':
			if j := numberEnd(s, i+n, false); j > i+n {
				if j < len(s) && (s[j] == 'k' || s[j] == 'm') && (j+1 == len(s) || !isAlnum(s[j+1])) {
					j++
				}
				buf = append(buf, token{s: s[i:j], digits: countDigits(s[i:j]), money: true})
				i = j
				continue
			}
		case r == '+' && i+1 < len(s) && isDigit(s[i+1]):
			j := numberEnd(s, i+1, true)
			buf = append(buf, token{s: s[i:j], digits: countDigits(s[i:j])})
			i = j
			continue
		case r == '@' && i+1 < len(s) && (isAlnum(s[i+1]) || s[i+1] == '_'):
			j := i + 1
			for j < len(s) && (isAlnum(s[j]) || s[j] == '_' || s[j] == '.') {
				j++
			}
			buf = append(buf, token{s: s[i:j], handle: true})
			i = j
			continue
		case r < utf8.RuneSelf && isDigit(byte(r)):
			j := numberEnd(s, i, true)
			t := token{s: s[i:j], digits: countDigits(s[i:j])}
			if k := strings.IndexAny(s[j:min(len(s), j+4)], "$€£"); k == 0 {
				_, m := utf8.DecodeRuneInString(s[j:])
				j += m
				t.s, t.money = s[i:j], true
			} else if j < len(s) && s[j] == 'k' && (j+1 == len(s) || !isAlnum(s[j+1])) {
				j++
				t.s = s[i:j]
			}
			buf = append(buf, t)
			i = j
			continue
		case unicode.IsLetter(r):
			j := i + n
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) || unicode.IsMark(r2) ||
					((r2 == '\'' || r2 == '-') && j+n2 < len(s) && isAlnum(s[j+n2])) {
					j += n2
					continue
				}
				break
			}
			buf = append(buf, token{s: s[i:j], digits: countDigits(s[i:j])})
			i = j
			continue
		}
		i += n
	}
	return buf
}

// numberEnd returns where a number starting at i ends. With phone set,
// single spaces, dashes, dots and parentheses between digits are part of
// it; otherwise only thousands separators and a decimal part are.
func numberEnd(s string, i int, phone bool) int {
	j := i
	for j < len(s) {
		c := s[j]
		if isDigit(c) {
			j++
			continue
		}
		seps := ".,"
		if phone {
			seps = " -.()/,"
		}
		if strings.IndexByte(seps, c) >= 0 && j+1 < len(s) && (isDigit(s[j+1]) || (c == ' ' && s[j+1] == '(')) && j > i {
			j++
			continue
		}
		break
	}
	return j
}

func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			n++
		}
	}
	return n
}

// slot is one position of a compiled phrase.
type slot struct {
	words    map[string]bool
	phone    bool // a number of at least six digits
	money    bool // an amount with a currency sign, or of three digits or more
	handle   bool
	optional bool
}

// compiled is a phrase ready to match.
type compiled struct {
	slots []slot
	kind  string
}

// compile parses the phrase table once, when a detector is built.
func compile(table []phrase) (byFirst map[string][]*compiled, special []*compiled) {
	byFirst = make(map[string][]*compiled)
	expand := strings.NewReplacer("@msgr", messengers, "@apps", apps, "@chan", channels)
	for _, p := range table {
		c := &compiled{kind: p.kind}
		for _, f := range strings.Fields(expand.Replace(p.pattern)) {
			var s slot
			if strings.HasPrefix(f, "[") && strings.HasSuffix(f, "]") {
				s.optional = true
				f = f[1 : len(f)-1]
			}
			for _, alt := range strings.Split(f, "|") {
				switch alt {
				case "#phone":
					s.phone = true
				case "#money":
					s.money = true
				case "#handle":
					s.handle = true
				default:
					if s.words == nil {
						s.words = make(map[string]bool)
					}
					s.words[alt] = true
				}
			}
			c.slots = append(c.slots, s)
		}
		first := c.slots[0]
		if first.phone || first.money || first.handle {
			special = append(special, c)
		}
		for w := range first.words {
			byFirst[w] = append(byFirst[w], c)
		}
	}
	return byFirst, special
}

func (s *slot) accepts(t token) bool {
	switch {
	case s.words[t.s]:
		return true
	case s.phone && t.digits >= 6 && !t.money:
		return true
	case s.money && (t.money || (t.digits >= 3 && t.digits == len(t.s))):
		return true
	case s.handle && t.handle:
		return true
	}
	return false
}

// matchAt reports whether c matches the tokens from position i.
func (c *compiled) matchAt(toks []token, i, k int) bool {
	if k == len(c.slots) {
		return true
	}
	s := &c.slots[k]
	if i < len(toks) && s.accepts(toks[i]) && c.matchAt(toks, i+1, k+1) {
		return true
	}
	return s.optional && c.matchAt(toks, i, k+1)
}
