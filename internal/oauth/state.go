package oauth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"time"
)

// StateLifetime is how long a login may take between Start and Finish; the
// caller gives its state cookie the same Max-Age.
const StateLifetime = 10 * time.Minute

// State is what a login must remember between Start and Finish. It holds
// the PKCE verifier and the nonce, so the caller keeps it where only this
// browser can send it back: an HttpOnly, Secure, SameSite=Lax cookie on a
// path such as /auth/, cleared on the callback. SameSite must be Lax, not
// Strict: the callback is a top-level navigation from the provider's site.
type State struct {
	Provider string `json:"p"` // the login may only finish at the provider it started at
	Value    string `json:"s"` // the OAuth state parameter (CSRF protection)
	Verifier string `json:"v"` // the PKCE code_verifier (RFC 7636)
	Nonce    string `json:"n,omitempty"`
	Expires  int64  `json:"e"` // Unix seconds
}

// maxStateLen bounds what Unmarshal accepts; a real state is ~250 bytes.
const maxStateLen = 1024

// Marshal encodes the state as a cookie-safe string.
func (s State) Marshal() string {
	b, _ := json.Marshal(s) // plain strings and an int: cannot fail
	return base64.RawURLEncoding.EncodeToString(b)
}

// Unmarshal decodes what Marshal made. Any fault is ErrState: a mangled
// cookie is a login to start again, not a server error.
func (s *State) Unmarshal(v string) error {
	if len(v) > maxStateLen {
		return fmt.Errorf("%w: state cookie too long", ErrState)
	}
	b, err := base64.RawURLEncoding.DecodeString(v)
	if err != nil {
		return fmt.Errorf("%w: state cookie is not base64url", ErrState)
	}
	var d State
	if err := json.Unmarshal(b, &d); err != nil {
		return fmt.Errorf("%w: state cookie is not valid JSON", ErrState)
	}
	*s = d
	return nil
}

// check reports whether the callback's state parameter belongs to this
// state, in constant time so the value cannot be guessed byte by byte.
func (s State) check(provider, got string, now time.Time) error {
	switch {
	case s.Value == "" || s.Verifier == "":
		return fmt.Errorf("%w: no login in progress", ErrState)
	case s.Provider != provider:
		return fmt.Errorf("%w: login was started at provider %q", ErrState, s.Provider)
	case now.Unix() > s.Expires:
		return fmt.Errorf("%w: login started more than %v ago", ErrState, StateLifetime)
	case subtle.ConstantTimeCompare([]byte(s.Value), []byte(got)) != 1:
		return fmt.Errorf("%w: state parameter does not match", ErrState)
	}
	return nil
}

// random returns 256 bits from the system's CSPRNG, base64url-encoded (43
// characters, which is also the shortest PKCE verifier allowed).
func random() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}

// challengeS256 is the PKCE S256 code challenge for a verifier.
func challengeS256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}
