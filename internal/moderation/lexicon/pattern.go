package lexicon

import "strings"

// A phrase pattern is written as words separated by spaces. A word may
// list alternatives with "|" ("his|her|their") and end in "*" to match any
// word it begins ("sell*" matches "selling" and "seller"). Patterns are
// normalised like comments, so "kill" in a pattern matches "kiiill" and
// "k1ll" in a comment.

// alt is one normalised alternative of a pattern word.
// c is s with its repeated letters collapsed, for stretched words.
type alt struct {
	s, c   string
	prefix bool
}

// phrase is a compiled pattern: one list of alternatives per word.
type phrase [][]alt

// set is a compiled list of phrases indexed by their first word, so that
// matching costs one map look-up per comment word.
type set struct {
	phrases []phrase
	byFirst map[string][]int
	// byPrefix3 holds the prefix alternatives of first words by their
	// first three letters (prefixes are at least that long).
	byPrefix3 map[string][]firstPrefix
}

// firstPrefix is a prefix alternative of phrase id's first word.
type firstPrefix struct {
	a  alt
	id int
}

// span is where a phrase matched: tokens [start, end).
type span struct{ start, end int }

// compile builds a set from patterns. It panics on an empty pattern: the
// tables are constants of this package, so that is a programming error.
func compile(patterns ...string) *set {
	s := &set{byFirst: map[string][]int{}, byPrefix3: map[string][]firstPrefix{}}
	for _, p := range patterns {
		var ph phrase
		for _, word := range strings.Fields(p) {
			var alts []alt
			for _, a := range strings.Split(word, "|") {
				pre := strings.HasSuffix(a, "*")
				a = strings.TrimSuffix(a, "*")
				toks := tokenize(a)
				if len(toks) != 1 {
					panic("lexicon: bad pattern word " + word + " in " + p)
				}
				w := toks[0].text
				alts = append(alts, alt{s: w, c: string(collapse([]byte(w), 0)), prefix: pre})
			}
			ph = append(ph, alts)
		}
		if len(ph) == 0 {
			panic("lexicon: empty pattern")
		}
		id := len(s.phrases)
		s.phrases = append(s.phrases, ph)
		for _, a := range ph[0] {
			switch {
			case a.prefix:
				if len(a.c) < 3 {
					panic("lexicon: prefix shorter than three letters in " + p)
				}
				s.byPrefix3[a.s[:3]] = append(s.byPrefix3[a.s[:3]], firstPrefix{a, id})
				if a.c[:3] != a.s[:3] {
					s.byPrefix3[a.c[:3]] = append(s.byPrefix3[a.c[:3]], firstPrefix{a, id})
				}
			case a.c == a.s:
				s.byFirst[a.s] = append(s.byFirst[a.s], id)
			default:
				s.byFirst[a.s] = append(s.byFirst[a.s], id)
				s.byFirst[a.c] = append(s.byFirst[a.c], id)
			}
		}
	}
	return s
}

// find returns the spans where any phrase of s matches toks. A phrase
// never spans two sentences.
func (s *set) find(toks []token) []span {
	var out []span
	for i := range toks {
		out = s.appendAt(out, toks, i, s.byFirst[toks[i].text])
		if w := toks[i].text; len(s.byPrefix3) > 0 && len(w) >= 3 {
			out = s.appendPrefixAt(out, toks, i, s.byPrefix3[w[:3]])
		}
	}
	return out
}

// appendAt appends the matches at i of the phrases ids, found by the
// first word in the index.
func (s *set) appendAt(out []span, toks []token, i int, ids []int) []span {
	for _, id := range ids {
		if !matchWord(s.phrases[id][0], toks[i]) {
			continue // the index holds both forms of each word
		}
		if n, ok := s.phrases[id].at(toks, i); ok {
			out = append(out, span{i, i + n})
		}
	}
	return out
}

// appendPrefixAt appends the matches at i of the candidates fps, phrases
// whose first word is a prefix.
func (s *set) appendPrefixAt(out []span, toks []token, i int, fps []firstPrefix) []span {
	for _, fp := range fps {
		if matchAlt(fp.a, toks[i]) {
			if n, ok := s.phrases[fp.id].at(toks, i); ok {
				out = append(out, span{i, i + n})
			}
		}
	}
	return out
}

// at reports whether p matches toks from i, and its length. The first
// word has already been matched by the index.
func (p phrase) at(toks []token, i int) (int, bool) {
	if i+len(p) > len(toks) {
		return 0, false
	}
	for j := 1; j < len(p); j++ {
		alts, t := p[j], toks[i+j]
		if t.sent != toks[i].sent || !matchWord(alts, t) {
			return 0, false
		}
	}
	return len(p), true
}

// matchWord reports whether t is one of alts: by the exact form, or by
// the collapsed form when t is stretched.
func matchWord(alts []alt, t token) bool {
	for _, a := range alts {
		if matchAlt(a, t) {
			return true
		}
	}
	return false
}

func matchAlt(a alt, t token) bool {
	p := a.s
	if t.stretched {
		p = a.c
	}
	return t.text == p || a.prefix && strings.HasPrefix(t.text, p)
}
