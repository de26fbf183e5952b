package flashmob

import (
	"context"
	"testing"
	"time"
)

// streamResult is the outcome of running the detector over a stream.
type streamResult struct {
	background, backgroundFlagged int
	members, membersFlagged       int
	eligible, eligibleFlagged     int // members posted by a group's 5th or later account
	online                        int // members flagged when they were posted
	groups, groupsCaught          int
}

// runStream feeds the stream in order. A comment counts as flagged when
// Detect reports it or, later, OnGroup names it (the product marks those
// earlier members when the group is recognised).
func runStream(d *Detector, stream []synthComment) streamResult {
	var r streamResult
	caught := map[int]bool{}
	groups := map[int]bool{}
	ctx := context.Background()
	late := map[string]bool{}
	d.OnGroup(func(ids []string) {
		for _, id := range ids {
			late[id] = true
		}
	})
	now := make([]bool, len(stream))
	for i, c := range stream {
		now[i] = len(d.Detect(ctx, c.in)) > 0
	}
	for i, c := range stream {
		flagged := now[i] || late[c.in.ID]
		if c.group < 0 {
			r.background++
			if flagged {
				r.backgroundFlagged++
			}
			continue
		}
		groups[c.group] = true
		r.members++
		if now[i] {
			r.online++
		}
		if flagged {
			r.membersFlagged++
			caught[c.group] = true
		}
		if c.rank >= DefaultMinAuthors {
			r.eligible++
			if flagged {
				r.eligibleFlagged++
			}
		}
	}
	r.groups, r.groupsCaught = len(groups), len(caught)
	return r
}

// TestSyntheticStream is the benchmark: 100,000 comments over a
// day, 2% in coordinated groups of 5–15 accounts within ten minutes.
//
// Recall is over every group member: flagged when posted (from the
// group's fifth account on) or named to OnGroup once the group is
// recognised. Recall from the fifth account on, members flagged at
// posting time and group recall are reported too. The false positive rate
// is flagged background comments over all background comments.
func TestSyntheticStream(t *testing.T) {
	if testing.Short() {
		t.Skip("long stream")
	}
	stream := synthStream(5, 100000, 0.02)
	d := New(Options{})
	start := time.Now()
	r := runStream(d, stream)
	elapsed := time.Since(start)
	recall := float64(r.membersFlagged) / float64(r.members)
	fpr := float64(r.backgroundFlagged) / float64(r.background)
	t.Logf("comments %d, background %d, group members %d in %d groups", len(stream), r.background, r.members, r.groups)
	t.Logf("recall over all members %.4f (%d/%d); groups caught %d/%d", recall, r.membersFlagged, r.members, r.groupsCaught, r.groups)
	t.Logf("recall from the 5th account on %.4f (%d/%d); flagged when posted %d", float64(r.eligibleFlagged)/float64(r.eligible), r.eligibleFlagged, r.eligible, r.online)
	t.Logf("false positive rate %.5f (%d/%d)", fpr, r.backgroundFlagged, r.background)
	t.Logf("throughput %.0f comments/s (%v)", float64(len(stream))/elapsed.Seconds(), elapsed)
	if recall < 0.95 {
		t.Errorf("recall = %.4f, want >= 0.95", recall)
	}
	if fpr >= 0.005 {
		t.Errorf("false positive rate = %.5f, want < 0.005", fpr)
	}
}

func BenchmarkDetect(b *testing.B) {
	stream := synthStream(7, 20000, 0.02)
	d := New(Options{})
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c := stream[i%len(stream)].in
		// keep time moving forward across passes over the stream
		c.At = c.At.Add(time.Duration(i/len(stream)) * 24 * time.Hour)
		d.Detect(ctx, c)
		i++
	}
}
