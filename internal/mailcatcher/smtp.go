package mailcatcher

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"
)

const (
	maxCommandLine = 4096 // RFC 5321 asks for 512; AUTH lines can be longer
	maxRecipients  = 1000
	idleTimeout    = 5 * time.Minute
)

// errLineTooLong reports a command line that did not fit.
var errLineTooLong = errors.New("command line too long")

func (s *Server) acceptSMTP() {
	for {
		conn, err := s.smtpLn.Accept()
		if err != nil {
			select {
			case <-s.done:
			default:
				s.log.Error("mailcatcher SMTP accept", "err", err)
			}
			return
		}
		s.connMu.Lock()
		select {
		case <-s.done: // Close already ran over the connection set
			s.connMu.Unlock()
			conn.Close()
			return
		default:
		}
		s.conns[conn] = struct{}{}
		s.connMu.Unlock()
		s.wg.Go(func() {
			defer func() {
				s.connMu.Lock()
				delete(s.conns, conn)
				s.connMu.Unlock()
				conn.Close()
			}()
			sess := &session{srv: s, conn: conn,
				r: bufio.NewReaderSize(conn, maxCommandLine), w: bufio.NewWriter(conn)}
			if err := sess.serve(); err != nil {
				s.log.Debug("mailcatcher SMTP session ended", "remote", conn.RemoteAddr().String(), "err", err)
			}
		})
	}
}

// session is one SMTP connection (RFC 5321): the greeting state, the
// authenticated user and the mail transaction being built.
type session struct {
	srv     *Server
	conn    net.Conn
	r       *bufio.Reader
	w       *bufio.Writer
	greeted bool
	auth    string
	inMail  bool // MAIL FROM seen
	from    string
	rcpts   []string
}

func (ss *session) serve() error {
	ss.reply(220, "mailcatcher ESMTP Tribune test mail catcher ready")
	for {
		if err := ss.w.Flush(); err != nil {
			return err
		}
		line, err := ss.readLine()
		if errors.Is(err, errLineTooLong) {
			ss.reply(500, "5.5.2 line too long")
			continue
		}
		if err != nil {
			return err
		}
		verb, arg, _ := strings.Cut(line, " ")
		if quit := ss.command(strings.ToUpper(verb), strings.TrimSpace(arg)); quit {
			return ss.w.Flush()
		}
	}
}

// readLine reads one command line without its line ending. A line longer
// than maxCommandLine is read to its end and discarded (errLineTooLong), so
// the session can answer and go on.
func (ss *session) readLine() (string, error) {
	ss.conn.SetReadDeadline(time.Now().Add(idleTimeout))
	b, err := ss.r.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		for errors.Is(err, bufio.ErrBufferFull) {
			_, err = ss.r.ReadSlice('\n')
		}
		if err != nil {
			return "", err
		}
		return "", errLineTooLong
	}
	if err != nil {
		return "", err
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}

func (ss *session) reply(code int, format string, args ...any) {
	fmt.Fprintf(ss.w, "%d %s\r\n", code, fmt.Sprintf(format, args...))
}

// replyLines sends a multi-line reply: "250-a", "250-b", "250 c".
func (ss *session) replyLines(code int, lines ...string) {
	for i, l := range lines {
		sep := "-"
		if i == len(lines)-1 {
			sep = " "
		}
		fmt.Fprintf(ss.w, "%d%s%s\r\n", code, sep, l)
	}
}

func (ss *session) reset() {
	ss.inMail, ss.from, ss.rcpts = false, "", nil
}

// command runs one command and reports whether the session is over.
func (ss *session) command(verb, arg string) (quit bool) {
	switch verb {
	case "EHLO", "HELO":
		if arg == "" {
			ss.reply(501, "5.5.4 %s needs a domain", verb)
			return false
		}
		ss.greeted = true
		ss.reset()
		if verb == "HELO" {
			ss.reply(250, "mailcatcher")
			return false
		}
		ss.replyLines(250, "mailcatcher greets "+arg, "8BITMIME",
			fmt.Sprintf("SIZE %d", MaxMessageSize), "AUTH PLAIN LOGIN")
	case "AUTH":
		ss.authenticate(arg)
	case "MAIL":
		ss.mail(arg)
	case "RCPT":
		ss.rcpt(arg)
	case "DATA":
		return ss.data()
	case "RSET":
		ss.reset()
		ss.reply(250, "2.0.0 OK")
	case "NOOP":
		ss.reply(250, "2.0.0 OK")
	case "VRFY":
		ss.reply(252, "2.1.5 cannot verify, but will accept")
	case "QUIT":
		ss.reply(221, "2.0.0 bye")
		return true
	default:
		ss.reply(502, "5.5.1 command not implemented")
	}
	return false
}
