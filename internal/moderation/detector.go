package moderation

import (
	"context"
	"time"
)

// Input is a comment as the detectors see it, with the context some of
// them need (the article for relevance, the author and time for flood and
// coordinated-posting detection).
type Input struct {
	ID        string
	Text      string
	AuthorID  string
	ArticleID string
	// ArticleText is the article's headline and body, for relevance.
	ArticleText string
	// ParentText is the text of the comment replied to, if any.
	ParentText string
	At         time.Time
	// Lang is the site's (or the article edition's) language, BCP 47.
	Lang string
}

// Finding is what one detector concluded about one rule: a score in
// [0, 1] (a calibrated probability for classifiers, 1 for a certain match)
// and a short reader-safe detail ("an email address", "the word 'xxx'").
type Finding struct {
	Rule   string
	Score  float64
	Detail string
}

// Detector tests a comment against one or more rules of the policy. Each
// implementation lives in its own subpackage of moderation with its rules
// documented in order on its type.
type Detector interface {
	// Name identifies the detector in the policy file and in logs.
	Name() string
	// Detect returns findings; none means nothing suspicious. It must be
	// safe for concurrent use and fast (the whole pipeline targets 5,000
	// comments a second on one core).
	Detect(ctx context.Context, in Input) []Finding
}
