package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/smtp"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tribune/internal/mailcatcher"
)

func TestRun(t *testing.T) {
	addrFile := filepath.Join(t.TempDir(), "addr")
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	out, outW := io.Pipe()
	var logs bytes.Buffer
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, []string{"-smtp", "127.0.0.1:0", "-http", "127.0.0.1:0", "-addr-file", addrFile}, outW, &logs)
		outW.Close()
	}()

	// The two address lines mean the catcher is listening.
	sc := bufio.NewScanner(out)
	addrs := map[string]string{}
	var printed strings.Builder
	for len(addrs) < 2 && sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), "=")
		addrs[k] = v
		printed.WriteString(sc.Text() + "\n")
	}
	go io.Copy(io.Discard, out)
	if addrs["smtp"] == "" || !strings.HasPrefix(addrs["http"], "http://127.0.0.1:") {
		t.Fatalf("run printed %q, want smtp=HOST:PORT and http=http://HOST:PORT", printed.String())
	}
	if b, err := os.ReadFile(addrFile); err != nil || string(b) != printed.String() {
		t.Errorf("address file = %q, %v; want %q", b, err, printed.String())
	}

	to := mailcatcher.Address("cmd")
	if err := smtp.SendMail(addrs["smtp"], nil, "a@example.test", []string{to}, []byte("Subject: hi\r\n\r\nx\r\n")); err != nil {
		t.Fatalf("SendMail: %v", err)
	}
	if got, err := (mailcatcher.Client{BaseURL: addrs["http"]}).Wait(t.Context(), to, 1); err != nil || got[0].Subject != "hi" {
		t.Errorf("Wait(%s) = %+v, %v; want the message", to, got, err)
	}

	cancel()
	if c := <-code; c != 0 {
		t.Errorf("run after cancel = %d, want 0; log:\n%s", c, logs.String())
	}
	if _, err := os.Stat(addrFile); !os.IsNotExist(err) {
		t.Errorf("address file still there after stop (%v)", err)
	}
}

func TestRunBadAddress(t *testing.T) {
	var logs bytes.Buffer
	if c := run(t.Context(), []string{"-smtp", "256.0.0.1:bad", "-http", "127.0.0.1:0"}, io.Discard, &logs); c != 1 {
		t.Errorf("run with a bad SMTP address = %d, want 1", c)
	}
	if c := run(t.Context(), []string{"-nosuchflag"}, io.Discard, &logs); c != 2 {
		t.Errorf("run with an unknown flag = %d, want 2", c)
	}
}
