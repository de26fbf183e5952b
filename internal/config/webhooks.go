package config

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// minWebhookSecret is the shortest webhook secret accepted: shorter keys
// make the HMAC signature guessable offline from one captured request.
const minWebhookSecret = 16

// webhookURLs parses the comma-separated webhook-url setting and checks it
// against the secret that will sign the requests: each URL must be an
// absolute http(s) URL, and any URL needs a secret of minWebhookSecret bytes
// or more. Empty items are skipped, so a trailing comma is harmless.
func webhookURLs(list, secret string) ([]string, error) {
	var urls []string
	for raw := range strings.SplitSeq(list, ",") {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("webhook-url %q: want absolute http(s) URLs, comma-separated", raw)
		}
		urls = append(urls, raw)
	}
	if len(urls) == 0 {
		return nil, nil
	}
	if secret == "" {
		return nil, errors.New("webhook-secret: required when webhook-url is set; use a random value of at least 16 bytes, e.g. from openssl rand -hex 32")
	}
	if len(secret) < minWebhookSecret {
		return nil, fmt.Errorf("webhook-secret: %d bytes is too short; want at least %d", len(secret), minWebhookSecret)
	}
	return urls, nil
}
