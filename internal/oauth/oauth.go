// Package oauth is the client side of social login ("Comment via Google",
// "Comment via Facebook", or an organisation's own OpenID Connect provider).
// It turns a provider's callback into a verified Identity and nothing more:
// routing, cookies and account linking belong to the accounts handlers, which
// keep the one rule that matters — an identity joins an existing account only
// when the provider vouches for the email address.
//
// Only the standard library is used, so the security-relevant code (state,
// PKCE, nonce, ID token checks) is all here to read.
package oauth

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Kind selects the protocol dialect of a provider.
type Kind string

// The supported kinds. Google and generic OIDC speak OpenID Connect;
// Facebook speaks plain OAuth 2.0 with its Graph API for the profile.
const (
	KindGoogle   Kind = "google"
	KindFacebook Kind = "facebook"
	KindOIDC     Kind = "oidc"
)

// Identity is who the provider says signed in. Subject is stable per
// provider, so (Provider, Subject) is what an account is linked to; Email is
// only a hint for linking unless EmailVerified is true.
type Identity struct {
	Provider      string // ProviderConfig.Name
	Subject       string
	Email         string
	EmailVerified bool
	Name          string
}

// The errors Finish returns, for the handler to pick a message by.
var (
	// ErrDenied means the reader declined consent at the provider; not a
	// failure worth logging.
	ErrDenied = errors.New("the reader declined to sign in")
	// ErrState means the callback does not belong to a login this browser
	// started (forged, replayed, or the state cookie expired).
	ErrState = errors.New("state mismatch or expired login")
	// ErrProvider means the provider reported an error or misbehaved;
	// a *ProviderError carries its code and description.
	ErrProvider = errors.New("provider error")
	// ErrIDToken means the ID token failed a check (issuer, audience,
	// expiry, nonce or signature) and must not be trusted.
	ErrIDToken = errors.New("invalid ID token")
)

// ProviderError is an error response from the provider: the error and
// error_description parameters of RFC 6749 section 4.1.2.1 or 5.2. The
// description is the provider's text: escape it before showing it.
type ProviderError struct {
	Code        string
	Description string
}

// Error keeps the provider's words, which are the most useful thing in a log.
func (e *ProviderError) Error() string {
	if e.Description == "" {
		return "provider error " + e.Code
	}
	return "provider error " + e.Code + ": " + e.Description
}

// Is lets callers test errors.Is(err, ErrProvider).
func (e *ProviderError) Is(target error) bool { return target == ErrProvider }

// newProviderError trims what an untrusted provider sent to a sane size.
func newProviderError(code, desc string) *ProviderError {
	return &ProviderError{Code: clip(code, 100), Description: clip(desc, 300)}
}

func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) > n {
		s = s[:n] + "…"
	}
	return s
}

// requestTimeout bounds every request made to a provider, so a slow provider
// cannot hold a reader's request (or a discovery lock) for long.
const requestTimeout = 10 * time.Second

// maxBody bounds every response body read from a provider.
const maxBody = 1 << 20

// defaultClient is used when NewProvider gets a nil client: never
// http.DefaultClient, whose settings any package may change.
func defaultClient() *http.Client {
	return &http.Client{Timeout: requestTimeout}
}

func errorf(name, format string, args ...any) error {
	return fmt.Errorf("oauth %s: "+format, append([]any{name}, args...)...)
}
