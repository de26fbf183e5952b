package mailcatcher

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Client reads a running mailcatcher's HTTP API (as started by
// scripts/test.sh), so tests in any package can see what was delivered.
type Client struct {
	// BaseURL is the catcher's HTTP address, e.g. "http://127.0.0.1:8025".
	BaseURL string
}

// Messages returns the messages to the address to (all when empty), oldest
// first.
func (c Client) Messages(ctx context.Context, to string) ([]Received, error) {
	var out []Received
	err := c.do(ctx, http.MethodGet, "/api/messages?"+url.Values{"to": {to}}.Encode(), &out)
	return out, err
}

// Wait blocks until at least count messages to the address to have arrived
// and returns all of them, oldest first. It waits until shortly before ctx's
// deadline, or 10 seconds when ctx has none; if they have not all arrived
// by then, it returns those that did and an error wrapping ErrTimeout.
func (c Client) Wait(ctx context.Context, to string, count int) ([]Received, error) {
	timeout := defaultWait
	if d, ok := ctx.Deadline(); ok {
		// Leave time for the answer to come back before ctx ends.
		timeout = time.Until(d) * 9 / 10
		if timeout <= 0 {
			return nil, fmt.Errorf("%w: the context has no time left", ErrTimeout)
		}
	}
	q := url.Values{"to": {to}, "count": {strconv.Itoa(count)}, "timeout": {timeout.String()}}
	var out []Received
	err := c.do(ctx, http.MethodGet, "/api/messages/wait?"+q.Encode(), &out)
	if te := (*timeoutError)(nil); errors.As(err, &te) {
		return te.body.Messages, fmt.Errorf("%w: %s", ErrTimeout, strings.TrimPrefix(te.body.Error, ErrTimeout.Error()+": "))
	}
	return out, err
}

// Clear forgets every message on the catcher. Tests sharing a catcher must
// not rely on it: give each test its own recipient addresses instead.
func (c Client) Clear(ctx context.Context) error {
	return c.do(ctx, http.MethodDelete, "/api/messages", nil)
}

// timeoutError carries the body of a 408 answer from the wait endpoint.
type timeoutError struct{ body waitTimeout }

func (e *timeoutError) Error() string { return e.body.Error }

func (c Client) do(ctx context.Context, method, path string, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimSuffix(c.BaseURL, "/")+path, nil)
	if err != nil {
		return fmt.Errorf("mailcatcher: %w", err)
	}
	var hc http.Client
	resp, err := hc.Do(req)
	if err != nil {
		return fmt.Errorf("mailcatcher: %w", err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusRequestTimeout:
		var te timeoutError
		if err := json.NewDecoder(resp.Body).Decode(&te.body); err != nil {
			return fmt.Errorf("mailcatcher: %s %s: %s: %w", method, path, resp.Status, err)
		}
		return &te
	case resp.StatusCode >= 300:
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
		return fmt.Errorf("mailcatcher: %s %s: %s: %s", method, path, resp.Status, strings.TrimSpace(string(b)))
	case out == nil:
		return nil
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return fmt.Errorf("mailcatcher: %s %s: decode: %w", method, path, err)
	}
	return nil
}
