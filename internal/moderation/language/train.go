package language

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"sort"
	"unicode/utf8"
)

// profileMagic starts every serialised profile set.
const profileMagic = "TLID2"

// TrainOptions tune Train; zero values take the defaults.
type TrainOptions struct {
	// Sites are the languages a site may be written in: those the data
	// lets the detector identify reliably. The other languages are only
	// recognised, to name what a foreign comment is written in. Empty
	// means all.
	Sites []string
	// MinCount drops the n-grams (of two characters or more) and words a
	// language used fewer times, for smaller profiles; the shorter
	// n-grams stand in for them.
	MinCount int
	// Smoothing is the count added to every character and word some
	// language uses, so that one a language never showed costs it a
	// finite penalty.
	Smoothing float64
}

// Defaults for TrainOptions.
const (
	DefaultMinCount  = 1
	DefaultSmoothing = 0.2
)

// Train builds the profiles of the given languages from sample texts
// (language code to texts) and returns them in the compact gzip form New
// embeds. The output is deterministic for a given input.
//
// Each language gets a character model (see lm) and a word model (word
// frequencies, additively smoothed over every word some language used).
// The character model is stored in backoff form: for every n-gram the
// language used, the probability of its last character after the others
// and, for when the n-gram is a context, the weight of the shorter
// context; so scoring looks up only what the profiles hold.
func Train(samples map[string][]string, opts TrainOptions) ([]byte, error) {
	if len(samples) == 0 || len(samples) > 255 {
		return nil, fmt.Errorf("train: %d languages, want 1 to 255", len(samples))
	}
	for _, s := range opts.Sites {
		if _, ok := samples[s]; !ok {
			return nil, fmt.Errorf("train: site language %q has no samples", s)
		}
	}
	raw := countSamples(samples).encode(opts)
	var z bytes.Buffer
	zw, err := gzip.NewWriterLevel(&z, gzip.BestCompression)
	if err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	if _, err := zw.Write(raw); err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	return z.Bytes(), nil
}

// counts are the n-gram and word counts of each language's samples.
type counts struct {
	codes []string
	grams []map[string]int // n-grams of orders 1 to maxOrder
	words []map[string]int
}

// countSamples counts the n-grams and words of the sample texts of each
// language.
func countSamples(samples map[string][]string) *counts {
	c := &counts{}
	for code := range samples {
		c.codes = append(c.codes, code)
	}
	sort.Strings(c.codes)
	var runes []rune
	var buf []byte
	for _, code := range c.codes {
		grams, words := map[string]int{}, map[string]int{}
		for _, text := range samples[code] {
			runes = normalize(runes, text, math.MaxInt)
			for i := 1; i < len(runes); i++ {
				from := wordStart(runes, i)
				for k := 1; k <= maxOrder && i-k+1 >= from; k++ {
					buf = appendRunes(buf[:0], runes[i-k+1:i+1])
					grams[string(buf)]++
				}
			}
			eachWord(runes, buf, func(w []byte) { words[string(w)]++ })
		}
		c.grams = append(c.grams, grams)
		c.words = append(c.words, words)
	}
	return c
}

// encode writes the uncompressed profile set: the header, then the
// n-gram table, then the word table (see decodeModel).
func (c *counts) encode(opts TrainOptions) []byte {
	if opts.MinCount <= 0 {
		opts.MinCount = DefaultMinCount
	}
	if opts.Smoothing <= 0 {
		opts.Smoothing = DefaultSmoothing
	}
	chars := map[string]bool{}
	for _, m := range c.grams {
		for g := range m {
			if utf8.RuneCountInString(g) == 1 {
				chars[g] = true
			}
		}
	}
	vocab := map[string]bool{}
	for _, m := range c.words {
		for w, n := range m {
			if n >= opts.MinCount {
				vocab[w] = true
			}
		}
	}
	lms := make([]*lm, len(c.codes))
	wordTotal := make([]float64, len(c.codes))
	for li := range c.codes {
		lms[li] = newLM(c.grams[li], len(chars), opts.Smoothing)
		for _, n := range c.words[li] {
			wordTotal[li] += float64(n)
		}
		wordTotal[li] += opts.Smoothing * float64(len(vocab))
	}

	var out bytes.Buffer
	out.WriteString(profileMagic)
	out.WriteByte(byte(len(c.codes)))
	for li, code := range c.codes {
		out.WriteByte(byte(len(code)))
		out.WriteString(code)
		var flags byte
		if len(opts.Sites) == 0 || slices.Contains(opts.Sites, code) {
			flags |= flagSite
		}
		out.WriteByte(flags)
		out.WriteByte(quantize(lms[li].floor()))
		out.WriteByte(quantize(opts.Smoothing / wordTotal[li]))
	}

	gramsBy := map[string][]int{}
	for li, m := range c.grams {
		for g, n := range m {
			if n >= opts.MinCount || utf8.RuneCountInString(g) == 1 {
				gramsBy[g] = append(gramsBy[g], li)
			}
		}
	}
	writeTable(&out, gramsBy, func(g string, li int) []byte {
		return []byte{quantize(lms[li].prob(g)), quantize(lms[li].backoff(g))}
	})

	wordsBy := map[string][]int{}
	for li, m := range c.words {
		for w := range m {
			if vocab[w] {
				wordsBy[w] = append(wordsBy[w], li)
			}
		}
	}
	writeTable(&out, wordsBy, func(w string, li int) []byte {
		return []byte{quantize((float64(c.words[li][w]) + opts.Smoothing) / wordTotal[li])}
	})
	return out.Bytes()
}

// writeTable writes the number of keys, then, in key order, each key, the
// number of languages that hold it, and for each its index and values.
func writeTable(out *bytes.Buffer, table map[string][]int, values func(key string, lang int) []byte) {
	keys := make([]string, 0, len(table))
	for k := range table {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out.Write(binary.AppendUvarint(nil, uint64(len(keys))))
	for _, k := range keys {
		langs := table[k]
		slices.Sort(langs)
		out.WriteByte(byte(len(k)))
		out.WriteString(k)
		out.WriteByte(byte(len(langs)))
		for _, li := range langs {
			out.WriteByte(byte(li))
			out.Write(values(k, li))
		}
	}
}

// quantStep is the resolution of stored log-probabilities (natural log).
const quantStep = 0.1

// quantize stores -ln(p) in steps of quantStep, saturating at 255 steps.
func quantize(p float64) uint8 {
	v := math.Round(-math.Log(p) / quantStep)
	if v > 255 {
		v = 255
	}
	if v < 0 {
		v = 0
	}
	return uint8(v)
}

func dequantize(q uint8) float32 { return -float32(q) * quantStep }
