// Package config builds Tribune's one configuration from command-line flags
// and TRIBUNE_* environment variables (flags win). It is built once in the
// CLI and passed explicitly to everything that needs it.
package config

import (
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
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
		c               Config
		tz, demo, flush string
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
	}
	for _, s := range settings {
		def := s.def
		if v := env(s.env); v != "" {
			def = v
		}
		fs.StringVar(s.target, s.name, def, s.usage+" (env "+s.env+")")
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
		if c.BaseURL == "" {
			c.BaseURL = "http://" + c.Addr
		}
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("base-url %q: want an absolute http(s) URL", c.BaseURL)
		}
		c.BaseURL = strings.TrimRight(c.BaseURL, "/")
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
