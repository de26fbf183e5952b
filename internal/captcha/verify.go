package captcha

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"math/bits"
	"strings"
	"unicode"
)

// maxNonceLen bounds the proof-of-work nonce a form may send; the browser
// sends a decimal counter.
const maxNonceLen = 64

// Verify checks a submission: the typed answer OR the proof-of-work nonce,
// either one is enough. The rules, in order:
//
//  1. No token, or neither an answer nor a nonce: ErrMissing (the challenge
//     is not used up, the reader may simply fill it in).
//  2. A token we did not make, or cannot read: ErrWrong.
//  3. Past its expiry: ErrExpired.
//  4. The challenge is spent now, whatever the outcome, so each one allows
//     one guess only; already spent: ErrReused.
//  5. Pass when the nonce meets the token's difficulty, when the answer
//     matches ignoring case and spaces, or, with the test hook on, when the
//     answer is TestPass. Otherwise ErrWrong.
func (c *Captcha) Verify(ctx context.Context, token, answer, powNonce string) error {
	answer, powNonce = strings.TrimSpace(answer), strings.TrimSpace(powNonce)
	if token == "" || (answer == "" && powNonce == "") {
		return ErrMissing
	}
	p, err := c.open(token)
	if err != nil {
		return ErrWrong
	}
	if !c.now().Before(p.expires) {
		return ErrExpired
	}
	first, err := c.spent.Spend(ctx, p.idString(), p.expires)
	if err != nil {
		return fmt.Errorf("captcha: record used challenge: %w", err)
	}
	if !first {
		return ErrReused
	}
	switch {
	case powNonce != "" && PowOK(p.seedString(), powNonce, p.difficulty):
		return nil
	case c.testHook && answer == TestPass:
		return nil
	case answer != "" && subtle.ConstantTimeCompare([]byte(normalize(answer)), []byte(p.answer)) == 1:
		return nil
	}
	return ErrWrong
}

// PowOK reports whether SHA-256(seed + ":" + nonce) starts with at least
// difficulty zero bits. It is exported for tools and tests that solve
// challenges the way the browser does.
func PowOK(seed, nonce string, difficulty int) bool {
	if nonce == "" || len(nonce) > maxNonceLen {
		return false
	}
	sum := sha256.Sum256([]byte(seed + ":" + nonce))
	return leadingZeroBits(sum[:]) >= difficulty
}

// leadingZeroBits counts the zero bits before the first one bit.
func leadingZeroBits(b []byte) int {
	n := 0
	for _, x := range b {
		if x != 0 {
			return n + bits.LeadingZeros8(x)
		}
		n += 8
	}
	return n
}

// normalize makes a typed answer comparable: upper case, no spaces.
func normalize(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToUpper(r)
	}, s)
}

// IsReaderError reports whether err is one of the sentinels a form explains
// to the reader, as opposed to an internal failure.
func IsReaderError(err error) bool {
	return errors.Is(err, ErrExpired) || errors.Is(err, ErrWrong) || errors.Is(err, ErrReused) || errors.Is(err, ErrMissing)
}
