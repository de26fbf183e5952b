package classify

import (
	"math"
	"math/rand/v2"
)

// example is one labelled text, already turned into feature buckets.
type example struct {
	feats []uint32
	y     float64 // 1 positive, 0 negative
	group int     // source, for per-source class weights
}

// FitConfig holds the knobs of one model's logistic regression fit.
type FitConfig struct {
	Epochs int     // passes over the data
	Rate   float64 // AdaGrad base learning rate
	L2     float64 // L2 penalty per update of a feature
	Decay  float64 // share of every weight taken away before each pass
	// BalanceSources weights every (source, class) pair of the training
	// data equally instead of every class, so that a source's base rate
	// (SMS is 13% spam, YouTube 51%) and style are not learnt as evidence.
	BalanceSources bool
}

// TrainConfig holds the settings of TrainAll.
type TrainConfig struct {
	Bits uint   // hashing size: 2^Bits buckets, shared by all models
	Seed uint64 // shuffling and splitting seed; same seed, same weights
	// Insult, Hate and Spam are each model's fitting knobs.
	Insult, Hate, Spam FitConfig
	// HateOLIDGroups adds OLID's insults aimed at groups (TIN+GRP) to the
	// hate model's training positives.
	HateOLIDGroups bool
	// HeldOutVideos also trains the spam model once per YouTube video held
	// out and reports each (five more cross-fitted trainings).
	HeldOutVideos bool
	// ReportAt, if above zero, also reports precision, recall and F1 at
	// this probability (or the model's threshold if higher), as a policy
	// threshold would apply.
	ReportAt float64
	// Extra are a site's own labelled comments (moderators' decisions,
	// `tribune moderation export-labels`), added to the named models' data
	// and reported as the source "site".
	Extra []Labelled
}

// Labelled is one extra training example for one model.
type Labelled struct {
	Model string // Insult, Hate or Spam
	Text  string
	Label bool
}

// DefaultTrainConfig is what TrainAll uses. The spam model, trained on
// two small and very different sources, is regularised harder and longer
// than the others, with both sources weighted alike: the settings that
// maximise its out-of-fold F1 on the training data (each YouTube video a
// fold) also transfer better across sources (a model trained on SMS alone
// ranks YouTube spam at ROC-AUC 0.72 instead of 0.63). The same settings
// would cost the insult model ROC-AUC, so it and hate keep theirs.
func DefaultTrainConfig() TrainConfig {
	base := FitConfig{Epochs: 12, Rate: 0.1, L2: 1e-4}
	return TrainConfig{
		Bits: 18, Seed: 5, HateOLIDGroups: true, HeldOutVideos: true,
		Insult: base, Hate: base,
		Spam: FitConfig{Epochs: 40, Rate: 0.1, L2: 1e-3, Decay: 0.01, BalanceSources: true},
	}
}

// fitConfig returns the fitting knobs of the named model.
func (c TrainConfig) fitConfig(name string) FitConfig {
	switch name {
	case Insult:
		return c.Insult
	case Hate:
		return c.Hate
	}
	return c.Spam
}

// featurizeSplit is featurize of a split, with each example's group
// numbering its source in order of first appearance.
func featurizeSplit(s split, bits uint) []example {
	xs := featurize(s.texts, s.labels, bits)
	groups := map[string]int{}
	for i, src := range s.source {
		g, ok := groups[src]
		if !ok {
			g = len(groups)
			groups[src] = g
		}
		xs[i].group = g
	}
	return xs
}

// featurizeText normalises and hashes one text as the classifier does.
func featurizeText(text string, bits uint) []uint32 {
	norm := Normalize(text)
	if len(norm) > maxTextBytes {
		norm = norm[:maxTextBytes]
	}
	return appendFeatures(nil, norm, bits)
}

// featurize normalises and hashes texts with their labels.
func featurize(texts []string, labels []bool, bits uint) []example {
	xs := make([]example, len(texts))
	for i, t := range texts {
		y := 0.0
		if labels[i] {
			y = 1
		}
		xs[i] = example{feats: featurizeText(t, bits), y: y}
	}
	return xs
}

// fit trains a logistic regression over 2^bits buckets with AdaGrad,
// weighting classes so both count equally (or, with cfg.BalanceSources,
// every source's positives and negatives alike; Platt scaling restores the
// real base rate). Two penalties keep weights small: cfg.L2 on every
// update of a feature, which holds back features seen often, and
// cfg.Decay, which shrinks every weight before each pass, so the rare
// n-grams that a single training message taught do not keep their full
// weight. The order of updates depends only on seed, so training is
// reproducible.
func fit(xs []example, cfg FitConfig, bits uint, seed uint64) (w []float32, bias float64) {
	n := 1 << bits
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
	cellW := classWeights(xs, cfg.BalanceSources)
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	order := make([]int, len(xs))
	for i := range order {
		order[i] = i
	}
	var bg2 float64
	const eps = 1e-8
	for range cfg.Epochs {
		if cfg.Decay > 0 {
			for i := range wf {
				wf[i] *= 1 - cfg.Decay
			}
		}
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
			if cellW != nil {
				cw = cellW[2*x.group+int(x.y)]
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

// classWeights returns, when bySource, a weight per (group, class) cell,
// indexed 2*group+y, such that every non-empty cell weighs the same in
// total; nil otherwise.
func classWeights(xs []example, bySource bool) []float64 {
	if !bySource {
		return nil
	}
	var count []float64
	for _, x := range xs {
		c := 2*x.group + int(x.y)
		for len(count) <= c {
			count = append(count, 0)
		}
		count[c]++
	}
	cells := 0
	for _, n := range count {
		if n > 0 {
			cells++
		}
	}
	w := make([]float64, len(count))
	for c, n := range count {
		if n > 0 {
			w[c] = float64(len(xs)) / (float64(cells) * n)
		}
	}
	return w
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
