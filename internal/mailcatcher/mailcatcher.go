// Package mailcatcher is a small SMTP server that keeps every message it
// receives in memory and shows them over a JSON HTTP API. Tests of code that
// sends email deliver through real SMTP to it and then ask what arrived,
// waiting on a condition (Wait) instead of sleeping. scripts/test.sh runs
// one for the whole suite (cmd/tribune-mailcatcher); ForTest falls back to
// an in-process one when the tests run on their own.
package mailcatcher

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"
)

// MaxMessageSize is the largest message accepted (advertised as SIZE).
const MaxMessageSize = 10 << 20

// maxStored bounds memory: beyond it the oldest messages are dropped.
const maxStored = 10000

// Server is a running mail catcher: an SMTP listener and an HTTP API over
// the same message list.
type Server struct {
	log    *slog.Logger
	box    box
	smtpLn net.Listener
	httpLn net.Listener
	http   *http.Server

	done      chan struct{} // closed by Close
	closeOnce sync.Once
	closeErr  error
	wg        sync.WaitGroup // the SMTP accept loop and sessions
	connMu    sync.Mutex
	conns     map[net.Conn]struct{}
}

// Start listens for SMTP on smtpAddr and HTTP on httpAddr ("127.0.0.1:0"
// picks free ports) and serves both until Close. A nil log discards.
func Start(smtpAddr, httpAddr string, log *slog.Logger) (*Server, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	smtpLn, err := net.Listen("tcp", smtpAddr)
	if err != nil {
		return nil, fmt.Errorf("mailcatcher: listen for SMTP: %w", err)
	}
	httpLn, err := net.Listen("tcp", httpAddr)
	if err != nil {
		smtpLn.Close()
		return nil, fmt.Errorf("mailcatcher: listen for HTTP: %w", err)
	}
	s := &Server{
		log:    log,
		box:    box{changed: make(chan struct{})},
		smtpLn: smtpLn,
		httpLn: httpLn,
		done:   make(chan struct{}),
		conns:  make(map[net.Conn]struct{}),
	}
	s.http = &http.Server{
		Handler:           s.routes(),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	s.wg.Go(s.acceptSMTP)
	go func() {
		if err := s.http.Serve(httpLn); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("mailcatcher HTTP server stopped", "err", err)
		}
	}()
	return s, nil
}

// SMTPAddr is the host:port the SMTP server listens on.
func (s *Server) SMTPAddr() string { return s.smtpLn.Addr().String() }

// HTTPURL is the base URL of the HTTP API, e.g. "http://127.0.0.1:8025".
func (s *Server) HTTPURL() string { return "http://" + s.httpLn.Addr().String() }

// Messages returns every message delivered so far, oldest first.
func (s *Server) Messages() []Received { return s.box.list("") }

// Wait blocks until at least count messages to the address to have arrived
// (any address when to is empty) and returns all of them, oldest first. When
// ctx ends first it returns what has arrived and an error wrapping
// ErrTimeout.
func (s *Server) Wait(ctx context.Context, to string, count int) ([]Received, error) {
	return s.box.wait(ctx, s.done, to, count)
}

// Clear forgets every message.
func (s *Server) Clear() { s.box.clear() }

// Close stops both servers, ending open SMTP sessions and waiting requests.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		close(s.done)
		err := s.smtpLn.Close()
		s.closeErr = errors.Join(err, s.http.Close())
		s.connMu.Lock()
		for c := range s.conns {
			c.Close()
		}
		s.connMu.Unlock()
		s.wg.Wait()
	})
	return s.closeErr
}
