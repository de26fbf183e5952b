package oauthtest

import (
	"crypto"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"
)

// idToken mints the ID token for g, misbehaving as g says.
func (f *Fake) idToken(g grant) string {
	now := time.Now()
	c := map[string]any{
		"iss": f.Issuer(), "sub": g.user.Subject, "aud": f.id,
		"iat": now.Unix(), "exp": now.Add(time.Hour).Unix(), "nonce": g.nonce,
		"name": g.user.Name,
	}
	if g.user.Email != "" {
		c["email"] = g.user.Email
		c["email_verified"] = g.user.EmailVerified
	}
	switch g.misbehave {
	case WrongNonce:
		c["nonce"] = "not-the-nonce-" + random()
	case WrongAudience:
		c["aud"] = "some-other-client"
	case WrongIssuer:
		c["iss"] = "https://issuer.invalid"
	case Expired:
		c["iat"], c["exp"] = now.Add(-2*time.Hour).Unix(), now.Add(-time.Hour).Unix()
	case NoEmailInIDToken, UserInfoOtherSubject:
		delete(c, "email")
		delete(c, "email_verified")
	}
	switch g.misbehave {
	case AlgNone:
		return segment(map[string]string{"alg": "none", "typ": "JWT"}) + "." + segment(c) + "."
	case AlgHS256:
		signed := segment(map[string]string{"alg": "HS256", "typ": "JWT"}) + "." + segment(c)
		mac := hmac.New(sha256.New, []byte(f.secret))
		mac.Write([]byte(signed))
		return signed + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
	case UnknownKey:
		if f.other == nil {
			k, err := rsa.GenerateKey(rand.Reader, 2048)
			if err != nil {
				panic("oauthtest: rsa.GenerateKey: " + err.Error())
			}
			f.other = k
		}
		return signRS256(f.other, "unpublished-key", c)
	case BadSignature:
		tok := signRS256(f.key, f.kid, c)
		// Alter the signature's first character (the last one may carry
		// only padding bits, which a decoder can ignore).
		i := strings.LastIndexByte(tok, '.') + 1
		b := []byte(tok)
		b[i] = flip(b[i])
		return string(b)
	case TamperedClaims:
		tok := signRS256(f.key, f.kid, c)
		c["email"], c["email_verified"] = "attacker@example.net", true
		parts := strings.SplitN(tok, ".", 3)
		return parts[0] + "." + segment(c) + "." + parts[2]
	}
	return signRS256(f.key, f.kid, c)
}

func signRS256(key *rsa.PrivateKey, kid string, claims any) string {
	signed := segment(map[string]string{"alg": "RS256", "typ": "JWT", "kid": kid}) + "." + segment(claims)
	sum := sha256.Sum256([]byte(signed))
	sig, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, sum[:])
	if err != nil {
		panic("oauthtest: signing: " + err.Error()) // only with a broken key
	}
	return signed + "." + base64.RawURLEncoding.EncodeToString(sig)
}

func segment(v any) string {
	b, _ := json.Marshal(v)
	return base64.RawURLEncoding.EncodeToString(b)
}

// flip swaps a base64url character for a different one.
func flip(c byte) byte {
	if c == 'A' {
		return 'B'
	}
	return 'A'
}
