package language

import (
	"math"
	"sync"
)

// evidence is how many independent observations a comment counts as when
// its per-n-gram likelihoods become a posterior. Naive Bayes treats every
// overlapping n-gram as independent and so is wildly overconfident; scaling
// the mean log-likelihood by a fixed count keeps confidences meaningful.
const evidence = 12

// scratch holds per-call buffers so scoring does not allocate.
type scratch struct {
	runes  []rune
	buf    []byte
	totals []float64
	post   []float64
}

// scorer scores texts against a model; safe for concurrent use.
type scorer struct {
	m    *model
	pool sync.Pool
}

func newScorer(m *model) *scorer {
	s := &scorer{m: m}
	s.pool.New = func() any {
		return &scratch{
			totals: make([]float64, len(m.codes)),
			post:   make([]float64, len(m.codes)),
		}
	}
	return s
}

// posterior fills sc.post with each language's probability for the text
// and returns the number of n-grams seen and the mean log-likelihood of
// the best language per n-gram (how plausible the text is at all).
func (s *scorer) posterior(sc *scratch, text string) (grams int, bestMean float64) {
	sc.runes = normalize(sc.runes, text, maxRunes)
	totals := sc.totals
	for i := range totals {
		totals[i] = 0
	}
	var perOrder [wordOrder + 1]int
	eachGram(sc.runes, sc.buf, func(g []byte, n int) {
		perOrder[n]++
		for _, e := range s.m.grams[string(g)] {
			totals[e.lang] += float64(e.delta)
		}
	})
	for n := 1; n <= wordOrder; n++ {
		grams += perOrder[n]
	}
	if grams == 0 {
		return 0, 0
	}
	best := math.Inf(-1)
	for li := range totals {
		for n := 1; n <= wordOrder; n++ {
			totals[li] += float64(perOrder[n]) * float64(s.m.floors[li][n-1])
		}
		if totals[li] > best {
			best = totals[li]
		}
	}
	sum := 0.0
	for li, t := range totals {
		p := math.Exp((t - best) / float64(grams) * evidence)
		sc.post[li] = p
		sum += p
	}
	for li := range sc.post {
		sc.post[li] /= sum
	}
	return grams, best / float64(grams)
}
