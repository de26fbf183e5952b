package lexicon

// matcher holds a dense index over a group of sets so that each comment
// word is looked up in a map once, not once per set: every first word of
// every phrase gets a number, and each set keeps, per number, the phrases
// that begin with it.
type matcher struct {
	vocab  map[string]int32
	dense  map[*set][][]int
	vocab3 map[string]int32 // first three letters of prefix patterns
	dense3 map[*set][][]firstPrefix
}

// newMatcher indexes sets.
func newMatcher(sets ...*set) *matcher {
	m := &matcher{vocab: map[string]int32{}, dense: map[*set][][]int{}, vocab3: map[string]int32{}, dense3: map[*set][][]firstPrefix{}}
	for _, s := range sets {
		for w := range s.byFirst {
			if _, ok := m.vocab[w]; !ok {
				m.vocab[w] = int32(len(m.vocab))
			}
		}
		for w := range s.byPrefix3 {
			if _, ok := m.vocab3[w]; !ok {
				m.vocab3[w] = int32(len(m.vocab3))
			}
		}
	}
	for _, s := range sets {
		if _, ok := m.dense[s]; ok {
			continue
		}
		d := make([][]int, len(m.vocab))
		for w, ids := range s.byFirst {
			d[m.vocab[w]] = ids
		}
		m.dense[s] = d
		d3 := make([][]firstPrefix, len(m.vocab3))
		for w, fps := range s.byPrefix3 {
			d3[m.vocab3[w]] = fps
		}
		m.dense3[s] = d3
	}
	return m
}

// scan is one comment being matched: its words and their numbers in the
// matcher's vocabulary (-1 for words no phrase begins with).
type scan struct {
	toks []token
	ids  []int32
	ids3 []int32 // of the first three letters, in vocab3
	m    *matcher
}

func (m *matcher) scan(toks []token) *scan {
	ids := make([]int32, 2*len(toks))
	ids, ids3 := ids[:len(toks)], ids[len(toks):]
	for i, t := range toks {
		id, ok := m.vocab[t.text]
		if !ok {
			id = -1
		}
		ids[i] = id
		id3, ok := int32(0), false
		if len(t.text) >= 3 {
			id3, ok = m.vocab3[t.text[:3]]
		}
		if !ok {
			id3 = -1
		}
		ids3[i] = id3
	}
	return &scan{toks: toks, ids: ids, ids3: ids3, m: m}
}

// find returns the spans where any phrase of s matches. Sets that were
// not given to the matcher fall back to their own index.
func (sc *scan) find(s *set) []span {
	d, ok := sc.m.dense[s]
	if !ok {
		return s.find(sc.toks)
	}
	var out []span
	d3 := sc.m.dense3[s]
	for i, id := range sc.ids {
		if id >= 0 {
			out = s.appendAt(out, sc.toks, i, d[id])
		}
		if id3 := sc.ids3[i]; id3 >= 0 && len(d3) > 0 {
			out = s.appendPrefixAt(out, sc.toks, i, d3[id3])
		}
	}
	return out
}
