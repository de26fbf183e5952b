package oauth

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	_ "crypto/sha256" // register the hashes the algorithms below name
	_ "crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// jws is a compact-serialised JSON Web Signature (RFC 7515), split up but
// not yet trusted.
type jws struct {
	alg, kid string
	payload  []byte
	signed   []byte // "header.payload", the bytes the signature covers
	sig      []byte
}

// maxTokenLen bounds an ID token; real ones are one to two kilobytes.
const maxTokenLen = 16 << 10

func parseJWS(token string) (jws, error) {
	if len(token) > maxTokenLen {
		return jws{}, errors.New("token too long")
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return jws{}, fmt.Errorf("token has %d parts, want 3 (an encrypted ID token is not supported)", len(parts))
	}
	var t jws
	var header struct {
		Alg  string   `json:"alg"`
		Kid  string   `json:"kid"`
		Crit []string `json:"crit"`
	}
	if err := decodeSegment(parts[0], &header); err != nil {
		return jws{}, fmt.Errorf("header: %w", err)
	}
	if len(header.Crit) > 0 {
		return jws{}, fmt.Errorf("header lists critical extensions %q, none supported", header.Crit)
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return jws{}, errors.New("payload is not base64url")
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return jws{}, errors.New("signature is not base64url")
	}
	t.alg, t.kid, t.payload, t.sig = header.Alg, header.Kid, payload, sig
	t.signed = []byte(token[:len(parts[0])+1+len(parts[1])])
	return t, nil
}

func decodeSegment(s string, v any) error {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return errors.New("not base64url")
	}
	if err := json.Unmarshal(b, v); err != nil {
		return errors.New("not valid JSON")
	}
	return nil
}

// algorithm describes one accepted signature algorithm. Only asymmetric
// ones are here: "none" would let anyone mint tokens, and HS256 would make
// the client secret a signing key (and invites the key-confusion attack).
type algorithm struct {
	hash  crypto.Hash
	kty   string         // the JWK key type that can verify it
	curve elliptic.Curve // for EC
}

// lookupAlg returns the algorithm an alg header names, if it is accepted.
func lookupAlg(alg string) (algorithm, bool) {
	switch alg {
	case "RS256":
		return algorithm{crypto.SHA256, "RSA", nil}, true
	case "RS384":
		return algorithm{crypto.SHA384, "RSA", nil}, true
	case "RS512":
		return algorithm{crypto.SHA512, "RSA", nil}, true
	case "ES256":
		return algorithm{crypto.SHA256, "EC", elliptic.P256()}, true
	case "ES384":
		return algorithm{crypto.SHA384, "EC", elliptic.P384()}, true
	case "ES512":
		return algorithm{crypto.SHA512, "EC", elliptic.P521()}, true
	}
	return algorithm{}, false
}

// verify checks sig over signed with pub under a.
func (a algorithm) verify(pub crypto.PublicKey, signed, sig []byte) bool {
	h := a.hash.New()
	h.Write(signed)
	digest := h.Sum(nil)
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return a.kty == "RSA" && rsa.VerifyPKCS1v15(k, a.hash, digest, sig) == nil
	case *ecdsa.PublicKey:
		// JWS (RFC 7518 section 3.4) sends R and S as fixed-size big-endian
		// halves, not ASN.1.
		size := (a.curve.Params().BitSize + 7) / 8
		if a.kty != "EC" || k.Curve != a.curve || len(sig) != 2*size {
			return false
		}
		r := new(big.Int).SetBytes(sig[:size])
		s := new(big.Int).SetBytes(sig[size:])
		return ecdsa.Verify(k, digest, r, s)
	}
	return false
}
