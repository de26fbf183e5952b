package external

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"sort"

	"tribune/internal/moderation"
)

// request is the JSON body POSTed for each comment.
type request struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	ArticleID string `json:"article_id"`
	AuthorID  string `json:"author_id"`
}

// response is the JSON body the service answers with.
type response struct {
	Scores map[string]float64 `json:"scores"`
}

// Detect asks the service to score the comment; see Detector.
func (d *Detector) Detect(ctx context.Context, in moderation.Input) []moderation.Finding {
	if !d.allow() {
		d.skipped.Add(1)
		return nil
	}
	d.calls.Add(1)
	scores, err := d.call(ctx, in)
	if err != nil {
		d.fail(err)
		return nil
	}
	d.succeed()
	var out []moderation.Finding
	for rule, p := range scores {
		if !d.rules[rule] || math.IsNaN(p) {
			continue
		}
		p = min(max(p, 0), 1)
		out = append(out, moderation.Finding{Rule: rule, Score: p, Detail: "scored by the newsroom's model service"})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Rule < out[j].Rule })
	return out
}

// call makes one request within the timeout.
func (d *Detector) call(ctx context.Context, in moderation.Input) (map[string]float64, error) {
	body, err := json.Marshal(request{ID: in.ID, Text: in.Text, ArticleID: in.ArticleID, AuthorID: in.AuthorID})
	if err != nil {
		return nil, fmt.Errorf("encode request: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, d.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.url, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if d.token != "" {
		req.Header.Set("Authorization", "Bearer "+d.token)
	}
	resp, err := d.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("post: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxResponse))
		return nil, fmt.Errorf("post: HTTP status %d", resp.StatusCode)
	}
	var r response
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxResponse)).Decode(&r); err != nil {
		return nil, fmt.Errorf("decode response: %w", err)
	}
	if r.Scores == nil {
		return nil, errors.New("decode response: no \"scores\" object")
	}
	return r.Scores, nil
}

// allow reports whether the circuit breaker lets a call through.
func (d *Detector) allow() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return !d.now().Before(d.openUntil)
}

// succeed closes the breaker.
func (d *Detector) succeed() {
	d.ok.Add(1)
	d.mu.Lock()
	d.consecutive = 0
	d.mu.Unlock()
}

// fail counts a failure, opens the breaker after too many in a row, and
// logs at most once a minute.
func (d *Detector) fail(err error) {
	d.failures.Add(1)
	if errors.Is(err, context.DeadlineExceeded) {
		d.timeouts.Add(1)
	}
	now := d.now()
	d.mu.Lock()
	d.consecutive++
	opened := false
	if d.consecutive >= breakerFailures {
		// Not reset: after the pause one more failure reopens at once.
		d.openUntil = now.Add(breakerPause)
		opened = true
	}
	logNow := d.lastLog.IsZero() || now.Sub(d.lastLog) >= logEvery
	suppressed := d.suppressed
	if logNow {
		d.lastLog = now
		d.suppressed = 0
	} else {
		d.suppressed++
	}
	d.mu.Unlock()
	if logNow {
		d.log.Warn("external scorer failed; comment moderated without it",
			"url", d.url, "err", err, "suppressed", suppressed, "breaker_open", opened)
	}
}
