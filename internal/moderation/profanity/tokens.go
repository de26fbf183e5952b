package profanity

import "unicode"

// word is one token of a comment after normalisation: its element classes
// collapsed into runs ("fuuuck" is f,u,c,k with counts 1,3,1,1), so that
// repeated letters match a listed word but "as" does not match "ass".
type word struct {
	letters []byte  // one class per run
	counts  []uint8 // length of each run, capped at 255
	raw     int     // elements before collapsing
	special bool    // holds a mask or an i-or-l character
	numeric bool    // only digits (and digit-like classes): never matched
	foreign bool    // holds a letter of another script: never matched
	// title reports a word written with a capital first letter and no other
	// ("Dick", not "dick" or "DICK"), as names are.
	title bool
	// spaced reports that the word is one character long and that only
	// separators stand between it and the previous word, so a run of such
	// words ("f u c k", "f.u.c.k") can be joined.
	spaced bool
}

// tokenizer splits a comment into words. Its buffers are reused within one
// Detect call only.
type tokenizer struct {
	elems   []byte
	symbols []bool
	words   []word
	store   []byte
	counts  []uint8
	apos    int // elements before the current word's last apostrophe, 0 for none
}

// split returns the words of text.
func (t *tokenizer) split(text string) []word {
	t.words = t.words[:0]
	t.elems = t.elems[:0]
	t.symbols = t.symbols[:0]
	onlySeps := false // only separators since the last word
	digits := true
	title := false // first element an upper-case letter, no other so far
	var buf [8]byte
	for _, r := range text {
		kind, e, sym := class(r, buf[:0])
		switch kind {
		case kindDrop:
			if len(t.elems) > 0 && (r == '\'' || r == '’' || r == 'ʼ' || r == '`') {
				t.apos = len(t.elems)
			}
			continue
		case kindElem:
			if r >= '0' && r <= '9' {
				// digits read as letters, but a word of digits only is a number
			} else {
				digits = false
			}
			upper := unicode.IsUpper(r)
			if len(t.elems) == 0 {
				title = upper
			} else if upper {
				title = false
			}
			for _, c := range e {
				t.elems = append(t.elems, c)
				t.symbols = append(t.symbols, sym)
			}
			continue
		}
		if len(t.elems) > 0 {
			t.flush(digits, onlySeps, title)
			onlySeps = true
		}
		digits = true
		if kind == kindBreak {
			onlySeps = false
		}
	}
	if len(t.elems) > 0 {
		t.flush(digits, onlySeps, title)
	}
	return t.words
}

// flush ends the current word: it drops a clitic ("who're"), trims symbols
// that are punctuation at the word's edges ("shit!", "*sigh*"), collapses
// runs and appends the word.
func (t *tokenizer) flush(digits, afterSep, title bool) {
	e, s := t.elems, t.symbols
	t.elems, t.symbols = t.elems[:0], t.symbols[:0]
	if a := t.apos; a > 0 && clitics[string(e[a:])] {
		// A contraction or possessive is read without its clitic, so that
		// "who're" is not "whore" nor "As's" "ass"; "fuck's" is still "fuck".
		e, s = e[:a], s[:a]
	}
	t.apos = 0
	if len(e) > 0 && e[0] == wild {
		for len(e) > 0 && e[0] == wild {
			e, s = e[1:], s[1:]
		}
		for len(e) > 0 && e[len(e)-1] == wild {
			e, s = e[:len(e)-1], s[:len(s)-1]
		}
	}
	for len(e) > 0 && s[0] && e[0] == iOrL {
		e, s = e[1:], s[1:]
	}
	for len(e) > 0 && s[len(s)-1] && e[len(e)-1] == iOrL {
		e, s = e[:len(e)-1], s[:len(s)-1]
	}
	if len(e) == 0 {
		return
	}
	w := word{raw: len(e), numeric: digits, spaced: len(e) == 1 && afterSep, title: title && len(e) > 1}
	start := len(t.store)
	for i, c := range e {
		switch c {
		case wild, iOrL:
			w.special = true
		case foreign:
			w.foreign = true
		}
		if i > 0 && c == e[i-1] {
			if n := len(t.counts) - 1; t.counts[n] < 255 {
				t.counts[n]++
			}
			continue
		}
		t.store = append(t.store, c)
		t.counts = append(t.counts, 1)
	}
	w.letters = t.store[start:len(t.store):len(t.store)]
	w.counts = t.counts[start:len(t.counts):len(t.counts)]
	t.words = append(t.words, w)
}

// clitics are the endings an apostrophe joins to an English word ("'s",
// "'re", "n't" read as "'t"). Constant table.
var clitics = map[string]bool{"s": true, "re": true, "ve": true, "ll": true, "d": true, "m": true, "t": true}

// join returns the words ws[a:b] joined into one word, as for "f u c k".
func join(ws []word) word {
	var j word
	for _, w := range ws {
		j.raw += w.raw
		j.special = j.special || w.special
		j.foreign = j.foreign || w.foreign
		for i, c := range w.letters {
			if n := len(j.letters); n > 0 && j.letters[n-1] == c {
				j.counts[n-1] += w.counts[i]
				continue
			}
			j.letters = append(j.letters, c)
			j.counts = append(j.counts, w.counts[i])
		}
	}
	return j
}
