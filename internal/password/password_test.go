package password

import (
	"errors"
	"strings"
	"testing"
)

var fast = Params{Memory: 1024, Time: 1, Threads: 1, KeyLen: 32}

func TestHashVerify(t *testing.T) {
	h, err := Hash("correct horse battery", fast)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=1024,t=1,p=1$") {
		t.Errorf("Hash() = %q, want PHC argon2id with its parameters", h)
	}
	tests := []struct {
		pw   string
		want bool
	}{
		{"correct horse battery", true},
		{"correct horse batter", false},
		{"", false},
	}
	for _, tt := range tests {
		got, err := Verify(tt.pw, h)
		if err != nil || got != tt.want {
			t.Errorf("Verify(%q) = %v, %v; want %v, nil", tt.pw, got, err, tt.want)
		}
	}
	h2, _ := Hash("correct horse battery", fast)
	if h2 == h {
		t.Error("two hashes of one password are equal; want fresh salts")
	}
}

func TestVerifyMalformed(t *testing.T) {
	for _, stored := range []string{"", "plain", "$argon2i$v=19$m=1,t=1,p=1$AA$AA", "$argon2id$v=19$m=x$AA$AA", "$argon2id$v=19$m=1,t=1,p=1$!!$AA"} {
		if _, err := Verify("pw", stored); !errors.Is(err, ErrMalformed) {
			t.Errorf("Verify(pw, %q) error = %v, want ErrMalformed", stored, err)
		}
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		pw   string
		isOK bool
	}{
		{"short", false},
		{"ten chars!", true},
		{"ééééééééé", false},
		{strings.Repeat("a", 2000), false},
	}
	for _, tt := range tests {
		if err := Check(tt.pw); (err == nil) != tt.isOK {
			t.Errorf("Check(%q) = %v, want ok=%v", tt.pw, err, tt.isOK)
		}
	}
}
