// Package password hashes and checks account passwords with argon2id. Each
// hash carries its own parameters (PHC string format), so the cost can be
// raised later without breaking stored hashes.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost settings.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
	KeyLen  uint32
}

// Default is OWASP's recommended argon2id setting (19 MiB, t=2, p=1):
// strong against offline guessing, yet light enough that a node can hash
// several sign-ins at once without running short of memory.
var Default = Params{Memory: 19 * 1024, Time: 2, Threads: 1, KeyLen: 32}

// MinLength is the shortest password accepted.
const MinLength = 10

// ErrMalformed means a stored hash is not one this package wrote.
var ErrMalformed = errors.New("password: malformed hash")

// Check reports why a new password is not acceptable, or nil.
func Check(pw string) error {
	if utf8.RuneCountInString(pw) < MinLength {
		return fmt.Errorf("the password must have at least %d characters", MinLength)
	}
	if len(pw) > maxBytes {
		return errors.New("the password is too long (at most 1024 bytes)")
	}
	return nil
}

// Hash returns the PHC-format argon2id hash of pw with a fresh salt.
func Hash(pw string, p Params) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password salt: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Verify reports whether pw matches the stored hash, in constant time.
func Verify(pw, stored string) (bool, error) {
	parts := strings.Split(stored, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, ErrMalformed
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return false, ErrMalformed
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return false, ErrMalformed
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, ErrMalformed
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false, ErrMalformed
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}
