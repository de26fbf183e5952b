// Package flashmob finds organised actions: many near-identical comments
// posted by different accounts within a short time. Each comment gets a
// MinHash signature over shingles of its folded text; locality-sensitive
// hashing (banding) finds earlier comments that are probably similar. A
// comment is reported once it is similar to comments from enough distinct
// other accounts within the window.
//
// State lives in memory, bounded by the time window and a hard cap, and
// is driven by the comments' own times (Input.At) so replays behave like
// live traffic. Rebuild restores it from recent comments after a restart.
package flashmob

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"tribune/internal/moderation"
)

// Rule is the policy rule this package tests.
const Rule = "flash-mob"

// Defaults for Options.
const (
	DefaultWindow     = 10 * time.Minute
	DefaultMinAuthors = 5
	DefaultSimilarity = 0.65
	DefaultMinWords   = 5
	DefaultMaxEntries = 50000
)

// maxPerBucket bounds the candidates kept per LSH bucket: a thousand
// copies of one text need not all be compared with the next one.
const maxPerBucket = 16

// Options tune the Detector; zero values take the defaults.
type Options struct {
	// Window is how far back comments count.
	Window time.Duration
	// MinAuthors is how many distinct accounts make an organised action.
	MinAuthors int
	// Similarity is the estimated Jaccard similarity of shingle sets from
	// which two comments are near-duplicates.
	Similarity float64
	// MinWords exempts short comments ("Great article!", "+1"), which
	// many people write independently.
	MinWords int
	// MaxEntries caps the comments remembered, whatever the traffic.
	MaxEntries int
}

// entry is one remembered comment.
type entry struct {
	id     string
	at     time.Time
	author string
	sig    signature
	// reported: the comment is known to be part of a group (its id was
	// returned or passed to OnGroup once).
	reported bool
	// mark is the number of the last add that compared with this entry,
	// so an entry found in several bands is compared once.
	mark uint64
}

// Detector reports comments that are part of a flash mob.
//
// Rules, in order:
//   - flash-mob: the comment is a near-duplicate of comments posted within
//     Window by enough other accounts that, with its own author, at least
//     MinAuthors distinct accounts posted it.
type Detector struct {
	opts    Options
	onGroup func(ids []string)

	mu      sync.Mutex
	adds    uint64
	now     time.Time
	queue   []*entry // in arrival order; queue[head:] are live
	head    int
	buckets map[uint64][]*entry
	ids     map[string]*entry // live entries by comment id
}

// New returns an empty Detector.
func New(opts Options) *Detector {
	if opts.Window <= 0 {
		opts.Window = DefaultWindow
	}
	if opts.MinAuthors <= 0 {
		opts.MinAuthors = DefaultMinAuthors
	}
	if opts.Similarity <= 0 {
		opts.Similarity = DefaultSimilarity
	}
	if opts.MinWords <= 0 {
		opts.MinWords = DefaultMinWords
	}
	if opts.MaxEntries <= 0 {
		opts.MaxEntries = DefaultMaxEntries
	}
	d := &Detector{opts: opts}
	d.reset()
	return d
}

func (d *Detector) reset() {
	d.queue = nil
	d.head = 0
	d.now = time.Time{}
	d.buckets = map[uint64][]*entry{}
	d.ids = map[string]*entry{}
}

// OnGroup sets a hook that receives the ids of earlier comments found to
// belong to a group when the group is recognised (each id once). It is
// called outside the detector's lock, from Detect or Observe; set it
// before use.
func (d *Detector) OnGroup(fn func(ids []string)) { d.onGroup = fn }

// Name identifies the detector in the policy file.
func (d *Detector) Name() string { return "flashmob" }

// Detect remembers the comment and reports it when it is part of an
// organised action.
func (d *Detector) Detect(_ context.Context, in moderation.Input) []moderation.Finding {
	n, earlier := d.add(in)
	if n < d.opts.MinAuthors {
		return nil
	}
	d.tell(earlier)
	return []moderation.Finding{{
		Rule:   Rule,
		Score:  1,
		Detail: fmt.Sprintf("near-identical to comments from %d other accounts", n-1),
	}}
}

// Observe remembers a comment judged elsewhere (another node) without
// judging it; a comment already remembered (by id) is skipped. If it
// completes a group, OnGroup receives the group's unreported ids, its own
// included.
func (d *Detector) Observe(in moderation.Input) {
	if in.ID != "" {
		d.mu.Lock()
		_, seen := d.ids[in.ID]
		d.mu.Unlock()
		if seen {
			return
		}
	}
	n, earlier := d.add(in)
	if n >= d.opts.MinAuthors && in.ID != "" {
		earlier = append(earlier, in.ID)
	}
	if n >= d.opts.MinAuthors {
		d.tell(earlier)
	}
}

func (d *Detector) tell(ids []string) {
	if len(ids) > 0 && d.onGroup != nil {
		d.onGroup(ids)
	}
}

// Rebuild replaces the state with the given recent comments (for example
// the last window's comments from the database after a restart), fed in
// time order.
func (d *Detector) Rebuild(comments []moderation.Input) {
	sorted := append([]moderation.Input(nil), comments...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].At.Before(sorted[j].At) })
	d.mu.Lock()
	d.reset()
	d.mu.Unlock()
	for _, c := range sorted {
		d.add(c)
	}
	// Groups completed before the restart were handled then.
	d.mu.Lock()
	for _, e := range d.queue[d.head:] {
		e.reported = true
	}
	d.mu.Unlock()
}

// Len reports how many comments the detector remembers.
func (d *Detector) Len() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.queue) - d.head
}

// add remembers a comment and returns the number of distinct authors,
// its own included, of it and its near-duplicates within the window (0 for
// exempt comments). When that makes a group, it also returns the ids of
// the near-duplicates not reported before, and marks them and the new
// comment reported.
func (d *Detector) add(in moderation.Input) (int, []string) {
	ws := words(in.Text)
	if len(ws) < d.opts.MinWords {
		return 0, nil
	}
	sig := minhash(features(ws, make([]uint64, 0, len(ws)*8)))
	keys := bandKeys(&sig)

	d.mu.Lock()
	if in.At.After(d.now) {
		d.now = in.At
	}
	d.evict()

	// Count the distinct authors of the similar comments still in the
	// window. Only direct matches count: joining clusters transitively
	// would let chains of loosely similar comments on one topic add up
	// to a mob.
	since := d.now.Add(-d.opts.Window)
	d.adds++
	var cands []*entry
	for _, k := range keys {
		for _, e := range d.buckets[k] {
			if e.mark == d.adds || e.author == in.AuthorID || e.at.Before(since) {
				continue
			}
			e.mark = d.adds
			cands = append(cands, e)
		}
	}
	e := &entry{id: in.ID, at: in.At, author: in.AuthorID, sig: sig}
	d.queue = append(d.queue, e)
	if e.id != "" {
		d.ids[e.id] = e
	}
	for _, k := range keys {
		b := append(d.buckets[k], e)
		if len(b) > maxPerBucket {
			b = b[len(b)-maxPerBucket:]
		}
		d.buckets[k] = b
	}
	d.mu.Unlock()

	// Signatures never change, so the comparisons run outside the lock
	// and concurrent comments do not wait for each other.
	authors := map[string]bool{in.AuthorID: true}
	similar := cands[:0]
	for _, c := range cands {
		if similarity(&sig, &c.sig) >= d.opts.Similarity {
			authors[c.author] = true
			similar = append(similar, c)
		}
	}
	if len(authors) < d.opts.MinAuthors {
		return len(authors), nil
	}
	// Only comments not reported yet are candidates for naming; in a
	// long-running group that is usually none, and the pairwise check
	// below is skipped.
	d.mu.Lock()
	e.reported = true
	var open []int
	for i, c := range similar {
		if !c.reported {
			open = append(open, i)
		}
	}
	d.mu.Unlock()
	if len(open) == 0 {
		return len(authors), nil
	}
	core := d.core(similar, open)
	var ids []string
	d.mu.Lock()
	for k, i := range open {
		c := similar[i]
		if core[k] && !c.reported {
			c.reported = true
			if c.id != "" {
				ids = append(ids, c.id)
			}
		}
	}
	d.mu.Unlock()
	return len(authors), ids
}

// core tells which of the open comments (indexes into similar, those
// similar to a new one and not reported yet) belong to the group itself
// rather than merely resembling the new comment: those also similar to at
// least half of the other similar comments. Members of an organised action
// are edits of one text and resemble one another; an unrelated comment
// that happens to share a stock phrase with one of them does not.
func (d *Detector) core(similar []*entry, open []int) []bool {
	n := len(similar)
	in := make([]bool, len(open))
	for k, i := range open {
		if n <= 2 {
			in[k] = true
			continue
		}
		near := 0
		for j := range n {
			if j != i && similarity(&similar[i].sig, &similar[j].sig) >= d.opts.Similarity {
				near++
			}
		}
		in[k] = 2*near >= n-1
	}
	return in
}

// evict forgets comments older than the window and, past the cap, the
// oldest ones. Called with mu held.
func (d *Detector) evict() {
	since := d.now.Add(-d.opts.Window)
	for d.head < len(d.queue) {
		e := d.queue[d.head]
		if !e.at.Before(since) && len(d.queue)-d.head < d.opts.MaxEntries {
			break
		}
		d.queue[d.head] = nil
		d.head++
		if e.id != "" && d.ids[e.id] == e {
			delete(d.ids, e.id)
		}
		for _, k := range bandKeys(&e.sig) {
			b := d.buckets[k]
			for i, x := range b {
				if x == e {
					b = append(b[:i:i], b[i+1:]...)
					break
				}
			}
			if len(b) == 0 {
				delete(d.buckets, k)
			} else {
				d.buckets[k] = b
			}
		}
	}
	if d.head > 1024 && d.head > len(d.queue)/2 {
		d.queue = append(d.queue[:0:0], d.queue[d.head:]...)
		d.head = 0
	}
}
