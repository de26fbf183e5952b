// Package mail sends Tribune's email: account confirmations, password resets
// and notifications. An operator who configures an SMTP server gets real
// delivery through it (SMTP); a site without one still works, because the
// embedded default (Outbox) writes each message as an .eml file the operator
// can open, so nothing is silently lost. Both build the same bytes (Build).
//
// This package only delivers; the wording of each email belongs to the
// feature that sends it, which fills in a Message.
package mail

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	netmail "net/mail"
	"strings"
)

// Message is one email. Text and HTML are both required: they go out as a
// multipart/alternative pair, so every mail client shows a readable version.
type Message struct {
	// To is one recipient, "a@example.org" or "Ann <a@example.org>".
	To string
	// Subject may hold any Unicode; Build encodes it for the header.
	Subject string
	// Text is the plain-text body, HTML the same content as HTML.
	Text, HTML string
	// Headers are optional extra header fields, e.g. List-Unsubscribe.
	// Values must be ASCII; the fields Build writes itself are refused.
	Headers map[string]string
}

// Sender delivers messages. Implementations: *SMTP and *Outbox; code that
// sends email depends on this interface so tests and sites without SMTP
// need no mail server.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// parseAddress parses one address ("Name <a@b>" or "a@b") and refuses line
// breaks, which would let a value add header fields of its own.
func parseAddress(field, s string) (*netmail.Address, error) {
	if strings.ContainsAny(s, "\r\n") {
		return nil, fmt.Errorf("%s address %q: contains a line break", field, s)
	}
	a, err := netmail.ParseAddress(s)
	if err != nil {
		return nil, fmt.Errorf("%s address %q: %w", field, s, err)
	}
	return a, nil
}

// domainOf returns the part of an address after the last "@".
func domainOf(addr string) string {
	return addr[strings.LastIndexByte(addr, '@')+1:]
}

// newMessageID returns a fresh Message-ID (without angle brackets) in the
// domain of the sender's address, so replies and bounces can be traced to
// the site that sent the message.
func newMessageID(from *netmail.Address) string {
	b := make([]byte, 16)
	rand.Read(b) // never fails on supported platforms
	return hex.EncodeToString(b) + "@" + domainOf(from.Address)
}
