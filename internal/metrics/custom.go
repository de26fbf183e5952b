package metrics

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Counter is a number that only goes up, such as comments posted. It is
// safe for concurrent use; Add costs one atomic addition.
type Counter struct {
	v atomic.Uint64
}

// Add adds n to the counter.
func (c *Counter) Add(n uint64) { c.v.Add(n) }

// Inc adds one to the counter.
func (c *Counter) Inc() { c.v.Add(1) }

// Value returns the current count, for tests and diagnostics.
func (c *Counter) Value() uint64 { return c.v.Load() }

// Gauge is a number that goes up and down, such as a queue's length.
type Gauge struct {
	bits atomic.Uint64 // math.Float64bits of the value
}

// Set replaces the gauge's value.
func (g *Gauge) Set(v float64) { g.bits.Store(math.Float64bits(v)) }

// Add adds d (which may be negative) to the gauge.
func (g *Gauge) Add(d float64) {
	for {
		old := g.bits.Load()
		if g.bits.CompareAndSwap(old, math.Float64bits(math.Float64frombits(old)+d)) {
			return
		}
	}
}

// Value returns the gauge's current value.
func (g *Gauge) Value() float64 { return math.Float64frombits(g.bits.Load()) }

// CounterVec is a family of counters told apart by label values, such as
// moderation decisions by outcome. Keep the set of values small and fixed:
// every distinct combination becomes a time series forever.
type CounterVec struct {
	labels []string

	mu       sync.RWMutex
	children map[string]*vecChild // keyed by the values joined with "\xff"
}

type vecChild struct {
	values []string
	c      Counter
}

// With returns the counter for the given label values, in the order of the
// label names given to Registry.CounterVec, creating it on first use. Callers
// on a hot path can keep the returned *Counter. A wrong number of values is
// a programming error and panics.
func (v *CounterVec) With(values ...string) *Counter {
	if len(values) != len(v.labels) {
		panic(fmt.Sprintf("metrics: %d label values for labels %q", len(values), v.labels))
	}
	clean := make([]string, len(values))
	for i, s := range values {
		// Prometheus wants UTF-8; after this, "\xff" cannot occur in a value.
		clean[i] = strings.ToValidUTF8(s, "\uFFFD")
	}
	key := strings.Join(clean, "\xff")
	v.mu.RLock()
	ch := v.children[key]
	v.mu.RUnlock()
	if ch != nil {
		return &ch.c
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if ch = v.children[key]; ch == nil {
		ch = &vecChild{values: clean}
		v.children[key] = ch
	}
	return &ch.c
}

// Counter registers and returns a counter. By Prometheus convention its name
// ends in _total. A name that is invalid or taken panics.
func (r *Registry) Counter(name, help string) *Counter {
	c := &Counter{}
	r.register(counterFamily{name: name, help: help, c: c}, name)
	return c
}

// CounterVec registers and returns a counter family with the given label
// names. An invalid or taken name, or an invalid label name, panics.
func (r *Registry) CounterVec(name, help string, labelNames ...string) *CounterVec {
	for _, l := range labelNames {
		if !validLabelName(l) {
			panic(fmt.Sprintf("metrics: %s: invalid label name %q", name, l))
		}
	}
	v := &CounterVec{labels: slices.Clone(labelNames), children: map[string]*vecChild{}}
	r.register(counterVecFamily{name: name, help: help, v: v}, name)
	return v
}

// Gauge registers and returns a gauge. A name that is invalid or taken panics.
func (r *Registry) Gauge(name, help string) *Gauge {
	g := &Gauge{}
	r.register(gaugeFamily{name: name, help: help, value: g.Value}, name)
	return g
}

// GaugeFunc registers a gauge whose value fn computes at every scrape, for
// figures that already live elsewhere (a buffer's length, a cache's size).
// fn must be quick and safe for concurrent use. A name that is invalid or
// taken panics.
func (r *Registry) GaugeFunc(name, help string, fn func() float64) {
	r.register(gaugeFamily{name: name, help: help, value: fn}, name)
}

type counterFamily struct {
	name, help string
	c          *Counter
}

func (f counterFamily) collect(e *expoWriter) {
	e.family(f.name, "counter", f.help)
	e.sample(f.name, formatUint(f.c.Value()))
}

type gaugeFamily struct {
	name, help string
	value      func() float64
}

func (f gaugeFamily) collect(e *expoWriter) {
	e.family(f.name, "gauge", f.help)
	e.sample(f.name, formatFloat(f.value()))
}

type counterVecFamily struct {
	name, help string
	v          *CounterVec
}

func (f counterVecFamily) collect(e *expoWriter) {
	f.v.mu.RLock()
	keys := make([]string, 0, len(f.v.children))
	for k := range f.v.children {
		keys = append(keys, k)
	}
	children := make([]*vecChild, 0, len(keys))
	slices.Sort(keys)
	for _, k := range keys {
		children = append(children, f.v.children[k])
	}
	f.v.mu.RUnlock()

	e.family(f.name, "counter", f.help)
	pairs := make([]string, 2*len(f.v.labels))
	for _, ch := range children {
		for i, l := range f.v.labels {
			pairs[2*i], pairs[2*i+1] = l, ch.values[i]
		}
		e.sample(f.name, formatUint(ch.c.Value()), pairs...)
	}
}
