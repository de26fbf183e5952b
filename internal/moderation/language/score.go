package language

import (
	"math"
	"sync"
	"unicode/utf8"
)

// calibrate scales a language's log-likelihood gap to the best language
// before it becomes a probability. Naive Bayes treats every character as
// independent evidence and so is wildly overconfident; dividing the gap
// by the square root of the characters scored minimised the log loss on
// held-out Tatoeba sentences (five-fold), so that a confidence of 0.9 is
// right about nine times in ten, and grows with the length of the text.
func calibrate(gap float64, known int) float64 {
	return gap / math.Sqrt(float64(known))
}

// wordWeight is how much the word model counts beside the character
// model, per word.
const wordWeight = 2.0

// scratch holds per-call buffers so scoring does not allocate.
type scratch struct {
	runes  []rune
	buf    []byte
	totals []float64
	post   []float64
	stamp  []int32
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
			buf:    make([]byte, 0, utf8.UTFMax*maxWordRunes), // never grows: eachWord cannot keep a larger one
			totals: make([]float64, len(m.codes)),
			post:   make([]float64, len(m.codes)),
			stamp:  make([]int32, len(m.codes)),
		}
	}
	return s
}

// posterior scores text (its first maxRunes characters): each language's
// probability, in sc.post, and the mean log-likelihood per character under
// the best language (how plausible the text is at all). Characters no
// profile knows say nothing about which language it is and are left out
// of the posterior; plausibility charges them the lowest floor.
func (s *scorer) posterior(sc *scratch, text string) result {
	sc.runes = normalize(sc.runes, text, maxRunes)
	runes, totals := sc.runes, sc.totals
	for i := range totals {
		totals[i] = 0
		sc.stamp[i] = 0
	}
	var prev, cur [maxOrder][]entry
	var chars, known, letters int
	from := 0 // the space before the current word
	for i := 1; i < len(runes); i++ {
		if runes[i-1] == ' ' {
			from = i - 1
		}
		chars++
		top := min(maxOrder, i-from+1)
		cur = [maxOrder][]entry{}
		found := 0
		var key uint64
		for k := 1; k <= top; k++ {
			var es []entry
			var ok bool
			if r := runes[i-k+1]; r < 0x10000 && key>>48 == 0 {
				key |= uint64(r) << (16 * (k - 1))
				es, ok = s.m.grams[key]
			} else {
				key = 1 << 63 // no short key from here on
				sc.buf = appendRunes(sc.buf[:0], runes[i-k+1:i+1])
				es, ok = s.m.wide[string(sc.buf)]
			}
			if !ok {
				break // a longer n-gram holds this one, so no profile has it either
			}
			cur[k-1], found = es, k
		}
		if found == 0 {
			prev = cur
			continue
		}
		known++
		if runes[i] != ' ' {
			letters++
		}
		// Each language takes the longest n-gram its profile holds, after
		// the backoff weights of the longer contexts it knows.
		st := int32(i)
		for k := top; k >= 1; k-- {
			for _, e := range cur[k-1] {
				if sc.stamp[e.lang] != st {
					totals[e.lang] += float64(e.delta)
					sc.stamp[e.lang] = st
				}
			}
			if k >= 2 {
				for _, e := range prev[k-2] {
					if sc.stamp[e.lang] != st {
						totals[e.lang] += float64(e.bo)
					}
				}
			}
		}
		prev = cur
	}
	if chars == 0 {
		return result{}
	}
	best := math.Inf(-1)
	for li := range totals {
		totals[li] += float64(known) * float64(s.m.floors[li])
		best = max(best, totals[li])
	}
	mean := (best + float64(chars-known)*float64(s.m.unknown)) / float64(chars)

	words := 0
	eachWord(runes, sc.buf, func(w []byte) {
		es, ok := s.m.words[string(w)]
		if !ok {
			return
		}
		words++
		for _, e := range es {
			totals[e.lang] += wordWeight * float64(e.delta)
		}
	})
	best = math.Inf(-1)
	for li := range totals {
		totals[li] += wordWeight * float64(words) * float64(s.m.wordFloors[li])
		best = max(best, totals[li])
	}
	sum := 0.0
	for li, t := range totals {
		p := 1.0
		if known > 0 {
			p = math.Exp(calibrate(t-best, known))
		}
		sc.post[li] = p
		sum += p
	}
	for li := range sc.post {
		sc.post[li] /= sum
	}
	return result{chars: chars, letters: letters, mean: mean, post: sc.post}
}
