package personaldata

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// phoneWords make a nearby number a phone number; notPhoneWords make it
// something else (an order, a book, an article).
var (
	phoneWords = map[string]bool{"call": true, "calling": true, "phone": true, "telephone": true, "tel": true,
		"ph": true, "text": true, "texting": true, "whatsapp": true, "telegram": true, "mobile": true, "mob": true,
		"cell": true, "ring": true, "sms": true, "viber": true, "fax": true, "contact": true, "number": true,
		"dial": true, "wa": true, "hotline": true, "landline": true}
	notPhoneWords = map[string]bool{"isbn": true, "issn": true, "sku": true, "order": true, "invoice": true,
		"ref": true, "reference": true, "article": true, "item": true, "doi": true, "case": true, "serial": true,
		"model": true, "part": true, "id": true, "tracking": true, "account": true, "no": true, "nr": true,
		"ticket": true, "patent": true, "file": true, "iban": true, "card": true, "population": true}
)

// candidate is a run of digit groups read from the text.
type candidate struct {
	groups []int // digits per group
	first  string
	plus   bool
	parens bool
	dots   bool
	digits int
}

// phoneScore returns 1 for a certain phone number (international, or any
// with a phone word before it), 0.8 for a national-format number without
// one, 0 for none. Years, prices, dates, thousands, IP addresses and ISBNs
// are not phone numbers.
func phoneScore(text string) float64 {
	best := 0.0
	var groups [16]int
	for i := 0; i < len(text); i++ {
		c := text[i]
		if !(isDigit(c) || (c == '+' || c == '(') && i+1 < len(text) && isDigit(text[i+1])) || !boundaryBefore(text, i) {
			continue
		}
		cand, end := readCandidate(text, i, groups[:0])
		if end < len(text) && (isAlnum(text[end]) || text[end] == '%') {
			i = end
			continue
		}
		best = max(best, judge(cand, text[max(0, i-24):i]))
		i = end
	}
	return best
}

// boundaryBefore reports whether a number may start at text[i]: not
// inside a word, a price or a decimal.
func boundaryBefore(text string, i int) bool {
	if i == 0 {
		return true
	}
	c := text[i-1]
	if c < utf8.RuneSelf {
		return !isAlnum(c) && strings.IndexByte("$#.,/-:+_", c) < 0
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Sc, r)
}

// readCandidate reads digit groups separated by single spaces, dashes,
// dots, slashes or parentheses.
func readCandidate(text string, i int, groups []int) (candidate, int) {
	c := candidate{}
	if text[i] == '+' {
		c.plus = true
		i++
	}
	for i < len(text) {
		if text[i] == '(' {
			c.parens = true
			i++
		}
		j := i
		for j < len(text) && isDigit(text[j]) {
			j++
		}
		if j == i {
			break
		}
		if len(groups) == 0 {
			c.first = text[i:j]
		}
		groups = append(groups, j-i)
		c.digits += j - i
		i = j
		if len(groups) == cap(groups) {
			break
		}
		// A separator: ")", " ", "-", ".", "/", ") ", " (", " - ".
		k := i
		if k < len(text) && text[k] == ')' {
			k++
		}
		if k < len(text) && strings.IndexByte(" -./", text[k]) >= 0 {
			if text[k] == '.' {
				c.dots = true
			}
			k++
			if k+1 < len(text) && text[k-1] == ' ' && text[k] == '-' && text[k+1] == ' ' {
				k += 2
			}
		}
		if k == i || k >= len(text) || !(isDigit(text[k]) || text[k] == '(' && k+1 < len(text) && isDigit(text[k+1])) {
			break
		}
		i = k
	}
	c.groups = groups
	return c, i
}

// judge scores one candidate given the text just before it.
func judge(c candidate, before string) float64 {
	if c.digits < 7 || c.digits > 15 {
		return 0
	}
	if strings.HasSuffix(strings.TrimRight(before, " "), "#") {
		return 0
	}
	ctx := false
	words := strings.FieldsFunc(strings.ToLower(before), func(r rune) bool { return !unicode.IsLetter(r) })
	for k := max(0, len(words)-3); k < len(words); k++ {
		if notPhoneWords[words[k]] {
			return 0
		}
		ctx = ctx || phoneWords[words[k]]
	}
	g := c.groups
	if c.plus {
		if c.digits >= 8 {
			return 1
		}
		return 0
	}
	if allYears(c) || isIPLike(c) || g[len(g)-1] == 1 || (c.digits == 13 && (c.first == "978" || c.first == "979")) {
		return 0
	}
	if ctx {
		return 1
	}
	if len(g) < 2 || c.digits < 9 || c.digits > 12 {
		return 0
	}
	us := (len(g) == 3 && g[0] == 3 && g[1] == 3 && g[2] == 4) ||
		(len(g) == 4 && c.first == "1" && g[1] == 3 && g[2] == 3 && g[3] == 4)
	if c.first[0] == '0' || c.parens || us {
		return 0.8
	}
	return 0
}

// allYears reports runs of years such as "2019 2020 2021" or "1990-2000".
func allYears(c candidate) bool {
	return c.first != "" && (strings.HasPrefix(c.first, "19") || strings.HasPrefix(c.first, "20")) &&
		func() bool {
			for _, n := range c.groups {
				if n != 4 {
					return false
				}
			}
			return true
		}()
}

// isIPLike reports dotted quads such as 192.168.100.200.
func isIPLike(c candidate) bool {
	if !c.dots || len(c.groups) != 4 {
		return false
	}
	for _, n := range c.groups {
		if n > 3 {
			return false
		}
	}
	return true
}
