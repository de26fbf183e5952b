package mail

import (
	"errors"
	"net"
	"net/smtp"
	"slices"
	"strings"
)

// plainAuth is AUTH PLAIN (RFC 4616) with Tribune's rule for when it may be
// used: over TLS, or in clear only to a loopback host. net/smtp's PlainAuth
// has a similar rule but knows fewer loopback spellings; keeping our own
// puts the whole policy in this package.
type plainAuth struct {
	username, password, host string
}

func (a plainAuth) Start(server *smtp.ServerInfo) (string, []byte, error) {
	if !server.TLS && !isLoopback(a.host) {
		return "", nil, errors.New("refusing to send credentials over an unencrypted connection")
	}
	if !slices.ContainsFunc(server.Auth, func(m string) bool { return strings.EqualFold(m, "PLAIN") }) {
		return "", nil, errors.New("server does not offer AUTH PLAIN")
	}
	return "PLAIN", []byte("\x00" + a.username + "\x00" + a.password), nil
}

func (a plainAuth) Next(_ []byte, more bool) ([]byte, error) {
	if more {
		return nil, errors.New("unexpected server challenge during AUTH PLAIN")
	}
	return nil, nil
}

// isLoopback reports whether host names this machine: "localhost" or a
// loopback IP. Other names are not resolved, so DNS cannot widen the rule.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}
