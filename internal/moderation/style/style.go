// Package style checks how a comment is written rather than what it says:
// shouting in capitals and walls of text without sentences both make a
// discussion hard to read.
package style

import (
	"context"
	"strings"
	"unicode"

	"tribune/internal/moderation"
)

// Detector reports writing-style problems. Its rules, in order:
//
//   - shouting: at least 70% of the cased letters are capitals, counting
//     at least 20 letters; URLs, email addresses, words with digits and, in
//     otherwise normal text, short all-capital acronyms ("NATO", "U.S.")
//     are ignored. Score: the share of capitals.
//   - run-on: a stretch of at least 250 letters with no sentence-ending
//     punctuation (. ! ? … ; and their equivalents in other scripts), line
//     break or emoji. Texts mostly in Chinese, Japanese, Thai, Lao, Khmer
//     or Myanmar script are skipped: their punctuation habits differ. Score 1.
//
// A Detector has no state and is safe for concurrent use.
type Detector struct{}

// New returns a detector.
func New() *Detector { return &Detector{} }

// Name identifies the detector in the policy.
func (d *Detector) Name() string { return "style" }

const (
	minShoutLetters = 20
	shoutShare      = 0.7
	maxStretch      = 250
)

// Detect reports shouting and run-on text.
func (d *Detector) Detect(_ context.Context, in moderation.Input) []moderation.Finding {
	var out []moderation.Finding
	if share := shouting(in.Text); share >= shoutShare {
		out = append(out, moderation.Finding{Rule: "shouting", Score: share, Detail: "written mostly in capital letters"})
	}
	if runOn(in.Text) {
		out = append(out, moderation.Finding{Rule: "run-on", Score: 1, Detail: "a long text not broken into sentences"})
	}
	return out
}

// shouting returns the share of capitals among the cased letters that
// count, or 0 when too few count.
func shouting(text string) float64 {
	var upper, lower, acrUpper, words, capsWords int
	for _, w := range strings.Fields(text) {
		if strings.Contains(w, "://") || strings.HasPrefix(strings.ToLower(w), "www.") || strings.ContainsRune(w, '@') {
			continue
		}
		u, l, digits := 0, 0, false
		for _, r := range w {
			switch {
			case unicode.IsUpper(r):
				u++
			case unicode.IsLower(r):
				l++
			case unicode.IsDigit(r):
				digits = true
			}
		}
		if digits || u+l == 0 {
			continue
		}
		words++
		if l == 0 {
			capsWords++
		}
		if l == 0 && u <= 5 {
			acrUpper += u // maybe an acronym, decided below
			continue
		}
		upper += u
		lower += l
	}
	// Short capital words are acronyms in normal text, but part of the
	// shouting when most words are in capitals anyway.
	if capsWords*2 >= words {
		upper += acrUpper
	}
	if upper+lower < minShoutLetters {
		return 0
	}
	return float64(upper) / float64(upper+lower)
}

// runOn reports a stretch of maxStretch letters without a sentence break.
func runOn(text string) bool {
	letters, skipped, stretch := 0, 0, 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == '\t' }) {
		if strings.Contains(w, "://") || strings.HasPrefix(w, "www.") {
			continue
		}
		for _, r := range w {
			switch {
			case isBreak(r):
				stretch = 0
			case unicode.IsLetter(r):
				letters++
				if noSentenceScript(r) {
					skipped++
					continue
				}
				stretch++
				if stretch >= maxStretch && skipped*2 < letters {
					return true
				}
			}
		}
	}
	return false
}

// isBreak reports sentence-ending punctuation, line breaks and emoji.
func isBreak(r rune) bool {
	switch r {
	case '.', '!', '?', ';', '…', '\n', '\r', '。', '！', '？', '؟', '۔', '।', '॥', '።', '။', '։', '჻', '・':
		return true
	}
	return r >= 0x1F300 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF
}

// noSentenceScript reports letters of scripts where sentences are not
// marked the way this check expects.
func noSentenceScript(r rune) bool {
	if r < 0x0E00 {
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}
