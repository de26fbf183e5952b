package oauth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
)

// send makes one request to the provider under requestTimeout and reads at
// most maxBody bytes of the answer. Errors name the endpoint without its
// query, so nothing secret ends up in a log line.
func (p *Provider) send(ctx context.Context, req *http.Request) (*http.Response, []byte, error) {
	ctx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	where := req.Method + " " + redact(req.URL)
	resp, err := p.client.Do(req.WithContext(ctx))
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, nil, fmt.Errorf("%s: %w", where, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: reading the response: %w", where, err)
	}
	if len(body) > maxBody {
		return nil, nil, fmt.Errorf("%s: response larger than %d bytes", where, maxBody)
	}
	return resp, body, nil
}

// getJSON fetches a JSON document, with a bearer token when one is given.
func (p *Provider) getJSON(ctx context.Context, rawURL, bearer string, v any) error {
	req, err := http.NewRequest(http.MethodGet, rawURL, nil)
	if err != nil {
		return fmt.Errorf("GET %s: %w", rawURL, err)
	}
	req.Header.Set("Accept", "application/json")
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, body, err := p.send(ctx, req)
	if err != nil {
		return err
	}
	where := "GET " + redact(req.URL)
	if resp.StatusCode != http.StatusOK {
		if code, desc, ok := parseError(body); ok {
			return fmt.Errorf("%s: HTTP %d: %w", where, resp.StatusCode, newProviderError(code, desc))
		}
		return fmt.Errorf("%s: HTTP %d", where, resp.StatusCode)
	}
	if ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); ct == "application/jwt" {
		return fmt.Errorf("%s: signed (application/jwt) responses are not supported", where)
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("%s: not valid JSON: %w", where, err)
	}
	return nil
}

// parseError reads an error body in either the RFC 6749 section 5.2 shape
// ({"error": "invalid_grant", "error_description": "..."}) or the Graph API
// shape ({"error": {"message": "...", "type": "OAuthException"}}).
func parseError(body []byte) (code, desc string, ok bool) {
	var e struct {
		Error       json.RawMessage `json:"error"`
		Description string          `json:"error_description"`
	}
	if json.Unmarshal(body, &e) != nil || len(e.Error) == 0 {
		return "", "", false
	}
	if json.Unmarshal(e.Error, &code) == nil {
		return code, e.Description, code != ""
	}
	var graph struct {
		Message string `json:"message"`
		Type    string `json:"type"`
	}
	if json.Unmarshal(e.Error, &graph) == nil && (graph.Type != "" || graph.Message != "") {
		return orDefault(graph.Type, "error"), graph.Message, true
	}
	return "", "", false
}

// redact drops the query and any user info from a URL meant for a message.
func redact(u *url.URL) string {
	c := *u
	c.User, c.RawQuery, c.Fragment = nil, "", ""
	return c.String()
}
