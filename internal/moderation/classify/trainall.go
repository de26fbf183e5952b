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
	CrossFit         bool    // Cal counts out-of-fold scores of Train
	AUC              float64 // ROC-AUC on test
	Threshold        float64 // chosen on cal (or out-of-fold scores) for best F1
	P, R, F1         float64 // on test at Threshold
	At               prf     // on test at TrainConfig.ReportAt, if set
	BySource         map[string]string
	// HeldOut describes, for the spam model, each YouTube video held out
	// in turn by a model trained and calibrated without it.
	HeldOut   []string
	NonZero   int   // weights kept after quantisation
	FileBytes int64 // size of the weights file
}

// Report is the outcome of TrainAll.
type Report struct {
	Models   []ModelReport
	ReportAt float64
}

// String formats the report for people.
func (r Report) String() string {
	var b strings.Builder
	for _, m := range r.Models {
		cal := fmt.Sprint(m.Cal)
		if m.CrossFit {
			cal = "out-of-fold"
		}
		fmt.Fprintf(&b, "%s: train=%d cal=%s test=%d  test AUC=%.4f  threshold=%.3f  P=%.3f R=%.3f F1=%.3f",
			m.Name, m.Train, cal, m.Test, m.AUC, m.Threshold, m.P, m.R, m.F1)
		if r.ReportAt > 0 {
			fmt.Fprintf(&b, "  at %.2f: P=%.3f R=%.3f F1=%.3f", r.ReportAt, m.At.P, m.At.R, m.At.F1)
		}
		fmt.Fprintf(&b, "  weights=%d (%d bytes)\n", m.NonZero, m.FileBytes)
		srcs := make([]string, 0, len(m.BySource))
		for s := range m.BySource {
			srcs = append(srcs, s)
		}
		sort.Strings(srcs)
		for _, s := range srcs {
			fmt.Fprintf(&b, "    %-9s %s\n", s, m.BySource[s])
		}
		for _, h := range m.HeldOut {
			fmt.Fprintf(&b, "    held out %s\n", h)
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
	rep := Report{ReportAt: cfg.ReportAt}
	builders := []struct {
		name  string
		build func() (corpus, error)
	}{
		{Insult, func() (corpus, error) { return insultCorpus(dataDir, cfg.Seed) }},
		{Hate, func() (corpus, error) { return hateCorpus(dataDir, cfg.Seed, cfg.HateOLIDGroups) }},
		{Spam, func() (corpus, error) { return spamCorpus(dataDir, cfg.Seed, spamTestVideo) }},
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return rep, fmt.Errorf("train: %w", err)
	}
	for _, b := range builders {
		c, err := b.build()
		if err != nil {
			return rep, fmt.Errorf("train %s: %w", b.name, err)
		}
		addExtra(&c, b.name, cfg)
		m, mr := trainModel(b.name, c, cfg)
		if b.name == Spam && cfg.HeldOutVideos {
			if mr.HeldOut, err = spamHeldOut(dataDir, cfg, m, c); err != nil {
				return rep, fmt.Errorf("train %s: %w", b.name, err)
			}
		}
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
	xs := featurizeSplit(c.train, cfg.Bits)
	m := fitModel(name, xs, cfg)
	var margins, ys []float64
	if c.folds > 1 {
		margins, ys = crossMargins(name, xs, c.train.fold, c.folds, cfg)
	} else {
		for _, x := range featurize(c.cal.texts, c.cal.labels, cfg.Bits) {
			margins, ys = append(margins, m.margin(x.feats)), append(ys, x.y)
		}
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
	r := ModelReport{Name: name, Train: len(xs), Cal: len(margins), Test: len(testX), CrossFit: c.folds > 1,
		AUC: rocAUC(probs, ty), Threshold: m.Threshold, BySource: map[string]string{}}
	s := prfAt(probs, ty, m.Threshold)
	r.P, r.R, r.F1 = s.P, s.R, s.F1
	if cfg.ReportAt > 0 {
		r.At = prfAt(probs, ty, max(cfg.ReportAt, m.Threshold))
	}
	for _, v := range m.Q {
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
		r.BySource[src] = formatHeldOut(ps, ys, m.Threshold, cfg.ReportAt)
	}
	return m, r
}

// formatHeldOut describes scores on one held-out set: its size, ROC-AUC
// and precision, recall and F1 at the threshold (and at the reporting
// threshold at, if any, as the policy would apply it).
func formatHeldOut(ps, ys []float64, th, at float64) string {
	s := prfAt(ps, ys, th)
	out := fmt.Sprintf("n=%d AUC=%.4f P=%.3f R=%.3f F1=%.3f", len(ps), rocAUC(ps, ys), s.P, s.R, s.F1)
	if at > 0 {
		a := prfAt(ps, ys, max(at, th))
		out += fmt.Sprintf("  at %.2f: P=%.3f R=%.3f F1=%.3f", at, a.P, a.R, a.F1)
	}
	return out
}

// fitModel fits and quantises a model on xs; it is not calibrated yet.
func fitModel(name string, xs []example, cfg TrainConfig) *Model {
	w, bias := fit(xs, cfg.fitConfig(name), cfg.Bits, cfg.Seed)
	scale, q := quantize(w)
	return &Model{Name: name, Bits: cfg.Bits, Scale: scale, Q: q, Bias: bias}
}

// addExtra puts a site's own examples for a model into its corpus: a
// fixed-seed fifth to test (reported as "site"), the rest to training (in
// cross-fitted corpora spread over the folds), some to calibration where
// the corpus has it.
func addExtra(c *corpus, model string, cfg TrainConfig) {
	var xs []Labelled
	for _, x := range cfg.Extra {
		if x.Model == model {
			xs = append(xs, x)
		}
	}
	if len(xs) == 0 {
		return
	}
	p := newParter(len(xs), cfg.Seed^0x517e)
	for i, x := range xs {
		s := p.of(c, i)
		switch {
		case s == &c.test:
			c.test.add("site", x.Text, x.Label)
		case c.folds > 1:
			c.train.addFold("site", x.Text, x.Label, p.perm[i]%c.folds)
		default:
			s.add("site", x.Text, x.Label)
		}
	}
}
