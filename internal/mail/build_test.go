package mail

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	netmail "net/mail"
	"strings"
	"testing"
	"time"
)

var testNow = time.Date(2026, 3, 1, 9, 30, 0, 0, time.FixedZone("MSK", 3*3600))

const testFrom = "Tribune <news@example.org>"

// parsed is a built message read back with the standard library.
type parsed struct {
	header     netmail.Header
	subject    string
	text, html string
}

func parseBuilt(t *testing.T, raw []byte) parsed {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("ReadMessage: %v\n%s", err, raw)
	}
	var p parsed
	p.header = msg.Header
	if p.subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatalf("decode Subject %q: %v", msg.Header.Get("Subject"), err)
	}
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/alternative" {
		t.Fatalf("Content-Type = %q (%v), want multipart/alternative", msg.Header.Get("Content-Type"), err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := mr.NextPart() // decodes quoted-printable
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("NextPart: %v", err)
		}
		b, err := io.ReadAll(part)
		if err != nil {
			t.Fatalf("read part: %v", err)
		}
		body := strings.ReplaceAll(string(b), "\r\n", "\n")
		switch ct := part.Header.Get("Content-Type"); ct {
		case "text/plain; charset=utf-8":
			p.text = body
		case "text/html; charset=utf-8":
			p.html = body
		default:
			t.Errorf("part Content-Type = %q, want text/plain or text/html with charset=utf-8", ct)
		}
	}
	return p
}

func TestBuild(t *testing.T) {
	m := Message{
		To:      "Ann Reader <ann@example.net>",
		Subject: "Confirm your account",
		Text:    "Hello Ann,\n\nconfirm here: https://example.org/confirm?t=abc=def\n",
		HTML:    "<p>Hello Ann,</p>\n<p><a href=\"https://example.org/confirm?t=abc=def\">Confirm</a></p>\n",
		Headers: map[string]string{"List-Unsubscribe": "<https://example.org/unsubscribe/x>", "X-Tribune": "1"},
	}
	raw, err := Build(testFrom, m, testNow, "abc123@example.org")
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	p := parseBuilt(t, raw)
	for field, want := range map[string]string{
		"From":             `"Tribune" <news@example.org>`,
		"To":               `"Ann Reader" <ann@example.net>`,
		"Date":             "Sun, 01 Mar 2026 09:30:00 +0300",
		"Message-Id":       "<abc123@example.org>",
		"Mime-Version":     "1.0",
		"List-Unsubscribe": "<https://example.org/unsubscribe/x>",
		"X-Tribune":        "1",
	} {
		if got := p.header.Get(field); got != want {
			t.Errorf("Build header %s = %q, want %q", field, got, want)
		}
	}
	if p.subject != m.Subject || p.text != m.Text || p.html != m.HTML {
		t.Errorf("Build round trip = (%q, %q, %q), want (%q, %q, %q)", p.subject, p.text, p.html, m.Subject, m.Text, m.HTML)
	}
	again, _ := Build(testFrom, m, testNow, "abc123@example.org")
	if !bytes.Equal(raw, again) {
		t.Error("Build with the same input gave different bytes")
	}
}

// TestBuildCRLF checks every line ends in CRLF and stays within the limits
// of RFC 5322 (header lines) and RFC 2045 (quoted-printable lines).
func TestBuildCRLF(t *testing.T) {
	m := Message{
		To:      "ann@example.net",
		Subject: strings.Repeat("A rather long subject line that must be folded ", 4),
		Text:    "line one\nline two\r\nline three\r" + strings.Repeat("x", 300) + "\n",
		HTML:    "<p>" + strings.Repeat("y ", 200) + "</p>",
	}
	raw, err := Build(testFrom, m, testNow, "id@example.org")
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	for i, c := range raw {
		if c == '\n' && (i == 0 || raw[i-1] != '\r') {
			t.Fatalf("Build: bare LF at byte %d: %q", i, raw[max(0, i-20):i+1])
		}
		if c == '\r' && (i+1 == len(raw) || raw[i+1] != '\n') {
			t.Fatalf("Build: bare CR at byte %d", i)
		}
	}
	head, body, _ := bytes.Cut(raw, []byte("\r\n\r\n"))
	for line := range strings.SplitSeq(string(head), "\r\n") {
		if len(line) > 100 {
			t.Errorf("Build: header line of %d characters, want folded: %q", len(line), line)
		}
	}
	for line := range strings.SplitSeq(string(body), "\r\n") {
		if len(line) > 76 {
			t.Errorf("Build: body line of %d characters, want at most 76: %q", len(line), line)
		}
	}
	p := parseBuilt(t, raw)
	if want := strings.TrimSpace(m.Subject); p.subject != want {
		t.Errorf("Build folded subject reads back as %q, want %q", p.subject, want)
	}
	if want := "line one\nline two\nline three\n" + strings.Repeat("x", 300) + "\n"; p.text != want {
		t.Errorf("Build text reads back as %q, want %q", p.text, want)
	}
}

func TestBuildSubject(t *testing.T) {
	tests := []struct {
		subject string
		encoded bool // the header holds RFC 2047 words
	}{
		{"Plain ASCII subject", false},
		{"Подтвердите адрес", true},
		{"Café — naïve résumé", true},
		{"Бюллетень: " + strings.Repeat("новости дня ", 12), true},
		{"tab\tinside", false},
	}
	for _, tt := range tests {
		raw, err := Build(testFrom, Message{To: "a@example.net", Subject: tt.subject, Text: "t", HTML: "h"}, testNow, "id@example.org")
		if err != nil {
			t.Errorf("Build(subject %q): %v", tt.subject, err)
			continue
		}
		p := parseBuilt(t, raw)
		if want := strings.TrimSpace(tt.subject); p.subject != want {
			t.Errorf("Build(subject %q) reads back as %q, want %q", tt.subject, p.subject, want)
		}
		if got := strings.Contains(p.header.Get("Subject"), "=?utf-8?q?"); got != tt.encoded {
			t.Errorf("Build(subject %q) header %q encoded = %v, want %v", tt.subject, p.header.Get("Subject"), got, tt.encoded)
		}
	}
}

func TestBuildQuotedPrintable(t *testing.T) {
	text := "a=b ünïcödé\n" + strings.Repeat("0123456789", 30) + "\ntrailing spaces   \n.dot at start\n"
	raw, err := Build(testFrom, Message{To: "a@example.net", Subject: "s", Text: text, HTML: "<p>x</p>"}, testNow, "id@example.org")
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	for _, want := range []string{"Content-Transfer-Encoding: quoted-printable", "a=3Db", "=C3=BCn", "spaces  =20"} {
		if !bytes.Contains(raw, []byte(want)) {
			t.Errorf("Build output lacks %q:\n%s", want, raw)
		}
	}
	if p := parseBuilt(t, raw); p.text != text {
		t.Errorf("Build text reads back as %q, want %q", p.text, text)
	}
}

func TestBuildRejects(t *testing.T) {
	ok := Message{To: "a@example.net", Subject: "s", Text: "t", HTML: "h"}
	tests := []struct {
		name string
		from string
		edit func(m *Message)
		id   string
	}{
		{"CRLF in To", testFrom, func(m *Message) { m.To = "a@example.net\r\nBcc: victim@example.com" }, ""},
		{"LF in To name", testFrom, func(m *Message) { m.To = "Ann\n <a@example.net>" }, ""},
		{"CRLF in Subject", testFrom, func(m *Message) { m.Subject = "hi\r\nBcc: victim@example.com" }, ""},
		{"LF in Subject", testFrom, func(m *Message) { m.Subject = "hi\nthere" }, ""},
		{"CR in Subject", testFrom, func(m *Message) { m.Subject = "hi\rthere" }, ""},
		{"CRLF in header value", testFrom, func(m *Message) { m.Headers = map[string]string{"X-A": "1\r\nBcc: v@example.com"} }, ""},
		{"colon in header name", testFrom, func(m *Message) { m.Headers = map[string]string{"Bcc: v@example.com\r\nX": "1"} }, ""},
		{"reserved header", testFrom, func(m *Message) { m.Headers = map[string]string{"from": "evil@example.com"} }, ""},
		{"non-ASCII header value", testFrom, func(m *Message) { m.Headers = map[string]string{"X-A": "é"} }, ""},
		{"CRLF in From", "news@example.org\r\nBcc: v@example.com", func(*Message) {}, ""},
		{"bad To", testFrom, func(m *Message) { m.To = "not an address" }, ""},
		{"no text", testFrom, func(m *Message) { m.Text = "" }, ""},
		{"no HTML", testFrom, func(m *Message) { m.HTML = "" }, ""},
		{"invalid UTF-8", testFrom, func(m *Message) { m.Text = "\xff" }, ""},
		{"message ID with CRLF", testFrom, func(*Message) {}, "a@b\r\nBcc: v@example.com"},
		{"message ID with brackets", testFrom, func(*Message) {}, "<a@b>"},
	}
	for _, tt := range tests {
		m := ok
		tt.edit(&m)
		if raw, err := Build(tt.from, m, testNow, tt.id); err == nil {
			t.Errorf("Build(%s) = %q, want an error", tt.name, raw)
		}
	}
}

func TestBuildMessageID(t *testing.T) {
	m := Message{To: "a@example.net", Subject: "s", Text: "t", HTML: "h"}
	raw, err := Build(testFrom, m, testNow, "")
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	id := parseBuilt(t, raw).header.Get("Message-Id")
	if !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@example.org>") || len(id) < 20 {
		t.Errorf("Build made Message-ID %q, want <random@example.org>", id)
	}
}
