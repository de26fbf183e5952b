package classify

import "fmt"

// Cross-fitting: when a model's data has no separate calibration split,
// every training row is scored by a model that did not see its fold, and
// those out-of-fold scores fit the Platt scaling and pick the threshold.
// The spam model's folds are YouTube videos, so its threshold is chosen
// the way it will be used: on comments from a video it never saw.

// crossMargins returns the out-of-fold margin of every example: fold k is
// scored by a model fitted on all the other folds.
func crossMargins(name string, xs []example, fold []int, folds int, cfg TrainConfig) (margins, ys []float64) {
	margins, ys = make([]float64, len(xs)), make([]float64, len(xs))
	for k := range folds {
		var in []example
		for i, x := range xs {
			if fold[i] != k {
				in = append(in, x)
			}
		}
		m := fitModel(name, in, cfg)
		for i, x := range xs {
			if fold[i] == k {
				margins[i], ys[i] = m.margin(x.feats), x.y
			}
		}
	}
	return margins, ys
}

// spamHeldOut describes the spam model on each YouTube video held out in
// turn, each time trained and cross-fitted on the other four videos and
// the same SMS rows, at its own threshold. shipped and its corpus c are
// reused for the video they hold out.
func spamHeldOut(dataDir string, cfg TrainConfig, shipped *Model, c corpus) ([]string, error) {
	var out []string
	var sum float64
	for _, v := range spamVideos {
		m, c := shipped, c
		if v != spamTestVideo {
			var err error
			if c, err = spamCorpus(dataDir, cfg.Seed, v); err != nil {
				return nil, err
			}
			m, _ = trainModel(Spam, c, cfg)
		}
		var ps, ys []float64
		for i, text := range c.test.texts {
			if c.test.source[i] != "youtube" {
				continue
			}
			y := 0.0
			if c.test.labels[i] {
				y = 1
			}
			ps, ys = append(ps, m.Prob(m.margin(featurizeText(text, cfg.Bits)))), append(ys, y)
		}
		sum += prfAt(ps, ys, m.Threshold).F1
		out = append(out, fmt.Sprintf("%-19s threshold=%.3f %s", v, m.Threshold, formatHeldOut(ps, ys, m.Threshold, cfg.ReportAt)))
	}
	return append(out, fmt.Sprintf("%-19s F1=%.3f", "mean", sum/float64(len(spamVideos)))), nil
}
