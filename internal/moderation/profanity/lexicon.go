package profanity

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

//go:generate go run ./gen -data ../../../../shared/data/moderation -out words.txt

// wordsTxt is the compiled lexicon; see gen for how it is made.
//
//go:embed words.txt
var wordsTxt string

// entry is one listed term: its words in collapsed form, its severity (1
// mild to 4 severe) and whether its derivatives match too.
type entry struct {
	term     string
	words    []word
	severity int
	root     bool
}

// lexicon is the compiled word list, indexed by the collapsed letters of each
// entry's first word.
type lexicon struct {
	entries []entry
	byFirst map[string][]int
	rootsBy map[byte][]int // derivative roots by first letter
	special []int          // single-word entries, scanned for masked words
}

// parseLexicon reads the compiled list.
func parseLexicon(text string) (*lexicon, error) {
	lx := &lexicon{byFirst: map[string][]int{}, rootsBy: map[byte][]int{}}
	var t tokenizer
	for n, line := range strings.Split(text, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("words.txt line %d: want 3 fields, got %d", n+1, len(f))
		}
		sev, err := strconv.Atoi(f[1])
		if err != nil {
			return nil, fmt.Errorf("words.txt line %d: severity: %w", n+1, err)
		}
		ws := append([]word(nil), t.split(f[0])...)
		if len(ws) == 0 {
			continue
		}
		e := entry{term: f[0], words: ws, severity: sev, root: f[2] == "d"}
		i := len(lx.entries)
		lx.entries = append(lx.entries, e)
		k := string(ws[0].letters)
		lx.byFirst[k] = append(lx.byFirst[k], i)
		if e.root {
			c := ws[0].letters[0]
			lx.rootsBy[c] = append(lx.rootsBy[c], i)
		}
		if len(ws) == 1 {
			lx.special = append(lx.special, i)
		}
	}
	return lx, nil
}

// covers reports whether w's runs at offset off are at least as long as
// e's, so that "fuuck" covers "fuck" but "as" does not cover "ass".
func covers(w word, off int, e word) bool {
	for i, n := range e.counts {
		if w.counts[off+i] < n {
			return false
		}
	}
	return true
}

// equal reports whether w is the listed word e (repeated letters allowed).
func equal(w, e word) bool {
	return string(w.letters) == string(e.letters) && covers(w, 0, e)
}

// Prefixes and suffixes that make derivatives and compounds of a root
// ("motherfucker", "bullshit", "dumbass", "fucking", "shithead"). Constant
// tables, in collapsed form.
var (
	prefixes = affixes("mother", "bull", "horse", "dog", "ape", "dumb", "jack", "bad", "smart", "kick",
		"fat", "lard", "holy", "chicken", "dip", "bat", "lame", "wise", "kiss", "half", "candy", "cluster")
	suffixes = affixes("s", "es", "ed", "er", "ers", "ing", "ings", "in", "y", "ey", "ie", "ies", "ier",
		"iest", "head", "heads", "face", "faces", "hole", "holes", "wit", "wits", "tard", "tards",
		"bag", "bags", "hat", "hats", "wad", "wads", "load", "loads", "stain", "show", "storm",
		"lord", "nugget", "sucker", "fest", "ass", "wipe", "less", "ery", "ty", "bird", "box", "weasel")
	prefixLen = [...]int{2, 3, 4, 5, 6, 7}
	// insultPrefixes and insultSuffixes make a compound that names a
	// person ("dumbass", "asshat"), at least offensive (2) whatever its
	// root; other affixes keep the root's severity ("badass", "crappy").
	insultPrefixes = setOf("dumb", "jack", "fat", "lard", "dip", "lame", "kiss", "candy")
	insultSuffixes = setOf("head", "heads", "face", "faces", "hole", "holes", "wit", "wits", "tard", "tards",
		"bag", "bags", "hat", "hats", "wad", "wads", "wipe", "sucker", "nugget", "weasel", "lord", "stain", "bird")
)

// affixes collapses repeated letters of each affix and returns the set, with
// the length of each run, so that "less" is a suffix of "cockless" but not of
// "cockles".
func affixes(ws ...string) map[string][]uint8 {
	m := make(map[string][]uint8, len(ws))
	for _, w := range ws {
		var b []byte
		var n []uint8
		for i := 0; i < len(w); i++ {
			if i > 0 && w[i] == w[i-1] {
				n[len(n)-1]++
				continue
			}
			b = append(b, w[i])
			n = append(n, 1)
		}
		if old, ok := m[string(b)]; ok {
			for i := range n {
				n[i] = min(n[i], old[i])
			}
		}
		m[string(b)] = n
	}
	return m
}

// hasAffix reports whether w's runs from..to are an affix of m, each run at
// least as long as the affix's; with shared set, the affix's first letter is
// the last run before from (a root's "ass" and the suffix "sucker").
func hasAffix(m map[string][]uint8, w word, from, to int, shared bool) bool {
	key := string(w.letters[from:to])
	if shared {
		key = string(w.letters[from-1 : to])
	}
	n, ok := m[key]
	if !ok {
		return false
	}
	if shared {
		n = n[1:]
	}
	for i, c := range n {
		if w.counts[from+i] < c {
			return false
		}
	}
	return true
}

// setOf collapses repeated letters of each word and returns the set.
func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		var b []byte
		for i := 0; i < len(w); i++ {
			if i == 0 || w[i] != w[i-1] {
				b = append(b, w[i])
			}
		}
		m[string(b)] = true
	}
	return m
}
