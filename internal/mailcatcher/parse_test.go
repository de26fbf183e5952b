package mailcatcher

import (
	"strings"
	"testing"
)

func TestParseMessage(t *testing.T) {
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	tests := []struct {
		name                string
		raw                 string
		subject, text, html string
	}{
		{
			name:    "plain, no MIME",
			raw:     "Subject: Hello\n\nJust text.\n",
			subject: "Hello", text: "Just text.\n",
		},
		{
			name: "alternative, quoted-printable, RFC 2047 subject",
			raw: crlf(`Subject: =?utf-8?q?=D0=9F=D1=80=D0=B8=D0=B2=D0=B5=D1=82?= world
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="=_b"

--=_b
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

a=3Db long=
 line
--=_b
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

<p>=C3=A9</p>
--=_b--
`),
			subject: "Привет world", text: "a=b long line", html: "<p>é</p>",
		},
		{
			name: "mixed with base64, latin1 and an attachment",
			raw: crlf(`Subject: =?iso-8859-1?q?caf=E9?=
Content-Type: multipart/mixed; boundary=outer

--outer
Content-Type: multipart/alternative; boundary=inner

--inner
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: base64

Y2Fm6SBz
b2ly
--inner
Content-Type: text/html

<b>soir</b>
--inner--
--outer
Content-Type: text/plain
Content-Disposition: attachment; filename="notes.txt"

not the body
--outer--
`),
			subject: "café", text: "café soir", html: "<b>soir</b>",
		},
	}
	for _, tt := range tests {
		var r Received
		if err := parseMessage(&r, []byte(tt.raw)); err != nil {
			t.Errorf("parseMessage(%s): %v", tt.name, err)
			continue
		}
		if r.Subject != tt.subject || r.Text != tt.text || r.HTML != tt.html {
			t.Errorf("parseMessage(%s) = (%q, %q, %q), want (%q, %q, %q)", tt.name, r.Subject, r.Text, r.HTML, tt.subject, tt.text, tt.html)
		}
	}
}

func TestParseMessageError(t *testing.T) {
	var r Received
	raw := "Subject: broken\r\nContent-Type: multipart/alternative\r\n\r\nno boundary\r\n"
	if err := parseMessage(&r, []byte(raw)); err == nil {
		t.Errorf("parseMessage(multipart without boundary) = nil error, want one")
	}
	if r.Subject != "broken" {
		t.Errorf("parseMessage(multipart without boundary) Subject = %q, want the header still read", r.Subject)
	}
}
