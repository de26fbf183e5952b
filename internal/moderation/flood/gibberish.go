package flood

import (
	"math"
	"strings"
	"unicode"
)

// Plausibility scores how language-like a text is: the mean log-likelihood
// per character n-gram under its most likely language
// (language.Detector satisfies it).
type Plausibility interface {
	Plausibility(text string) float64
}

// minGibberishLetters keeps short replies ("ok", "lol", "hmm") out of the
// incoherence test: too little to judge.
const minGibberishLetters = 8

// implausible is the mean n-gram log-likelihood below which text is not
// any language the model knows (ordinary sentences score about -5 to -6,
// keyboard mashing -8 to -9).
const implausible = -7.8

// keyboardRows are the letter rows of common layouts; long runs along a
// row are mashing ("asdfgh", "qwerty").
var keyboardRows = []string{"qwertyuiop", "asdfghjkl", "zxcvbnm", "azertyuiop", "qsdfghjklm", "wxcvbn", "qwertzuiop", "yxcvbnm"}

// incoherence returns a score in [0, 1] and a reason when the text looks
// like gibberish: keyboard mashing, very few distinct letters, the same
// word over and over, or (with a model) character sequences no language
// uses. Zero means coherent or too short to tell.
func incoherence(text string, p Plausibility) (float64, string) {
	lower := strings.ToLower(text)
	letters := 0
	spaceless := false
	var counts = map[rune]int{}
	for _, r := range lower {
		if unicode.IsLetter(r) {
			letters++
			counts[r]++
			spaceless = spaceless || unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Thai)
		}
	}
	if letters < minGibberishLetters {
		return 0, ""
	}
	if s := mashing(lower, letters); s >= 0.5 {
		return s, "keyboard mashing"
	}
	// entropy of the letter distribution: "aaaaaaaa", "hahahahaha"
	h := 0.0
	for _, c := range counts {
		q := float64(c) / float64(letters)
		h -= q * math.Log2(q)
	}
	if letters >= 12 && h < 1.6 {
		return 1 - h/1.6*0.5, "very few distinct letters"
	}
	if ws := strings.Fields(lower); len(ws) >= 6 {
		distinct := map[string]bool{}
		for _, w := range ws {
			distinct[w] = true
		}
		if r := float64(len(distinct)) / float64(len(ws)); r <= 0.25 {
			return 1 - r, "the same words repeated"
		}
	}
	// Scripts written without spaces make one long "word" whose n-grams
	// the model scores poorly; the model test is for spaced scripts only.
	if p != nil && !spaceless {
		if m := p.Plausibility(text); m != 0 && m < implausible {
			return math.Min(1, 0.5+(implausible-m)/2), "not recognisable as any language"
		}
	}
	return 0, ""
}

// mashing returns the share of letters that sit in runs of four or more
// neighbouring keys along a keyboard row.
func mashing(lower string, letters int) float64 {
	inRun := 0
	for _, w := range strings.FieldsFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) }) {
		run := 1
		for i := 1; i < len(w); i++ {
			if adjacent(w[i-1], w[i]) {
				run++
				continue
			}
			if run >= 4 {
				inRun += run
			}
			run = 1
		}
		if run >= 4 {
			inRun += run
		}
	}
	return float64(inRun) / float64(letters)
}

// adjacent reports whether b follows a on some keyboard row, either way.
func adjacent(a, b byte) bool {
	for _, row := range keyboardRows {
		if i := strings.IndexByte(row, a); i >= 0 {
			if (i > 0 && row[i-1] == b) || (i+1 < len(row) && row[i+1] == b) {
				return true
			}
		}
	}
	return false
}
