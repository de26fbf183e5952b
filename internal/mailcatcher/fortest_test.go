package mailcatcher

import (
	"fmt"
	"net/smtp"
	"runtime"
	"strings"
	"testing"
)

func TestForTestUsesEnvironment(t *testing.T) {
	t.Setenv(EnvSMTP, "127.0.0.1:2525")
	t.Setenv(EnvMailbox, "http://127.0.0.1:8025")
	addr, c := ForTest(t)
	if addr != "127.0.0.1:2525" || c.BaseURL != "http://127.0.0.1:8025" {
		t.Errorf("ForTest() = %q, %q; want the values of %s and %s", addr, c.BaseURL, EnvSMTP, EnvMailbox)
	}
}

func TestForTestInProcess(t *testing.T) {
	t.Setenv(EnvSMTP, "")
	t.Setenv(EnvMailbox, "")
	t.Setenv("CI", "")
	addr, c := ForTest(t)
	to := Address("inprocess")
	if err := smtp.SendMail(addr, nil, "a@example.test", []string{to}, []byte("Subject: x\r\n\r\ny\r\n")); err != nil {
		t.Fatalf("SendMail to the in-process catcher: %v", err)
	}
	if got, err := c.Wait(t.Context(), to, 1); err != nil || got[0].Subject != "x" {
		t.Errorf("Wait(%s) = %+v, %v; want the message", to, got, err)
	}
}

// fatalTB records Fatalf and stops the goroutine, as testing.T does.
type fatalTB struct {
	testing.TB
	msg string
}

func (f *fatalTB) Helper() {}
func (f *fatalTB) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func TestForTestFails(t *testing.T) {
	tests := []struct {
		name              string
		smtp, mailbox, ci string
		want              string
	}{
		{"CI without a catcher", "", "", "true", "required in CI"},
		{"CI=1 without a catcher", "", "", "1", "required in CI"},
		{"only SMTP set", "127.0.0.1:1", "", "", "set both"},
		{"only mailbox set", "", "http://127.0.0.1:1", "true", "set both"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(EnvSMTP, tt.smtp)
			t.Setenv(EnvMailbox, tt.mailbox)
			t.Setenv("CI", tt.ci)
			f := &fatalTB{TB: t}
			done := make(chan struct{})
			go func() {
				defer close(done)
				ForTest(f)
			}()
			<-done
			if !strings.Contains(f.msg, tt.want) {
				t.Errorf("ForTest() failed with %q, want a failure mentioning %q", f.msg, tt.want)
			}
		})
	}
}

func TestAddress(t *testing.T) {
	a, b := Address("reader"), Address("reader")
	if a == b || !strings.HasPrefix(a, "reader-") || !strings.HasSuffix(a, "@example.test") {
		t.Errorf("Address(reader) = %q then %q, want two different reader-…@example.test", a, b)
	}
}
