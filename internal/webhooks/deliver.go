package webhooks

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"time"

	"tribune/internal/jobs"
)

// maxResponse bounds how much of a receiver's response is read (and
// discarded), so the connection can be reused without trusting its size.
const maxResponse = 64 << 10

// Handler returns the jobs handler that delivers one queued event: a POST of
// the stored body, signed at the time of the attempt. A 2xx response
// completes the job. Errors that waiting may fix (5xx, 408 Request Timeout,
// 425 Too Early, 429 Too Many Requests, network errors and timeouts) are
// returned for the queue to retry; any other status, including 410 Gone and
// redirects, wraps jobs.ErrPermanent. A delivery to a URL that is no longer
// configured here is dropped, permanently failed without being sent, so
// removing a URL stops its pending retries too.
func (h *Hooks) Handler() jobs.Handler {
	return func(ctx context.Context, payload string) error {
		var d delivery
		if err := json.Unmarshal([]byte(payload), &d); err != nil {
			return fmt.Errorf("bad webhook payload: %v: %w", err, jobs.ErrPermanent)
		}
		if h == nil || !slices.Contains(h.urls, d.URL) {
			return fmt.Errorf("webhook %s %s to %s: the URL is no longer configured: %w", d.EventType, d.EventID, host(d.URL), jobs.ErrPermanent)
		}
		if h.secret == "" {
			return fmt.Errorf("webhook %s %s: no secret configured: %w", d.EventType, d.EventID, jobs.ErrPermanent)
		}
		return h.deliver(ctx, d)
	}
}

// deliver makes one attempt and classifies its outcome.
func (h *Hooks) deliver(ctx context.Context, d delivery) error {
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	what := fmt.Sprintf("webhook %s %s to %s", d.EventType, d.EventID, host(d.URL))
	body := []byte(d.Body)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.URL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("%s: %v: %w", what, err, jobs.ErrPermanent)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set(HeaderEvent, d.EventType)
	req.Header.Set(HeaderDelivery, d.EventID)
	req.Header.Set(HeaderSignature, Sign(h.secret, time.Now(), body))
	start := time.Now()
	resp, err := h.client.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil {
			return fmt.Errorf("%s: no response within %s: %w", what, Timeout, context.DeadlineExceeded)
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // its message repeats the whole URL, which may hold a token
		}
		return fmt.Errorf("%s: %w", what, err)
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, maxResponse))
	resp.Body.Close()
	h.log.Debug("webhook sent", "event_id", d.EventID, "event_type", d.EventType, "host", host(d.URL),
		"status", resp.StatusCode, "duration", time.Since(start))
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return nil
	case retryable(resp.StatusCode):
		return fmt.Errorf("%s: status %s", what, resp.Status)
	case resp.StatusCode >= 300 && resp.StatusCode < 400:
		return fmt.Errorf("%s: status %s (redirects are not followed; configure the final URL): %w", what, resp.Status, jobs.ErrPermanent)
	default:
		return fmt.Errorf("%s: status %s: %w", what, resp.Status, jobs.ErrPermanent)
	}
}

// retryable reports whether a non-2xx status may go away by waiting: server
// errors, and the client errors that say "not now" rather than "never".
func retryable(status int) bool {
	switch status {
	case http.StatusRequestTimeout, http.StatusTooEarly, http.StatusTooManyRequests:
		return true
	}
	return status >= 500
}

// host names a receiver in errors and logs by its host alone: the path or
// query of a webhook URL often holds a token.
func host(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "(invalid URL)"
	}
	return u.Host
}
