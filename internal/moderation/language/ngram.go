package language

import (
	"unicode"
	"unicode/utf8"
)

// maxOrder is the longest character n-gram the profiles hold: each
// character is predicted from the three before it in its word. Longer
// n-grams made the profiles larger without identifying better.
const maxOrder = 4

// maxRunes bounds the text scored: a comment's language shows in its
// first few hundred letters, and the bound keeps long comments cheap.
const maxRunes = 200

// maxWordRunes bounds the words the word model keeps.
const maxWordRunes = 24

// normalize lowercases text (up to limit runes) and turns everything that
// is not a letter or a combining mark into a single space, so that
// n-grams see words only. The result starts and ends with a space, marking
// word boundaries.
func normalize(dst []rune, text string, limit int) []rune {
	dst = append(dst[:0], ' ')
	prev := false // whether the last letter was Han, kana or hangul
	for _, r := range text {
		if len(dst) >= limit {
			break
		}
		switch {
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
			dst = append(dst, r)
		case unicode.IsLetter(r):
			if u := unspaced(r); u != prev {
				if dst[len(dst)-1] != ' ' {
					dst = append(dst, ' ')
				}
				prev = u
			}
			dst = append(dst, unicode.ToLower(r))
		default:
			if dst[len(dst)-1] != ' ' {
				dst = append(dst, ' ')
			}
		}
	}
	if dst[len(dst)-1] != ' ' {
		dst = append(dst, ' ')
	}
	return dst
}

// unspaced reports whether r is Han, kana or hangul. normalize breaks a
// word where these scripts meet another, so that a Latin name inside a
// Chinese sentence ("我的車是Toyota做的") is scored as a word of its own
// instead of blending into n-grams no profile knows.
func unspaced(r rune) bool {
	return r >= 0x1100 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// wordStart returns where the n-grams that end at runes[i] may start: at
// the space before the current word, so that n-grams never span two words
// and the space marks where a word begins and ends.
func wordStart(runes []rune, i int) int {
	j := i - 1
	for j > 0 && runes[j] != ' ' {
		j--
	}
	return j
}

// appendRunes appends runes to buf as UTF-8.
func appendRunes(buf []byte, runes []rune) []byte {
	for _, r := range runes {
		buf = utf8.AppendRune(buf, r)
	}
	return buf
}

// eachWord calls fn with every word of the normalised runes (without the
// spaces around it) of at most maxWordRunes runes.
func eachWord(runes []rune, buf []byte, fn func(w []byte)) {
	start := 1
	for i := 1; i < len(runes); i++ {
		if runes[i] != ' ' {
			continue
		}
		if n := i - start; n > 0 && n <= maxWordRunes {
			fn(appendRunes(buf[:0], runes[start:i]))
		}
		start = i + 1
	}
}

// letterWeight counts letters for the short-comment exemption. Ideographs,
// kana and hangul carry a word's worth of meaning each, so they count
// triple.
func letterWeight(text string) int {
	w := 0
	for _, r := range text {
		switch {
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
			w += 3
		case unicode.IsLetter(r):
			w++
		}
	}
	return w
}
