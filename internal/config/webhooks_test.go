package config

import (
	"slices"
	"strings"
	"testing"
)

func TestWebhooks(t *testing.T) {
	const secret = "0123456789abcdef"
	tests := []struct {
		name       string
		env        map[string]string
		args       []string
		wantURLs   []string
		wantSecret string
		wantErr    string // part of the message; "" for none
	}{
		{name: "off by default"},
		{name: "secret alone is harmless", args: []string{"--webhook-secret", "short"}, wantSecret: "short"},
		{name: "one URL from flags", args: []string{"--webhook-url", "https://tools.example/hook?token=x", "--webhook-secret", secret},
			wantURLs: []string{"https://tools.example/hook?token=x"}, wantSecret: secret},
		{name: "list from the environment",
			env:      map[string]string{"TRIBUNE_WEBHOOK_URL": " https://a.example/hook , http://10.0.0.5:8080/tribune,", "TRIBUNE_WEBHOOK_SECRET": secret},
			wantURLs: []string{"https://a.example/hook", "http://10.0.0.5:8080/tribune"}, wantSecret: secret},
		{name: "flags beat the environment",
			env:  map[string]string{"TRIBUNE_WEBHOOK_URL": "https://env.example/", "TRIBUNE_WEBHOOK_SECRET": "env-secret-env-secret"},
			args: []string{"--webhook-url", "https://flag.example/", "--webhook-secret", secret}, wantURLs: []string{"https://flag.example/"}, wantSecret: secret},
		{name: "relative URL", args: []string{"--webhook-url", "https://a.example/,/hook", "--webhook-secret", secret},
			wantErr: `webhook-url "/hook"`},
		{name: "no scheme", args: []string{"--webhook-url", "tools.example/hook", "--webhook-secret", secret},
			wantErr: `webhook-url "tools.example/hook"`},
		{name: "other scheme", args: []string{"--webhook-url", "ftp://tools.example/", "--webhook-secret", secret},
			wantErr: `webhook-url "ftp://tools.example/"`},
		{name: "no host", args: []string{"--webhook-url", "https:///hook", "--webhook-secret", secret},
			wantErr: `webhook-url "https:///hook"`},
		{name: "unparsable", args: []string{"--webhook-url", "https://a b.example/%zz", "--webhook-secret", secret},
			wantErr: `webhook-url "https://a b.example/%zz"`},
		{name: "URL without secret", args: []string{"--webhook-url", "https://tools.example/"},
			wantErr: "webhook-secret: required when webhook-url is set"},
		{name: "secret too short", args: []string{"--webhook-url", "https://tools.example/", "--webhook-secret", secret[:15]},
			wantErr: "webhook-secret: 15 bytes is too short; want at least 16"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := load(t, tc.env, tc.args...)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("load(%q) error = %v, want one containing %q", tc.args, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("load(%q) error = %v, want nil", tc.args, err)
			}
			if !slices.Equal(c.WebhookURLs, tc.wantURLs) || c.WebhookSecret != tc.wantSecret {
				t.Errorf("load(%q) webhooks = %q, secret %q; want %q, %q", tc.args, c.WebhookURLs, c.WebhookSecret, tc.wantURLs, tc.wantSecret)
			}
		})
	}
}
