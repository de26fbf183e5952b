package language

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// entry is one language's log-probability for an n-gram, stored as the
// difference from that language's floor so scoring adds only what the
// profile knows.
type entry struct {
	lang  uint8
	delta float32
}

// model is a loaded profile set: naive Bayes over character n-grams.
type model struct {
	codes  []string
	floors [][wordOrder]float32 // per language, per order: ln p of an unknown n-gram
	grams  map[string][]entry
}

// loadModel reads the gzip form Train writes.
func loadModel(data []byte) (*model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("language profiles: %w", err)
	}
	r := bufio.NewReader(zr)
	magic := make([]byte, len(profileMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != profileMagic {
		return nil, errors.New("language profiles: bad header")
	}
	m := &model{}
	nl, err := r.ReadByte()
	if err != nil {
		return nil, fmt.Errorf("language profiles: %w", err)
	}
	for range int(nl) {
		code, err := readShort(r)
		if err != nil {
			return nil, err
		}
		var f [wordOrder]uint8
		if _, err := io.ReadFull(r, f[:]); err != nil {
			return nil, fmt.Errorf("language profiles: %w", err)
		}
		var ff [wordOrder]float32
		for i, q := range f {
			ff[i] = -float32(q) * quantStep
		}
		m.codes = append(m.codes, code)
		m.floors = append(m.floors, ff)
	}
	ng, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, fmt.Errorf("language profiles: %w", err)
	}
	m.grams = make(map[string][]entry, ng)
	all := make([]entry, 0, ng*2)
	for range ng {
		g, err := readShort(r)
		if err != nil {
			return nil, err
		}
		order := gramOrder(len([]rune(g)))
		if order < 1 {
			return nil, fmt.Errorf("language profiles: n-gram %q of order %d", g, order)
		}
		ne, err := r.ReadByte()
		if err != nil {
			return nil, fmt.Errorf("language profiles: %w", err)
		}
		start := len(all)
		for range int(ne) {
			var pair [2]byte
			if _, err := io.ReadFull(r, pair[:]); err != nil {
				return nil, fmt.Errorf("language profiles: %w", err)
			}
			if int(pair[0]) >= len(m.codes) {
				return nil, errors.New("language profiles: bad language index")
			}
			lp := -float32(pair[1]) * quantStep
			all = append(all, entry{lang: pair[0], delta: lp - m.floors[pair[0]][order-1]})
		}
		m.grams[g] = all[start:len(all):len(all)]
	}
	return m, nil
}

// readShort reads a string prefixed by its one-byte length.
func readShort(r *bufio.Reader) (string, error) {
	n, err := r.ReadByte()
	if err != nil {
		return "", fmt.Errorf("language profiles: %w", err)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", fmt.Errorf("language profiles: %w", err)
	}
	return string(b), nil
}
