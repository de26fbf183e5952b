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

// phrase is a compiled pattern: one word of alternatives per word.
type phrase []word

// word is the alternatives of one pattern word. Long lists of exact
// words (a list of groups, of nationalities) are also kept in maps, so
// that a comment word is looked up once rather than compared with each.
type word struct {
	alts []alt
	// s and c hold the exact alternatives by their plain and collapsed
	// forms, and prefixes the others, when there are more than
	// wordMapMin alternatives; otherwise s is nil and alts are compared.
	s, c     map[string]struct{}
	prefixes []alt
}

// wordMapMin is the number of alternatives above which a word uses maps.
const wordMapMin = 16

func newWord(alts []alt) word {
	w := word{alts: alts}
	if len(alts) <= wordMapMin {
		return w
	}
	w.s, w.c = map[string]struct{}{}, map[string]struct{}{}
	for _, a := range alts {
		if a.prefix {
			w.prefixes = append(w.prefixes, a)
			continue
		}
		w.s[a.s] = struct{}{}
		w.c[a.c] = struct{}{}
	}
	return w
}

// match reports whether t is one of w's alternatives: by the exact form,
// or by the collapsed form when t is stretched.
func (w *word) match(t *token) bool {
	if w.s != nil {
		return w.matchMap(t)
	}
	for _, a := range w.alts {
		if matchAlt(a, t) {
			return true
		}
	}
	return false
}

func (w *word) matchMap(t *token) bool {
	m := w.s
	if t.stretched {
		m = w.c
	}
	if _, ok := m[t.text]; ok {
		return true
	}
	for _, a := range w.prefixes {
		if matchAlt(a, t) {
			return true
		}
	}
	return false
}

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
			ph = append(ph, newWord(alts))
		}
		if len(ph) == 0 {
			panic("lexicon: empty pattern")
		}
		id := len(s.phrases)
		s.phrases = append(s.phrases, ph)
		for _, a := range ph[0].alts {
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
		if !s.phrases[id][0].match(&toks[i]) {
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
		if matchAlt(fp.a, &toks[i]) {
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
		t := &toks[i+j]
		if t.sent != toks[i].sent || !p[j].match(t) {
			return 0, false
		}
	}
	return len(p), true
}

func matchAlt(a alt, t *token) bool {
	p := a.s
	if t.stretched {
		p = a.c
	}
	return t.text == p || a.prefix && strings.HasPrefix(t.text, p)
}

// prefixed returns a pattern for each head and middle followed by tail:
// prefixed([]string{"are"}, []string{"", "all"}, "x|y") is "are x|y" and
// "are all x|y". It keeps long lists of variants readable.
func prefixed(heads, middles []string, tail string) []string {
	var out []string
	for _, h := range heads {
		for _, m := range middles {
			out = append(out, strings.Join(strings.Fields(h+" "+m+" "+tail), " "))
		}
	}
	return out
}

// withDeterminers returns each pattern alone and followed by a
// determiner ("deport", "deport all|the…", "deport all the|of").
func withDeterminers(patterns ...string) []string {
	var out []string
	for _, p := range patterns {
		out = append(out, p, p+" all|the|these|those|every|any|some|them", p+" all the|these|those|of")
	}
	return out
}

// lists joins lists of patterns.
func lists(ls ...[]string) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l...)
	}
	return out
}
