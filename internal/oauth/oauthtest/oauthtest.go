// Package oauthtest runs fake social-login providers inside tests: an OpenID
// Connect provider (Fake) and a Facebook-like OAuth 2.0 provider with a
// Graph API (FakeFacebook). Both are real HTTP servers on 127.0.0.1 that
// check what a real provider checks (client, redirect URI, PKCE, code
// reuse), so the client in package oauth, the accounts handlers and browser
// tests can run the whole login without a network or a person.
//
// Logins complete without UI: /authorize answers at once with a 302 back
// to the redirect URI, as if the reader had clicked "Allow".
package oauthtest

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"

	"tribune/internal/oauth"
)

// Misbehaviour makes the next login's tokens wrong in one way, to test that
// the client refuses them.
type Misbehaviour int

// The misbehaviours a Fake can be switched to.
const (
	Honest               Misbehaviour = iota
	WrongNonce                        // ID token carries another nonce
	WrongAudience                     // ID token is for another client
	WrongIssuer                       // ID token names another issuer
	Expired                           // ID token expired an hour ago
	BadSignature                      // ID token signature bytes altered
	TamperedClaims                    // claims changed after signing
	AlgNone                           // unsigned ID token, alg "none"
	AlgHS256                          // ID token MACed with the client secret
	UnknownKey                        // ID token signed by a key not in the JWKS
	NoEmailInIDToken                  // email claims only at the userinfo endpoint
	UserInfoOtherSubject              // no email in the ID token, and userinfo describes someone else
)

// DefaultUser is who logs in when no NextUser was set.
func DefaultUser() oauth.Identity {
	return oauth.Identity{
		Subject:       "fake-subject-1",
		Email:         "reader@example.org",
		EmailVerified: true,
		Name:          "Fake Reader",
	}
}

// grant is an issued authorization code waiting to be exchanged.
type grant struct {
	clientID, redirectURI string
	challenge, nonce      string
	openid                bool
	user                  oauth.Identity
	misbehave             Misbehaviour
}

func random() string {
	b := make([]byte, 24)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// pkceOK checks an RFC 7636 S256 verifier against its challenge.
func pkceOK(verifier, challenge string) bool {
	if len(verifier) < 43 || len(verifier) > 128 {
		return false
	}
	sum := sha256.Sum256([]byte(verifier))
	return equal(base64.RawURLEncoding.EncodeToString(sum[:]), challenge)
}

// redirectOK says whether uri is an acceptable redirect: absolute http(s),
// no fragment, and one of the registered ones when any are registered.
func redirectOK(uri string, registered []string) bool {
	u, err := url.Parse(uri)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") || u.Fragment != "" {
		return false
	}
	return len(registered) == 0 || slices.Contains(registered, uri)
}

// redirectBack sends the browser to the client's redirect URI with params
// added to any query it already has (RFC 6749 section 4.1.2).
func redirectBack(w http.ResponseWriter, r *http.Request, redirectURI string, params url.Values) {
	u, _ := url.Parse(redirectURI) // checked by redirectOK
	q := u.Query()
	for k, vs := range params {
		q[k] = vs
	}
	u.RawQuery = q.Encode()
	http.Redirect(w, r, u.String(), http.StatusFound)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// oauthError writes an RFC 6749 section 5.2 error.
func oauthError(w http.ResponseWriter, status int, code, desc string) {
	writeJSON(w, status, map[string]string{"error": code, "error_description": desc})
}
