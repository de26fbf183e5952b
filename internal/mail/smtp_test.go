package mail_test

import (
	"context"
	"errors"
	"net"
	"strconv"
	"strings"
	"testing"

	"tribune/internal/mail"
	"tribune/internal/mailcatcher"
)

// catcherSMTP returns an SMTP sender for the test's mail catcher with the
// given changes to its configuration.
func catcherSMTP(t *testing.T, edit func(*mail.SMTPConfig)) (*mail.SMTP, mailcatcher.Client) {
	t.Helper()
	addr, client := mailcatcher.ForTest(t)
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatalf("mail catcher address %q: %v", addr, err)
	}
	cfg := mail.SMTPConfig{Host: host, Security: mail.SecurityNone, From: "Tribune <news@example.org>"}
	cfg.Port, _ = strconv.Atoi(port)
	if edit != nil {
		edit(&cfg)
	}
	s, err := mail.NewSMTP(cfg)
	if err != nil {
		t.Fatalf("NewSMTP(%+v): %v", cfg, err)
	}
	return s, client
}

func TestSMTPRoundTrip(t *testing.T) {
	s, client := catcherSMTP(t, nil)
	to := mailcatcher.Address("reader")
	longLine := strings.Repeat("long-line-without-spaces-", 120) // 3000 characters
	m := mail.Message{
		To:      "Читатель <" + to + ">",
		Subject: "Добро пожаловать в Tribune",
		Text:    "Hello,\n.a line starting with a dot\n.\n..two dots\n" + longLine + "\nbye\n",
		HTML:    "<p>Hello,</p>\n.<p>dot</p>\n<p>" + longLine + "</p>\n",
		Headers: map[string]string{"List-Unsubscribe": "<https://example.org/u/1>"},
	}
	if err := s.Send(t.Context(), m); err != nil {
		t.Fatalf("Send: %v", err)
	}
	got, err := client.Wait(t.Context(), to, 1)
	if err != nil {
		t.Fatalf("Wait(%s): %v", to, err)
	}
	r := got[0]
	if len(got) != 1 || r.From != "news@example.org" || len(r.To) != 1 || r.To[0] != to {
		t.Errorf("envelope = %d message(s), from %q to %q; want 1 from news@example.org to %s", len(got), r.From, r.To, to)
	}
	if r.Subject != m.Subject {
		t.Errorf("Subject = %q, want %q", r.Subject, m.Subject)
	}
	if r.Text != m.Text {
		t.Errorf("Text = %q, want %q", r.Text, m.Text)
	}
	if r.HTML != m.HTML {
		t.Errorf("HTML = %q, want %q", r.HTML, m.HTML)
	}
	if h := r.Header.Get("List-Unsubscribe"); h != "<https://example.org/u/1>" {
		t.Errorf("List-Unsubscribe = %q, want <https://example.org/u/1>", h)
	}
	if r.Auth != "" {
		t.Errorf("Auth = %q, want none without credentials", r.Auth)
	}
	if r.ParseError != "" {
		t.Errorf("ParseError = %q, want none", r.ParseError)
	}
}

func TestSMTPAuthOnLoopback(t *testing.T) {
	s, client := catcherSMTP(t, func(c *mail.SMTPConfig) { c.Username, c.Password = "mailer", "s3cret" })
	to := mailcatcher.Address("auth")
	if err := s.Send(t.Context(), mail.Message{To: to, Subject: "s", Text: "t", HTML: "h"}); err != nil {
		t.Fatalf("Send with credentials over plain SMTP on loopback: %v", err)
	}
	got, err := client.Wait(t.Context(), to, 1)
	if err != nil {
		t.Fatalf("Wait(%s): %v", to, err)
	}
	if got[0].Auth != "mailer" {
		t.Errorf("Auth = %q, want mailer", got[0].Auth)
	}
}

// The catcher offers no STARTTLS, which the default security requires.
func TestSMTPStartTLSRequired(t *testing.T) {
	s, client := catcherSMTP(t, func(c *mail.SMTPConfig) { c.Security = "" })
	to := mailcatcher.Address("starttls")
	err := s.Send(t.Context(), mail.Message{To: to, Subject: "s", Text: "t", HTML: "h"})
	if err == nil || !strings.Contains(err.Error(), "STARTTLS") {
		t.Errorf("Send without STARTTLS on offer = %v, want an error about STARTTLS", err)
	}
	// Send failed before MAIL FROM, so nothing can be on its way.
	if got, err := client.Messages(t.Context(), to); err != nil || len(got) != 0 {
		t.Errorf("Messages(%s) = %d messages, %v; want none", to, len(got), err)
	}
}

func TestSMTPTLSHandshakeFails(t *testing.T) {
	s, _ := catcherSMTP(t, func(c *mail.SMTPConfig) { c.Security = mail.SecurityTLS })
	if err := s.Send(t.Context(), mail.Message{To: "a@example.test", Subject: "s", Text: "t", HTML: "h"}); err == nil {
		t.Error("Send with security tls to a plain SMTP server succeeded, want a handshake error")
	}
}

// A server that accepts but never greets: Send must end when ctx does.
func TestSMTPHonoursContext(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	ctx, cancel := context.WithCancel(t.Context())
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		cancel()                   // Send is now waiting for the greeting
		conn.Read(make([]byte, 1)) // until Send gives up and closes
	}()
	port := ln.Addr().(*net.TCPAddr).Port
	s, err := mail.NewSMTP(mail.SMTPConfig{Host: "127.0.0.1", Port: port, Security: mail.SecurityNone, From: "news@example.org"})
	if err != nil {
		t.Fatalf("NewSMTP: %v", err)
	}
	err = s.Send(ctx, mail.Message{To: "a@example.test", Subject: "s", Text: "t", HTML: "h"})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Send with a cancelled context = %v, want context.Canceled", err)
	}
}

func TestNewSMTP(t *testing.T) {
	tests := []struct {
		name    string
		cfg     mail.SMTPConfig
		wantErr bool
		addr    string
	}{
		{"defaults to starttls on 587", mail.SMTPConfig{Host: "smtp.example.org", From: "a@example.org", Username: "u", Password: "p"}, false, "smtp.example.org:587"},
		{"tls on 465", mail.SMTPConfig{Host: "smtp.example.org", Security: "tls", From: "a@example.org"}, false, "smtp.example.org:465"},
		{"none on 25", mail.SMTPConfig{Host: "relay.internal", Security: "none", From: "a@example.org"}, false, "relay.internal:25"},
		{"explicit port", mail.SMTPConfig{Host: "smtp.example.org", Port: 2525, From: "a@example.org"}, false, "smtp.example.org:2525"},
		{"bracketed IPv6", mail.SMTPConfig{Host: "[::1]", Security: "none", From: "a@example.org", Username: "u"}, false, "[::1]:25"},
		{"credentials in clear to localhost", mail.SMTPConfig{Host: "localhost", Security: "none", From: "a@example.org", Username: "u"}, false, "localhost:25"},
		{"credentials in clear to 127.0.0.2", mail.SMTPConfig{Host: "127.0.0.2", Security: "none", From: "a@example.org", Username: "u"}, false, "127.0.0.2:25"},
		{"credentials in clear to another host", mail.SMTPConfig{Host: "smtp.example.org", Security: "none", From: "a@example.org", Username: "u", Password: "p"}, true, ""},
		{"credentials in clear to a LAN IP", mail.SMTPConfig{Host: "192.168.1.5", Security: "none", From: "a@example.org", Username: "u", Password: "p"}, true, ""},
		{"unknown security", mail.SMTPConfig{Host: "smtp.example.org", Security: "ssl", From: "a@example.org"}, true, ""},
		{"no host", mail.SMTPConfig{From: "a@example.org"}, true, ""},
		{"port out of range", mail.SMTPConfig{Host: "smtp.example.org", Port: 70000, From: "a@example.org"}, true, ""},
		{"password without username", mail.SMTPConfig{Host: "smtp.example.org", From: "a@example.org", Password: "p"}, true, ""},
		{"no from", mail.SMTPConfig{Host: "smtp.example.org"}, true, ""},
		{"from with CRLF", mail.SMTPConfig{Host: "smtp.example.org", From: "a@example.org\r\nBcc: b@example.org"}, true, ""},
		{"hello name with CRLF", mail.SMTPConfig{Host: "smtp.example.org", From: "a@example.org", HelloName: "x\r\nRSET"}, true, ""},
	}
	for _, tt := range tests {
		s, err := mail.NewSMTP(tt.cfg)
		if (err != nil) != tt.wantErr {
			t.Errorf("NewSMTP(%s) error = %v, want error %v", tt.name, err, tt.wantErr)
			continue
		}
		if err == nil && s.Addr() != tt.addr {
			t.Errorf("NewSMTP(%s).Addr() = %q, want %q", tt.name, s.Addr(), tt.addr)
		}
	}
}

func TestSMTPSendRejectsInjection(t *testing.T) {
	s, err := mail.NewSMTP(mail.SMTPConfig{Host: "smtp.example.org", From: "a@example.org"})
	if err != nil {
		t.Fatalf("NewSMTP: %v", err)
	}
	// Refused before any connection is made, so the host need not exist.
	for _, to := range []string{"a@example.test\r\nRCPT TO:<b@example.test>", "a@example.test>\nDATA", "nobody"} {
		if err := s.Send(t.Context(), mail.Message{To: to, Subject: "s", Text: "t", HTML: "h"}); err == nil {
			t.Errorf("Send(To %q) succeeded, want an error", to)
		}
	}
}
