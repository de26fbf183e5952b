package loadtest

import "time"

// CommentOptions are the comment modes' settings (flags of the same names)
// and targets.
type CommentOptions struct {
	// Articles is how many articles the post mode spreads comments over.
	Articles int
	// Subscribers is how many stream connections the fan-out mode opens.
	Subscribers int
	// Count is how many comments the fan-out mode posts, one per Interval.
	Count    int
	Interval time.Duration
	// Seed is how many comments the read mode puts under its article.
	Seed    int
	Targets CommentTargets
}

// CommentTargets are the pass marks for comments.
type CommentTargets struct {
	// MinRate is the acknowledged comments per second the post mode must
	// reach.
	MinRate float64
	// MaxDelivery is the bound on the time from a comment's 201 to its
	// event at a subscriber, and MinWithin the percentage of all expected
	// events that must arrive within it (a missed event counts against).
	MaxDelivery time.Duration
	MinWithin   float64
	// MaxRSS bounds the server's resident memory, in bytes, while every
	// subscriber is connected (its peak is what is checked).
	MaxRSS int64
	// MaxAPIP99 bounds the comment list endpoint's p99 in the read mode.
	MaxAPIP99 time.Duration
}

// DefaultCommentOptions are the workloads and targets: 2,000
// comments/s from 50 posters over 100 articles; 10,000 subscribers of one
// article, 99% of them reached within 1 s and the server under 300 MB;
// an article with 2,000 comments whose list answers with p99 under 25 ms.
var DefaultCommentOptions = CommentOptions{
	Articles: 100, Subscribers: 10000, Count: 20, Interval: 500 * time.Millisecond, Seed: 2000,
	Targets: CommentTargets{
		MinRate: 2000, MaxDelivery: time.Second, MinWithin: 99, MaxRSS: 300_000_000,
		MaxAPIP99: 25 * time.Millisecond,
	},
}

// withDefaults fills the workload settings left at zero from
// DefaultCommentOptions; the targets are taken as given.
func (c CommentOptions) withDefaults() CommentOptions {
	d := DefaultCommentOptions
	for _, f := range []struct{ v, def *int }{
		{&c.Articles, &d.Articles}, {&c.Subscribers, &d.Subscribers}, {&c.Count, &d.Count}, {&c.Seed, &d.Seed},
	} {
		if *f.v <= 0 {
			*f.v = *f.def
		}
	}
	if c.Interval <= 0 {
		c.Interval = d.Interval
	}
	return c
}
