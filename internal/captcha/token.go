package captcha

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"strings"
	"time"
)

// A token is base64url(sealed) + "." + base64url(HMAC-SHA256(sealed)),
// where sealed = GCM nonce + AES-GCM(payload). AES-GCM keeps the answer
// secret and already authenticates; the outer HMAC lets a forged or damaged
// token be turned away before any decryption, and keeps the token's shape
// the same if the sealing ever changes.
//
// The payload is binary, to keep the image URL short:
//
//	version(1) | id(16) | expires unix seconds(8) | difficulty(1) | seed(16) | answer
const (
	tokenVersion = 1
	idLen        = 16
	seedLen      = 16
	headerLen    = 1 + idLen + 8 + 1 + seedLen
	// maxTokenLen turns away absurd inputs before any decoding.
	maxTokenLen = 512
	// sealAD binds sealed payloads to this use and version of the key.
	sealAD = "tribune captcha v1"
)

// errBadToken is any token we did not make, or cannot read.
var errBadToken = errors.New("captcha: bad token")

// payload is what a token carries.
type payload struct {
	id         [idLen]byte
	expires    time.Time
	difficulty int
	seed       [seedLen]byte
	answer     string
}

// idString is the form of the id given to Spent.
func (p payload) idString() string { return base64.RawURLEncoding.EncodeToString(p.id[:]) }

// seedString is the seed the browser hashes, as the widget shows it.
func (p payload) seedString() string { return base64.RawURLEncoding.EncodeToString(p.seed[:]) }

// seal turns a payload into a token.
func (c *Captcha) seal(p payload) string {
	plain := make([]byte, headerLen, headerLen+len(p.answer))
	plain[0] = tokenVersion
	copy(plain[1:], p.id[:])
	binary.BigEndian.PutUint64(plain[1+idLen:], uint64(p.expires.Unix()))
	plain[1+idLen+8] = byte(p.difficulty)
	copy(plain[1+idLen+8+1:], p.seed[:])
	plain = append(plain, p.answer...)

	ns := c.aead.NonceSize()
	sealed := make([]byte, ns, ns+len(plain)+c.aead.Overhead())
	rand.Read(sealed[:ns]) // never fails on supported platforms
	sealed = c.aead.Seal(sealed, sealed[:ns], plain, []byte(sealAD))
	enc := base64.RawURLEncoding
	return enc.EncodeToString(sealed) + "." + enc.EncodeToString(c.mac(sealed))
}

// open checks and decrypts a token; any failure is errBadToken.
func (c *Captcha) open(token string) (payload, error) {
	var p payload
	if len(token) > maxTokenLen {
		return p, errBadToken
	}
	body, sig, ok := strings.Cut(token, ".")
	if !ok {
		return p, errBadToken
	}
	enc := base64.RawURLEncoding
	sealed, err1 := enc.DecodeString(body)
	mac, err2 := enc.DecodeString(sig)
	if err1 != nil || err2 != nil || !hmac.Equal(mac, c.mac(sealed)) {
		return p, errBadToken
	}
	ns := c.aead.NonceSize()
	if len(sealed) < ns {
		return p, errBadToken
	}
	plain, err := c.aead.Open(nil, sealed[:ns], sealed[ns:], []byte(sealAD))
	if err != nil || len(plain) < headerLen || plain[0] != tokenVersion {
		return p, errBadToken
	}
	copy(p.id[:], plain[1:])
	p.expires = time.Unix(int64(binary.BigEndian.Uint64(plain[1+idLen:])), 0)
	p.difficulty = int(plain[1+idLen+8])
	copy(p.seed[:], plain[1+idLen+8+1:])
	p.answer = string(plain[headerLen:])
	return p, nil
}

func (c *Captcha) mac(b []byte) []byte {
	m := hmac.New(sha256.New, c.macKey)
	m.Write(b)
	return m.Sum(nil)
}
