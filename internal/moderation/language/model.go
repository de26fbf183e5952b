package language

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
)

// entry is what one language's profile holds about an n-gram: the log
// probability of its last character after the others, stored as the
// difference from the language's floor so scoring adds only what the
// profile knows, and the log backoff weight for when the n-gram is the
// context of a character the language never showed after it.
type entry struct {
	delta float32
	bo    float32
	lang  uint8
}

// model is a loaded profile set.
type model struct {
	codes []string
	site  []bool // whether sites may be written in the language
	// floors are, per language, the ln p of a character the language
	// never showed, and wordFloors the ln p of a known word it never
	// used.
	floors, wordFloors []float32
	// unknown is the ln p plausibility charges a character no language
	// knows: the lowest floor.
	unknown float32
	// grams holds the n-grams of characters below U+10000 by gramKey,
	// which is much faster to look up than a string; wide holds the rest.
	grams map[uint64][]entry
	wide  map[string][]entry
	words map[string][]entry
}

// gramKey packs an n-gram of up to four characters below U+10000, 16 bits
// each, the last character lowest. Letters are never U+0000, so n-grams
// of different lengths never share a key.
func gramKey(runes []rune) (key uint64, ok bool) {
	for _, r := range runes {
		if r >= 0x10000 {
			return 0, false
		}
		key = key<<16 | uint64(r)
	}
	return key, true
}

// flagSite marks a language sites may be written in.
const flagSite = 1

// loadModel reads the gzip form Train writes.
func loadModel(data []byte) (*model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("language profiles: %w", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("language profiles: %w", err)
	}
	return decodeModel(raw)
}

// decodeModel reads the uncompressed profile set that counts.encode
// writes: the magic, the number of languages and for each its code,
// flags, character floor and word floor; then the n-gram table and the
// word table (see writeTable).
func decodeModel(raw []byte) (*model, error) {
	if !bytes.HasPrefix(raw, []byte(profileMagic)) {
		return nil, errors.New("language profiles: bad header")
	}
	r := &reader{b: raw[len(profileMagic):]}
	m := &model{}
	for range int(r.byte()) {
		code := string(r.bytes(int(r.byte())))
		flags, floor, wordFloor := r.byte(), dequantize(r.byte()), dequantize(r.byte())
		if len(m.codes) == 0 || floor < m.unknown {
			m.unknown = floor
		}
		m.codes = append(m.codes, code)
		m.site = append(m.site, flags&flagSite != 0)
		m.floors = append(m.floors, floor)
		m.wordFloors = append(m.wordFloors, wordFloor)
	}
	grams, gramEntries := r.table(m.floors, true)
	words, wordEntries := r.table(m.wordFloors, false)
	if r.err == nil && (len(m.codes) == 0 || len(r.b) > 0) {
		r.err = errors.New("no languages or trailing data")
	}
	if r.err != nil {
		return nil, fmt.Errorf("language profiles: %w", r.err)
	}
	m.grams = make(map[uint64][]entry, len(grams))
	m.wide = map[string][]entry{}
	var runes []rune
	for _, g := range grams {
		es := gramEntries[g.start:g.end:g.end]
		runes = runes[:0]
		for _, c := range g.key {
			runes = append(runes, c)
		}
		if key, ok := gramKey(runes); ok && len(runes) <= maxOrder {
			m.grams[key] = es
		} else {
			m.wide[g.key] = es
		}
	}
	m.words = make(map[string][]entry, len(words))
	for _, w := range words {
		m.words[w.key] = wordEntries[w.start:w.end:w.end]
	}
	return m, nil
}

// span is one key of a table and where its entries sit.
type span struct {
	key        string
	start, end int
}

// reader parses the uncompressed profiles, remembering the first error.
type reader struct {
	b   []byte
	err error
}

func (r *reader) byte() byte {
	if len(r.b) == 0 {
		r.fail()
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *reader) bytes(n int) []byte {
	if len(r.b) < n {
		r.fail()
		return nil
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

// table reads a table (see writeTable): its keys, which share one
// string, and all their entries in one array.
func (r *reader) table(floors []float32, backoff bool) ([]span, []entry) {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail()
	}
	if r.err != nil {
		return nil, nil
	}
	spans := make([]span, 0, n)
	ends := make([]int, 0, n) // where each key ends in keys
	var keys strings.Builder
	all := make([]entry, 0, n+n/2)
	for range n {
		keys.Write(r.bytes(int(r.byte())))
		ends = append(ends, keys.Len())
		start := len(all)
		for range int(r.byte()) {
			lang := r.byte()
			if int(lang) >= len(floors) {
				r.fail()
				return nil, nil
			}
			e := entry{lang: lang, delta: dequantize(r.byte()) - floors[lang]}
			if backoff {
				e.bo = dequantize(r.byte())
			}
			all = append(all, e)
		}
		spans = append(spans, span{start: start, end: len(all)})
	}
	if r.err != nil {
		return nil, nil
	}
	ks := keys.String()
	from := 0
	for i, end := range ends {
		spans[i].key = ks[from:end]
		from = end
	}
	return spans, all
}

func (r *reader) fail() {
	if r.err == nil {
		r.err = errors.New("truncated or corrupt")
	}
	r.b = nil
}
