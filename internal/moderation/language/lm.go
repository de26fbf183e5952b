package language

import "unicode/utf8"

// lm is one language's character model while the profiles are built:
// each character's probability after the (up to maxOrder-1) characters
// before it in its word, by absolute discounting interpolated down to
// single characters with additive smoothing over every character some
// language uses.
type lm struct {
	grams  map[string]int    // n-gram counts, orders 1 to maxOrder
	ctx    map[string][2]int // per context: how often something follows it, and how many different things
	disc   [maxOrder + 1]float64
	chars  float64 // characters counted
	vocab  float64 // characters some language uses
	smooth float64
	memo   map[string]float64
}

// newLM prepares the model of one language's n-gram counts.
func newLM(grams map[string]int, vocab int, smooth float64) *lm {
	l := &lm{grams: grams, ctx: map[string][2]int{}, vocab: float64(vocab), smooth: smooth, memo: map[string]float64{}}
	var n1, n2 [maxOrder + 1]float64
	for g, n := range grams {
		k := utf8.RuneCountInString(g)
		if k == 1 {
			l.chars += float64(n)
			continue
		}
		h := g[:len(g)-lastRuneLen(g)]
		s := l.ctx[h]
		l.ctx[h] = [2]int{s[0] + n, s[1] + 1}
		switch n {
		case 1:
			n1[k]++
		case 2:
			n2[k]++
		}
	}
	// Ney's estimate of the best discount for each order.
	for k := 2; k <= maxOrder; k++ {
		d := 0.5
		if n1[k]+n2[k] > 0 {
			d = n1[k] / (n1[k] + 2*n2[k])
		}
		l.disc[k] = min(max(d, 0.1), 0.9)
	}
	return l
}

// floor is the probability of a character the language never showed.
func (l *lm) floor() float64 { return l.smooth / (l.chars + l.smooth*l.vocab) }

// prob is the probability of g's last character after the others.
func (l *lm) prob(g string) float64 {
	if p, ok := l.memo[g]; ok {
		return p
	}
	var p float64
	if last := lastRuneLen(g); last == len(g) {
		p = (float64(l.grams[g]) + l.smooth) / (l.chars + l.smooth*l.vocab)
	} else {
		_, first := utf8.DecodeRuneInString(g)
		lower := l.prob(g[first:])
		if s := l.ctx[g[:len(g)-last]]; s[0] > 0 {
			d := l.disc[utf8.RuneCountInString(g)]
			p = max(float64(l.grams[g])-d, 0)/float64(s[0]) + d*float64(s[1])/float64(s[0])*lower
		} else {
			p = lower
		}
	}
	l.memo[g] = p
	return p
}

// backoff is the weight of the shorter context's probability when the
// context h is followed by a character it never was before: prob of such
// an n-gram is backoff(h) times prob of the n-gram without its first
// character, which is what lets scoring look up only stored n-grams.
func (l *lm) backoff(h string) float64 {
	s := l.ctx[h]
	if s[0] == 0 {
		return 1
	}
	d := l.disc[utf8.RuneCountInString(h)+1]
	return d * float64(s[1]) / float64(s[0])
}

func lastRuneLen(s string) int {
	_, n := utf8.DecodeLastRuneInString(s)
	return n
}
