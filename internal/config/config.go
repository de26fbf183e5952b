// Package config builds Tribune's one configuration from command-line flags
// and TRIBUNE_* environment variables (flags win). It is built once in the
// CLI and passed explicitly to everything that needs it.
package config

import (
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"tribune/internal/store"
)

// Config is every operator setting. docs/configuration.md lists them.
type Config struct {
	// Addr is where the HTTP server listens.
	Addr string
	// DataDir holds the SQLite database and anything else kept on disk.
	DataDir string
	// DatabaseURL selects PostgreSQL when it is a postgres:// URL; empty
	// means SQLite inside DataDir.
	DatabaseURL string
	// BaseURL is the public address used in canonical links, feeds and
	// short links. Empty means http://Addr.
	BaseURL string
	// SiteName is the publication's name.
	SiteName string
	// SiteDescription is the one-line description used in feeds and meta tags.
	SiteDescription string
	// Language is the site's language (BCP 47), used in feeds and <html lang>.
	Language string
	// Timezone is where datelines are shown.
	Timezone *time.Location
	// TelegramURL is the channel the call to action links to; empty hides it.
	TelegramURL string
	// TelegramOff is set when the operator turned the prompt off explicitly,
	// so the demo's channel is not shown either.
	TelegramOff bool
	// Demo creates demo content on an empty database.
	Demo bool
	// ViewFlushInterval is how often batched page views are written.
	ViewFlushInterval time.Duration
	// LogLevel is debug, info, warn or error.
	LogLevel string
	// LogFormat is text or json.
	LogFormat string
	// TrustProxy takes the client address from X-Forwarded-For (the last
	// hop), for sites behind a reverse proxy or load balancer.
	TrustProxy bool

	// SMTP delivers email; an empty SMTPHost writes .eml files to
	// DataDir/outbox instead.
	SMTPHost, SMTPUsername, SMTPPassword string
	SMTPPort                             int
	// SMTPSecurity is starttls, tls or none.
	SMTPSecurity string
	// MailFrom is the sender, e.g. "Tribune <news@example.org>".
	MailFrom string

	// PrivacyPolicyFile replaces the shipped privacy policy (Markdown);
	// PrivacyPolicyVersion is the version readers consent to.
	PrivacyPolicyFile, PrivacyPolicyVersion string

	// CommentRate is how many comments one author may post per minute;
	// 0 turns the limit off (load tests).
	CommentRate int
	// StrikeLimit is the strike points (rejected comments weighted by
	// their rule's severity) that block an account; 0 never blocks.
	StrikeLimit int
	// CommentLinks shows URLs in comments as links.
	CommentLinks bool
	// PolicyFile replaces the shipped Community Standards policy (YAML or
	// JSON); empty uses the shipped one.
	PolicyFile string
	// Blocklists are malware host/URL list files, comma-separated in the
	// environment; they are reloaded when they change.
	Blocklists []string
	// ScorerURL and ScorerToken configure the optional external scorer
	// (docs/moderation-external.md); empty URL leaves it off.
	ScorerURL, ScorerToken string
	// WebhookURLs receive signed moderation events (docs/webhooks.md);
	// none turns webhooks off. WebhookSecret keys their HMAC signatures.
	WebhookURLs   []string
	WebhookSecret string
	// PurgeComments removes the comments of readers whose deleted accounts
	// are purged after 30 days; otherwise they stay, anonymised.
	PurgeComments bool

	// CaptchaTestHook lets the registration captcha accept a fixed answer,
	// for browser tests only; refused when BaseURL is https.
	CaptchaTestHook bool

	// Social logins: Google, Facebook and one generic OpenID Connect
	// provider, each on when its client id is set.
	GoogleClientID, GoogleClientSecret     string
	FacebookClientID, FacebookClientSecret string
	OIDCName, OIDCDisplayName, OIDCIssuer  string
	OIDCClientID, OIDCClientSecret         string
}

// Env reads an environment variable; tests pass their own.
type Env func(string) string

// setting declares one flag together with its environment variable.
type setting struct {
	name, env, usage string
	target           *string
	def              string
}

// FlagSet registers the shared settings on fs and returns a function that
// finishes the Config after fs.Parse. Subcommands call it so every command
// reads the same flags and variables the same way.
func FlagSet(fs *flag.FlagSet, env Env) func() (*Config, error) {
	var (
		c                                                                           Config
		tz, demo, flush, trust, port, hook, rate, links, purge, blocklists, strikes string
		webhooks                                                                    string
	)
	settings := []setting{
		{"addr", "TRIBUNE_ADDR", "address to listen on", &c.Addr, "127.0.0.1:8080"},
		{"data-dir", "TRIBUNE_DATA_DIR", "folder for the SQLite database", &c.DataDir, "./tribune-data"},
		{"database", "TRIBUNE_DATABASE_URL", "postgres://... URL to use PostgreSQL instead of SQLite", &c.DatabaseURL, ""},
		{"base-url", "TRIBUNE_BASE_URL", "public URL of the site (default http://ADDR)", &c.BaseURL, ""},
		{"site-name", "TRIBUNE_SITE_NAME", "publication name", &c.SiteName, "Tribune"},
		{"site-description", "TRIBUNE_SITE_DESCRIPTION", "one-line description for feeds and search engines", &c.SiteDescription, "Independent international news agency"},
		{"language", "TRIBUNE_LANGUAGE", "site language (BCP 47)", &c.Language, "en"},
		{"timezone", "TRIBUNE_TIMEZONE", "IANA timezone for datelines", &tz, "UTC"},
		{"telegram-url", "TRIBUNE_TELEGRAM_URL", "Telegram channel URL for the follow prompt, or off", &c.TelegramURL, ""},
		{"demo", "TRIBUNE_DEMO", "create demo content on an empty database (true/false)", &demo, "true"},
		{"view-flush-interval", "TRIBUNE_VIEW_FLUSH_INTERVAL", "how often batched page views are written", &flush, "5s"},
		{"log-level", "TRIBUNE_LOG_LEVEL", "debug, info, warn or error", &c.LogLevel, "info"},
		{"log-format", "TRIBUNE_LOG_FORMAT", "text or json", &c.LogFormat, "text"},
		{"trust-proxy", "TRIBUNE_TRUST_PROXY", "take the client address from X-Forwarded-For (true/false)", &trust, "false"},
		{"smtp-host", "TRIBUNE_SMTP_HOST", "SMTP server; empty writes emails to DATA_DIR/outbox", &c.SMTPHost, ""},
		{"smtp-port", "TRIBUNE_SMTP_PORT", "SMTP port (default 587 for starttls, 465 for tls, 25 for none)", &port, ""},
		{"smtp-security", "TRIBUNE_SMTP_SECURITY", "starttls, tls or none", &c.SMTPSecurity, "starttls"},
		{"smtp-username", "TRIBUNE_SMTP_USERNAME", "SMTP user name", &c.SMTPUsername, ""},
		{"smtp-password", "TRIBUNE_SMTP_PASSWORD", "SMTP password", &c.SMTPPassword, ""},
		{"mail-from", "TRIBUNE_MAIL_FROM", "sender of account emails (default: SITE_NAME <noreply@HOST>)", &c.MailFrom, ""},
		{"privacy-policy", "TRIBUNE_PRIVACY_POLICY", "Markdown file replacing the shipped privacy policy", &c.PrivacyPolicyFile, ""},
		{"privacy-policy-version", "TRIBUNE_PRIVACY_POLICY_VERSION", "version of the privacy policy readers consent to", &c.PrivacyPolicyVersion, ""},
		{"captcha-test-hook", "TRIBUNE_CAPTCHA_TEST_HOOK", "accept the answer TEST-PASS in the captcha: browser tests only, never in production", &hook, "false"},
		{"comment-rate", "TRIBUNE_COMMENT_RATE", "comments one author may post per minute; 0 turns the limit off", &rate, "5"},
		{"strike-limit", "TRIBUNE_STRIKE_LIMIT", "strike points (rejected comments weighted by rule severity) that block an account; 0 never blocks", &strikes, "10"},
		{"policy", "TRIBUNE_POLICY", "moderation policy file (YAML or JSON) replacing the shipped Community Standards", &c.PolicyFile, ""},
		{"blocklists", "TRIBUNE_BLOCKLISTS", "comma-separated malware blocklist files (hosts, one domain a line, or URLhaus format)", &blocklists, ""},
		{"scorer-url", "TRIBUNE_SCORER_URL", "URL of an external moderation scorer (off when empty)", &c.ScorerURL, ""},
		{"scorer-token", "TRIBUNE_SCORER_TOKEN", "bearer token for the external scorer", &c.ScorerToken, ""},
		{"webhook-url", "TRIBUNE_WEBHOOK_URL", "comma-separated http(s) URLs that receive signed moderation events (off when empty)", &webhooks, ""},
		{"webhook-secret", "TRIBUNE_WEBHOOK_SECRET", "secret of at least 16 bytes that signs webhook requests; required with webhook-url", &c.WebhookSecret, ""},
		{"purge-comments", "TRIBUNE_PURGE_COMMENTS", "when a deleted account is purged after 30 days: remove its comments, or anonymise them", &purge, "anonymise"},
		{"comment-links", "TRIBUNE_COMMENT_LINKS", "show URLs in comments as links (true/false)", &links, "false"},
		{"oauth-google-client-id", "TRIBUNE_OAUTH_GOOGLE_CLIENT_ID", "Google sign-in client id", &c.GoogleClientID, ""},
		{"oauth-google-client-secret", "TRIBUNE_OAUTH_GOOGLE_CLIENT_SECRET", "Google sign-in client secret", &c.GoogleClientSecret, ""},
		{"oauth-facebook-client-id", "TRIBUNE_OAUTH_FACEBOOK_CLIENT_ID", "Facebook login app id", &c.FacebookClientID, ""},
		{"oauth-facebook-client-secret", "TRIBUNE_OAUTH_FACEBOOK_CLIENT_SECRET", "Facebook login app secret", &c.FacebookClientSecret, ""},
		{"oidc-name", "TRIBUNE_OIDC_NAME", "id of a generic OpenID Connect provider, used in URLs", &c.OIDCName, "sso"},
		{"oidc-display-name", "TRIBUNE_OIDC_DISPLAY_NAME", "name of the generic OpenID Connect provider shown to readers", &c.OIDCDisplayName, "Single sign-on"},
		{"oidc-issuer", "TRIBUNE_OIDC_ISSUER", "issuer URL of a generic OpenID Connect provider", &c.OIDCIssuer, ""},
		{"oidc-client-id", "TRIBUNE_OIDC_CLIENT_ID", "client id at the OpenID Connect provider", &c.OIDCClientID, ""},
		{"oidc-client-secret", "TRIBUNE_OIDC_CLIENT_SECRET", "client secret at the OpenID Connect provider", &c.OIDCClientSecret, ""},
	}
	for _, s := range settings {
		def := s.def
		if v := env(s.env); v != "" {
			def = v
		}
		*s.target = def
		usage := s.usage + " (env " + s.env + ")"
		if isBoolSetting(s.target, &demo, &trust, &hook, &links) {
			fs.Var(boolText{s.target}, s.name, usage)
		} else {
			fs.StringVar(s.target, s.name, def, usage)
		}
	}
	noDemo := fs.Bool("no-demo", false, "start with an empty site (same as --demo=false)")
	return func() (*Config, error) {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			return nil, fmt.Errorf("timezone %q: %w", tz, err)
		}
		c.Timezone = loc
		switch strings.ToLower(demo) {
		case "true", "1", "yes", "on":
			c.Demo = !*noDemo
		case "false", "0", "no", "off":
			c.Demo = false
		default:
			return nil, fmt.Errorf("demo %q: want true or false", demo)
		}
		if c.ViewFlushInterval, err = time.ParseDuration(flush); err != nil || c.ViewFlushInterval <= 0 {
			return nil, fmt.Errorf("view-flush-interval %q: want a positive duration such as 5s", flush)
		}
		for _, b := range []struct {
			name, v string
			dst     *bool
		}{{"trust-proxy", trust, &c.TrustProxy}, {"captcha-test-hook", hook, &c.CaptchaTestHook}, {"comment-links", links, &c.CommentLinks}} {
			switch strings.ToLower(b.v) {
			case "true", "1", "yes", "on":
				*b.dst = true
			case "false", "0", "no", "off", "":
			default:
				return nil, fmt.Errorf("%s %q: want true or false", b.name, b.v)
			}
		}
		for _, b := range strings.Split(blocklists, ",") {
			if b = strings.TrimSpace(b); b != "" {
				c.Blocklists = append(c.Blocklists, b)
			}
		}
		if c.WebhookURLs, err = webhookURLs(webhooks, c.WebhookSecret); err != nil {
			return nil, err
		}
		switch purge {
		case "remove":
			c.PurgeComments = true
		case "anonymise", "anonymize":
		default:
			return nil, fmt.Errorf("purge-comments %q: want remove or anonymise", purge)
		}
		if c.CommentRate, err = strconv.Atoi(rate); err != nil || c.CommentRate < 0 {
			return nil, fmt.Errorf("comment-rate %q: want a whole number, 0 for no limit", rate)
		}
		if c.StrikeLimit, err = strconv.Atoi(strikes); err != nil || c.StrikeLimit < 0 {
			return nil, fmt.Errorf("strike-limit %q: want a whole number, 0 for never", strikes)
		}
		if port != "" {
			if c.SMTPPort, err = strconv.Atoi(port); err != nil || c.SMTPPort <= 0 || c.SMTPPort > 65535 {
				return nil, fmt.Errorf("smtp-port %q: want a port number", port)
			}
		}
		switch c.SMTPSecurity {
		case "starttls", "tls", "none":
		default:
			return nil, fmt.Errorf("smtp-security %q: want starttls, tls or none", c.SMTPSecurity)
		}
		if c.BaseURL == "" {
			c.BaseURL = "http://" + c.Addr
		}
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("base-url %q: want an absolute http(s) URL", c.BaseURL)
		}
		c.BaseURL = strings.TrimRight(c.BaseURL, "/")
		if c.CaptchaTestHook && u.Scheme == "https" {
			return nil, errors.New("captcha-test-hook: refused on an https site; it is for browser tests only")
		}
		if c.MailFrom == "" {
			c.MailFrom = c.SiteName + " <noreply@" + u.Hostname() + ">"
			if !strings.Contains(u.Hostname(), ".") {
				c.MailFrom = c.SiteName + " <noreply@localhost.localdomain>"
			}
		}
		if (c.GoogleClientID == "") != (c.GoogleClientSecret == "") || (c.FacebookClientID == "") != (c.FacebookClientSecret == "") ||
			(c.OIDCClientID != "" && (c.OIDCIssuer == "" || c.OIDCClientSecret == "")) {
			return nil, errors.New("social login: set both the client id and the client secret (and the issuer for OpenID Connect)")
		}
		if c.DatabaseURL != "" && !store.IsPostgresURL(c.DatabaseURL) {
			return nil, fmt.Errorf("database %q: want a postgres:// URL (leave empty for SQLite)", c.DatabaseURL)
		}
		if c.TelegramURL == "off" {
			c.TelegramURL, c.TelegramOff = "", true
		}
		if c.TelegramURL != "" {
			if u, err := url.Parse(c.TelegramURL); err != nil || u.Scheme != "https" {
				return nil, fmt.Errorf("telegram-url %q: want an https:// URL or empty", c.TelegramURL)
			}
		}
		return &c, nil
	}
}

// boolText is a true/false setting kept as text (checked after parsing),
// which may be given as a bare flag: --captcha-test-hook means true.
type boolText struct{ p *string }

func (b boolText) String() string {
	if b.p == nil {
		return ""
	}
	return *b.p
}
func (b boolText) Set(v string) error { *b.p = v; return nil }
func (b boolText) IsBoolFlag() bool   { return true }

func isBoolSetting(target *string, bools ...*string) bool {
	for _, b := range bools {
		if target == b {
			return true
		}
	}
	return false
}

// DSN is what store.Open takes: the PostgreSQL URL or the SQLite file path.
func (c *Config) DSN() string {
	if c.DatabaseURL != "" {
		return c.DatabaseURL
	}
	return store.SQLitePath(c.DataDir)
}

// Secure reports whether the public site is served over TLS.
func (c *Config) Secure() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// OSEnv reads the process environment.
func OSEnv(key string) string { return os.Getenv(key) }

// AbsDataDir is DataDir made absolute for messages.
func (c *Config) AbsDataDir() string {
	if p, err := filepath.Abs(c.DataDir); err == nil {
		return p
	}
	return c.DataDir
}
