package lexicon

import "tribune/internal/moderation"

// Scores of the two kinds of match.
const (
	strongScore = 1.0
	weakScore   = 0.6
)

// pair fires when a phrase of a and a phrase of b occur in the same
// sentence, at most window words apart, in either order.
type pair struct {
	a, b   *set
	window int
	score  float64
	// guarded pairs do not fire in a sentence that reads like reporting
	// (a match of the rule's guard).
	guarded bool
	detail  string
}

// rule is one policy rule tested by phrase lists. Strong phrases fire
// alone with score 1 unless strongGuarded; weak phrases fire alone with
// score 0.6 and are always guarded; pairs fire as described on pair.
type rule struct {
	id            string
	strong        *set
	strongGuarded bool
	strongDetail  string
	weak          *set
	weakDetail    string
	pairs         []pair
	guard         *set
}

// eval returns the rule's finding for toks, if any: the highest-scoring
// match. Detail names the category, never the matched words.
func (r *rule) eval(toks []token) (moderation.Finding, bool) {
	var guarded []bool // by sentence; nil when no guard matched
	if r.guard != nil {
		for _, sp := range r.guard.find(toks) {
			if guarded == nil {
				guarded = make([]bool, toks[len(toks)-1].sent+1)
			}
			guarded[toks[sp.start].sent] = true
		}
	}
	isGuarded := func(sp span) bool { return guarded != nil && guarded[toks[sp.start].sent] }

	best := moderation.Finding{Rule: r.id}
	consider := func(score float64, detail string) {
		if score > best.Score {
			best.Score, best.Detail = score, detail
		}
	}
	if r.strong != nil {
		for _, sp := range r.strong.find(toks) {
			if !r.strongGuarded || !isGuarded(sp) {
				consider(strongScore, r.strongDetail)
				return best, true
			}
		}
	}
	for _, p := range r.pairs {
		if p.score <= best.Score {
			continue
		}
		as := p.a.find(toks)
		if len(as) == 0 {
			continue
		}
		bs := p.b.find(toks)
	next:
		for _, a := range as {
			if p.guarded && isGuarded(a) {
				continue
			}
			for _, b := range bs {
				if near(toks, a, b, p.window) {
					consider(p.score, p.detail)
					break next
				}
			}
		}
	}
	if r.weak != nil && best.Score < weakScore {
		for _, sp := range r.weak.find(toks) {
			if !isGuarded(sp) {
				consider(weakScore, r.weakDetail)
				break
			}
		}
	}
	return best, best.Score > 0
}

// near reports whether two non-overlapping spans lie in one sentence at
// most window words apart.
func near(toks []token, a, b span, window int) bool {
	if toks[a.start].sent != toks[b.start].sent {
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
