package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	netmail "net/mail"
	"net/smtp"
	"strconv"
	"strings"
	"time"
)

// Security values of SMTPConfig.
const (
	SecurityStartTLS = "starttls" // plain connection upgraded with STARTTLS (port 587)
	SecurityTLS      = "tls"      // TLS from the first byte (port 465)
	SecurityNone     = "none"     // no encryption; for a relay on the same machine
)

// SMTPConfig is the operator's SMTP server.
type SMTPConfig struct {
	Host string
	// Port defaults to 587 for starttls, 465 for tls and 25 for none.
	Port int
	// Security is "starttls" (the default), "tls" or "none".
	Security string
	// Username and Password turn on AUTH PLAIN. They are only ever sent
	// over TLS, or in clear to a loopback host.
	Username, Password string
	// From is the sender, e.g. "Tribune <news@example.org>".
	From string
	// HelloName is the name given in EHLO; empty means "localhost".
	HelloName string
	// Timeout bounds one whole delivery; zero means 30 seconds.
	Timeout time.Duration
}

// SMTP delivers messages to the operator's SMTP server, one connection per
// message: account emails are rare enough that pooling would only add
// failure modes.
type SMTP struct {
	cfg  SMTPConfig
	from *netmail.Address
	now  func() time.Time
}

// NewSMTP checks cfg and fills in its defaults. It refuses a configuration
// that would send the password in clear to another machine.
func NewSMTP(cfg SMTPConfig) (*SMTP, error) {
	cfg.Host = strings.TrimSuffix(strings.TrimPrefix(cfg.Host, "["), "]") // "[::1]" is "::1"
	if cfg.Host == "" || strings.ContainsAny(cfg.Host, " \t\r\n/") {
		return nil, fmt.Errorf("SMTP host %q: want a host name or IP address", cfg.Host)
	}
	if cfg.Security == "" {
		cfg.Security = SecurityStartTLS
	}
	defaultPort := map[string]int{SecurityStartTLS: 587, SecurityTLS: 465, SecurityNone: 25}[cfg.Security]
	if defaultPort == 0 {
		return nil, fmt.Errorf("SMTP security %q: want starttls, tls or none", cfg.Security)
	}
	if cfg.Port == 0 {
		cfg.Port = defaultPort
	}
	if cfg.Port < 1 || cfg.Port > 65535 {
		return nil, fmt.Errorf("SMTP port %d: want 1 to 65535", cfg.Port)
	}
	if cfg.Username == "" && cfg.Password != "" {
		return nil, errors.New("SMTP password is set without a username")
	}
	if cfg.Username != "" && cfg.Security == SecurityNone && !isLoopback(cfg.Host) {
		return nil, fmt.Errorf("SMTP security none with a username: credentials would cross the network to %s in clear; use starttls or tls", cfg.Host)
	}
	if strings.ContainsAny(cfg.HelloName, " \t\r\n") {
		return nil, fmt.Errorf("SMTP hello name %q: contains spaces or line breaks", cfg.HelloName)
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 30 * time.Second
	}
	from, err := parseAddress("from", cfg.From)
	if err != nil {
		return nil, err
	}
	return &SMTP{cfg: cfg, from: from, now: time.Now}, nil
}

// Addr is the server's host:port.
func (s *SMTP) Addr() string {
	return net.JoinHostPort(s.cfg.Host, strconv.Itoa(s.cfg.Port))
}

// Send delivers m in one SMTP session. It gives up at ctx's deadline or
// after the configured timeout, whichever comes first, and when ctx is
// cancelled.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	to, err := parseAddress("to", m.To)
	if err != nil {
		return err
	}
	raw, err := Build(s.cfg.From, m, s.now(), newMessageID(s.from))
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	conn, err := s.dial(ctx)
	if err != nil {
		return fmt.Errorf("smtp %s: %w", s.Addr(), err)
	}
	// Any blocked read or write ends when ctx does.
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()

	if err := s.deliver(conn, to.Address, raw); err != nil {
		if ctx.Err() != nil {
			err = fmt.Errorf("%w (%w)", err, context.Cause(ctx))
		}
		return fmt.Errorf("smtp %s: send to %s: %w", s.Addr(), to.Address, err)
	}
	return nil
}

func (s *SMTP) dial(ctx context.Context) (net.Conn, error) {
	d := &net.Dialer{}
	if s.cfg.Security == SecurityTLS {
		td := &tls.Dialer{NetDialer: d, Config: s.tlsConfig()}
		return td.DialContext(ctx, "tcp", s.Addr())
	}
	return d.DialContext(ctx, "tcp", s.Addr())
}

func (s *SMTP) tlsConfig() *tls.Config {
	return &tls.Config{ServerName: s.cfg.Host, MinVersion: tls.VersionTLS12}
}

// deliver runs the SMTP dialogue on conn and always closes it.
func (s *SMTP) deliver(conn net.Conn, to string, raw []byte) error {
	c, err := smtp.NewClient(conn, s.cfg.Host)
	if err != nil {
		conn.Close()
		return err
	}
	defer c.Close()
	if s.cfg.HelloName != "" {
		if err := c.Hello(s.cfg.HelloName); err != nil {
			return err
		}
	}
	if s.cfg.Security == SecurityStartTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return errors.New("server does not offer STARTTLS; refusing to continue unencrypted (set security to none only for a trusted local relay)")
		}
		if err := c.StartTLS(s.tlsConfig()); err != nil {
			return fmt.Errorf("starttls: %w", err)
		}
	}
	if s.cfg.Username != "" {
		if err := c.Auth(plainAuth{username: s.cfg.Username, password: s.cfg.Password, host: s.cfg.Host}); err != nil {
			return fmt.Errorf("auth: %w", err)
		}
	}
	if err := c.Mail(s.from.Address); err != nil {
		return fmt.Errorf("mail from: %w", err)
	}
	if err := c.Rcpt(to); err != nil {
		return fmt.Errorf("rcpt to: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("data: %w", err)
	}
	if _, err := w.Write(raw); err != nil {
		return fmt.Errorf("data: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("data: %w", err)
	}
	return c.Quit()
}
