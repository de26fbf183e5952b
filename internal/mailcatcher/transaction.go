package mailcatcher

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"
)

// authenticate handles AUTH PLAIN and AUTH LOGIN (RFC 4954), accepting any
// credentials: the catcher only records who the client claimed to be.
func (ss *session) authenticate(arg string) {
	if !ss.greeted || ss.inMail {
		ss.reply(503, "5.5.1 AUTH must follow EHLO and precede MAIL")
		return
	}
	mech, initial, _ := strings.Cut(arg, " ")
	var user string
	var ok bool
	switch strings.ToUpper(mech) {
	case "PLAIN":
		var resp []byte
		if resp, ok = ss.challenge(initial, ""); ok {
			parts := strings.Split(string(resp), "\x00")
			if ok = len(parts) == 3; ok {
				user = parts[1]
			}
		}
	case "LOGIN":
		var u []byte
		if u, ok = ss.challenge(initial, "VXNlcm5hbWU6"); ok { // "Username:"
			user = string(u)
			_, ok = ss.challenge("", "UGFzc3dvcmQ6") // "Password:"
		}
	default:
		ss.reply(504, "5.5.4 unrecognized authentication type")
		return
	}
	if !ok {
		ss.reply(501, "5.5.2 malformed authentication response")
		return
	}
	ss.auth = user
	ss.reply(235, "2.7.0 authentication successful")
}

// challenge returns the client's decoded response: initial when the client
// sent one with AUTH, else the next line after a 334 prompt.
func (ss *session) challenge(initial, prompt string) ([]byte, bool) {
	resp := initial
	if resp == "" {
		ss.reply(334, "%s", prompt)
		if ss.w.Flush() != nil {
			return nil, false
		}
		line, err := ss.readLine()
		if err != nil {
			return nil, false
		}
		resp = line
	}
	if resp == "*" { // the client cancelled
		return nil, false
	}
	if resp == "=" { // an empty response
		return nil, true
	}
	b, err := base64.StdEncoding.DecodeString(resp)
	return b, err == nil
}

func (ss *session) mail(arg string) {
	switch {
	case !ss.greeted:
		ss.reply(503, "5.5.1 send EHLO or HELO first")
		return
	case ss.inMail:
		ss.reply(503, "5.5.1 nested MAIL command")
		return
	}
	addr, params, ok := parsePath(arg, "FROM:")
	if !ok {
		ss.reply(501, "5.5.4 syntax: MAIL FROM:<address>")
		return
	}
	for p := range strings.FieldsSeq(params) {
		k, v, _ := strings.Cut(p, "=")
		if strings.EqualFold(k, "SIZE") {
			if n, err := strconv.Atoi(v); err == nil && n > MaxMessageSize {
				ss.reply(552, "5.3.4 message size exceeds fixed limit")
				return
			}
		}
	}
	ss.inMail, ss.from = true, addr
	ss.reply(250, "2.1.0 OK")
}

func (ss *session) rcpt(arg string) {
	if !ss.inMail {
		ss.reply(503, "5.5.1 need MAIL before RCPT")
		return
	}
	addr, _, ok := parsePath(arg, "TO:")
	if !ok || addr == "" {
		ss.reply(501, "5.5.4 syntax: RCPT TO:<address>")
		return
	}
	if len(ss.rcpts) >= maxRecipients {
		ss.reply(452, "4.5.3 too many recipients")
		return
	}
	ss.rcpts = append(ss.rcpts, addr)
	ss.reply(250, "2.1.5 OK")
}

// parsePath reads "FROM:<a@b> PARAMS" (prefix "FROM:") and returns the
// address and the parameters. It tolerates a space after the colon and a
// missing pair of brackets, as lenient servers do.
func parsePath(arg, prefix string) (addr, params string, ok bool) {
	if len(arg) < len(prefix) || !strings.EqualFold(arg[:len(prefix)], prefix) {
		return "", "", false
	}
	rest := strings.TrimSpace(arg[len(prefix):])
	if !strings.HasPrefix(rest, "<") {
		addr, params, _ = strings.Cut(rest, " ")
		return addr, params, addr != ""
	}
	end := strings.IndexByte(rest, '>')
	if end < 0 {
		return "", "", false
	}
	addr = rest[1:end]
	if strings.HasPrefix(addr, "@") { // an obsolete source route: "@a,@b:user@c"
		_, addr, _ = strings.Cut(addr, ":")
	}
	return addr, strings.TrimSpace(rest[end+1:]), true
}

// data receives the message text and stores it.
func (ss *session) data() (quit bool) {
	if !ss.inMail || len(ss.rcpts) == 0 {
		ss.reply(503, "5.5.1 need RCPT before DATA")
		return false
	}
	ss.reply(354, "end data with <CR><LF>.<CR><LF>")
	if ss.w.Flush() != nil {
		return true
	}
	raw, tooBig, err := ss.readData()
	if err != nil {
		ss.srv.log.Debug("mailcatcher DATA failed", "err", err)
		return true
	}
	if tooBig {
		ss.reply(552, "5.3.4 message size exceeds fixed limit")
		ss.reset()
		return false
	}
	r := Received{From: ss.from, To: ss.rcpts, Auth: ss.auth, Raw: string(raw), Received: time.Now().UTC()}
	if err := parseMessage(&r, raw); err != nil {
		r.ParseError = err.Error()
	}
	r = ss.srv.box.add(r)
	ss.srv.log.Info("mail received", "id", r.ID, "from", r.From, "to", r.To, "subject", r.Subject)
	ss.reply(250, "2.0.0 OK: queued as %d", r.ID)
	ss.reset()
	return false
}

// readData reads up to the lone "." line, undoing dot-stuffing and keeping
// the line endings. A message over MaxMessageSize is read to its end but
// not kept (tooBig), so the session can go on.
func (ss *session) readData() (raw []byte, tooBig bool, err error) {
	var buf bytes.Buffer
	lineStart := true
	for {
		ss.conn.SetReadDeadline(time.Now().Add(idleTimeout))
		chunk, err := ss.r.ReadSlice('\n')
		full := err == nil
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return nil, false, err
		}
		if lineStart && full && (string(chunk) == ".\r\n" || string(chunk) == ".\n") {
			return buf.Bytes(), tooBig, nil
		}
		if lineStart && chunk[0] == '.' {
			chunk = chunk[1:]
		}
		lineStart = full
		if !tooBig && buf.Len()+len(chunk) > MaxMessageSize {
			tooBig = true
			buf = bytes.Buffer{}
		}
		if !tooBig {
			buf.Write(chunk)
		}
	}
}
