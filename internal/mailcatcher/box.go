package mailcatcher

import (
	"context"
	"errors"
	"fmt"
	netmail "net/mail"
	"slices"
	"strings"
	"sync"
	"time"
)

// ErrTimeout is returned by the Wait functions when the messages waited for
// did not all arrive in time.
var ErrTimeout = errors.New("mailcatcher: timed out waiting for messages")

// Received is one delivered message as the catcher saw it.
type Received struct {
	// ID numbers messages in arrival order, from 1.
	ID int `json:"id"`
	// From and To are the SMTP envelope (MAIL FROM, RCPT TO): To is what
	// filtering by recipient looks at. The header fields are in Header.
	From string   `json:"from"`
	To   []string `json:"to"`
	// Auth is the user name the client authenticated as, if it did.
	Auth string `json:"auth,omitempty"`
	// Subject is decoded from RFC 2047.
	Subject string `json:"subject"`
	// Header holds the message's header fields as sent (not decoded).
	Header netmail.Header `json:"header"`
	// Text and HTML are the decoded text/plain and text/html bodies, with
	// LF line endings.
	Text string `json:"text"`
	HTML string `json:"html"`
	// Raw is the message exactly as received, after dot-unstuffing.
	Raw string `json:"raw"`
	// ParseError says why the message could not be fully parsed; the
	// message is kept anyway.
	ParseError string    `json:"parse_error,omitempty"`
	Received   time.Time `json:"received"`
}

// SentTo reports whether addr is one of the envelope recipients (ignoring
// case).
func (r Received) SentTo(addr string) bool {
	return slices.ContainsFunc(r.To, func(to string) bool { return strings.EqualFold(to, addr) })
}

// box is the message list with a broadcast for waiters: changed is closed
// and replaced on every change.
type box struct {
	mu      sync.Mutex
	msgs    []Received
	lastID  int
	changed chan struct{}
}

func (b *box) add(r Received) Received {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.lastID++
	r.ID = b.lastID
	b.msgs = append(b.msgs, r)
	if len(b.msgs) > maxStored {
		b.msgs = slices.Delete(b.msgs, 0, len(b.msgs)-maxStored)
	}
	close(b.changed)
	b.changed = make(chan struct{})
	return r
}

func (b *box) clear() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.msgs = nil
	close(b.changed)
	b.changed = make(chan struct{})
}

// list returns the messages to addr, or all when addr is empty.
func (b *box) list(addr string) []Received {
	b.mu.Lock()
	defer b.mu.Unlock()
	out, _ := b.matchLocked(addr)
	return out
}

func (b *box) matchLocked(addr string) ([]Received, chan struct{}) {
	out := []Received{} // encodes as [], not null
	for _, r := range b.msgs {
		if addr == "" || r.SentTo(addr) {
			out = append(out, r)
		}
	}
	return out, b.changed
}

func (b *box) wait(ctx context.Context, done <-chan struct{}, addr string, count int) ([]Received, error) {
	for {
		b.mu.Lock()
		got, changed := b.matchLocked(addr)
		b.mu.Unlock()
		if len(got) >= count {
			return got, nil
		}
		select {
		case <-changed:
		case <-done:
			return got, errors.New("mailcatcher: closed while waiting for messages")
		case <-ctx.Done():
			to := addr
			if to == "" {
				to = "anyone"
			}
			return got, fmt.Errorf("%w: %d of %d message(s) to %s arrived (%w)", ErrTimeout, len(got), count, to, context.Cause(ctx))
		}
	}
}
