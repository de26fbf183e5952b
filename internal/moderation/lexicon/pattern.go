package lexicon

import "strings"

// A phrase pattern is written as words separated by spaces. A word may
// list alternatives with "|" ("his|her|their") and end in "*" to match any
// word it begins ("sell*" matches "selling" and "seller"). Patterns are
// normalised like comments, so "kill" in a pattern matches "kiiill" and
// "k1ll" in a comment.

// alt is one normalised alternative of a pattern word.
type alt struct {
	s      string
	prefix bool
}

// phrase is a compiled pattern: one list of alternatives per word.
type phrase [][]alt

// set is a compiled list of phrases indexed by their first word, so that
// matching costs one map look-up per comment word.
type set struct {
	phrases []phrase
	byFirst map[string][]int
	prefix  []int // phrases whose first word has a prefix alternative
}

// span is where a phrase matched: tokens [start, end).
type span struct{ start, end int }

// compile builds a set from patterns. It panics on an empty pattern: the
// tables are constants of this package, so that is a programming error.
func compile(patterns ...string) *set {
	s := &set{byFirst: map[string][]int{}}
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
				alts = append(alts, alt{s: toks[0].text, prefix: pre})
			}
			ph = append(ph, alts)
		}
		if len(ph) == 0 {
			panic("lexicon: empty pattern")
		}
		id := len(s.phrases)
		s.phrases = append(s.phrases, ph)
		isPrefix := false
		for _, a := range ph[0] {
			if a.prefix {
				isPrefix = true
			}
		}
		if isPrefix {
			s.prefix = append(s.prefix, id)
			continue
		}
		for _, a := range ph[0] {
			s.byFirst[a.s] = append(s.byFirst[a.s], id)
		}
	}
	return s
}

// find returns the spans where any phrase of s matches toks. A phrase
// never spans two sentences.
func (s *set) find(toks []token) []span {
	var out []span
	for i := range toks {
		for _, id := range s.byFirst[toks[i].text] {
			if n, ok := s.phrases[id].at(toks, i); ok {
				out = append(out, span{i, i + n})
			}
		}
		for _, id := range s.prefix {
			if n, ok := s.phrases[id].at(toks, i); ok {
				out = append(out, span{i, i + n})
			}
		}
	}
	return out
}

// at reports whether p matches toks from i, and its length.
func (p phrase) at(toks []token, i int) (int, bool) {
	if i+len(p) > len(toks) {
		return 0, false
	}
	for j, alts := range p {
		t := toks[i+j]
		if t.sent != toks[i].sent || !matchWord(alts, t.text) {
			return 0, false
		}
	}
	return len(p), true
}

func matchWord(alts []alt, w string) bool {
	for _, a := range alts {
		if a.s == w || a.prefix && strings.HasPrefix(w, a.s) {
			return true
		}
	}
	return false
}
