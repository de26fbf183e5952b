package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// commentsAPI is the JSON API's comment endpoints as the benchmark uses
// them (the contract of the comments issue): post as a reader with a bearer token,
// count and list an article's published comments.
type commentsAPI struct {
	base   string
	client *http.Client
}

// posted is what a POST answered.
type posted struct {
	Status int
	// ID, State ("published", "held" or "rejected") and Seq come from a
	// 201's body; Seq is 0 when the body has none.
	ID    string
	State string
	Seq   int64
	// Error is the body's "error" (or the start of the body) otherwise.
	Error string
}

// maxAPIBody bounds what the benchmark reads of one API answer.
const maxAPIBody = 4 << 20

func (a commentsAPI) commentsURL(slug string) string {
	return a.base + "/api/v1/articles/" + url.PathEscape(slug) + "/comments"
}

// post creates a comment, a reply when parent is set.
func (a commentsAPI) post(ctx context.Context, token, slug, text, parent string) (posted, error) {
	body := map[string]string{"text": text}
	if parent != "" {
		body["parent_id"] = parent
	}
	b, err := json.Marshal(body)
	if err != nil {
		return posted{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.commentsURL(slug), bytes.NewReader(b))
	if err != nil {
		return posted{}, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", userAgent)
	resp, err := a.client.Do(req)
	if err != nil {
		return posted{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxAPIBody))
	if err != nil {
		return posted{Status: resp.StatusCode}, fmt.Errorf("read answer: %w", err)
	}
	var v struct {
		ID      string `json:"id"`
		Status  string `json:"status"`
		Error   string `json:"error"`
		Comment struct {
			Seq int64 `json:"seq"`
		} `json:"comment"`
	}
	p := posted{Status: resp.StatusCode}
	if err := json.Unmarshal(raw, &v); err != nil {
		p.Error = snippet(raw)
		if p.Status == http.StatusCreated {
			return p, fmt.Errorf("201 with a body that is not JSON: %s", p.Error)
		}
		return p, nil
	}
	p.ID, p.State, p.Seq, p.Error = v.ID, v.Status, v.Comment.Seq, v.Error
	if p.Status == http.StatusCreated && p.ID == "" {
		return p, fmt.Errorf("201 without a comment id: %s", snippet(raw))
	}
	return p, nil
}

// snippet is the start of a body, for error messages.
func snippet(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// listedComment is one comment of a list answer.
type listedComment struct {
	ID       string `json:"id"`
	ParentID string `json:"parent_id"`
	Text     string `json:"text"`
	HTML     string `json:"html"`
	Status   string `json:"status"`
	Seq      int64  `json:"seq"`
}

// commentList is a list answer.
type commentList struct {
	Comments   []listedComment `json:"comments"`
	NextCursor string          `json:"next_cursor"`
	Total      int64           `json:"total"`
}

// list fetches one page of an article's published comments.
func (a commentsAPI) list(ctx context.Context, slug, sort string, limit int) (commentList, error) {
	u := fmt.Sprintf("%s?sort=%s&limit=%d", a.commentsURL(slug), url.QueryEscape(sort), limit)
	status, body, err := fetch(ctx, a.client, u)
	if err != nil {
		return commentList{}, err
	}
	if status != http.StatusOK {
		return commentList{}, fmt.Errorf("GET %s: status %d: %s", u, status, snippet(body))
	}
	var l commentList
	if err := json.Unmarshal(body, &l); err != nil {
		return commentList{}, fmt.Errorf("GET %s: %w", u, err)
	}
	return l, nil
}

// total is the number of published comments under an article.
func (a commentsAPI) total(ctx context.Context, slug string) (int64, error) {
	l, err := a.list(ctx, slug, "newest", 1)
	return l.Total, err
}
