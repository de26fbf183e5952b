package captcha

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// solve finds a nonce the way pow.js does: a decimal counter from 0.
func solve(t testing.TB, seed string, difficulty int) string {
	t.Helper()
	for n := 0; n < 1<<(difficulty+8); n++ {
		if s := strconv.Itoa(n); PowOK(seed, s, difficulty) {
			return s
		}
	}
	t.Fatalf("no nonce found for seed %q at difficulty %d", seed, difficulty)
	return ""
}

func TestVerifyProofOfWork(t *testing.T) {
	c, _ := newTest(t, Options{Difficulty: 8})
	ch, err := c.New()
	if err != nil {
		t.Fatal(err)
	}
	if ch.Difficulty != 8 {
		t.Fatalf("New().Difficulty = %d, want 8", ch.Difficulty)
	}
	nonce := solve(t, ch.Seed, ch.Difficulty)
	if err := c.Verify(t.Context(), ch.Token, "", nonce); err != nil {
		t.Errorf("Verify(token, \"\", %q) = %v, want nil", nonce, err)
	}
	// A wrong typed answer next to a good nonce still passes: either path
	// is enough, and pow.js fills the nonce whatever the reader typed.
	ch, _ = c.New()
	if err := c.Verify(t.Context(), ch.Token, "WRONG", solve(t, ch.Seed, ch.Difficulty)); err != nil {
		t.Errorf("Verify(wrong answer, good nonce) = %v, want nil", err)
	}
}

func TestVerifyWrongNonce(t *testing.T) {
	c, _ := newTest(t, Options{Difficulty: 8})
	// first returns the first counter nonce that passes for good and not
	// for the challenge's own seed.
	first := func(seed string, good func(string) bool) string {
		for n := 0; ; n++ {
			if s := strconv.Itoa(n); good(s) && !PowOK(seed, s, 8) {
				return s
			}
		}
	}
	tests := []struct {
		name  string
		nonce func(seed string) string
	}{
		{"failing nonce", func(seed string) string { return first(seed, func(string) bool { return true }) }},
		{"nonce for another seed", func(seed string) string {
			other, _ := c.New()
			return first(seed, func(s string) bool { return PowOK(other.Seed, s, 8) })
		}},
		{"too long", func(string) string { return strings.Repeat("7", maxNonceLen+1) }},
	}
	for _, tt := range tests {
		ch, _ := c.New()
		nonce := tt.nonce(ch.Seed)
		if err := c.Verify(t.Context(), ch.Token, "", nonce); !errors.Is(err, ErrWrong) {
			t.Errorf("Verify(%s %.20q) = %v, want ErrWrong", tt.name, nonce, err)
		}
	}
}

func TestPowOK(t *testing.T) {
	// Known answers, checked with `printf tribune:3328 | sha256sum`:
	// SHA-256("tribune:3328") starts with 13 zero bits, "tribune:8083"
	// with 12, "tribune:0" with 1.
	tests := []struct {
		seed, nonce string
		difficulty  int
		want        bool
	}{
		{"tribune", "3328", 13, true},
		{"tribune", "3328", 14, false},
		{"tribune", "8083", 12, true},
		{"tribune", "8083", 13, false},
		{"tribune", "0", 1, true},
		{"tribune", "0", 2, false},
		{"tribune", "", 0, false},
		{"tribune", strings.Repeat("1", maxNonceLen+1), 0, false},
	}
	for _, tt := range tests {
		if got := PowOK(tt.seed, tt.nonce, tt.difficulty); got != tt.want {
			t.Errorf("PowOK(%q, %.10q, %d) = %v, want %v", tt.seed, tt.nonce, tt.difficulty, got, tt.want)
		}
	}
}

func TestLeadingZeroBits(t *testing.T) {
	tests := []struct {
		in   []byte
		want int
	}{
		{[]byte{0x80}, 0},
		{[]byte{0x01}, 7},
		{[]byte{0x00, 0x40}, 9},
		{[]byte{0x00, 0x00, 0x0f}, 20},
		{[]byte{0x00, 0x00}, 16},
	}
	for _, tt := range tests {
		if got := leadingZeroBits(tt.in); got != tt.want {
			t.Errorf("leadingZeroBits(%x) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
