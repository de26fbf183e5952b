package metrics

import (
	"math"
	"runtime/metrics"
)

// runtimeMetric maps one runtime/metrics sample to a Prometheus family.
// runtime/metrics is read without stopping the world, unlike
// runtime.ReadMemStats, so scraping does not pause request handling.
type runtimeMetric struct {
	source, name, typ, help string
}

// runtimeMetrics lists the scalar samples exposed, under the names common
// Go dashboards expect. Read-only.
var runtimeMetrics = [...]runtimeMetric{
	{"/sched/goroutines:goroutines", "go_goroutines", "gauge", "Goroutines that currently exist."},
	{"/sched/gomaxprocs:threads", "go_gomaxprocs", "gauge", "Value of GOMAXPROCS: threads that may run Go code at once."},
	{"/memory/classes/heap/objects:bytes", "go_memstats_heap_alloc_bytes", "gauge", "Bytes of heap objects, live or not yet swept."},
	{"/gc/heap/allocs:bytes", "go_memstats_alloc_bytes_total", "counter", "Bytes allocated on the heap since the process started."},
	{"/memory/classes/total:bytes", "go_memstats_sys_bytes", "gauge", "Bytes of memory the Go runtime has mapped from the OS."},
	{"/gc/heap/goal:bytes", "go_gc_heap_goal_bytes", "gauge", "Heap size at which the next garbage collection will start."},
	{"/gc/cycles/total:gc-cycles", "go_gc_cycles_total", "counter", "Completed garbage collection cycles."},
}

const (
	gcPauseSource = "/sched/pauses/total/gc:seconds"
	gcPauseName   = "go_gc_pause_seconds_total"
)

func runtimeNames() []string {
	names := []string{gcPauseName}
	for _, m := range runtimeMetrics {
		names = append(names, m.name)
	}
	return names
}

// runtimeCollector reads the Go runtime's own metrics at every scrape.
type runtimeCollector struct{}

func (runtimeCollector) collect(e *expoWriter) {
	samples := make([]metrics.Sample, len(runtimeMetrics)+1)
	for i, m := range runtimeMetrics {
		samples[i].Name = m.source
	}
	samples[len(runtimeMetrics)].Name = gcPauseSource
	metrics.Read(samples)

	for i, m := range runtimeMetrics {
		v, ok := sampleValue(samples[i].Value)
		if !ok {
			continue // not supported by this Go version
		}
		e.family(m.name, m.typ, m.help)
		e.sample(m.name, v)
	}
	if h := samples[len(runtimeMetrics)].Value; h.Kind() == metrics.KindFloat64Histogram {
		e.family(gcPauseName, "counter", "Total stop-the-world GC pause time, estimated from the runtime's pause histogram.")
		e.sample(gcPauseName, formatFloat(histogramSum(h.Float64Histogram())))
	}
}

// sampleValue formats a scalar sample; integers stay exact.
func sampleValue(v metrics.Value) (string, bool) {
	switch v.Kind() {
	case metrics.KindUint64:
		return formatUint(v.Uint64()), true
	case metrics.KindFloat64:
		return formatFloat(v.Float64()), true
	}
	return "", false
}

// histogramSum estimates the sum of the values in h by counting each value
// at its bucket's midpoint (or its finite edge, for the open-ended buckets).
// The runtime's buckets are narrow, so the error is a few percent at most,
// and the estimate only grows, as a counter must.
func histogramSum(h *metrics.Float64Histogram) float64 {
	var sum float64
	for i, n := range h.Counts {
		if n == 0 {
			continue
		}
		lo, hi := h.Buckets[i], h.Buckets[i+1]
		var mid float64
		switch {
		case math.IsInf(lo, -1):
			mid = hi
		case math.IsInf(hi, 1):
			mid = lo
		default:
			mid = (lo + hi) / 2
		}
		sum += float64(n) * mid
	}
	return sum
}
