// Package names decides which display names readers may take. A display name
// is shown next to every comment, so two readers must never be able to look
// like one another: uniqueness is enforced on a comparison key that ignores
// case, accents, spacing and punctuation, and characters from other scripts
// that look like Latin letters. The store keeps the key in a unique column;
// this package only computes it and validates new names.
package names

import (
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Normalize returns the name as stored: composed (NFC), so that "é" typed as
// one character or as e plus an accent is the same text, with surrounding
// whitespace removed and inner runs of whitespace collapsed to one space.
// It does not remove invisible characters; Check refuses those.
func Normalize(name string) string {
	return strings.Join(strings.Fields(norm.NFC.String(name)), " ")
}

// Key returns the comparison key of a display name: two names with the same
// key may not both exist. Its steps, in order:
//
//  1. Decompose with compatibility mappings (NFKD), which turns fullwidth
//     forms, ligatures, mathematical and circled letters into plain ones.
//  2. Fold case (full Unicode folding, so "ß" matches "ss"), then decompose
//     again because folding can produce composed characters.
//  3. Drop accents (combining marks shared by all scripts), spaces, dots,
//     dashes, underscores, apostrophes and invisible characters.
//  4. Map look-alikes to one representative (the confusables table): "а"
//     (Cyrillic) to "a", "0" to "o", "1", "I", "i" and "|" to "l".
//  5. Replace letter pairs that read as one letter ("rn" → "m", "vv" → "w").
//
// The key is for comparison only and is never shown to readers.
func Key(name string) string {
	s := norm.NFKD.String(name)
	s = norm.NFKD.String(cases.Fold().String(s))
	var b strings.Builder
	for _, r := range s {
		if ignorable(r) {
			continue
		}
		if to, ok := confusables[r]; ok {
			b.WriteString(to)
			continue
		}
		b.WriteRune(r)
	}
	key := b.String()
	for _, p := range lookalikePairs {
		key = strings.ReplaceAll(key, p.pair, p.letter)
	}
	return key
}

// ignorable reports whether Key drops r: separators a reader does not notice
// when telling two names apart, accents, and characters that show nothing.
func ignorable(r rune) bool {
	switch {
	case unicode.IsSpace(r), unicode.In(r, unicode.Pd, unicode.Pc):
		return true
	case strings.ContainsRune(".·•‧∙。'’‘ʼʻ`´′−⁃", r):
		return true
	case invisible(r):
		return true
	case unicode.In(r, unicode.Mn, unicode.Me) && unicode.Is(unicode.Inherited, r):
		// Accents shared by every script (U+0300 block, Arabic harakat).
		// Marks that belong to one script, like Devanagari vowel signs,
		// change the word and stay.
		return true
	}
	return false
}

// invisible reports whether r shows nothing, or shows as blank space, yet is
// not a plain space: control and format characters (zero-width space and
// joiners, soft hyphen, byte-order mark, direction marks), variation
// selectors, and the letters and symbols that render empty.
func invisible(r rune) bool {
	switch {
	case unicode.In(r, unicode.Cc, unicode.Cf), unicode.Is(unicode.Variation_Selector, r):
		return true
	case r == 0x034F, // combining grapheme joiner
		r == 0x115F, r == 0x1160, r == 0x3164, r == 0xFFA0, // Hangul fillers
		r == 0x17B4, r == 0x17B5, // Khmer inherent vowels
		r == 0x2800: // braille pattern blank
		return true
	}
	return false
}
