package oauthtest

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"math/big"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"

	"tribune/internal/oauth"
)

// Fake is an OpenID Connect provider on 127.0.0.1 with discovery,
// /authorize, /token, /userinfo and /jwks, signing ID tokens with an RS256
// key made when it starts. Its client is ClientID/ClientSecret; Config
// gives a ready oauth.ProviderConfig.
type Fake struct {
	t      testing.TB
	srv    *httptest.Server
	key    *rsa.PrivateKey // published in /jwks
	kid    string
	id     string
	secret string

	mu          sync.Mutex
	other       *rsa.PrivateKey // for UnknownKey: never published, made on first use
	redirects   []string
	next        *oauth.Identity
	deny        bool
	misbehave   Misbehaviour
	authMethods []string
	codes       map[string]grant
	access      map[string]grant // access token -> the grant it came from
	hits        map[string]int
}

// NewFake starts a provider that stops when the test ends.
func NewFake(t testing.TB) *Fake {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatalf("rsa.GenerateKey: %v", err)
	}
	f := &Fake{
		t: t, key: key, kid: "fake-key-1",
		id: "tribune-test-client", secret: "fake-secret-" + random(),
		authMethods: []string{"client_secret_basic", "client_secret_post"},
		codes:       map[string]grant{},
		access:      map[string]grant{},
		hits:        map[string]int{},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", f.discovery)
	mux.HandleFunc("GET /authorize", f.authorize)
	mux.HandleFunc("POST /token", f.token)
	mux.HandleFunc("GET /userinfo", f.userinfo)
	mux.HandleFunc("GET /jwks", f.jwks)
	f.srv = httptest.NewServer(f.count(mux))
	t.Cleanup(f.srv.Close)
	return f
}

// Issuer is the provider's issuer URL (its discovery lives under it).
func (f *Fake) Issuer() string { return f.srv.URL }

// ClientID is the one client the provider knows.
func (f *Fake) ClientID() string { return f.id }

// ClientSecret is that client's secret.
func (f *Fake) ClientSecret() string { return f.secret }

// Client is an HTTP client for talking to the provider.
func (f *Fake) Client() *http.Client { return f.srv.Client() }

// Config is a generic OIDC provider config for this fake under name.
func (f *Fake) Config(name string) oauth.ProviderConfig {
	return oauth.ProviderConfig{
		Name: name, DisplayName: "Fake SSO", Kind: oauth.KindOIDC,
		Issuer: f.Issuer(), ClientID: f.id, ClientSecret: f.secret,
	}
}

// AllowRedirect registers a redirect URI. Until one is registered any
// absolute http(s) URI is accepted; after that only registered ones.
func (f *Fake) AllowRedirect(uri string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.redirects = append(f.redirects, uri)
}

// NextUser sets who logs in at the next /authorize (after it, DefaultUser
// again). Its Provider field is ignored.
func (f *Fake) NextUser(id oauth.Identity) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.next = &id
}

// Deny makes the next /authorize answer error=access_denied, as when the
// reader clicks "Cancel" on the consent screen.
func (f *Fake) Deny() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.deny = true
}

// Misbehave makes the tokens of the next login wrong in the way m says.
func (f *Fake) Misbehave(m Misbehaviour) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.misbehave = m
}

// TokenAuthMethods sets the client authentication methods /token accepts
// and discovery advertises (default: client_secret_basic and
// client_secret_post).
func (f *Fake) TokenAuthMethods(methods ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.authMethods = slices.Clone(methods)
}

// Hits is how many requests reached path, e.g. to see discovery is cached.
func (f *Fake) Hits(path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hits[path]
}

func (f *Fake) count(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.hits[r.URL.Path]++
		f.mu.Unlock()
		next.ServeHTTP(w, r)
	})
}

func (f *Fake) discovery(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	methods := slices.Clone(f.authMethods)
	f.mu.Unlock()
	base := f.Issuer()
	writeJSON(w, http.StatusOK, map[string]any{
		"issuer":                                         base,
		"authorization_endpoint":                         base + "/authorize",
		"token_endpoint":                                 base + "/token",
		"userinfo_endpoint":                              base + "/userinfo",
		"jwks_uri":                                       base + "/jwks",
		"response_types_supported":                       []string{"code"},
		"subject_types_supported":                        []string{"public"},
		"id_token_signing_alg_values_supported":          []string{"RS256"},
		"code_challenge_methods_supported":               []string{"S256"},
		"token_endpoint_auth_methods_supported":          methods,
		"scopes_supported":                               []string{"openid", "email", "profile"},
		"authorization_response_iss_parameter_supported": true,
	})
}

func (f *Fake) jwks(w http.ResponseWriter, r *http.Request) {
	pub := f.key.PublicKey
	writeJSON(w, http.StatusOK, map[string]any{"keys": []map[string]string{{
		"kty": "RSA", "use": "sig", "alg": "RS256", "kid": f.kid,
		"n": base64.RawURLEncoding.EncodeToString(pub.N.Bytes()),
		"e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(pub.E)).Bytes()),
	}}})
}
