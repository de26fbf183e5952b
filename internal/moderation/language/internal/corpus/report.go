package corpus

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// LongLetters is the letter count from which a sentence counts as long
// enough for the detector to judge (mirrors the detector's default
// exemption; ideographs, kana and hangul count three).
const LongLetters = 20

// Confident is the confidence from which a short sentence's
// identification counts as confident in the report: what a rule that
// answered "unknown" below it would keep.
const Confident = 0.9

// Report tallies identification results per language.
type Report struct {
	total, ok         map[string]int
	longTotal, longOK map[string]int
	confusions        map[[2]string]int
	// short sentences identified with at least Confident, and how many
	// of those right
	shortSure, shortSureOK int
}

// NewReport returns an empty report.
func NewReport() *Report {
	return &Report{
		total: map[string]int{}, ok: map[string]int{},
		longTotal: map[string]int{}, longOK: map[string]int{},
		confusions: map[[2]string]int{},
	}
}

// Add records one sentence of language want identified as got with the
// given confidence.
func (r *Report) Add(want, got string, confidence float64, text string) {
	long := letters(text) >= LongLetters
	r.total[want]++
	if long {
		r.longTotal[want]++
	} else if confidence >= Confident {
		r.shortSure++
		if got == want {
			r.shortSureOK++
		}
	}
	if got == want {
		r.ok[want]++
		if long {
			r.longOK[want]++
		}
		return
	}
	r.confusions[[2]string{want, got}]++
}

// Accuracy returns the overall accuracy on all sentences and on long ones.
func (r *Report) Accuracy() (all, long float64) {
	return ratio(sum(r.ok), sum(r.total)), ratio(sum(r.longOK), sum(r.longTotal))
}

func (r *Report) String() string {
	var b strings.Builder
	langs := make([]string, 0, len(r.total))
	for l := range r.total {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	fmt.Fprintf(&b, "lang  n    acc     n(>=%d letters) acc\n", LongLetters)
	for _, l := range langs {
		fmt.Fprintf(&b, "%-5s %-4d %.4f  %-15d %.4f\n", l, r.total[l], ratio(r.ok[l], r.total[l]),
			r.longTotal[l], ratio(r.longOK[l], r.longTotal[l]))
	}
	all, long := r.Accuracy()
	fmt.Fprintf(&b, "all   %-4d %.4f  %-15d %.4f\n", sum(r.total), all, sum(r.longTotal), long)
	short, shortOK := sum(r.total)-sum(r.longTotal), sum(r.ok)-sum(r.longOK)
	fmt.Fprintf(&b, "shorter than %d letters: %d, accuracy %.4f; identified with confidence >= %.1f: %d (%.4f of them), accuracy %.4f\n",
		LongLetters, short, ratio(shortOK, short), Confident, r.shortSure, ratio(r.shortSure, short), ratio(r.shortSureOK, r.shortSure))
	type conf struct {
		pair [2]string
		n    int
	}
	var cs []conf
	for p, n := range r.confusions {
		cs = append(cs, conf{p, n})
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].n != cs[j].n {
			return cs[i].n > cs[j].n
		}
		return cs[i].pair[0]+cs[i].pair[1] < cs[j].pair[0]+cs[j].pair[1]
	})
	b.WriteString("confusions (true -> guessed):\n")
	for _, c := range cs {
		fmt.Fprintf(&b, "  %s -> %s: %d\n", c.pair[0], c.pair[1], c.n)
	}
	return b.String()
}

func letters(s string) int {
	w := 0
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
			w += 3
		case unicode.IsLetter(r):
			w++
		}
	}
	return w
}

func sum(m map[string]int) int {
	t := 0
	for _, v := range m {
		t += v
	}
	return t
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
