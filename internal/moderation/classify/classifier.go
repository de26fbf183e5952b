// Package classify scores comments with small linear classifiers for the
// insult, hate and spam rules. The models are logistic regressions over
// hashed word and character n-grams, trained offline on the public data in
// ../shared/data/moderation by TrainAll (see cmd/train), quantised to int8
// and embedded in the binary, so a newsroom needs no outside service and
// scoring takes microseconds on one core.
package classify

import (
	"bytes"
	"embed"
	"fmt"
	"math"
	"sync"
)

// Model names, which are also the keys of Scores (plus "toxicity").
const (
	Insult   = "insult"
	Hate     = "hate"
	Spam     = "spam"
	Toxicity = "toxicity"
)

// modelNames is the order models are stored and scored in.
var modelNames = [...]string{Insult, Hate, Spam}

//go:embed weights/*.bin
var weightFiles embed.FS

// maxTextBytes bounds the normalised text scored, so one huge comment
// cannot cost more than a fraction of a millisecond.
const maxTextBytes = 16 << 10

// Classifier scores texts with every model at once. Its weights are one
// interleaved int8 table (bucket-major), so each feature costs a single
// cache line for all models. It is safe for concurrent use.
type Classifier struct {
	bits   uint
	models []*Model
	q      []int8 // q[bucket*len(models)+m]
	memoMu sync.Mutex
	memo   map[string][8]float64
}

// Load returns the classifier built from the embedded weights.
func Load() (*Classifier, error) {
	ms := make([]*Model, 0, len(modelNames))
	for _, name := range modelNames {
		b, err := weightFiles.ReadFile("weights/" + name + ".bin")
		if err != nil {
			return nil, fmt.Errorf("load classifier %s: %w", name, err)
		}
		m, err := ReadModel(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("load classifier %s: %w", name, err)
		}
		ms = append(ms, m)
	}
	return New(ms...)
}

// New builds a classifier from models that share one hashing size.
func New(models ...*Model) (*Classifier, error) {
	if len(models) == 0 {
		return nil, fmt.Errorf("new classifier: no models")
	}
	bits := models[0].Bits
	k := len(models)
	q := make([]int8, k<<bits)
	for j, m := range models {
		if m.Bits != bits || len(m.Q) != 1<<bits {
			return nil, fmt.Errorf("new classifier: model %s has %d bits, want %d", m.Name, m.Bits, bits)
		}
		for i, v := range m.Q {
			q[i*k+j] = v
		}
	}
	return &Classifier{bits: bits, models: models, q: q}, nil
}

// Threshold returns the shipped decision threshold of a model, or 1 if
// there is no such model.
func (c *Classifier) Threshold(name string) float64 {
	for _, m := range c.models {
		if m.Name == name {
			return m.Threshold
		}
	}
	return 1
}

// Scores returns each model's calibrated probability for text, keyed by
// model name; "toxicity" repeats "insult", the closest model Tribune has.
func (c *Classifier) Scores(text string) map[string]float64 {
	var probs [8]float64
	c.cached(text, probs[:len(c.models)])
	out := make(map[string]float64, len(c.models)+1)
	for j, m := range c.models {
		out[m.Name] = probs[j]
	}
	if p, ok := out[Insult]; ok {
		out[Toxicity] = p
	}
	return out
}

// score writes each model's probability for text into probs.
func (c *Classifier) score(text string, probs []float64) {
	norm := Normalize(text)
	if len(norm) > maxTextBytes {
		norm = norm[:maxTextBytes]
	}
	var buf [2048]uint32
	feats := appendFeatures(buf[:0], norm, c.bits)
	k := len(c.models)
	var sums [8]int32
	for _, f := range feats {
		row := c.q[int(f)*k : int(f)*k+k]
		for j, v := range row {
			sums[j] += int32(v)
		}
	}
	inv := 0.0
	if len(feats) > 0 {
		inv = 1 / math.Sqrt(float64(len(feats)))
	}
	for j, m := range c.models {
		margin := m.Bias + float64(m.Scale)*float64(sums[j])*inv
		probs[j] = m.Prob(margin)
	}
}

// cached is score through a small memo: the engine asks for a comment's
// scores and its findings, and the model should run once.
func (c *Classifier) cached(text string, probs []float64) {
	c.memoMu.Lock()
	if p, ok := c.memo[text]; ok {
		c.memoMu.Unlock()
		copy(probs, p[:len(probs)])
		return
	}
	c.memoMu.Unlock()
	c.score(text, probs)
	var p [8]float64
	copy(p[:], probs)
	c.memoMu.Lock()
	if c.memo == nil || len(c.memo) >= 256 {
		c.memo = make(map[string][8]float64, 256)
	}
	c.memo[text] = p
	c.memoMu.Unlock()
}
