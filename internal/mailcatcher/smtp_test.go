package mailcatcher

import (
	"net"
	"net/textproto"
	"strings"
	"testing"
)

func startTest(t *testing.T) *Server {
	t.Helper()
	s, err := Start("127.0.0.1:0", "127.0.0.1:0", nil)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// dialog is a raw SMTP client that checks each reply code.
type dialog struct {
	t  *testing.T
	tp *textproto.Conn
}

func dial(t *testing.T, s *Server) *dialog {
	t.Helper()
	conn, err := net.Dial("tcp", s.SMTPAddr())
	if err != nil {
		t.Fatalf("dial SMTP: %v", err)
	}
	d := &dialog{t: t, tp: textproto.NewConn(conn)}
	t.Cleanup(func() { d.tp.Close() })
	d.expect(220)
	return d
}

func (d *dialog) expect(code int) string {
	d.t.Helper()
	got, msg, err := d.tp.ReadResponse(0)
	if err != nil && got == 0 {
		d.t.Fatalf("read reply: %v", err)
	}
	if got != code {
		d.t.Fatalf("reply %d %q, want %d", got, msg, code)
	}
	return msg
}

// cmd sends one line and checks the reply code.
func (d *dialog) cmd(code int, line string) string {
	d.t.Helper()
	if err := d.tp.PrintfLine("%s", line); err != nil {
		d.t.Fatalf("send %q: %v", line, err)
	}
	return d.expect(code)
}

func TestSMTPCommands(t *testing.T) {
	s := startTest(t)
	d := dial(t, s)
	d.cmd(503, "MAIL FROM:<a@example.test>") // before EHLO
	ehlo := d.cmd(250, "EHLO client.example.test")
	for _, ext := range []string{"8BITMIME", "SIZE 10485760", "AUTH PLAIN LOGIN"} {
		if !strings.Contains(ehlo, ext) {
			t.Errorf("EHLO reply %q lacks %s", ehlo, ext)
		}
	}
	d.cmd(503, "RCPT TO:<b@example.test>") // before MAIL
	d.cmd(503, "DATA")                     // before RCPT
	d.cmd(250, "NOOP")
	d.cmd(502, "STARTTLS")
	d.cmd(502, "BOGUS")
	d.cmd(504, "AUTH CRAM-MD5")
	d.cmd(501, "AUTH PLAIN !!!notbase64")
	d.cmd(235, "AUTH PLAIN AHVzZXIAcGFzcw==") // \0user\0pass
	d.cmd(552, "MAIL FROM:<a@example.test> SIZE=99999999")
	d.cmd(250, "MAIL FROM: <a@example.test> BODY=8BITMIME")
	d.cmd(503, "MAIL FROM:<a@example.test>") // nested
	d.cmd(501, "RCPT TO:")
	d.cmd(250, "RCPT TO:<one@example.test>")
	d.cmd(250, "rcpt to:<Two@Example.test>")
	d.cmd(250, "RSET")
	d.cmd(503, "DATA") // the transaction is gone
	d.cmd(250, "MAIL FROM:<>")
	d.cmd(250, "RCPT TO:<three@example.test>")
	d.cmd(354, "DATA")
	d.cmd(250, "Subject: hi\r\n\r\nbody\r\n.")
	d.cmd(221, "QUIT")

	got := s.Messages()
	if len(got) != 1 {
		t.Fatalf("Messages() = %d messages, want 1", len(got))
	}
	r := got[0]
	if r.From != "" || len(r.To) != 1 || r.To[0] != "three@example.test" || r.Auth != "user" || r.Subject != "hi" || r.Text != "body\n" {
		t.Errorf("Messages()[0] = from %q to %q auth %q subject %q text %q; want from <> to three@example.test auth user subject hi text body",
			r.From, r.To, r.Auth, r.Subject, r.Text)
	}
}

func TestSMTPAuthLogin(t *testing.T) {
	s := startTest(t)
	tests := []struct {
		name  string
		lines [][2]string // command, want code
		user  string
	}{
		{"LOGIN with prompts", [][2]string{{"AUTH LOGIN", "334"}, {"bWFpbGVy", "334"}, {"cHc=", "235"}}, "mailer"},
		{"LOGIN with initial response", [][2]string{{"AUTH LOGIN bWFpbGVy", "334"}, {"cHc=", "235"}}, "mailer"},
		{"PLAIN with prompt", [][2]string{{"AUTH PLAIN", "334"}, {"AG1haWxlcgBwdw==", "235"}}, "mailer"},
		{"PLAIN cancelled", [][2]string{{"AUTH PLAIN", "334"}, {"*", "501"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			to := Address("auth")
			d := dial(t, s)
			d.cmd(250, "EHLO c")
			for _, l := range tt.lines {
				code := 0
				for _, c := range l[1] {
					code = code*10 + int(c-'0')
				}
				d.cmd(code, l[0])
			}
			d.cmd(250, "MAIL FROM:<a@example.test>")
			d.cmd(250, "RCPT TO:<"+to+">")
			d.cmd(354, "DATA")
			d.cmd(250, "\r\nx\r\n.")
			got, err := s.Wait(t.Context(), to, 1)
			if err != nil {
				t.Fatalf("Wait: %v", err)
			}
			if got[0].Auth != tt.user {
				t.Errorf("Auth = %q, want %q", got[0].Auth, tt.user)
			}
		})
	}
}

// DATA undoes dot-stuffing, keeps CRLF and takes lines longer than the
// read buffer, including one that starts with a dot.
func TestSMTPData(t *testing.T) {
	s := startTest(t)
	long := strings.Repeat("0123456789", 1000)
	d := dial(t, s)
	d.cmd(250, "HELO c")
	d.cmd(250, "MAIL FROM:<a@example.test>")
	d.cmd(250, "RCPT TO:<data@example.test>")
	d.cmd(354, "DATA")
	d.cmd(250, "Subject: dots\r\n\r\n..leading dot\r\n...\r\n.."+long+"\r\n"+long+"\r\nend\r\n.")
	d.cmd(221, "QUIT")
	got := s.Messages()
	if len(got) != 1 {
		t.Fatalf("Messages() = %d messages, want 1", len(got))
	}
	wantRaw := "Subject: dots\r\n\r\n.leading dot\r\n..\r\n." + long + "\r\n" + long + "\r\nend\r\n"
	if got[0].Raw != wantRaw {
		t.Errorf("Raw = %.80q… (%d bytes), want %.80q… (%d bytes)", got[0].Raw, len(got[0].Raw), wantRaw, len(wantRaw))
	}
}

func TestSMTPTooBig(t *testing.T) {
	s := startTest(t)
	d := dial(t, s)
	d.cmd(250, "EHLO c")
	d.cmd(250, "MAIL FROM:<a@example.test>")
	d.cmd(250, "RCPT TO:<big@example.test>")
	d.cmd(354, "DATA")
	line := strings.Repeat("x", 998)
	w := d.tp.DotWriter()
	for range MaxMessageSize/1000 + 2 {
		w.Write([]byte(line + "\r\n"))
	}
	if err := w.Close(); err != nil {
		t.Fatalf("write DATA: %v", err)
	}
	d.expect(552)
	// The session goes on.
	d.cmd(250, "MAIL FROM:<a@example.test>")
	d.cmd(221, "QUIT")
	if n := len(s.Messages()); n != 0 {
		t.Errorf("Messages() = %d messages after an oversized one, want 0", n)
	}
}

func TestSMTPLongCommandLine(t *testing.T) {
	s := startTest(t)
	d := dial(t, s)
	d.cmd(500, "NOOP "+strings.Repeat("x", 3*maxCommandLine))
	d.cmd(250, "NOOP") // the session goes on
}
