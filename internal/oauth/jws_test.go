package oauth

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// testKeys are the signing keys of the provider in these tests.
type testKeys struct {
	rsa   *rsa.PrivateKey
	ec256 *ecdsa.PrivateKey
	ec384 *ecdsa.PrivateKey
}

func newTestKeys(t *testing.T) testKeys {
	t.Helper()
	r, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	e256, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	e384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return testKeys{r, e256, e384}
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func rsaJWK(kid string, k *rsa.PublicKey) map[string]string {
	return map[string]string{"kty": "RSA", "kid": kid, "use": "sig", "n": b64(k.N.Bytes()), "e": b64(big.NewInt(int64(k.E)).Bytes())}
}

func ecJWK(kid string, k *ecdsa.PublicKey) map[string]string {
	raw, _ := k.Bytes() // 0x04 || X || Y
	size := (len(raw) - 1) / 2
	crv := map[int]string{32: "P-256", 48: "P-384", 66: "P-521"}[size]
	return map[string]string{"kty": "EC", "kid": kid, "crv": crv, "x": b64(raw[1 : 1+size]), "y": b64(raw[1+size:])}
}

// sign makes a compact JWS of claims with key under alg.
func sign(t *testing.T, alg, kid string, key crypto.Signer, claims map[string]any) string {
	t.Helper()
	h, _ := json.Marshal(map[string]string{"alg": alg, "kid": kid, "typ": "JWT"})
	c, _ := json.Marshal(claims)
	signed := b64(h) + "." + b64(c)
	var digest []byte
	var hash crypto.Hash
	switch alg[2:] {
	case "256":
		s := sha256.Sum256([]byte(signed))
		digest, hash = s[:], crypto.SHA256
	case "384":
		s := sha512.Sum384([]byte(signed))
		digest, hash = s[:], crypto.SHA384
	}
	var sig []byte
	switch k := key.(type) {
	case *rsa.PrivateKey:
		var err error
		if sig, err = rsa.SignPKCS1v15(nil, k, hash, digest); err != nil {
			t.Fatal(err)
		}
	case *ecdsa.PrivateKey:
		r, s, err := ecdsa.Sign(rand.Reader, k, digest)
		if err != nil {
			t.Fatal(err)
		}
		size := (k.Curve.Params().BitSize + 7) / 8
		sig = make([]byte, 2*size)
		r.FillBytes(sig[:size])
		s.FillBytes(sig[size:])
	}
	return signed + "." + b64(sig)
}

// jwksServer serves a key set that the test may replace, and counts fetches.
type jwksServer struct {
	mu      sync.Mutex
	down    bool
	keys    []map[string]string
	fetches int
	srv     *httptest.Server
}

func newJWKSServer(t *testing.T, keys ...map[string]string) *jwksServer {
	s := &jwksServer{keys: keys}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.fetches++
		if s.down {
			http.Error(w, "down", http.StatusBadGateway)
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"keys": s.keys})
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *jwksServer) set(keys ...map[string]string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys = keys
}

func (s *jwksServer) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fetches
}

var testNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// testProvider is an OIDC provider with configured endpoints, so
// checkIDToken can be driven directly, on a fixed clock.
func testProvider(t *testing.T, kind Kind, issuer, jwksURL string) *Provider {
	t.Helper()
	p, err := NewProvider(ProviderConfig{
		Name: "corp", Kind: kind, Issuer: issuer, ClientID: "client-1", ClientSecret: "secret",
		AuthURL: "https://sso.example/auth", TokenURL: "https://sso.example/token", JWKSURL: jwksURL,
	}, nil)
	if err != nil {
		t.Fatalf("NewProvider: %v", err)
	}
	p.now = func() time.Time { return testNow }
	return p
}

func baseClaims() map[string]any {
	return map[string]any{
		"iss": "https://sso.example", "sub": "user-1", "aud": "client-1", "nonce": "n-1",
		"iat": testNow.Unix(), "exp": testNow.Add(time.Hour).Unix(),
		"email": "u@example.org", "email_verified": true,
	}
}

func with(m map[string]any, kv ...any) map[string]any {
	c := map[string]any{}
	for k, v := range m {
		c[k] = v
	}
	for i := 0; i < len(kv); i += 2 {
		if kv[i+1] == nil {
			delete(c, kv[i].(string))
		} else {
			c[kv[i].(string)] = kv[i+1]
		}
	}
	return c
}

func TestCheckIDToken(t *testing.T) {
	k := newTestKeys(t)
	jw := newJWKSServer(t, rsaJWK("r1", &k.rsa.PublicKey), ecJWK("e1", &k.ec256.PublicKey), ecJWK("e2", &k.ec384.PublicKey))
	p := testProvider(t, KindOIDC, "https://sso.example", jw.srv.URL)
	other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	c := baseClaims()
	for _, tc := range []struct {
		name  string
		token string
		ok    bool
	}{
		{"RS256", sign(t, "RS256", "r1", k.rsa, c), true},
		{"ES256", sign(t, "ES256", "e1", k.ec256, c), true},
		{"ES384", sign(t, "ES384", "e2", k.ec384, c), true},
		{"ES256 without kid", sign(t, "ES256", "", k.ec256, c), true},
		{"ES256 by another key", sign(t, "ES256", "e1", other, c), false},
		{"ES256 header on the RSA key", sign(t, "ES256", "r1", k.rsa, c), false},
		{"RS256 header on an EC key", sign(t, "RS256", "e1", k.ec256, c), false},
		{"expired within the skew", sign(t, "RS256", "r1", k.rsa, with(c, "exp", testNow.Add(-time.Minute).Unix())), true},
		{"expired beyond the skew", sign(t, "RS256", "r1", k.rsa, with(c, "exp", testNow.Add(-3*time.Minute).Unix())), false},
		{"no exp", sign(t, "RS256", "r1", k.rsa, with(c, "exp", nil)), false},
		{"issued in the future", sign(t, "RS256", "r1", k.rsa, with(c, "iat", testNow.Add(10*time.Minute).Unix())), false},
		{"audiences with our azp", sign(t, "RS256", "r1", k.rsa, with(c, "aud", []string{"client-1", "api"}, "azp", "client-1")), true},
		{"audiences without azp", sign(t, "RS256", "r1", k.rsa, with(c, "aud", []string{"client-1", "api"})), false},
		{"another azp", sign(t, "RS256", "r1", k.rsa, with(c, "azp", "client-2")), false},
		{"no sub", sign(t, "RS256", "r1", k.rsa, with(c, "sub", nil)), false},
		{"no nonce", sign(t, "RS256", "r1", k.rsa, with(c, "nonce", nil)), false},
		{"Google's schemeless issuer on a generic provider", sign(t, "RS256", "r1", k.rsa, with(c, "iss", "sso.example")), false},
		{"two parts", "a.b", false},
		{"garbage", "not a token at all", false},
	} {
		_, err := p.checkIDToken(t.Context(), metadata{Issuer: "https://sso.example", JWKSURL: jw.srv.URL}, tc.token, "n-1")
		if (err == nil) != tc.ok {
			t.Errorf("checkIDToken(%s) error = %v, want ok=%v", tc.name, err, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrIDToken) {
			t.Errorf("checkIDToken(%s) error = %v, want ErrIDToken", tc.name, err)
		}
	}
}

func TestCheckIDTokenGoogleIssuer(t *testing.T) {
	k := newTestKeys(t)
	jw := newJWKSServer(t, rsaJWK("g1", &k.rsa.PublicKey))
	p := testProvider(t, KindGoogle, "", jw.srv.URL)
	m := metadata{Issuer: googleIssuer, JWKSURL: jw.srv.URL}
	for _, iss := range []string{"https://accounts.google.com", "accounts.google.com"} {
		tok := sign(t, "RS256", "g1", k.rsa, with(baseClaims(), "iss", iss, "email_verified", "true"))
		c, err := p.checkIDToken(t.Context(), m, tok, "n-1")
		if err != nil || c.EmailVerified == nil || !bool(*c.EmailVerified) {
			t.Errorf("checkIDToken(iss %q) = %+v, %v; want verified claims", iss, c, err)
		}
	}
}

// A token naming a new kid fetches the keys again (rotation), but at most
// once a minute, so made-up kids cannot hammer the provider.
func TestKeyRotation(t *testing.T) {
	k := newTestKeys(t)
	jw := newJWKSServer(t, rsaJWK("old", &k.rsa.PublicKey))
	p := testProvider(t, KindOIDC, "https://sso.example", jw.srv.URL)
	m := metadata{Issuer: "https://sso.example", JWKSURL: jw.srv.URL}
	check := func(kid string, key crypto.Signer, wantOK bool, wantFetches int) {
		t.Helper()
		alg := map[bool]string{true: "RS256", false: "ES256"}[kid == "old"]
		now := p.now()
		c := with(baseClaims(), "iat", now.Unix(), "exp", now.Add(time.Hour).Unix())
		_, err := p.checkIDToken(t.Context(), m, sign(t, alg, kid, key, c), "n-1")
		if (err == nil) != wantOK || jw.count() != wantFetches {
			t.Errorf("checkIDToken(kid %q) error = %v after %d fetches, want ok=%v after %d", kid, err, jw.count(), wantOK, wantFetches)
		}
	}
	check("old", k.rsa, true, 1)
	check("new", k.ec256, false, 2) // unknown kid: one refetch, still unknown
	jw.set(ecJWK("new", &k.ec256.PublicKey))
	check("new", k.ec256, false, 2) // within a minute: no refetch
	p.now = func() time.Time { return testNow.Add(2 * time.Minute) }
	check("new", k.ec256, true, 3)

	// A day later the keys are read again; if the provider is down, the
	// ones we have still serve, and the next try waits a few minutes.
	jw.mu.Lock()
	jw.down = true
	jw.mu.Unlock()
	p.now = func() time.Time { return testNow.Add(25 * time.Hour) }
	check("new", k.ec256, true, 4)
	check("new", k.ec256, true, 4)
}

func TestParseJWK(t *testing.T) {
	k := newTestKeys(t)
	small, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	offCurve := ecJWK("bad", &k.ec256.PublicKey)
	offCurve["y"] = offCurve["x"]
	enc := rsaJWK("enc", &k.rsa.PublicKey)
	enc["use"] = "enc"
	for _, tc := range []struct {
		name string
		key  map[string]string
		ok   bool
	}{
		{"RSA 2048", rsaJWK("r", &k.rsa.PublicKey), true},
		{"EC P-256", ecJWK("e", &k.ec256.PublicKey), true},
		{"EC P-384", ecJWK("e", &k.ec384.PublicKey), true},
		{"RSA 1024", rsaJWK("r", &small.PublicKey), false},
		{"point off the curve", offCurve, false},
		{"encryption key", enc, false},
		{"symmetric key", map[string]string{"kty": "oct", "k": "c2VjcmV0"}, false},
		{"unknown curve", map[string]string{"kty": "EC", "crv": "secp256k1", "x": "AA", "y": "AA"}, false},
	} {
		b, _ := json.Marshal(tc.key)
		var r rawJWK
		json.Unmarshal(b, &r)
		if _, err := parseJWK(r); (err == nil) != tc.ok {
			t.Errorf("parseJWK(%s) error = %v, want ok=%v", tc.name, err, tc.ok)
		}
	}
}

func TestLookupAlg(t *testing.T) {
	for alg, want := range map[string]bool{
		"RS256": true, "ES256": true, "RS512": true, "ES384": true,
		"none": false, "None": false, "HS256": false, "HS512": false, "PS256": false, "": false,
	} {
		if _, got := lookupAlg(alg); got != want {
			t.Errorf("lookupAlg(%q) = %v, want %v", alg, got, want)
		}
	}
}

func TestCheckIDTokenJWKSDown(t *testing.T) {
	k := newTestKeys(t)
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	p := testProvider(t, KindOIDC, "https://sso.example", srv.URL+"/jwks")
	_, err := p.checkIDToken(t.Context(), metadata{Issuer: "https://sso.example", JWKSURL: srv.URL + "/jwks"},
		sign(t, "RS256", "r1", k.rsa, baseClaims()), "n-1")
	if err == nil || !strings.Contains(err.Error(), "signing keys") {
		t.Errorf("checkIDToken with the JWKS unreachable: error %v, want a signing keys error", err)
	}
}
