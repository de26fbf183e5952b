package mail

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"net/textproto"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// reservedFields are written by Build itself; Message.Headers may not
// replace them, or a caller could forge the sender or break the MIME
// structure.
var reservedFields = []string{
	"content-transfer-encoding", "content-type", "date", "from",
	"message-id", "mime-version", "subject", "to",
}

// Build renders m as the RFC 5322 bytes both senders deliver: the header
// (Subject trimmed of surrounding spaces and RFC 2047-encoded when it is
// not plain ASCII), then a
// multipart/alternative body with quoted-printable text/plain and text/html
// parts, every line ending in CRLF. from is the sender's address, e.g.
// "Tribune <news@example.org>"; messageID goes without angle brackets, and
// when empty a random one in from's domain is made. The same input always
// gives the same bytes. Line breaks in addresses, the subject or extra
// headers are refused: they would let a value inject header fields.
func Build(from string, m Message, now time.Time, messageID string) ([]byte, error) {
	fromAddr, err := parseAddress("from", from)
	if err != nil {
		return nil, err
	}
	toAddr, err := parseAddress("to", m.To)
	if err != nil {
		return nil, err
	}
	if err := checkContent(m); err != nil {
		return nil, err
	}
	if messageID == "" {
		messageID = newMessageID(fromAddr)
	} else if err := checkMessageID(messageID); err != nil {
		return nil, err
	}
	text, html := encodeQP(m.Text), encodeQP(m.HTML)
	boundary := boundaryFor(messageID, text, html)

	var b bytes.Buffer
	fields := [][2]string{
		{"Date", now.Format(time.RFC1123Z)},
		{"From", formatAddress(fromAddr)},
		{"To", formatAddress(toAddr)},
		{"Subject", mime.QEncoding.Encode("utf-8", strings.TrimSpace(m.Subject))},
		{"Message-ID", "<" + messageID + ">"},
		{"MIME-Version", "1.0"},
	}
	extra, err := extraFields(m.Headers)
	if err != nil {
		return nil, err
	}
	fields = append(fields, extra...)
	fields = append(fields, [2]string{"Content-Type",
		mime.FormatMediaType("multipart/alternative", map[string]string{"boundary": boundary})})
	for _, f := range fields {
		if err := writeField(&b, f[0], f[1]); err != nil {
			return nil, err
		}
	}
	b.WriteString("\r\n")

	mw := multipart.NewWriter(&b)
	if err := mw.SetBoundary(boundary); err != nil {
		return nil, fmt.Errorf("build message: %w", err)
	}
	for _, p := range []struct{ typ, body string }{{"text/plain", text}, {"text/html", html}} {
		w, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {p.typ + "; charset=utf-8"},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return nil, fmt.Errorf("build message: %w", err)
		}
		w.Write([]byte(p.body)) // a bytes.Buffer does not fail
	}
	if err := mw.Close(); err != nil {
		return nil, fmt.Errorf("build message: %w", err)
	}
	return b.Bytes(), nil
}

// checkContent checks the parts of m that are not addresses.
func checkContent(m Message) error {
	switch {
	case strings.ContainsAny(m.Subject, "\r\n"):
		return fmt.Errorf("subject %q: contains a line break", m.Subject)
	case !utf8.ValidString(m.Subject):
		return fmt.Errorf("subject %q: not valid UTF-8", m.Subject)
	case m.Text == "" || m.HTML == "":
		return errors.New("message needs both a text and an HTML body")
	case !utf8.ValidString(m.Text) || !utf8.ValidString(m.HTML):
		return errors.New("message body is not valid UTF-8")
	}
	return nil
}

func checkMessageID(id string) error {
	if strings.ContainsAny(id, "<> \t\r\n") || !strings.Contains(id, "@") {
		return fmt.Errorf("message ID %q: want local@domain without brackets or spaces", id)
	}
	return nil
}

// extraFields validates Message.Headers and returns them sorted by name so
// the output does not depend on map order.
func extraFields(h map[string]string) ([][2]string, error) {
	var out [][2]string
	for name, value := range h {
		if name == "" || strings.IndexFunc(name, func(r rune) bool { return r <= ' ' || r > '~' || r == ':' }) >= 0 {
			return nil, fmt.Errorf("header name %q: not a valid field name", name)
		}
		if slices.Contains(reservedFields, strings.ToLower(name)) {
			return nil, fmt.Errorf("header %s: set by Build, not by Message.Headers", name)
		}
		if strings.IndexFunc(value, func(r rune) bool { return (r < ' ' && r != '\t') || r > '~' }) >= 0 {
			return nil, fmt.Errorf("header %s value %q: only printable ASCII is allowed (no line breaks)", name, value)
		}
		out = append(out, [2]string{name, value})
	}
	slices.SortFunc(out, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
	return out, nil
}

// formatAddress writes a bare address when there is no display name, and
// lets net/mail quote or RFC 2047-encode the name otherwise.
func formatAddress(a *netmail.Address) string {
	if a.Name == "" {
		return a.Address
	}
	return a.String()
}

// encodeQP returns s quoted-printable encoded; the encoder turns every line
// break (LF, CRLF or CR) into CRLF and keeps lines under 77 characters.
func encodeQP(s string) string {
	var b bytes.Buffer
	w := quotedprintable.NewWriter(&b)
	w.Write([]byte(s)) // a bytes.Buffer does not fail
	w.Close()
	return b.String()
}

// boundaryFor derives the MIME boundary from the content, which keeps Build
// deterministic. It starts with "=_", which quoted-printable output can
// never contain, so the boundary cannot collide with a body line.
func boundaryFor(messageID, text, html string) string {
	h := sha256.New()
	for _, s := range []string{messageID, text, html} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return "=_" + hex.EncodeToString(h.Sum(nil)[:16])
}
