// Package relevance tells whether a comment is about the article it was
// posted under (or the comment it answers). Off-topic comments are not
// harmful in themselves, so the rule only flags them for a moderator; the
// test is deliberately lenient and skips short reactions altogether.
package relevance

import (
	"context"
	"fmt"
	"hash/maphash"

	"tribune/internal/moderation"
)

// Options tune the detector; the zero value means the defaults.
type Options struct {
	// MinWords is the number of content words (stop words excluded) a
	// comment needs before it is judged; shorter ones ("Great piece!")
	// are exempt. Default 12.
	MinWords int
	// Threshold is the relevance below which a comment is reported.
	// Default 0.4.
	Threshold float64
	// CacheSize is how many articles' prepared features are kept. Default 128.
	CacheSize int
}

// Detector measures relevance. Its rule:
//
//   - off-topic: the comment's content words barely overlap the article's
//     (headline and body) and, for a reply, the parent comment's.
//     Words are lower-cased, stripped of accents and stop words, crudely
//     stemmed and mapped through a short synonym table; a word missing
//     from the article still counts 0.7 when it shares most of its
//     character trigrams with an article word ("governor", "government").
//     Each word weighs its inverse document frequency in ~44,000 public
//     tweets and SMS (df.txt; everyday words about 0.4, words never seen
//     there 1), and generic words ("think", "article", "people") a quarter
//     of that. Relevance is max(matched weight share / 0.3, matched
//     weight / 3), capped at
//     1, taken against the article and the parent, whichever is higher;
//     the rule is reported when it is below Options.Threshold, with score
//     1 − relevance. Comments with fewer than Options.MinWords content
//     words, and comments without article text, are not judged.
//
// Article features are cached by content (an edited article is prepared
// afresh). A Detector is safe for concurrent use.
type Detector struct {
	opts  Options
	seed  maphash.Seed
	cache *lru
	idf   map[string]float64 // stem → weight in (0, 1); absent means 1
}

const (
	genericWeight = 0.25
	fuzzyWeight   = 0.7
	fuzzyDice     = 0.68
	fuzzyMinLen   = 5
	fullShare     = 0.3
	fullWeight    = 3.0
)

// New returns a detector with the given options.
func New(opts Options) *Detector {
	if opts.MinWords <= 0 {
		opts.MinWords = 12
	}
	if opts.Threshold <= 0 {
		opts.Threshold = 0.4
	}
	if opts.CacheSize <= 0 {
		opts.CacheSize = 128
	}
	return &Detector{opts: opts, seed: maphash.MakeSeed(), cache: newLRU(opts.CacheSize), idf: loadIDF(dfTable)}
}

// Name identifies the detector in the policy.
func (d *Detector) Name() string { return "relevance" }

// Detect reports an off-topic comment; see Detector.
func (d *Detector) Detect(_ context.Context, in moderation.Input) []moderation.Finding {
	rel, judged := d.Relevance(in)
	if !judged || rel >= d.opts.Threshold {
		return nil
	}
	return []moderation.Finding{{
		Rule:   "off-topic",
		Score:  1 - rel,
		Detail: fmt.Sprintf("seems unrelated to the article (relevance %.2f)", rel),
	}}
}

// Relevance returns the comment's relevance in [0, 1] and whether the
// comment was long enough, and had an article, to be judged at all.
func (d *Detector) Relevance(in moderation.Input) (float64, bool) {
	if in.ArticleText == "" {
		return 0, false
	}
	var buf [64]byte
	terms, count := contentTerms(in.Text, buf[:0], d.idf)
	if count < d.opts.MinWords {
		return 0, false
	}
	rel := relevance(terms, d.article(in.ArticleText))
	if in.ParentText != "" && rel < 1 {
		rel = max(rel, relevance(terms, newFeatures(in.ParentText)))
	}
	return rel, true
}

// article returns the prepared features of an article, from the cache
// when it has them.
func (d *Detector) article(text string) *features {
	key := maphash.String(d.seed, text)
	if f, ok := d.cache.get(key); ok {
		return f
	}
	f := newFeatures(text)
	d.cache.put(key, f)
	return f
}

// relevance scores a comment's terms against prepared features.
func relevance(terms []term, f *features) float64 {
	var total, matched float64
	var counts []uint8
	var grams []uint32
	for _, t := range terms {
		total += t.weight
		if _, ok := f.stems[t.stem]; ok {
			matched += t.weight
			continue
		}
		if len(t.stem) < fuzzyMinLen {
			continue
		}
		if counts == nil {
			counts = make([]uint8, len(f.grams))
		}
		if fuzzy(t.stem, f, counts, grams[:0]) {
			matched += fuzzyWeight * t.weight
		}
	}
	if total == 0 {
		return 1
	}
	return min(1, max(matched/total/fullShare, matched/fullWeight))
}

// fuzzy reports whether some stem of f shares enough character trigrams
// with s. counts must be all zero and is left so.
func fuzzy(s string, f *features, counts []uint8, grams []uint32) bool {
	eachTrigram(s, func(g uint32) {
		for _, h := range grams {
			if h == g {
				return
			}
		}
		grams = append(grams, g)
	})
	var touched []int32
	for _, g := range grams {
		for _, id := range f.index[g] {
			if counts[id] == 0 {
				touched = append(touched, id)
			}
			if counts[id] < 255 {
				counts[id]++
			}
		}
	}
	found := false
	for _, id := range touched {
		if 2*float64(counts[id]) >= fuzzyDice*float64(len(grams)+int(f.grams[id])) {
			found = true
		}
		counts[id] = 0
	}
	return found
}
