package mail

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	netmail "net/mail"
	"os"
	"path/filepath"
	"time"
)

// Outbox is the embedded default Sender for sites without an SMTP server:
// each message becomes an .eml file (openable in any mail client) in one
// folder, and the log says where, so an operator can still read a
// confirmation link and forward it by hand.
type Outbox struct {
	dir  string
	from string
	addr *netmail.Address
	log  *slog.Logger
	now  func() time.Time
}

// NewOutbox creates dir if needed (readable by its owner only: messages
// hold one-time links) and returns an Outbox writing there. A nil log
// discards the log lines.
func NewOutbox(dir, from string, log *slog.Logger) (*Outbox, error) {
	addr, err := parseAddress("from", from)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create outbox: %w", err)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Outbox{dir: dir, from: from, addr: addr, log: log, now: time.Now}, nil
}

// Dir is the folder messages are written to.
func (o *Outbox) Dir() string { return o.dir }

// Send writes m to DIR/<time>-<random>.eml. The file appears whole or not
// at all: it is written under a temporary name and then renamed.
func (o *Outbox) Send(ctx context.Context, m Message) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	now := o.now()
	raw, err := Build(o.from, m, now, newMessageID(o.addr))
	if err != nil {
		return err
	}
	suffix := make([]byte, 6)
	rand.Read(suffix) // never fails on supported platforms
	name := now.UTC().Format("20060102T150405.000000000Z") + "-" + hex.EncodeToString(suffix) + ".eml"
	path := filepath.Join(o.dir, name)
	if err := writeFileAtomic(path, raw); err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	o.log.InfoContext(ctx, "email written to outbox (no SMTP server configured)",
		"path", path, "to", m.To, "subject", m.Subject)
	return nil
}

func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*.eml")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp, path)
	}
	if werr != nil {
		os.Remove(tmp)
	}
	return werr
}
