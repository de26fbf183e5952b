package classify

import (
	"math"
	"math/rand/v2"
)

// example is one labelled text, already turned into feature buckets.
type example struct {
	feats []uint32
	y     float64 // 1 positive, 0 negative
}

// TrainConfig holds the knobs of one logistic regression fit.
type TrainConfig struct {
	Bits   uint    // hashing size: 2^Bits buckets
	Epochs int     // passes over the data
	Rate   float64 // AdaGrad base learning rate
	L2     float64 // L2 penalty per update
	Seed   uint64  // shuffling and splitting seed; same seed, same weights
	// HateOLIDGroups adds OLID's insults aimed at groups (TIN+GRP) to the
	// hate model's training positives.
	HateOLIDGroups bool
}

// DefaultTrainConfig is what TrainAll uses.
func DefaultTrainConfig() TrainConfig {
	return TrainConfig{Bits: 18, Epochs: 12, Rate: 0.1, L2: 1e-4, Seed: 5, HateOLIDGroups: true}
}

// featurize normalises and hashes texts with their labels.
func featurize(texts []string, labels []bool, bits uint) []example {
	xs := make([]example, len(texts))
	for i, t := range texts {
		y := 0.0
		if labels[i] {
			y = 1
		}
		norm := Normalize(t)
		if len(norm) > maxTextBytes {
			norm = norm[:maxTextBytes]
		}
		xs[i] = example{feats: appendFeatures(nil, norm, bits), y: y}
	}
	return xs
}

// fit trains a logistic regression with AdaGrad and L2, weighting classes
// so both count equally (Platt scaling restores the real base rate). The
// order of updates depends only on cfg.Seed, so training is reproducible.
func fit(xs []example, cfg TrainConfig) (w []float32, bias float64) {
	n := 1 << cfg.Bits
	wf := make([]float64, n)
	g2 := make([]float64, n)
	var pos float64
	for _, x := range xs {
		pos += x.y
	}
	wPos, wNeg := 1.0, 1.0
	if pos > 0 && pos < float64(len(xs)) {
		wPos = float64(len(xs)) / (2 * pos)
		wNeg = float64(len(xs)) / (2 * (float64(len(xs)) - pos))
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x5eed))
	order := make([]int, len(xs))
	for i := range order {
		order[i] = i
	}
	var bg2 float64
	const eps = 1e-8
	for range cfg.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, idx := range order {
			x := xs[idx]
			if len(x.feats) == 0 {
				continue
			}
			s := 1 / math.Sqrt(float64(len(x.feats)))
			z := bias
			for _, f := range x.feats {
				z += wf[f] * s
			}
			p := sigmoid(z)
			cw := wNeg
			if x.y == 1 {
				cw = wPos
			}
			g := (p - x.y) * cw
			for _, f := range x.feats {
				gi := g*s + cfg.L2*wf[f]
				g2[f] += gi * gi
				wf[f] -= cfg.Rate * gi / (math.Sqrt(g2[f]) + eps)
			}
			bg2 += g * g
			bias -= cfg.Rate * g / (math.Sqrt(bg2) + eps)
		}
	}
	w = make([]float32, n)
	for i, v := range wf {
		w[i] = float32(v)
	}
	return w, bias
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// margin is the raw score of a quantised model on one example.
func (m *Model) margin(feats []uint32) float64 {
	if len(feats) == 0 {
		return m.Bias
	}
	var sum int64
	for _, f := range feats {
		sum += int64(m.Q[f])
	}
	return m.Bias + float64(m.Scale)*float64(sum)/math.Sqrt(float64(len(feats)))
}

// plattFit finds A, B minimising the log loss of 1/(1+exp(A*m+B)) on
// held-out margins, with Platt's smoothed targets, by Newton's method.
func plattFit(margins []float64, ys []float64) (a, b float64) {
	var np, nn float64
	for _, y := range ys {
		if y == 1 {
			np++
		} else {
			nn++
		}
	}
	hi, lo := (np+1)/(np+2), 1/(nn+2)
	a, b = 0, math.Log((nn+1)/(np+1))
	for range 100 {
		var ga, gb, haa, hab, hbb float64
		for i, m := range margins {
			t := lo
			if ys[i] == 1 {
				t = hi
			}
			p := 1 / (1 + math.Exp(a*m+b))
			// d(loss)/d(a*m+b) = t - p for this parametrisation.
			d := t - p
			ga += d * m
			gb += d
			w := p * (1 - p)
			haa += w * m * m
			hab += w * m
			hbb += w
		}
		haa += 1e-9
		hbb += 1e-9
		det := haa*hbb - hab*hab
		if det == 0 {
			break
		}
		da := (hbb*ga - hab*gb) / det
		db := (haa*gb - hab*ga) / det
		a -= da
		b -= db
		if math.Abs(da)+math.Abs(db) < 1e-10 {
			break
		}
	}
	return a, b
}
