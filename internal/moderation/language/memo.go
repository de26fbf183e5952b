package language

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// The engine asks about one comment three times (its language for the
// decision, the language rule, and flood's plausibility); memo keeps the
// last results by text so the model runs once per comment.
type memo struct {
	mu      sync.Mutex
	entries map[string]result
}

// result is what one scoring of a text yields: the characters scored
// (letters and the spaces that end words), the letters some profile
// knows, the mean log-likelihood per character under the best language,
// and each language's probability.
type result struct {
	chars, letters int
	mean           float64
	post           []float64
}

// best is the index of the most likely language.
func (r result) best() int {
	best := 0
	for i, p := range r.post {
		if p > r.post[best] {
			best = i
		}
	}
	return best
}

const memoSize = 256

func (m *memo) get(text string) (result, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.entries[text]
	return r, ok
}

func (m *memo) put(text string, r result) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.entries == nil || len(m.entries) >= memoSize {
		m.entries = make(map[string]result, memoSize)
	}
	m.entries[text] = r
}

// score returns the posterior of text, from the memo when it is there.
func (d *Detector) score(text string) result {
	text = clip(text, maxScored)
	if r, ok := d.memo.get(text); ok {
		return r
	}
	sc := d.s.pool.Get().(*scratch)
	r := d.s.posterior(sc, text)
	r.post = append([]float64(nil), r.post...)
	d.s.pool.Put(sc)
	d.memo.put(text, r)
	return r
}

// maxScored is how much of a text is scored, in bytes: a few hundred
// characters tell a language as surely as a whole essay, at a fraction of
// the cost on long comments.
const maxScored = 120

// clip cuts text to at most n bytes, at the last space before the limit
// (or a rune boundary when there is none).
func clip(text string, n int) string {
	if len(text) <= n {
		return text
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	if i := strings.LastIndexByte(text[:cut], ' '); i > n/2 {
		cut = i
	}
	return text[:cut]
}
