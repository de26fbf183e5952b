package mailcatcher

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"os"
	"testing"
)

// The variables scripts/test.sh sets after starting cmd/tribune-mailcatcher.
const (
	EnvSMTP    = "TRIBUNE_TEST_SMTP"    // the SMTP host:port
	EnvMailbox = "TRIBUNE_TEST_MAILBOX" // the HTTP API's base URL
)

// ForTest returns the SMTP address and a Client for a test: the catcher the
// test command started (TRIBUNE_TEST_SMTP and TRIBUNE_TEST_MAILBOX) when
// there is one, else a new in-process Server closed in t.Cleanup. With
// CI=true and the variables unset it fails the test: in CI the service must
// come from the test command, so a broken script cannot go unnoticed.
//
// The catcher may be shared by tests running in parallel in several
// packages: send each test's mail to its own addresses (see Address) and
// wait by recipient.
func ForTest(t testing.TB) (smtpAddr string, c Client) {
	t.Helper()
	smtpAddr, base := os.Getenv(EnvSMTP), os.Getenv(EnvMailbox)
	switch {
	case smtpAddr != "" && base != "":
		return smtpAddr, Client{BaseURL: base}
	case smtpAddr != "" || base != "":
		t.Fatalf("set both %s and %s, or neither (%s=%q, %s=%q)", EnvSMTP, EnvMailbox, EnvSMTP, smtpAddr, EnvMailbox, base)
	case inCI():
		t.Fatalf("a mail catcher is required in CI: %s and %s are not set (run the tests with ./scripts/test.sh)", EnvSMTP, EnvMailbox)
	}
	srv, err := Start("127.0.0.1:0", "127.0.0.1:0", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("start in-process mail catcher: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv.SMTPAddr(), Client{BaseURL: srv.HTTPURL()}
}

// Address returns a recipient address no other test uses, such as
// "reader-3f9a0c1b2d4e@example.test", so tests sharing one catcher never
// see each other's mail.
func Address(local string) string {
	b := make([]byte, 6)
	rand.Read(b) // never fails on supported platforms
	return local + "-" + hex.EncodeToString(b) + "@example.test"
}

// inCI matches scripts/test.sh: CI=true (as CI services set it) or CI=1.
func inCI() bool {
	ci := os.Getenv("CI")
	return ci == "true" || ci == "1"
}
