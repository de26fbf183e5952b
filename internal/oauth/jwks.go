package oauth

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/base64"
	"errors"
	"fmt"
	"math/big"
	"time"
)

// jwk is one public key of a JSON Web Key Set (RFC 7517), after parsing.
type jwk struct {
	kid, kty, alg string
	pub           crypto.PublicKey
}

// rawJWK is a key as it appears in the provider's jwks_uri document.
type rawJWK struct {
	Kty string `json:"kty"`
	Kid string `json:"kid"`
	Use string `json:"use"`
	Alg string `json:"alg"`
	N   string `json:"n"`
	E   string `json:"e"`
	Crv string `json:"crv"`
	X   string `json:"x"`
	Y   string `json:"y"`
}

// minRSABits refuses toy RSA keys a forger could factor.
const minRSABits = 2048

// parseJWK turns a signing key into a Go public key. Encryption keys and key
// types we cannot verify with are errors; the caller skips them.
func parseJWK(r rawJWK) (jwk, error) {
	if r.Use != "" && r.Use != "sig" {
		return jwk{}, fmt.Errorf("key %q is for %q, not signing", r.Kid, r.Use)
	}
	k := jwk{kid: r.Kid, kty: r.Kty, alg: r.Alg}
	switch r.Kty {
	case "RSA":
		n, err1 := base64.RawURLEncoding.DecodeString(r.N)
		e, err2 := base64.RawURLEncoding.DecodeString(r.E)
		if err1 != nil || err2 != nil || len(n) == 0 || len(e) == 0 || len(e) > 4 {
			return jwk{}, fmt.Errorf("RSA key %q: bad n or e", r.Kid)
		}
		pub := &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
		if pub.N.BitLen() < minRSABits || pub.E < 3 || pub.E%2 == 0 {
			return jwk{}, fmt.Errorf("RSA key %q: weak or malformed (%d bits, e=%d)", r.Kid, pub.N.BitLen(), pub.E)
		}
		k.pub = pub
	case "EC":
		var curve elliptic.Curve
		switch r.Crv {
		case "P-256":
			curve = elliptic.P256()
		case "P-384":
			curve = elliptic.P384()
		case "P-521":
			curve = elliptic.P521()
		default:
			return jwk{}, fmt.Errorf("EC key %q: unsupported curve %q", r.Kid, r.Crv)
		}
		size := (curve.Params().BitSize + 7) / 8
		x, err1 := base64.RawURLEncoding.DecodeString(r.X)
		y, err2 := base64.RawURLEncoding.DecodeString(r.Y)
		if err1 != nil || err2 != nil || len(x) != size || len(y) != size {
			return jwk{}, fmt.Errorf("EC key %q: bad x or y", r.Kid)
		}
		// The uncompressed point form; parsing it checks the point is on the curve.
		pub, err := ecdsa.ParseUncompressedPublicKey(curve, append(append([]byte{4}, x...), y...))
		if err != nil {
			return jwk{}, fmt.Errorf("EC key %q: %w", r.Kid, err)
		}
		k.pub = pub
	default:
		return jwk{}, fmt.Errorf("key %q: unsupported key type %q", r.Kid, r.Kty)
	}
	return k, nil
}

// keysMinRefetch limits how often an unknown kid sends us back to the
// provider, so tokens with made-up kids cannot turn us into a load generator.
const keysMinRefetch = time.Minute

// keysMaxAge is how long fetched keys are used before they are read again.
const keysMaxAge = 24 * time.Hour

// signingKeys returns the provider's keys from jwksURL, fetched on first
// use and again when a token names a kid we do not have (key rotation).
func (p *Provider) signingKeys(ctx context.Context, jwksURL, kid string) ([]jwk, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	fresh := p.keys != nil && p.keysURL == jwksURL && now.Sub(p.keysAt) <= keysMaxAge
	if fresh {
		if kid == "" || hasKid(p.keys, kid) || now.Sub(p.keysMiss) < keysMinRefetch {
			return p.keys, nil
		}
		p.keysMiss = now
	}
	var set struct {
		Keys []rawJWK `json:"keys"`
	}
	if err := p.getJSON(ctx, jwksURL, "", &set); err != nil {
		if p.keys != nil && p.keysURL == jwksURL {
			// Keep verifying with the keys we have (an unknown kid still
			// fails) and try again after a pause rather than on every login.
			if !fresh {
				p.keysAt = now.Add(discoveryRetry - keysMaxAge)
			}
			return p.keys, nil
		}
		return nil, fmt.Errorf("signing keys: %w", err)
	}
	var keys []jwk
	var errs []error
	for _, r := range set.Keys {
		k, err := parseJWK(r)
		if err != nil {
			errs = append(errs, err) // skip a key we cannot use; another may verify
			continue
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		if len(errs) == 0 {
			return nil, fmt.Errorf("signing keys at %s: the key set is empty", jwksURL)
		}
		return nil, fmt.Errorf("signing keys at %s: no usable key: %w", jwksURL, errors.Join(errs...))
	}
	p.keys, p.keysURL, p.keysAt = keys, jwksURL, now
	return keys, nil
}

func hasKid(keys []jwk, kid string) bool {
	for _, k := range keys {
		if k.kid == kid {
			return true
		}
	}
	return false
}

// verifyWith checks t's signature against the keys that could have made
// it: the one named by kid, or, when the token names none, every key of the
// right type.
func verifyWith(keys []jwk, a algorithm, t jws) error {
	tried := 0
	for _, k := range keys {
		if k.kty != a.kty || (k.alg != "" && k.alg != t.alg) || (t.kid != "" && k.kid != t.kid) {
			continue
		}
		tried++
		if a.verify(k.pub, t.signed, t.sig) {
			return nil
		}
	}
	if tried == 0 {
		return fmt.Errorf("no %s signing key with kid %q", t.alg, t.kid)
	}
	return errors.New("signature does not verify")
}
