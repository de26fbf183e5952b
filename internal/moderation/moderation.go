// Package moderation decides what happens to each new or edited comment:
// publish it, hold it for a moderator, or reject it, always naming the
// rule that applied. This file holds the decision types every step shares;
// the steps live in files of their own.
package moderation

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Action is what a decision does with a comment.
type Action string

// The three outcomes.
const (
	Publish Action = "publish"
	// Flag publishes the comment but queues it for a moderator's review.
	Flag   Action = "flag"
	Hold   Action = "hold"
	Reject Action = "reject"
)

// Reason names the rule behind a decision and explains it to the author.
type Reason struct {
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

// Decision is the outcome of moderating one comment.
type Decision struct {
	Action  Action   `json:"action"`
	Reasons []Reason `json:"reasons"`
	// Scores are the detectors' scores, for moderators; PolicyVersion is
	// the policy that decided (empty for the rate limit alone).
	Scores        map[string]float64 `json:"scores,omitempty"`
	PolicyVersion string             `json:"policy_version,omitempty"`
}

// ScoresJSON is the stored form of the scores.
func (d Decision) ScoresJSON() string {
	if len(d.Scores) == 0 {
		return ""
	}
	b, _ := json.Marshal(d.Scores)
	return string(b)
}

// ReasonsJSON is the stored form of the reasons.
func (d Decision) ReasonsJSON() string {
	if len(d.Reasons) == 0 {
		return ""
	}
	b, _ := json.Marshal(d.Reasons)
	return string(b)
}

// ParseReasons reads stored reasons back.
func ParseReasons(s string) []Reason {
	var r []Reason
	if s != "" {
		json.Unmarshal([]byte(s), &r)
	}
	return r
}

// Submission is a comment to judge, with the context the steps need.
type Submission struct {
	// ID is the comment's id (new comments get theirs before judging).
	ID        string
	AuthorID  string
	ArticleID string
	ParentID  string
	Text      string
	// ArticleText and ParentText give relevance detectors their context.
	ArticleText string
	ParentText  string
	IsEdit      bool
	IsModerator bool
	At          time.Time
}

// LimitError means the author is posting too fast; the comment is not
// stored and the author may try again after Wait.
type LimitError struct {
	Wait time.Duration
}

func (e *LimitError) Error() string {
	secs := int(e.Wait.Round(time.Second) / time.Second)
	if secs < 1 {
		secs = 1
	}
	return fmt.Sprintf("You are posting too fast. Please wait %d seconds and post again; your text is kept.", secs)
}

// Counter counts uses of a key within a window, across nodes (the store).
type Counter interface {
	CountHit(ctx context.Context, key string, now time.Time, window time.Duration) (int, time.Time, error)
}

// RateLimit is the posting-rate step: at most PerMinute new comments per
// author per minute (0 turns the limit off, for load tests). Moderators
// and edits are not limited.
type RateLimit struct {
	Counter   Counter
	PerMinute int
}

// Moderate applies the rate limit; within it, every comment is published.
func (r RateLimit) Moderate(ctx context.Context, s Submission) (Decision, error) {
	if r.PerMinute > 0 && !s.IsEdit && !s.IsModerator {
		n, until, err := r.Counter.CountHit(ctx, "comment:author:"+s.AuthorID, s.At, time.Minute)
		if err != nil {
			return Decision{}, err
		}
		if n > r.PerMinute {
			return Decision{}, &LimitError{Wait: until.Sub(s.At)}
		}
	}
	return Decision{Action: Publish}, nil
}
