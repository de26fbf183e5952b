package language

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"math"
	"sort"
)

// profileMagic starts every serialised profile set.
const profileMagic = "TLID1"

// Train builds the profiles of the given languages from sample texts
// (language code to texts) and returns them in the compact gzip form New
// embeds. Each language keeps its topK most frequent n-grams; everything
// else scores the language's floor for that n-gram order. The output is
// deterministic for a given input.
func Train(samples map[string][]string, topK int) ([]byte, error) {
	codes := make([]string, 0, len(samples))
	for c := range samples {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	if len(codes) == 0 || len(codes) > 255 {
		return nil, fmt.Errorf("train: %d languages, want 1 to 255", len(codes))
	}
	type kept struct {
		lang int
		q    uint8
	}
	table := map[string][]kept{}
	floors := make([][wordOrder]uint8, len(codes))
	var runes []rune
	var buf []byte
	for li, code := range codes {
		counts := map[string]int{}
		var totals [wordOrder + 1]int
		for _, text := range samples[code] {
			runes = normalize(runes, text, math.MaxInt)
			buf = buf[:0]
			eachGram(runes, buf, func(g []byte, n int) {
				counts[string(g)]++
				totals[n]++
			})
		}
		grams := make([]string, 0, len(counts))
		for g := range counts {
			grams = append(grams, g)
		}
		sort.Slice(grams, func(i, j int) bool {
			if counts[grams[i]] != counts[grams[j]] {
				return counts[grams[i]] > counts[grams[j]]
			}
			return grams[i] < grams[j]
		})
		if len(grams) > topK {
			grams = grams[:topK]
		}
		// The floor of an order sits below its rarest kept n-gram, so an
		// n-gram the profile dropped never scores better than one it kept.
		var minKept [wordOrder + 1]int
		for _, g := range grams {
			n := gramOrder(len([]rune(g)))
			if c := counts[g]; minKept[n] == 0 || c < minKept[n] {
				minKept[n] = c
			}
			table[g] = append(table[g], kept{li, quantize(float64(counts[g]) / float64(totals[n]))})
		}
		for n := 1; n <= wordOrder; n++ {
			m := float64(minKept[n])
			if m == 0 {
				m = 1
			}
			t := float64(totals[n])
			if t == 0 {
				t = 1
			}
			floors[li][n-1] = quantize(m / 2 / t)
		}
	}
	// Unknown n-grams score the same in every language (the lowest floor):
	// otherwise a script no profile knows would go to whichever language
	// happens to have the highest floor.
	for n := range wordOrder {
		var low uint8
		for li := range floors {
			low = max(low, floors[li][n])
		}
		for li := range floors {
			floors[li][n] = low
		}
	}
	var out bytes.Buffer
	out.WriteString(profileMagic)
	out.WriteByte(byte(len(codes)))
	for li, c := range codes {
		out.WriteByte(byte(len(c)))
		out.WriteString(c)
		out.Write(floors[li][:])
	}
	grams := make([]string, 0, len(table))
	for g := range table {
		grams = append(grams, g)
	}
	sort.Strings(grams)
	out.Write(binary.AppendUvarint(nil, uint64(len(grams))))
	for _, g := range grams {
		out.WriteByte(byte(len(g)))
		out.WriteString(g)
		out.WriteByte(byte(len(table[g])))
		for _, k := range table[g] {
			out.WriteByte(byte(k.lang))
			out.WriteByte(k.q)
		}
	}
	var z bytes.Buffer
	zw, err := gzip.NewWriterLevel(&z, gzip.BestCompression)
	if err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	if _, err := zw.Write(out.Bytes()); err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	return z.Bytes(), nil
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
