// Package secret makes the random tokens behind one-time links, sessions and
// API keys, and the hashes that are stored instead of them, so a leaked
// database does not hand out working links.
package secret

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// New returns a random URL-safe token with 192 bits of entropy and its hash.
func New() (token, hash string) {
	b := make([]byte, 24)
	rand.Read(b) // never fails on supported platforms
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, Hash(token)
}

// Hash is the stored form of a token.
func Hash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
