package profanity

// innocent words that a root plus a suffix or prefix would otherwise turn
// into a match: the Scunthorpe guard for derivatives. Matching is on whole
// words, so words that merely contain a listed word (Scunthorpe, assassin,
// cockpit, Dickens) never match and need no entry; they are kept here and in
// the tests as a reminder. Constant table, in collapsed form.
var innocent = setOf("cocky", "cockier", "cockiest", "cocked", "cocking", "cocker", "cockers",
	"cockle", "cockles", "halfcocked", "dicker", "dickers", "dickey", "dickeys", "dicky", "dickie",
	"dickies", "craps", "crappie", "fagin", "fagged", "fagging", "scunthorpe", "assassin", "classic",
	"cockpit", "dickens", "essex", "sussex", "shitake", "cocktail", "assess", "bassist", "pricked",
	"pricking", "twatter")

// innocentExact are ordinary words that, with their letters collapsed, are
// a listed word ("Shiite" would read as "shite"); they are compared with
// their letter counts. Constant table.
var innocentExact = map[string]bool{"shiite": true, "shiites": true}

// match returns the best entry matched by the words starting at ws[i], how
// many words it spans and the severity of the match (the entry's, or at
// least 2 for an insulting compound of a mild root: "dumbass", "ass hat");
// ok is false when none matches.
func (lx *lexicon) match(ws []word, i int) (best, span, sev int, ok bool) {
	best, span, sev, ok = lx.matchWord(ws, i)
	if ok && innocentExact[expand(ws[i])] {
		return 0, 0, 0, false
	}
	return best, span, sev, ok
}

// matchWord is match without the innocentExact guard.
func (lx *lexicon) matchWord(ws []word, i int) (best, span, sev int, ok bool) {
	w := ws[i]
	if w.numeric || w.foreign {
		return 0, 0, 0, false
	}
	best = -1
	consider := func(e, n int) {
		if best < 0 || lx.entries[e].severity > lx.entries[best].severity {
			best, span = e, n
		}
	}
	if !w.special {
		for _, e := range lx.byFirst[string(w.letters)] {
			if n := lx.matchPhrase(ws, i, e); n > 0 {
				consider(e, n)
			}
		}
	}
	if best >= 0 {
		sev = lx.entries[best].severity
		if span == 1 && lx.entries[best].root && insultApart(ws, i) {
			sev = max(sev, 2)
		}
		return best, span, sev, true
	}
	if innocent[string(w.letters)] {
		return 0, 0, 0, false
	}
	if w.special {
		if e := lx.matchMasked(w); e >= 0 {
			return e, 1, lx.entries[e].severity, true
		}
		return 0, 0, 0, false
	}
	if e, insult := lx.matchDerivative(w); e >= 0 {
		sev = lx.entries[e].severity
		if insult {
			sev = max(sev, 2)
		}
		return e, 1, sev, true
	}
	return 0, 0, 0, false
}

// insultApart reports whether the root at ws[i] is an insulting compound
// written in two words ("dumb ass", "ass hat").
func insultApart(ws []word, i int) bool {
	return i > 0 && insultPrefixes[string(ws[i-1].letters)] ||
		i+1 < len(ws) && insultSuffixes[string(ws[i+1].letters)]
}

// expand spells w out with its repeated letters, up to 32 letters ("" for
// longer words, which no innocentExact entry is).
func expand(w word) string {
	if w.raw > 32 {
		return ""
	}
	var b [32]byte
	n := 0
	for i, c := range w.letters {
		for k := 0; k < int(w.counts[i]); k++ {
			b[n] = c
			n++
		}
	}
	return string(b[:n])
}

// matchPhrase returns how many words entry e spans at ws[i], or 0.
func (lx *lexicon) matchPhrase(ws []word, i, e int) int {
	ew := lx.entries[e].words
	if i+len(ew) > len(ws) {
		return 0
	}
	for k, x := range ew {
		if ws[i+k].special || !equal(ws[i+k], x) {
			return 0
		}
	}
	return len(ew)
}

// matchDerivative matches a root with an optional listed prefix and suffix:
// "fucking", "motherfucker", "dumbass", "shithead". insult reports a
// compound that names a person, rather than an inflection or an intensifier
// ("asshat", "jackass", not "asses", "badass" or "crapload").
func (lx *lexicon) matchDerivative(w word) (e int, insult bool) {
	l := string(w.letters)
	starts := [8]int{0}
	n := 1
	for _, p := range prefixLen {
		if p < len(l) && hasAffix(prefixes, w, 0, p, false) {
			starts[n] = p
			n++
		}
	}
	for _, s := range starts[:n] {
		if s >= len(l) {
			continue
		}
		for _, r := range lx.rootsBy[l[s]] {
			root := lx.entries[r].words[0]
			rl := string(root.letters)
			end := s + len(rl)
			if end > len(l) || l[s:end] != rl || (s == 0 && end == len(l)) {
				continue
			}
			rest := l[end:]
			if rest != "" && !hasAffix(suffixes, w, end, len(l), false) && !hasAffix(suffixes, w, end, len(l), true) {
				continue
			}
			if covers(w, s, root) {
				return r, insultPrefixes[l[:s]] || insultSuffixes[rest] || insultSuffixes[rl[len(rl)-1:]+rest]
			}
		}
	}
	return -1, false
}

// matchMasked matches a word holding mask characters or i-or-l symbols
// ("f*ck", "sh!t", "f***", "a$$h0le") against the single-word entries and
// the roots with their suffixes. A mask stands for one or more letters, at
// most as many as it has characters; at least one real letter and three
// characters in all are required, so "**" or "a*" match nothing.
func (lx *lexicon) matchMasked(w word) int {
	real := 0
	for _, c := range w.letters {
		if c != wild && c != iOrL {
			real++
		}
	}
	if real == 0 || w.raw < 3 {
		return -1
	}
	// Of the entries that fit, the best has as many letters as the word has
	// characters ("b****" is "bitch" rather than "bbw"), then the highest
	// severity.
	best, bestRank := -1, -1
	for _, e := range lx.special {
		ent := lx.entries[e]
		rank := ent.severity
		if len(ent.term) == w.raw {
			rank += 10
		}
		if rank <= bestRank {
			continue
		}
		if ends(w, 0, ent.words[0], 0, func(end int) bool {
			if end == len(w.letters) {
				return true
			}
			return ent.root && literalSuffix(w, end)
		}) {
			best, bestRank = e, rank
		}
	}
	return best
}

// literalSuffix reports whether w's letters from end on are a listed suffix.
func literalSuffix(w word, end int) bool {
	for _, c := range w.letters[end:] {
		if c == wild || c == iOrL {
			return false
		}
	}
	return hasAffix(suffixes, w, end, len(w.letters), false)
}

// A mask stands for at most as many runs as it has characters.
// ends walks w from run ti and e from run ei and calls done with each run of
// w where e can end; it reports whether done accepted one.
func ends(w word, ti int, e word, ei int, done func(int) bool) bool {
	if ei == len(e.letters) {
		return done(ti)
	}
	if ti == len(w.letters) {
		return false
	}
	switch c := w.letters[ti]; c {
	case wild:
		// A mask inside a word may also stand for the second letter of a
		// double ("b*obs"), so it can take no run of its own.
		first := 1
		if ti > 0 {
			first = 0
		}
		for j := first; j <= int(w.counts[ti]) && ei+j <= len(e.letters); j++ {
			if ends(w, ti+1, e, ei+j, done) {
				return true
			}
		}
		return false
	case iOrL:
		if x := e.letters[ei]; x != 'i' && x != 'l' && x != iOrL {
			return false
		}
	default:
		if c != e.letters[ei] {
			return false
		}
		nextToMask := (ti > 0 && w.letters[ti-1] == wild) || (ti+1 < len(w.letters) && w.letters[ti+1] == wild)
		if w.counts[ti] < e.counts[ei] && !nextToMask {
			return false
		}
	}
	return ends(w, ti+1, e, ei+1, done)
}
