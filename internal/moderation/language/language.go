// Package language tells which language a comment is written in, so the
// policy can hold comments that are not in the site's language. It is a
// self-contained naive Bayes identifier over character 1–4-grams whose
// compact profiles (built by ./gen from Tatoeba sentences and the Universal
// Declaration of Human Rights) are embedded in the binary: no outside
// service, no model download.
package language

import (
	"context"
	_ "embed"
	"fmt"
	"strings"

	"tribune/internal/moderation"
)

//go:generate go run ./gen -data ../../../../shared/data/moderation -out profiles.bin.gz

//go:embed profiles.bin.gz
var profiles []byte

// Rule is the policy rule this package tests.
const Rule = "language"

// Defaults for Options.
const (
	DefaultMinLetters = 20
	DefaultThreshold  = 0.9
)

// Options tune the Detector; zero values take the defaults.
type Options struct {
	// MinLetters exempts shorter comments: a few words are too little to
	// judge and are often names, greetings or loanwords.
	MinLetters int
	// Threshold is how sure the detector must be that a comment is not in
	// the site's language before it reports it.
	Threshold float64
}

// Detector reports comments written in another language than the site's.
//
// Rules, in order:
//   - language: the comment is not in the language of the site (Input.Lang),
//     with a score that is the probability it is not in that language.
type Detector struct {
	s    *scorer
	opts Options
	idx  map[string]int
	memo *memo
}

// New loads the embedded profiles.
func New(opts Options) (*Detector, error) {
	m, err := loadModel(profiles)
	if err != nil {
		return nil, err
	}
	if opts.MinLetters <= 0 {
		opts.MinLetters = DefaultMinLetters
	}
	if opts.Threshold <= 0 {
		opts.Threshold = DefaultThreshold
	}
	idx := make(map[string]int, len(m.codes))
	for i, c := range m.codes {
		idx[c] = i
	}
	return &Detector{s: newScorer(m), opts: opts, idx: idx, memo: &memo{}}, nil
}

// Name identifies the detector in the policy file.
func (d *Detector) Name() string { return "language" }

// Languages lists the codes the detector knows (ISO 639-1 where one
// exists), sorted.
func (d *Detector) Languages() []string {
	return append([]string(nil), d.s.m.codes...)
}

// Identify returns the most likely language of text and the probability
// the model gives it. Text without letters returns "" and 0.
func (d *Detector) Identify(text string) (code string, confidence float64) {
	r := d.score(text)
	if r.grams == 0 {
		return "", 0
	}
	best := 0
	for i, p := range r.post {
		if p > r.post[best] {
			best = i
		}
	}
	return d.s.m.codes[best], r.post[best]
}

// Detect reports the language rule when the comment is long enough and
// confidently not in the site's language. Sites whose language the model
// does not know are never reported.
func (d *Detector) Detect(_ context.Context, in moderation.Input) []moderation.Finding {
	site, ok := d.idx[baseLang(in.Lang)]
	if !ok || letterWeight(in.Text) < d.opts.MinLetters {
		return nil
	}
	r := d.score(in.Text)
	if r.grams == 0 {
		return nil
	}
	notSite := 1 - r.post[site]
	if notSite < d.opts.Threshold {
		return nil
	}
	best := 0
	for i, p := range r.post {
		if p > r.post[best] {
			best = i
		}
	}
	return []moderation.Finding{{
		Rule:   Rule,
		Score:  notSite,
		Detail: fmt.Sprintf("written in %s, not %s", d.s.m.codes[best], d.s.m.codes[site]),
	}}
}

// baseLang reduces a BCP 47 tag ("pt-BR", "en_US") to its language.
func baseLang(tag string) string {
	tag = strings.ToLower(tag)
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

// Plausibility returns the mean log-likelihood per n-gram of text under
// its most likely language: ordinary sentences score near -5, keyboard
// mashing and random letters far lower. Text without letters returns 0.
// Flood detection uses it to spot gibberish.
func (d *Detector) Plausibility(text string) float64 {
	return d.score(text).mean
}
