package language

import (
	"unicode"
	"unicode/utf8"
)

// maxOrder is the longest character n-gram the profiles hold. Four keeps
// most close relatives apart while the profiles stay small.
const maxOrder = 4

// maxRunes bounds the text scored: a comment's language shows in its
// first few hundred letters, and the bound keeps long comments cheap.
const maxRunes = 200

// wordOrder is the pseudo-order of whole-word features (" word ", words
// of three letters or more): they separate the closest relatives
// (Galician, Portuguese, Spanish) better than n-grams alone.
const wordOrder = maxOrder + 1

// gramOrder is the order of a stored feature from its length in runes.
func gramOrder(runes int) int { return min(runes, wordOrder) }

// normalize lowercases text (up to limit runes) and turns everything that
// is not a letter or a combining mark into a single space, so that
// n-grams see words only. The result starts and ends with a space, marking
// word boundaries.
func normalize(dst []rune, text string, limit int) []rune {
	dst = append(dst[:0], ' ')
	for _, r := range text {
		if len(dst) >= limit {
			break
		}
		switch {
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
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

// eachGram calls fn with every character n-gram (orders 1 to maxOrder),
// then each whole word of three letters or more (wordOrder), of
// the normalised runes, as UTF-8 in buf, along with its order. N-grams
// never span two words; the lone space is skipped.
func eachGram(runes []rune, buf []byte, fn func(g []byte, order int)) {
	for i := 0; i+1 < len(runes); i++ {
		for n := 1; n <= maxOrder && i+n <= len(runes); n++ {
			last := runes[i+n-1]
			if n == 1 && last == ' ' {
				continue
			}
			buf = buf[:0]
			for k := i; k < i+n; k++ {
				buf = utf8.AppendRune(buf, runes[k])
			}
			fn(buf, n)
			if n > 1 && last == ' ' {
				break // the word ended; grams never span two words
			}
		}
		if runes[i] == ' ' {
			end := i + 1
			for end < len(runes) && runes[end] != ' ' {
				end++
			}
			if end-i-1 >= 3 && end < len(runes) && end-i+1 <= 64 {
				buf = buf[:0]
				for k := i; k <= end; k++ {
					buf = utf8.AppendRune(buf, runes[k])
				}
				fn(buf, wordOrder)
			}
		}
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
