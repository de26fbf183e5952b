package classify

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ModelReport is how one trained model did on data it never trained on.
type ModelReport struct {
	Name             string
	Train, Cal, Test int     // rows per split
	AUC              float64 // ROC-AUC on test
	Threshold        float64 // chosen on cal for best F1
	P, R, F1         float64 // on test at Threshold
	BySource         map[string]string
	NonZero          int   // weights kept after quantisation
	FileBytes        int64 // size of the weights file
}

// Report is the outcome of TrainAll.
type Report struct{ Models []ModelReport }

// String formats the report for people.
func (r Report) String() string {
	var b strings.Builder
	for _, m := range r.Models {
		fmt.Fprintf(&b, "%s: train=%d cal=%d test=%d  test AUC=%.4f  threshold=%.3f  P=%.3f R=%.3f F1=%.3f  weights=%d (%d bytes)\n",
			m.Name, m.Train, m.Cal, m.Test, m.AUC, m.Threshold, m.P, m.R, m.F1, m.NonZero, m.FileBytes)
		srcs := make([]string, 0, len(m.BySource))
		for s := range m.BySource {
			srcs = append(srcs, s)
		}
		sort.Strings(srcs)
		for _, s := range srcs {
			fmt.Fprintf(&b, "    %-9s %s\n", s, m.BySource[s])
		}
	}
	return b.String()
}

// TrainAll trains the insult, hate and spam models on the shared data in
// dataDir (../shared/data/moderation) with DefaultTrainConfig, writes
// outDir/<name>.bin for each and reports held-out figures. Commit the
// files in internal/moderation/classify/weights to ship them.
func TrainAll(dataDir, outDir string) (Report, error) {
	return TrainAllConfig(dataDir, outDir, DefaultTrainConfig())
}

// TrainAllConfig is TrainAll with explicit settings, for experiments.
func TrainAllConfig(dataDir, outDir string, cfg TrainConfig) (Report, error) {
	var rep Report
	builders := []struct {
		name  string
		build func() (corpus, error)
	}{
		{Insult, func() (corpus, error) { return insultCorpus(dataDir, cfg.Seed) }},
		{Hate, func() (corpus, error) { return hateCorpus(dataDir, cfg.Seed, cfg.HateOLIDGroups) }},
		{Spam, func() (corpus, error) { return spamCorpus(dataDir, cfg.Seed) }},
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return rep, fmt.Errorf("train: %w", err)
	}
	for _, b := range builders {
		c, err := b.build()
		if err != nil {
			return rep, fmt.Errorf("train %s: %w", b.name, err)
		}
		m, mr := trainModel(b.name, c, cfg)
		f, err := os.Create(filepath.Join(outDir, b.name+".bin"))
		if err != nil {
			return rep, fmt.Errorf("train %s: %w", b.name, err)
		}
		n, err := m.WriteTo(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return rep, fmt.Errorf("train %s: %w", b.name, err)
		}
		mr.FileBytes = n
		rep.Models = append(rep.Models, mr)
	}
	return rep, nil
}

// trainModel fits, quantises and calibrates one model and measures it.
func trainModel(name string, c corpus, cfg TrainConfig) (*Model, ModelReport) {
	xs := featurize(c.train.texts, c.train.labels, cfg.Bits)
	w, bias := fit(xs, cfg)
	scale, q := quantize(w)
	m := &Model{Name: name, Bits: cfg.Bits, Scale: scale, Q: q, Bias: bias}

	calX := featurize(c.cal.texts, c.cal.labels, cfg.Bits)
	margins, ys := make([]float64, len(calX)), make([]float64, len(calX))
	for i, x := range calX {
		margins[i], ys[i] = m.margin(x.feats), x.y
	}
	m.PlattA, m.PlattB = plattFit(margins, ys)
	for i := range margins {
		margins[i] = m.Prob(margins[i])
	}
	m.Threshold = bestThreshold(margins, ys)

	testX := featurize(c.test.texts, c.test.labels, cfg.Bits)
	probs, ty := make([]float64, len(testX)), make([]float64, len(testX))
	for i, x := range testX {
		probs[i], ty[i] = m.Prob(m.margin(x.feats)), x.y
	}
	r := ModelReport{Name: name, Train: len(xs), Cal: len(calX), Test: len(testX),
		AUC: rocAUC(probs, ty), Threshold: m.Threshold, BySource: map[string]string{}}
	s := prfAt(probs, ty, m.Threshold)
	r.P, r.R, r.F1 = s.P, s.R, s.F1
	for _, v := range q {
		if v != 0 {
			r.NonZero++
		}
	}
	bySrc := map[string][]int{}
	for i, src := range c.test.source {
		bySrc[src] = append(bySrc[src], i)
	}
	for src, idx := range bySrc {
		ps, ys := make([]float64, len(idx)), make([]float64, len(idx))
		for k, i := range idx {
			ps[k], ys[k] = probs[i], ty[i]
		}
		s := prfAt(ps, ys, m.Threshold)
		r.BySource[src] = fmt.Sprintf("n=%d AUC=%.4f P=%.3f R=%.3f F1=%.3f", len(idx), rocAUC(ps, ys), s.P, s.R, s.F1)
	}
	return m, r
}
