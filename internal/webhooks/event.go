package webhooks

import (
	"encoding/json"
	"slices"
	"time"
)

// The event types a receiver can get. Receivers should ignore types they do
// not know: new ones may be added.
const (
	// CommentHeld: a comment was held for a moderator (by the detectors or
	// by a reader's report) instead of being published.
	CommentHeld = "comment.held"
	// CommentDecided: a held comment was published or rejected, by a
	// moderator or automatically.
	CommentDecided = "comment.decided"
	// UserBlocked: an account lost the right to comment, for a time or for
	// good.
	UserBlocked = "user.blocked"
	// AppealReceived: a reader appealed a moderation decision.
	AppealReceived = "appeal.received"
)

// types lists the event types Publish accepts, so a typo in a caller fails
// loudly instead of sending an event no receiver handles.
var types = []string{CommentHeld, CommentDecided, UserBlocked, AppealReceived}

// Event is one thing that happened in moderation, as sent to receivers. Its
// JSON form is the request body:
//
//	{"id": "...", "type": "comment.held", "created_at": "2026-01-02T15:04:05Z", "data": {...}}
type Event struct {
	// ID identifies the event; every delivery of it (to each URL, on each
	// retry) carries the same ID, so receivers can drop duplicates. Publish
	// fills in a time-ordered UUIDv7 when it is empty.
	ID string
	// Type is one of the constants above, such as CommentHeld.
	Type string
	// At is when the event happened; Publish uses the current time when it
	// is zero. It is sent in UTC, to the second.
	At time.Time
	// Data is the event's details, marshalled as a JSON object: one of
	// CommentData, UserData, AppealData, or any value of the same shape.
	Data any
}

// MarshalJSON writes the event as the webhook body, so receivers written in
// Go can build test bodies with json.Marshal.
func (e Event) MarshalJSON() ([]byte, error) {
	data := e.Data
	if data == nil {
		data = struct{}{}
	}
	return json.Marshal(struct {
		ID        string `json:"id"`
		Type      string `json:"type"`
		CreatedAt string `json:"created_at"`
		Data      any    `json:"data"`
	}{e.ID, e.Type, e.At.UTC().Format(time.RFC3339), data})
}

// knownType reports whether t is one of the event types above.
func knownType(t string) bool { return slices.Contains(types, t) }

// CommentData is the data of comment.held and comment.decided.
type CommentData struct {
	CommentID string   `json:"comment_id"`
	ArticleID string   `json:"article_id"`
	AuthorID  string   `json:"author_id"`
	RuleIDs   []string `json:"rule_ids"` // policy rules that fired, possibly none
	// Decision is the moderation action taken, as package moderation names
	// it: "hold" for comment.held; "publish" or "reject" for
	// comment.decided.
	Decision string `json:"decision"`
	// Automated is true when no person took the decision.
	Automated bool `json:"automated"`
	// ModeratorID is the person who decided; empty when Automated.
	ModeratorID string `json:"moderator_id,omitempty"`
}

// MarshalJSON writes RuleIDs as an array even when there are none, so
// receivers need not handle null.
func (d CommentData) MarshalJSON() ([]byte, error) {
	type plain CommentData // without this method
	if d.RuleIDs == nil {
		d.RuleIDs = []string{}
	}
	return json.Marshal(plain(d))
}

// UserData is the data of user.blocked.
type UserData struct {
	UserID    string `json:"user_id"`
	Reason    string `json:"reason"`         // as shown to the reader
	RuleID    string `json:"rule,omitempty"` // the policy rule broken, if one
	Permanent bool   `json:"permanent"`
	Automated bool   `json:"automated"`
}

// AppealData is the data of appeal.received.
type AppealData struct {
	AppealID string `json:"appeal_id"`
	UserID   string `json:"user_id"`
	// Subject is what the reader appeals against, as the appeal records it.
	Subject string `json:"subject"`
}
