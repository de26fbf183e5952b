package lexicon

import (
	"slices"

	"tribune/internal/moderation"
)

// Scores of the two kinds of match.
const (
	strongScore = 1.0
	weakScore   = 0.6
)

// pair fires when a phrase of a and a phrase of b occur in the same
// sentence, at most window words apart, in either order unless ordered.
type pair struct {
	a, b   *set
	window int
	score  float64
	// ordered pairs need the phrase of a before the phrase of b.
	ordered bool
	// guarded pairs do not fire in a sentence that reads like reporting
	// (a match of the rule's guard).
	guarded bool
	// anySentence lets the two phrases be in different sentences.
	anySentence bool
	detail      string
}

// strongSet is a list of phrases that fire alone with score 1; guarded
// ones not in a sentence that reads like reporting.
type strongSet struct {
	s       *set
	guarded bool
	detail  string
}

// rule is one policy rule tested by phrase lists. Strong phrases fire
// alone; weak phrases fire alone with score 0.6 and are always guarded;
// pairs fire as described on pair.
type rule struct {
	id string
	// gate, when set, holds the sets one of which every pair needs a
	// match of (mentions of what the rule is about): without one the
	// pairs are not tried.
	gate       []*set
	strong     []strongSet
	weak       *set
	weakDetail string
	pairs      []pair
	guard      *set
}

// eval returns the rule's finding for toks, if any: the highest-scoring
// match. Detail names the category, never the matched words.
func (r *rule) eval(sc *scan) (moderation.Finding, bool) {
	toks := sc.toks
	var guarded []bool // by sentence; computed on first use
	isGuarded := func(sp span) bool {
		if r.guard == nil {
			return false
		}
		if guarded == nil {
			guarded = make([]bool, toks[len(toks)-1].sent+1)
			for _, g := range sc.find(r.guard) {
				guarded[toks[g.start].sent] = true
			}
		}
		return guarded[toks[sp.start].sent]
	}

	best := moderation.Finding{Rule: r.id}
	consider := func(score float64, detail string) {
		if score > best.Score {
			best.Score, best.Detail = score, detail
		}
	}
	for _, st := range r.strong {
		for _, sp := range sc.find(st.s) {
			if !st.guarded || !isGuarded(sp) {
				consider(strongScore, st.detail)
				return best, true
			}
		}
	}
	pairs := r.pairs
	if r.gate != nil && !slices.ContainsFunc(r.gate, func(s *set) bool { return len(sc.find(s)) > 0 }) {
		pairs = nil
	}
	for _, p := range pairs {
		if p.score <= best.Score || sc.foundNone(p.b) {
			continue
		}
		as := sc.find(p.a)
		if len(as) == 0 {
			continue
		}
		if p.ordered && !p.anySentence {
			// b can only begin in the window after each a: look there
			// rather than in the whole comment.
			for _, a := range as {
				if (!p.guarded || !isGuarded(a)) && sc.startsWithin(p.b, a.end, a.end+p.window, toks[a.start].sent) {
					consider(p.score, p.detail)
					break
				}
			}
			continue
		}
		bs := sc.find(p.b)
	next:
		for _, a := range as {
			if p.guarded && isGuarded(a) {
				continue
			}
			for _, b := range bs {
				if (!p.ordered || a.end <= b.start) && near(toks, a, b, p.window, p.anySentence) {
					consider(p.score, p.detail)
					break next
				}
			}
		}
	}
	if r.weak != nil && best.Score < weakScore {
		for _, sp := range sc.find(r.weak) {
			if !isGuarded(sp) {
				consider(weakScore, r.weakDetail)
				break
			}
		}
	}
	return best, best.Score > 0
}

// near reports whether two non-overlapping spans lie at most window words
// apart, in one sentence unless anySentence.
func near(toks []token, a, b span, window int, anySentence bool) bool {
	if !anySentence && toks[a.start].sent != toks[b.start].sent {
		return false
	}
	var gap int
	switch {
	case a.end <= b.start:
		gap = b.start - a.end
	case b.end <= a.start:
		gap = a.start - b.end
	default:
		return false
	}
	return gap <= window
}

// sets returns every set the rule uses, for the matcher.
func (r *rule) sets() []*set {
	var out []*set
	for _, st := range r.strong {
		out = append(out, st.s)
	}
	for _, p := range r.pairs {
		out = append(out, p.a, p.b)
	}
	out = append(out, r.gate...)
	for _, s := range []*set{r.weak, r.guard} {
		if s != nil {
			out = append(out, s)
		}
	}
	return out
}
