// Package webhooks tells a newsroom's own tools about moderation events
// (a comment held or decided, a reader blocked, an appeal received) by
// POSTing signed JSON to the URLs the operator configured.
//
// Publishing only enqueues: each URL gets its own job in the jobs queue
// (package jobs), so a receiver that is down delays nothing in Tribune, and
// its deliveries survive restarts and are retried with backoff by any node.
// Delivery is at least once; receivers drop duplicates by the event id.
// docs/webhooks.md is the receivers' side of the contract.
package webhooks

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"time"

	"tribune/internal/store"
)

// JobKind is the jobs-queue kind of one delivery; register Handler under it.
const JobKind = "webhook"

// MaxAttempts bounds the tries of one delivery. With the queue's backoff
// (10 s doubling to an hour, jittered) the last comes between about 1¾ and
// 3½ hours after the first: long enough to ride out a receiver's restart or
// short outage, short enough that stale events stop.
const MaxAttempts = 12

// Timeout bounds one delivery attempt, from connecting to the response.
const Timeout = 10 * time.Second

// Request headers of a delivery.
const (
	HeaderEvent     = "X-Tribune-Event"     // the event type
	HeaderDelivery  = "X-Tribune-Delivery"  // the event id, the same on every retry
	HeaderSignature = "X-Tribune-Signature" // see Sign
	userAgent       = "Tribune-Webhooks"
)

// Enqueuer stores a job for the jobs queue; *store.Store provides it.
type Enqueuer interface {
	EnqueueJob(ctx context.Context, j store.Job) (string, error)
}

// Config is what Hooks needs; zero optional fields take defaults.
type Config struct {
	// URLs receive every event. None turns webhooks off.
	URLs []string
	// Secret keys the HMAC signature; required with URLs.
	Secret string
	// Client sends the requests; nil means a plain client. Hooks uses a
	// copy that does not follow redirects.
	Client *http.Client
	// Logger gets a debug line per delivery; nil discards.
	Logger *slog.Logger
	// Kick, if set, is called after Publish enqueues, e.g. the jobs
	// runner's Kick, so a worker delivers at once instead of at its next
	// poll.
	Kick func()
}

// Hooks publishes events and delivers them. A nil *Hooks, or one without
// URLs, publishes nothing, so callers need no "are webhooks on?" checks.
type Hooks struct {
	urls   []string
	secret string
	client *http.Client
	log    *slog.Logger
	kick   func()
	queue  Enqueuer
}

// New makes the hooks of cfg, enqueueing deliveries on q. Duplicate URLs
// are dropped.
func New(cfg Config, q Enqueuer) *Hooks {
	h := &Hooks{secret: cfg.Secret, log: cfg.Logger, kick: cfg.Kick, queue: q}
	for _, u := range cfg.URLs {
		if u != "" && !slices.Contains(h.urls, u) {
			h.urls = append(h.urls, u)
		}
	}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	client := http.Client{}
	if cfg.Client != nil {
		client = *cfg.Client
	}
	// A redirect is reported as a failure rather than followed: the
	// signed body must not be re-sent somewhere the operator did not name.
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	h.client = &client
	return h
}

// delivery is the payload of one webhook job: where to send which bytes.
// Body is the exact request body, signed anew on each attempt.
type delivery struct {
	URL       string `json:"url"`
	EventID   string `json:"event_id"`
	EventType string `json:"event_type"`
	Body      string `json:"body"`
}

// Publish enqueues the event's delivery to every configured URL. It fills
// in an empty ID and a zero At. An unknown type, an event whose data does
// not marshal, or a missing secret is an error, as is a failed enqueue (the
// others are still tried; publishing the same event again does not
// duplicate the deliveries still pending).
func (h *Hooks) Publish(ctx context.Context, e Event) error {
	if h == nil || len(h.urls) == 0 {
		return nil
	}
	if !knownType(e.Type) {
		return fmt.Errorf("publish webhook: unknown event type %q", e.Type)
	}
	if h.secret == "" || h.queue == nil {
		return fmt.Errorf("publish webhook %s: hooks have no secret or no queue", e.Type)
	}
	if e.ID == "" {
		e.ID = store.NewID()
	}
	if e.At.IsZero() {
		e.At = time.Now()
	}
	body, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("publish webhook %s %s: %w", e.Type, e.ID, err)
	}
	var errs []error
	for _, u := range h.urls {
		payload, err := json.Marshal(delivery{URL: u, EventID: e.ID, EventType: e.Type, Body: string(body)})
		if err != nil {
			return fmt.Errorf("publish webhook %s %s: %w", e.Type, e.ID, err)
		}
		job := store.Job{Kind: JobKind, Payload: string(payload), UniqueKey: uniqueKey(e.ID, u), MaxAttempts: MaxAttempts}
		if _, err := h.queue.EnqueueJob(ctx, job); err != nil {
			errs = append(errs, fmt.Errorf("publish webhook %s %s to %s: %w", e.Type, e.ID, host(u), err))
			continue
		}
		h.log.Debug("webhook enqueued", "event_id", e.ID, "event_type", e.Type, "host", host(u))
	}
	if h.kick != nil && len(errs) < len(h.urls) {
		h.kick()
	}
	return errors.Join(errs...)
}

// uniqueKey names the pending delivery of one event to one URL; the URL is
// hashed to keep the key short and free of any token in it.
func uniqueKey(eventID, url string) string {
	sum := sha256.Sum256([]byte(url))
	return "webhook:" + eventID + ":" + hex.EncodeToString(sum[:8])
}
