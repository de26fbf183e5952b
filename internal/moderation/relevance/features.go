package relevance

// features are the content words of a text prepared for comparison: the
// set of stems, and an index from character trigram to the stems that
// contain it for near-miss matching.
type features struct {
	stems map[string]int32 // stem → index into grams
	// grams[i] is the number of distinct trigrams of stem i.
	grams []uint8
	index map[uint32][]int32
}

// term is one content word of a comment.
type term struct {
	stem   string
	weight float64
}

// contentTerms returns the distinct content stems of text with their
// weights, and how many content words (not distinct) the text has.
func contentTerms(text string, buf []byte, idf map[string]float64) (terms []term, count int) {
	seen := make(map[string]bool, 32)
	words(text, buf, func(w string) {
		k, ok := keyOf(w)
		if !ok {
			return
		}
		count++
		if seen[k] {
			return
		}
		seen[k] = true
		wt, known := idf[k]
		if !known {
			wt = 1
		}
		if genericWords[w] || genericWords[k] {
			wt *= genericWeight
		}
		terms = append(terms, term{stem: k, weight: wt})
	})
	return terms, count
}

// keyOf turns a word into its comparison key, or reports that the word
// carries no topic (a stop word, a short word, a small number).
func keyOf(w string) (string, bool) {
	if stopWords[w] || len(w) < 3 {
		return "", false
	}
	if isNumber(w) && len(w) < 4 {
		return "", false
	}
	if s, ok := synonyms[w]; ok {
		w = s
	}
	return stem(w), true
}

func isNumber(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// newFeatures prepares a text (an article or a parent comment).
func newFeatures(text string) *features {
	f := &features{stems: make(map[string]int32), index: make(map[uint32][]int32)}
	var buf [64]byte
	words(text, buf[:0], func(w string) {
		k, ok := keyOf(w)
		if !ok {
			return
		}
		if _, dup := f.stems[k]; dup {
			return
		}
		id := int32(len(f.grams))
		f.stems[k] = id
		n := 0
		eachTrigram(k, func(g uint32) {
			list := f.index[g]
			if len(list) > 0 && list[len(list)-1] == id {
				return // repeated trigram within one stem
			}
			f.index[g] = append(list, id)
			n++
		})
		f.grams = append(f.grams, uint8(min(n, 255)))
	})
	return f
}

// eachTrigram calls fn with the byte trigrams of " "+s+" ", packed.
func eachTrigram(s string, fn func(uint32)) {
	var a, b uint32 = ' ', 0
	for i := 0; i <= len(s); i++ {
		c := uint32(' ')
		if i < len(s) {
			c = uint32(s[i])
		}
		if i >= 1 {
			fn(a<<16 | b<<8 | c)
		}
		a, b = b, c
		if i == 0 {
			a, b = ' ', c
		}
	}
}
