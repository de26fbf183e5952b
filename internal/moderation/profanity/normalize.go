package profanity

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Element classes besides the letters a-z and the digits that stand for
// themselves: a mask character that stands for any letters, a character
// that reads as i or l, and a letter of another script (which never
// matches).
const (
	wild    = '*'
	iOrL    = '!'
	foreign = '?'
)

// Kinds of character, as the tokenizer sees them.
const (
	kindBreak = iota // ends a word and any run of spaced letters
	kindSep          // ends a word; may stand between spaced letters
	kindDrop         // invisible: ignored (zero-width, accents, apostrophes)
	kindElem         // part of a word
)

// class returns the kind of r and, for kindElem, its element class(es).
// Most characters give one element; a ligature or "ß" gives two.
// symbol reports a character that is a letter only inside a word ("!", "|").
func class(r rune, buf []byte) (kind int, elems []byte, symbol bool) {
	if r < utf8.RuneSelf {
		return asciiClass(byte(r), buf)
	}
	if r >= 0xFF01 && r <= 0xFF5E { // fullwidth forms
		return asciiClass(byte(r-0xFEE0), buf)
	}
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf), unicode.Is(unicode.Variation_Selector, r),
		r == '’', r == '‘', r == 'ʼ':
		return kindDrop, nil, false
	case unicode.IsSpace(r):
		return kindSep, nil, false
	case r == '·' || r == '•' || r == '‧' || r == '∙' || r == '–' || r == '—':
		return kindSep, nil, false
	}
	lr := unicode.ToLower(r)
	if c, ok := lookalikes[lr]; ok {
		return kindElem, append(buf, c...), false
	}
	if !unicode.IsLetter(r) && !unicode.IsNumber(r) {
		if c, ok := lookalikes[r]; ok { // symbols such as € and ¡
			return kindElem, append(buf, c...), false
		}
		return kindBreak, nil, false
	}
	// Accented and compatibility forms: decompose and keep the base letters.
	var tmp [16]byte
	d := norm.NFKD.AppendString(tmp[:0], string(lr))
	for _, dr := range string(d) {
		switch {
		case dr < utf8.RuneSelf:
			if _, e, _ := asciiClass(byte(unicode.ToLower(dr)), nil); len(e) > 0 {
				buf = append(buf, e...)
			}
		case unicode.In(dr, unicode.Mn, unicode.Me):
		default:
			if c, ok := lookalikes[unicode.ToLower(dr)]; ok {
				buf = append(buf, c...)
			} else {
				buf = append(buf, foreign)
			}
		}
	}
	if len(buf) == 0 {
		return kindDrop, nil, false
	}
	return kindElem, buf, false
}

// asciiClass classifies an ASCII character, reading the usual leet
// substitutions as the letters they stand for.
func asciiClass(c byte, buf []byte) (int, []byte, bool) {
	switch {
	case c >= 'a' && c <= 'z':
		return kindElem, append(buf, c), false
	case c >= 'A' && c <= 'Z':
		return kindElem, append(buf, c+'a'-'A'), false
	}
	switch c {
	case '0':
		return kindElem, append(buf, 'o'), false
	case '1':
		return kindElem, append(buf, iOrL), false
	case '!', '|':
		return kindElem, append(buf, iOrL), true
	case '3':
		return kindElem, append(buf, 'e'), false
	case '4', '@':
		return kindElem, append(buf, 'a'), false
	case '5', '$':
		return kindElem, append(buf, 's'), false
	case '7', '+':
		return kindElem, append(buf, 't'), false
	case '8':
		return kindElem, append(buf, 'b'), false
	case '9':
		return kindElem, append(buf, 'g'), false
	case '2', '6':
		return kindElem, append(buf, c), false
	case '*':
		return kindElem, append(buf, wild), true
	case '\'', '`':
		return kindDrop, buf, false
	case ' ', '\t', '.', '-', '_', '/', '\\', '~', ',', ':', ';', '^', '=':
		return kindSep, buf, false
	}
	return kindBreak, buf, false
}

// lookalikes maps lower-case letters of other scripts, and a few symbols, to
// the Latin letters they are drawn like (Cyrillic and Greek code charts;
// letters with fused strokes that decomposition cannot split). Constant table.
var lookalikes = map[rune]string{
	// Cyrillic.
	'а': "a", 'в': "b", 'с': "c", 'ԁ': "d", 'е': "e", 'ё': "e", 'һ': "h", 'н': "h",
	'і': "i", 'ї': "i", 'ј': "j", 'к': "k", 'м': "m", 'о': "o", 'р': "p", 'ԛ': "q",
	'ѕ': "s", 'т': "t", 'у': "y", 'ү': "y", 'х': "x", 'ԝ': "w", 'ь': "b", 'г': "r",
	'п': "n", 'и': "u", 'ц': "u", 'з': "e", 'ӏ': "l",
	// Greek.
	'α': "a", 'β': "b", 'γ': "y", 'δ': "d", 'ε': "e", 'η': "n", 'ι': "i", 'κ': "k",
	'ν': "v", 'ο': "o", 'ρ': "p", 'τ': "t", 'υ': "u", 'χ': "x", 'ω': "w", 'μ': "u",
	'ς': "c", 'σ': "o", 'ϲ': "c",
	// Latin letters with fused marks, ligatures.
	'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'ħ': "h", 'ı': "i", 'ß': "ss", 'æ': "ae", 'œ': "oe",
	'ŧ': "t", 'ƒ': "f", 'ɡ': "g",
	// Symbols that stand for letters.
	'€': "e", '£': "l", '¡': "i", '¢': "c", '¥': "y", '©': "c", '®': "r",
}
