// Package flood spots authors who flood a discussion: too many comments
// in a short time, or a run of incoherent ones (keyboard mashing, repeated
// words, text in no language). State is per author, bounded, and driven by
// the comments' own times (Input.At) so replays behave like live traffic.
package flood

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"tribune/internal/moderation"
)

// Rule is the policy rule this package tests.
const Rule = "flood"

// Defaults for Options.
const (
	DefaultRateWindow       = 2 * time.Minute
	DefaultMaxPerWindow     = 8
	DefaultIncoherentWindow = 10 * time.Minute
	DefaultMaxIncoherent    = 3
	DefaultMaxAuthors       = 100000
)

// Options tune the Detector; zero values take the defaults.
type Options struct {
	// RateWindow and MaxPerWindow: more than MaxPerWindow comments by one
	// author within RateWindow is flooding.
	RateWindow   time.Duration
	MaxPerWindow int
	// IncoherentWindow and MaxIncoherent: MaxIncoherent or more incoherent
	// comments by one author within IncoherentWindow is flooding.
	IncoherentWindow time.Duration
	MaxIncoherent    int
	// MaxAuthors caps the authors remembered, whatever the traffic.
	MaxAuthors int
	// Model, if set, scores how language-like a text is (a
	// *language.Detector); without it only the simple gibberish tests run.
	Model Plausibility
}

// history is what the detector remembers of one author.
type history struct {
	last       time.Time
	posts      []time.Time // within RateWindow, at most MaxPerWindow+1
	incoherent []time.Time // within IncoherentWindow, at most MaxIncoherent
	ids        []string    // the newest comment ids, so Observe counts each once
}

// maxIDs is how many comment ids per author Observe checks for repeats.
const maxIDs = 32

// Detector reports authors flooding a discussion.
//
// Rules, in order:
//   - flood: the author posted more than MaxPerWindow comments within
//     RateWindow, or this is their MaxIncoherent-th incoherent comment
//     within IncoherentWindow.
type Detector struct {
	opts Options

	mu        sync.Mutex
	now       time.Time
	lastSweep time.Time
	authors   map[string]*history
}

// New returns a Detector with no history.
func New(opts Options) *Detector {
	if opts.RateWindow <= 0 {
		opts.RateWindow = DefaultRateWindow
	}
	if opts.MaxPerWindow <= 0 {
		opts.MaxPerWindow = DefaultMaxPerWindow
	}
	if opts.IncoherentWindow <= 0 {
		opts.IncoherentWindow = DefaultIncoherentWindow
	}
	if opts.MaxIncoherent <= 0 {
		opts.MaxIncoherent = DefaultMaxIncoherent
	}
	if opts.MaxAuthors <= 0 {
		opts.MaxAuthors = DefaultMaxAuthors
	}
	return &Detector{opts: opts, authors: map[string]*history{}}
}

// Name identifies the detector in the policy file.
func (d *Detector) Name() string { return "flood" }

// Detect records the comment in its author's history and reports flooding.
// Comments without an author are judged for nothing: there is no one to
// attribute a rate to.
func (d *Detector) Detect(_ context.Context, in moderation.Input) []moderation.Finding {
	return d.record(in, false)
}

// Observe records a comment judged elsewhere (another node) in its
// author's history without judging it; a comment already recorded (by id)
// is skipped.
func (d *Detector) Observe(in moderation.Input) {
	d.record(in, true)
}

func (d *Detector) record(in moderation.Input, observe bool) []moderation.Finding {
	if in.AuthorID == "" {
		return nil
	}
	score, why := incoherence(in.Text, d.opts.Model)

	d.mu.Lock()
	defer d.mu.Unlock()
	if in.At.After(d.now) {
		d.now = in.At
	}
	d.sweep()
	h := d.authors[in.AuthorID]
	if h == nil {
		h = &history{}
		d.authors[in.AuthorID] = h
	}
	if in.ID != "" {
		if observe && slices.Contains(h.ids, in.ID) {
			return nil
		}
		if len(h.ids) == maxIDs {
			h.ids = append(h.ids[:0], h.ids[1:]...)
		}
		h.ids = append(h.ids, in.ID)
	}
	if in.At.After(h.last) {
		h.last = in.At
	}
	h.posts = keep(append(h.posts, in.At), d.now.Add(-d.opts.RateWindow), d.opts.MaxPerWindow+1)
	if len(h.posts) > d.opts.MaxPerWindow && !observe {
		return []moderation.Finding{{
			Rule:   Rule,
			Score:  1,
			Detail: fmt.Sprintf("more than %d comments in %v", d.opts.MaxPerWindow, d.opts.RateWindow),
		}}
	}
	if score == 0 {
		return nil
	}
	h.incoherent = keep(append(h.incoherent, in.At), d.now.Add(-d.opts.IncoherentWindow), d.opts.MaxIncoherent)
	if len(h.incoherent) < d.opts.MaxIncoherent || observe {
		return nil
	}
	return []moderation.Finding{{
		Rule:   Rule,
		Score:  score,
		Detail: fmt.Sprintf("%d incoherent comments in %v (%s)", len(h.incoherent), d.opts.IncoherentWindow, why),
	}}
}

// Len reports how many authors the detector remembers.
func (d *Detector) Len() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.authors)
}

// keep drops times before since and keeps at most the newest n.
func keep(ts []time.Time, since time.Time, n int) []time.Time {
	i := 0
	for i < len(ts) && ts[i].Before(since) {
		i++
	}
	if len(ts)-i > n {
		i = len(ts) - n
	}
	if i == 0 {
		return ts
	}
	return append(ts[:0], ts[i:]...)
}

// sweep forgets authors idle longer than both windows, at most once a
// window of comment time, and any authors beyond the cap. Called with mu
// held.
func (d *Detector) sweep() {
	horizon := max(d.opts.RateWindow, d.opts.IncoherentWindow)
	if d.now.Sub(d.lastSweep) < horizon && len(d.authors) < d.opts.MaxAuthors {
		return
	}
	d.lastSweep = d.now
	since := d.now.Add(-horizon)
	for id, h := range d.authors {
		if h.last.Before(since) {
			delete(d.authors, id)
		}
	}
	// Still full: every author is recent. Forget arbitrary ones rather
	// than grow; a flooder forgotten early only gets a fresh count.
	for id := range d.authors {
		if len(d.authors) < d.opts.MaxAuthors {
			break
		}
		delete(d.authors, id)
	}
}
