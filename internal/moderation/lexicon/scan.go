package lexicon

// matcher holds a dense index over a group of sets so that each comment
// word is looked up in a map once, not once per set: every first word of
// every phrase gets a number, and each set keeps, per number, the phrases
// that begin with it.
type matcher struct {
	index  map[*set]int // into dense
	dense  []denseSet
	vocab  map[string]int32
	vocab3 map[string]int32 // first three letters of prefix patterns
}

// denseSet is one set's phrases by the number of their first word, and
// by the number of the first three letters of a prefix first word.
type denseSet struct {
	s      *set
	first  [][]int
	first3 [][]firstPrefix
}

// newMatcher indexes sets.
func newMatcher(sets ...*set) *matcher {
	m := &matcher{index: map[*set]int{}, vocab: map[string]int32{}, vocab3: map[string]int32{}}
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
		if _, ok := m.index[s]; ok {
			continue
		}
		ds := denseSet{s: s, first: make([][]int, len(m.vocab))}
		for w, ids := range s.byFirst {
			ds.first[m.vocab[w]] = ids
		}
		if len(s.byPrefix3) > 0 {
			ds.first3 = make([][]firstPrefix, len(m.vocab3))
			for w, fps := range s.byPrefix3 {
				ds.first3[m.vocab3[w]] = fps
			}
		}
		m.index[s] = len(m.dense)
		m.dense = append(m.dense, ds)
	}
	return m
}

// scan is one comment being matched: its words, their numbers in the
// matcher's vocabulary (-1 for words no phrase begins with), the
// positions of the words that begin some phrase, and the matches of the
// sets looked for so far, since rules ask for a set more than once.
type scan struct {
	toks []token
	ids  []int32
	ids3 []int32 // of the first three letters, in vocab3
	cand []int32 // positions with ids or ids3 >= 0
	m    *matcher
	// found holds, by the matcher's index of a set, where its spans are
	// in spans: offset and count, a count of -1 until looked for.
	found [][2]int32
	spans []span // the spans of found, end to end
}

func (m *matcher) scan(toks []token) *scan {
	n := len(toks)
	ids := make([]int32, 3*n)
	ids, ids3, cand := ids[:n], ids[n:2*n], ids[2*n:2*n]
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
		if id >= 0 || id3 >= 0 {
			cand = append(cand, int32(i))
		}
	}
	found := make([][2]int32, len(m.dense))
	for i := range found {
		found[i][1] = -1
	}
	return &scan{toks: toks, ids: ids, ids3: ids3, cand: cand, m: m, found: found}
}

// find returns the spans where any phrase of s matches. Sets that were
// not given to the matcher fall back to their own index.
func (sc *scan) find(s *set) []span {
	i, ok := sc.m.index[s]
	if !ok {
		return s.find(sc.toks)
	}
	f := &sc.found[i]
	if f[1] < 0 {
		off := len(sc.spans)
		sc.spans = sc.findDense(&sc.m.dense[i], sc.spans)
		*f = [2]int32{int32(off), int32(len(sc.spans) - off)}
	}
	return sc.spans[f[0] : f[0]+f[1] : f[0]+f[1]]
}

// foundNone reports whether s is known to have no match: it has been
// looked for and not found. It lets a rule skip a pair whose second set
// is known to be absent without looking for the first.
func (sc *scan) foundNone(s *set) bool {
	i, ok := sc.m.index[s]
	return ok && sc.found[i][1] == 0
}

// findDense appends the matches of ds to out.
func (sc *scan) findDense(ds *denseSet, out []span) []span {
	for _, i := range sc.cand {
		if id := sc.ids[i]; id >= 0 && ds.first[id] != nil {
			out = ds.s.appendAt(out, sc.toks, int(i), ds.first[id])
		}
		if id3 := sc.ids3[i]; id3 >= 0 && ds.first3 != nil && ds.first3[id3] != nil {
			out = ds.s.appendPrefixAt(out, sc.toks, int(i), ds.first3[id3])
		}
	}
	return out
}

// startsWithin reports whether a phrase of s begins at a word from..to
// (inclusive) of sentence sent. It costs a few look-ups where find would
// scan the whole comment.
func (sc *scan) startsWithin(s *set, from, to, sent int) bool {
	i, ok := sc.m.index[s]
	if !ok {
		for _, sp := range s.find(sc.toks) {
			if sp.start >= from && sp.start <= to && sc.toks[sp.start].sent == sent {
				return true
			}
		}
		return false
	}
	ds := &sc.m.dense[i]
	var buf [4]span
	for j := from; j <= to && j < len(sc.toks) && sc.toks[j].sent == sent; j++ {
		if id := sc.ids[j]; id >= 0 && ds.first[id] != nil && len(s.appendAt(buf[:0], sc.toks, j, ds.first[id])) > 0 {
			return true
		}
		if id3 := sc.ids3[j]; id3 >= 0 && ds.first3 != nil && len(s.appendPrefixAt(buf[:0], sc.toks, j, ds.first3[id3])) > 0 {
			return true
		}
	}
	return false
}
