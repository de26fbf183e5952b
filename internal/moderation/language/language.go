// Package language tells which language a comment is written in, so the
// policy can hold comments that are not in the site's language. It is a
// self-contained naive Bayes identifier: per language, a character model
// (each character predicted from the three before it in its word,
// interpolated down to single characters) and a word model, whose compact
// profiles (built by ./gen from Tatoeba sentences and the Universal
// Declaration of Human Rights) are embedded in the binary: no outside
// service, no model download.
//
// The profiles recognise more languages than a site may be written in:
// a site language needs everyday sentences to learn from (the Tatoeba
// ones) or a script no other profile uses, for the identification to be
// reliable on short comments. The others are recognised only, to name
// what a foreign comment is written in.
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
	// Profiles, when set, replaces the embedded profiles with others that
	// Train wrote (the generator uses it to cross-validate).
	Profiles []byte
}

// Detector reports comments written in another language than the site's.
//
// Rules, in order:
//   - language: a comment of at least MinLetters letters, on a site whose
//     language (Input.Lang) is one of Languages, is not in that language:
//     the score is the probability it is not, or 1 when no profile knows
//     its script.
type Detector struct {
	s    *scorer
	opts Options
	idx  map[string]int
	memo *memo
}

// New loads the embedded profiles (or opts.Profiles).
func New(opts Options) (*Detector, error) {
	if opts.Profiles == nil {
		opts.Profiles = profiles
	}
	m, err := loadModel(opts.Profiles)
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
		if m.site[i] {
			idx[c] = i
		}
	}
	return &Detector{s: newScorer(m), opts: opts, idx: idx, memo: &memo{}}, nil
}

// Name identifies the detector in the policy file.
func (d *Detector) Name() string { return "language" }

// Languages lists the languages a site may be written in (ISO 639-1
// codes where one exists), sorted. Identify also names the languages the
// profiles only recognise.
func (d *Detector) Languages() []string {
	var out []string
	for i, c := range d.s.m.codes {
		if d.s.m.site[i] {
			out = append(out, c)
		}
	}
	return out
}

// Identify returns the most likely language of text and the probability
// the model gives it. Text without letters, or whose letters no profile
// knows (a script none of the languages uses), returns "" and 0. Short
// texts still get the best guess, with the low confidence they deserve.
func (d *Detector) Identify(text string) (code string, confidence float64) {
	r := d.score(text)
	if r.letters == 0 {
		return "", 0
	}
	best := r.best()
	return d.s.m.codes[best], r.post[best]
}

// Detect reports the language rule when the comment is long enough and
// confidently not in the site's language. Comments on a site whose
// language is not one of Languages are never reported.
func (d *Detector) Detect(_ context.Context, in moderation.Input) []moderation.Finding {
	site, ok := d.idx[baseLang(in.Lang)]
	if !ok || letterWeight(in.Text) < d.opts.MinLetters {
		return nil
	}
	r := d.score(in.Text)
	if r.chars == 0 {
		return nil
	}
	if r.letters == 0 {
		return []moderation.Finding{{Rule: Rule, Score: 1, Detail: "written in a script none of the known languages uses"}}
	}
	notSite := 1 - r.post[site]
	if notSite < d.opts.Threshold {
		return nil
	}
	return []moderation.Finding{{
		Rule:   Rule,
		Score:  notSite,
		Detail: fmt.Sprintf("written in %s, not %s", d.s.m.codes[r.best()], d.s.m.codes[site]),
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

// Plausibility returns how language-like text is: the mean log-likelihood
// per character under its most likely language, on the scale of the
// per-n-gram figures of the earlier profiles that flood's threshold was
// set on: ordinary sentences score about -5.5 (the worst of 2,700
// held-out Tatoeba sentences in spaced scripts -7.0), keyboard mashing and
// random letters -8 to -9. Text without letters returns 0. Flood
// detection uses it to spot gibberish.
func (d *Detector) Plausibility(text string) float64 {
	r := d.score(text)
	if r.chars == 0 {
		return 0
	}
	return plausibilityScale*r.mean + plausibilityShift
}

// plausibilityScale and plausibilityShift map the mean log-likelihood per
// character (ordinary sentences about -1.6, the worst of 2,700 held-out
// Tatoeba sentences -3.8, everyday sentences under profiles trained on
// the declaration alone down to -5.1, keyboard mashing -5.2 to -6.6) onto
// the earlier per-n-gram scale, where -1.6 was about -5.5 and flood calls
// text below -7.8 gibberish (-5 per character here).
const (
	plausibilityScale = 0.65
	plausibilityShift = -4.55
)
