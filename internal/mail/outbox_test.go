package mail_test

import (
	"bytes"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	netmail "net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tribune/internal/mail"
)

func TestOutbox(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "outbox")
	var logs bytes.Buffer
	o, err := mail.NewOutbox(dir, "Tribune <news@example.org>", slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatalf("NewOutbox: %v", err)
	}
	m := mail.Message{To: "ann@example.net", Subject: "Подтвердите адрес", Text: "Ссылка: https://example.org/c\n", HTML: "<p>Ссылка</p>\n"}
	if err := o.Send(t.Context(), m); err != nil {
		t.Fatalf("Send: %v", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("ReadDir: %v", err)
	}
	if len(entries) != 1 || !strings.HasSuffix(entries[0].Name(), ".eml") {
		t.Fatalf("outbox holds %v, want one .eml file", entries)
	}
	path := filepath.Join(dir, entries[0].Name())
	if info, _ := entries[0].Info(); info.Mode().Perm() != 0o600 {
		t.Errorf("%s mode = %v, want 0600", path, info.Mode().Perm())
	}
	if !strings.Contains(logs.String(), path) {
		t.Errorf("log = %q, want it to name %s", logs.String(), path)
	}

	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	msg, err := netmail.ReadMessage(f)
	if err != nil {
		t.Fatalf("ReadMessage(%s): %v", path, err)
	}
	if got := msg.Header.Get("To"); got != m.To {
		t.Errorf("To = %q, want %q", got, m.To)
	}
	if got, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); got != m.Subject {
		t.Errorf("Subject = %q, want %q", got, m.Subject)
	}
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatalf("Content-Type: %v", err)
	}
	part, err := multipart.NewReader(msg.Body, params["boundary"]).NextPart()
	if err != nil {
		t.Fatalf("first part: %v", err)
	}
	b, _ := io.ReadAll(part)
	if got := strings.ReplaceAll(string(b), "\r\n", "\n"); got != m.Text {
		t.Errorf("text part = %q, want %q", got, m.Text)
	}
}

func TestOutboxRefusesBadMessage(t *testing.T) {
	dir := t.TempDir()
	o, err := mail.NewOutbox(dir, "news@example.org", nil)
	if err != nil {
		t.Fatalf("NewOutbox: %v", err)
	}
	if err := o.Send(t.Context(), mail.Message{To: "a@example.net\r\nBcc: b@example.net", Subject: "s", Text: "t", HTML: "h"}); err == nil {
		t.Error("Send with CRLF in To succeeded, want an error")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("outbox holds %d files after a refused message, want none", len(entries))
	}
}

func TestNewOutboxRefusesBadFrom(t *testing.T) {
	if _, err := mail.NewOutbox(t.TempDir(), "not an address", nil); err == nil {
		t.Error(`NewOutbox(from "not an address") succeeded, want an error`)
	}
}
