package classify

import (
	"sort"
)

// rocAUC is the probability that a random positive scores above a random
// negative (ties count half), from the rank sum.
func rocAUC(scores, ys []float64) float64 {
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return scores[idx[a]] < scores[idx[b]] })
	var rankSum, np, nn float64
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && scores[idx[j]] == scores[idx[i]] {
			j++
		}
		avg := float64(i+j+1) / 2 // ranks are 1-based
		for k := i; k < j; k++ {
			if ys[idx[k]] == 1 {
				rankSum += avg
			}
		}
		i = j
	}
	for _, y := range ys {
		if y == 1 {
			np++
		} else {
			nn++
		}
	}
	if np == 0 || nn == 0 {
		return 0
	}
	return (rankSum - np*(np+1)/2) / (np * nn)
}

// prf is precision, recall and F1 at one threshold.
type prf struct{ P, R, F1 float64 }

func prfAt(scores, ys []float64, th float64) prf {
	var tp, fp, fn float64
	for i, s := range scores {
		switch {
		case s >= th && ys[i] == 1:
			tp++
		case s >= th:
			fp++
		case ys[i] == 1:
			fn++
		}
	}
	var r prf
	if tp+fp > 0 {
		r.P = tp / (tp + fp)
	}
	if tp+fn > 0 {
		r.R = tp / (tp + fn)
	}
	if r.P+r.R > 0 {
		r.F1 = 2 * r.P * r.R / (r.P + r.R)
	}
	return r
}

// bestThreshold returns the threshold among the scores that maximises F1.
func bestThreshold(scores, ys []float64) float64 {
	best, bestF := 0.5, -1.0
	cands := append([]float64(nil), scores...)
	sort.Float64s(cands)
	for i, th := range cands {
		if i > 0 && th == cands[i-1] {
			continue
		}
		if f := prfAt(scores, ys, th).F1; f > bestF {
			best, bestF = th, f
		}
	}
	return best
}
