package language

import "sync"

// The engine asks about one comment three times (its language for the
// decision, the language rule, and flood's plausibility); memo keeps the
// last results by text so the model runs once per comment.
type memo struct {
	mu      sync.Mutex
	entries map[string]result
}

// result is what one scoring of a text yields.
type result struct {
	grams int
	mean  float64
	post  []float64
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
	if r, ok := d.memo.get(text); ok {
		return r
	}
	sc := d.s.pool.Get().(*scratch)
	grams, mean := d.s.posterior(sc, text)
	r := result{grams: grams, mean: mean, post: append([]float64(nil), sc.post...)}
	d.s.pool.Put(sc)
	d.memo.put(text, r)
	return r
}
