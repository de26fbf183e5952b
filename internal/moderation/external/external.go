// Package external lets a newsroom plug its own model service into the
// moderation engine over HTTP. The service is optional and off by
// default; because it sits on the path of every new comment, a slow,
// failing or unreachable service must never hold a comment back, so every
// failure is counted, logged sparingly and otherwise ignored.
package external

import (
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Defaults applied by New when the Config leaves a field zero.
const (
	DefaultTimeout = 300 * time.Millisecond
	// breakerFailures consecutive failures open the circuit breaker...
	breakerFailures = 5
	// ...and calls are skipped for breakerPause afterwards.
	breakerPause = 30 * time.Second
	// logEvery bounds failure logging to one line a minute.
	logEvery = time.Minute
	// maxResponse bounds how much of a response body is read.
	maxResponse = 64 << 10
)

// Config says where the scoring service is and how to reach it.
type Config struct {
	// URL receives one POST per comment. Required.
	URL string
	// Token, when set, is sent as "Authorization: Bearer <Token>".
	Token string
	// Timeout bounds each call; zero means DefaultTimeout.
	Timeout time.Duration
	// Rules lists the rule ids the service may report; scores for other
	// keys are ignored. Nil means every rule id of the default policy.
	Rules []string
	// Client makes the calls; nil means a client with no timeout of its
	// own (each call is bounded by Timeout through its context).
	Client *http.Client
	// Logger receives at most one failure line a minute; nil discards.
	Logger *slog.Logger
	// Now is the clock for the circuit breaker and log limiting; nil
	// means time.Now. Tests replace it.
	Now func() time.Time
}

// Stats counts the adapter's calls since it was created.
type Stats struct {
	// Calls is how many requests were sent.
	Calls uint64
	// OK is how many of them produced scores.
	OK uint64
	// Failures is how many failed for any reason (including timeouts).
	Failures uint64
	// Timeouts is how many of the failures were timeouts.
	Timeouts uint64
	// Skipped is how many comments were not sent because the circuit
	// breaker was open.
	Skipped uint64
}

// Detector sends each comment to an external scoring service. Its rules:
// whichever of the policy's rule ids the service scores (off-topic, hate,
// minors, … language); it has none of its own.
//
// Every score the service returns for a known rule id becomes a Finding
// with that score, whatever its size: the engine's per-rule thresholds
// decide what fires, exactly as for the built-in detectors. A failed call
// (network error, timeout, HTTP status other than 2xx, malformed JSON)
// yields no findings. After 5 consecutive failures the adapter stops
// calling for 30 seconds, so a dead service costs nothing per comment;
// after the pause one trial call goes out per comment, and a single further
// failure reopens the breaker until a call succeeds.
//
// A Detector is safe for concurrent use.
type Detector struct {
	url     string
	token   string
	timeout time.Duration
	rules   map[string]bool
	client  *http.Client
	log     *slog.Logger
	now     func() time.Time

	calls, ok, failures, timeouts, skipped atomic.Uint64

	mu          sync.Mutex
	consecutive int
	openUntil   time.Time
	lastLog     time.Time
	suppressed  int
}

// ErrNoURL is returned by New when the Config has no URL: the adapter is
// off unless a service is configured.
var ErrNoURL = errors.New("external scorer: no URL configured")

// New returns an adapter for the service described by cfg.
func New(cfg Config) (*Detector, error) {
	if cfg.URL == "" {
		return nil, ErrNoURL
	}
	d := &Detector{
		url:     cfg.URL,
		token:   cfg.Token,
		timeout: cfg.Timeout,
		client:  cfg.Client,
		log:     cfg.Logger,
		now:     cfg.Now,
		rules:   make(map[string]bool),
	}
	if d.timeout <= 0 {
		d.timeout = DefaultTimeout
	}
	if d.client == nil {
		d.client = &http.Client{}
	}
	if d.log == nil {
		d.log = slog.New(slog.DiscardHandler)
	}
	if d.now == nil {
		d.now = time.Now
	}
	rules := cfg.Rules
	if rules == nil {
		rules = policyRules[:]
	}
	for _, r := range rules {
		d.rules[r] = true
	}
	return d, nil
}

// policyRules are the rule ids of the default policy, which outside tools
// rely on.
var policyRules = [...]string{
	"off-topic", "hate", "minors", "extremism", "insult", "publisher-insult",
	"personal-data", "violence", "suicide", "advertising", "promotion",
	"profanity", "spam", "drugs", "malware", "flash-mob", "flood",
	"trolling", "shouting", "run-on", "language",
}

// Name identifies the detector in the policy.
func (d *Detector) Name() string { return "external" }

// Stats returns the counters so far.
func (d *Detector) Stats() Stats {
	return Stats{
		Calls:    d.calls.Load(),
		OK:       d.ok.Load(),
		Failures: d.failures.Load(),
		Timeouts: d.timeouts.Load(),
		Skipped:  d.skipped.Load(),
	}
}
