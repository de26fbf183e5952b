package classify

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// Model is one trained binary classifier in the form Tribune ships it:
// int8 weights over hashed feature buckets (a weight is Q[i]*Scale), a
// bias, the Platt parameters that turn a margin into a probability, and
// the decision threshold chosen on held-out data. Int8 keeps the embedded
// files small and the in-memory table cache-friendly.
type Model struct {
	Name  string
	Bits  uint
	Scale float32
	Q     []int8 // len 1<<Bits
	Bias  float64
	// PlattA and PlattB calibrate: p = 1 / (1 + exp(PlattA*margin + PlattB)).
	PlattA, PlattB float64
	// Threshold is the probability at or above which the rule fires.
	Threshold float64
}

// magic starts every weights file, naming the format and its version.
const magic = "TRIBCLF1"

// quantize maps float weights to int8 with one scale, so the largest
// weight becomes ±127; weights that round to zero are pruned.
func quantize(w []float32) (float32, []int8) {
	var max float32
	for _, v := range w {
		if a := float32(math.Abs(float64(v))); a > max {
			max = a
		}
	}
	q := make([]int8, len(w))
	if max == 0 {
		return 1, q
	}
	scale := max / 127
	for i, v := range w {
		q[i] = int8(math.Round(float64(v / scale)))
	}
	return scale, q
}

// Prob is the calibrated probability for a raw margin.
func (m *Model) Prob(margin float64) float64 {
	return 1 / (1 + math.Exp(m.PlattA*margin+m.PlattB))
}

// WriteTo writes the model gzip-compressed: header fields, then every
// non-zero weight as a varint gap from the previous one and a byte.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(zw)
	var buf [binary.MaxVarintLen64]byte
	putU := func(v uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	putF := func(v float64) { binary.Write(bw, binary.LittleEndian, v) }
	bw.WriteString(magic)
	putU(uint64(len(m.Name)))
	bw.WriteString(m.Name)
	putU(uint64(m.Bits))
	binary.Write(bw, binary.LittleEndian, m.Scale)
	putF(m.Bias)
	putF(m.PlattA)
	putF(m.PlattB)
	putF(m.Threshold)
	nz := 0
	for _, v := range m.Q {
		if v != 0 {
			nz++
		}
	}
	putU(uint64(nz))
	prev := -1
	for i, v := range m.Q {
		if v == 0 {
			continue
		}
		putU(uint64(i - prev))
		bw.WriteByte(byte(v))
		prev = i
	}
	if err := bw.Flush(); err != nil {
		return cw.n, fmt.Errorf("write model %s: %w", m.Name, err)
	}
	if err := zw.Close(); err != nil {
		return cw.n, fmt.Errorf("write model %s: %w", m.Name, err)
	}
	return cw.n, nil
}

// ReadModel reads a model written by WriteTo.
func ReadModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	br := bufio.NewReader(zr)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, errors.New("read model: not a Tribune classifier file")
	}
	var m Model
	nameLen, err := binary.ReadUvarint(br)
	if err != nil || nameLen > 64 {
		return nil, fmt.Errorf("read model: bad name: %v", err)
	}
	name := make([]byte, nameLen)
	bits, err2 := uint64(0), error(nil)
	if _, err = io.ReadFull(br, name); err == nil {
		bits, err2 = binary.ReadUvarint(br)
	}
	if err = errors.Join(err, err2); err != nil || bits < 8 || bits > 24 {
		return nil, fmt.Errorf("read model: bad header: %v", err)
	}
	m.Name, m.Bits = string(name), uint(bits)
	err = errors.Join(
		binary.Read(br, binary.LittleEndian, &m.Scale),
		binary.Read(br, binary.LittleEndian, &m.Bias),
		binary.Read(br, binary.LittleEndian, &m.PlattA),
		binary.Read(br, binary.LittleEndian, &m.PlattB),
		binary.Read(br, binary.LittleEndian, &m.Threshold),
	)
	if err != nil {
		return nil, fmt.Errorf("read model %s: %w", m.Name, err)
	}
	nz, err := binary.ReadUvarint(br)
	if err != nil || nz > 1<<bits {
		return nil, fmt.Errorf("read model %s: bad weight count: %v", m.Name, err)
	}
	m.Q = make([]int8, 1<<bits)
	pos := -1
	for range nz {
		gap, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, fmt.Errorf("read model %s: %w", m.Name, err)
		}
		pos += int(gap)
		b, err := br.ReadByte()
		if err != nil || gap == 0 || pos >= len(m.Q) {
			return nil, fmt.Errorf("read model %s: bad weight at %d: %v", m.Name, pos, err)
		}
		m.Q[pos] = int8(b)
	}
	return &m, nil
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
