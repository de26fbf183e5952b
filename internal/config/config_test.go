package config

import (
	"flag"
	"io"
	"testing"
	"time"
)

func load(t *testing.T, env map[string]string, args ...string) (*Config, error) {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	finish := FlagSet(fs, func(k string) string { return env[k] })
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	return finish()
}

func TestDefaults(t *testing.T) {
	c, err := load(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.DataDir != "./tribune-data" || c.BaseURL != "http://127.0.0.1:8080" ||
		!c.Demo || c.Timezone != time.UTC || c.ViewFlushInterval != 5*time.Second || c.DSN() != "tribune-data/tribune.db" {
		t.Errorf("defaults = %+v, DSN %q", c, c.DSN())
	}
}

func TestFlagsBeatEnvironment(t *testing.T) {
	env := map[string]string{"TRIBUNE_ADDR": ":9000", "TRIBUNE_TIMEZONE": "Europe/Moscow", "TRIBUNE_DEMO": "false",
		"TRIBUNE_DATABASE_URL": "postgres://u@h/db"}
	c, err := load(t, env, "--addr", "127.0.0.1:7000", "--base-url", "https://news.example/")
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:7000" || c.Timezone.String() != "Europe/Moscow" || c.Demo || c.BaseURL != "https://news.example" ||
		!c.Secure() || c.DSN() != "postgres://u@h/db" {
		t.Errorf("config = %+v", c)
	}
}

func TestTelegramOff(t *testing.T) {
	c, err := load(t, nil, "--telegram-url", "off")
	if err != nil || c.TelegramURL != "" || !c.TelegramOff {
		t.Errorf("--telegram-url off = %q, off=%v, err %v", c.TelegramURL, c.TelegramOff, err)
	}
}

func TestInvalid(t *testing.T) {
	tests := [][]string{
		{"--timezone", "Nowhere/City"},
		{"--demo=maybe"},
		{"--view-flush-interval", "0s"},
		{"--base-url", "news.example"},
		{"--database", "sqlite:///x"},
		{"--telegram-url", "javascript:alert(1)"},
	}
	for _, args := range tests {
		if _, err := load(t, nil, args...); err == nil {
			t.Errorf("load(%q) = nil error, want one", args)
		}
	}
}
