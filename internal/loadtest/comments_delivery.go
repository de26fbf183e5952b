package loadtest

import (
	"slices"
	"time"
)

// Posted is a comment the fan-out benchmark posted: its stream sequence
// number and when the 201 for it arrived.
type Posted struct {
	ID  string
	Seq int64
	Ack time.Time
}

// Receipt is one comment event a subscriber received, and when.
type Receipt struct {
	Seq int64
	At  time.Time
}

// Delivery sums up how the posted comments reached the subscribers. A
// latency is the time from a comment's 201 at the poster to the event at
// one subscriber; an event that arrived before the poster saw its 201 (the
// server may publish before it answers) counts as 0 and in Early.
type Delivery struct {
	// Expected is comments × subscribers: the events that should arrive.
	Expected int `json:"expected"`
	// Delivered counts those that arrived, Missed those that did not.
	Delivered int `json:"delivered"`
	Missed    int `json:"missed"`
	// Within counts events delivered no later than the bound;
	// WithinPercent is that share of Expected, so a missed event counts
	// against it.
	Within        int     `json:"within_bound"`
	WithinPercent float64 `json:"within_bound_percent"`
	Early         int     `json:"before_201"`
	// Duplicates counts events a subscriber received more than once.
	Duplicates int     `json:"duplicates"`
	P50MS      float64 `json:"p50_ms"`
	P99MS      float64 `json:"p99_ms"`
	MaxMS      float64 `json:"max_ms"`
	// SubscribersComplete counts subscribers that received every comment.
	SubscribersComplete int `json:"subscribers_complete"`
}

// SummarizeDeliveries matches every subscriber's receipts against the
// posted comments by sequence number. Receipts of comments not in posted
// (earlier ones, or someone else's) are ignored.
func SummarizeDeliveries(posted []Posted, subs [][]Receipt, bound time.Duration) Delivery {
	ack := make(map[int64]time.Time, len(posted))
	for _, p := range posted {
		ack[p.Seq] = p.Ack
	}
	d := Delivery{Expected: len(posted) * len(subs)}
	lat := make([]time.Duration, 0, d.Expected)
	seen := make(map[int64]bool, len(posted))
	for _, receipts := range subs {
		clear(seen)
		for _, r := range receipts {
			at, ok := ack[r.Seq]
			if !ok {
				continue
			}
			if seen[r.Seq] {
				d.Duplicates++
				continue
			}
			seen[r.Seq] = true
			l := r.At.Sub(at)
			if l < 0 {
				d.Early++
				l = 0
			}
			lat = append(lat, l)
			if l <= bound {
				d.Within++
			}
		}
		if len(seen) == len(posted) {
			d.SubscribersComplete++
		}
	}
	d.Delivered = len(lat)
	d.Missed = d.Expected - d.Delivered
	if d.Expected > 0 {
		d.WithinPercent = 100 * float64(d.Within) / float64(d.Expected)
	}
	slices.Sort(lat)
	d.P50MS, d.P99MS = millis(Percentile(lat, 0.50)), millis(Percentile(lat, 0.99))
	if len(lat) > 0 {
		d.MaxMS = millis(lat[len(lat)-1])
	}
	return d
}
