package oauth

import (
	"errors"
	"strings"
	"testing"
)

func TestStateRoundTrip(t *testing.T) {
	st := State{Provider: "google", Value: random(), Verifier: random(), Nonce: random(), Expires: 1767225600}
	enc := st.Marshal()
	if strings.ContainsAny(enc, ";, \"=") {
		t.Errorf("Marshal() = %q, want a cookie-safe value", enc)
	}
	var got State
	if err := got.Unmarshal(enc); err != nil || got != st {
		t.Errorf("Unmarshal(Marshal(%+v)) = %+v, %v", st, got, err)
	}
	for _, bad := range []string{"", "!!!", "bm90IGpzb24", strings.Repeat("A", maxStateLen+1)} {
		var s State
		if err := s.Unmarshal(bad); !errors.Is(err, ErrState) {
			t.Errorf("Unmarshal(%.20q) error = %v, want ErrState", bad, err)
		}
	}
}

func TestChallengeS256(t *testing.T) {
	// RFC 7636 appendix B.
	const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	if got, want := challengeS256(verifier), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"; got != want {
		t.Errorf("challengeS256(%q) = %q, want %q", verifier, got, want)
	}
}
