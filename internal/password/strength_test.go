package password

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCheckWithAccepts(t *testing.T) {
	ctx := []string{"Daily Planet", "anna.smith", "Anna Smith"}
	for _, pw := range []string{
		"correct horse battery staple",
		"tram-ocean-lamp-97",
		"Violet kettle under 4 moons",
		"x7#Kq9!mWz2p",
		"ocean tram lamp violet",
		"Jrn2-8vQ-kaL0",
		"ann smi plan", // context words shorter than 4 letters do not count
		"ééééé-ôôôôô-üüü",
	} {
		if err := CheckWith(pw, ctx...); err != nil {
			t.Errorf("CheckWith(%q) = %v, want nil", pw, err)
		}
	}
}

func TestCheckWithRefuses(t *testing.T) {
	const (
		short   = "too short"
		long    = "too long"
		common  = "too common"
		guess   = "too easy to guess"
		context = "part of your name"
	)
	ctx := []string{"Daily Planet", "anna.smith", "Anna Smith"}
	tests := []struct{ pw, want string }{
		// Length.
		{"short", short},
		{"ééééééééé", short},
		{strings.Repeat("a", 2000), long},
		// Common passwords, as typed and dressed up.
		{"password123", common},
		{"Password2024!", common},
		{"PASSWORD!!!!", common},
		{"P@ssw0rd2024", common},
		{"p@55w0rd!!", common},
		{"iloveyou12", common},
		{"I love you 2024", common},
		{"football99", common},
		{"Football#1!", common},
		{"qwertyuiop", common},
		{"1234567890", common},
		{"1q2w3e4r5t", common},
		{"zaq12wsx!!", common},
		{"Monkey2024!", common},
		{"!!Dragon2024", common},
		{"Letmein123!", common},
		{"sunshine2023", common},
		{"welcome2024", common},
		{"baseball1987", common},
		{"Trustno1trustno1", guess},
		// Repeated characters and sequences.
		{"aaaaaaaaaaaa", guess},
		{"aaaaaaaab1", guess},
		{"ababababab", guess},
		{"abcabcabcabc", guess},
		{"2020202020", guess},
		{"bcdefghijk", guess},
		{"ABCDEFGHIJKL", guess},
		{"0987654321", guess},
		{"8765432109", guess},
		{"zyxwvutsrq", guess},
		{"qwertyasdfgh", guess},
		{"sdfghjkl;'", guess},
		{"wsxedcrfvtgb", guess},
		{"abc123def456", guess},
		{"abcdef2024", guess},
		{"mnbvcxz!!!", guess},
		{"!@#$%^&*()_+", guess},
		{"hellohellohello", guess},
		// Context words.
		{"anna1990!xyz", context},
		{"my-smith-family", context},
		{"SmithFamily77", context},
		{"dailyplanet42", context},
		{"the daily news", context},
		{"4nn4 rocks the house", context},
		{"annasmith1!", context},
	}
	for _, tt := range tests {
		err := CheckWith(tt.pw, ctx...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("CheckWith(%q) = %v, want a message containing %q", tt.pw, err, tt.want)
		}
	}
}

func TestCheckWithNoContext(t *testing.T) {
	if err := CheckWith("anna1990!xyz"); err != nil {
		t.Errorf("CheckWith(%q) = %v, want nil without context", "anna1990!xyz", err)
	}
	if err := CheckWith("anna1990!xyz", "", "  ", "a.b"); err != nil {
		t.Errorf("CheckWith(%q, blank context) = %v, want nil", "anna1990!xyz", err)
	}
}

func TestCheckWithMessages(t *testing.T) {
	for _, pw := range []string{"short", "password123", "aaaaaaaaaa", "anna-rocks-hard"} {
		err := CheckWith(pw, "anna")
		if err == nil {
			t.Errorf("CheckWith(%q) = nil, want an error", pw)
			continue
		}
		msg := err.Error()
		if r, _ := utf8.DecodeRuneInString(msg); r < 'A' || r > 'Z' || !strings.HasSuffix(msg, ".") {
			t.Errorf("CheckWith(%q) = %q, want a capitalised sentence ending in a full stop", pw, msg)
		}
	}
}

// TestCommonList checks the embedded list's shape: lower case, one entry a
// line, no blanks or duplicates, and enough long entries to matter.
func TestCommonList(t *testing.T) {
	seen := map[string]bool{}
	long := 0
	for line := range strings.Lines(commonList) {
		w := strings.TrimSuffix(line, "\n")
		switch {
		case w == "" || strings.TrimSpace(w) != w || strings.ContainsAny(w, " \t\r"):
			t.Errorf("common.txt line %q: want one password without spaces", w)
		case strings.ToLower(w) != w:
			t.Errorf("common.txt line %q: want lower case", w)
		case seen[w]:
			t.Errorf("common.txt line %q: duplicate", w)
		case utf8.RuneCountInString(w) < 6:
			t.Errorf("common.txt line %q: want 6 characters or more (shorter passwords fail the length rule anyway)", w)
		}
		seen[w] = true
		if utf8.RuneCountInString(w) >= 8 {
			long++
		}
	}
	if long < 500 {
		t.Errorf("common.txt has %d entries of 8+ characters, want at least 500", long)
	}
}

func TestWalk(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"abcdef", true},
		{"fedcba", true},
		{"qwerty", true},
		{"1qaz2wsx", true},
		{"zaq12wsx", true},
		{"abcxyz", true},
		{"abcdex", false},
		{"ab", false},
		{"tramocean", false},
		{"horse", false},
		{"élan", false},
	}
	for _, tt := range tests {
		if got := walk(tt.s); got != tt.want {
			t.Errorf("walk(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestRepeated(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"abab", true},
		{"passpasspa", true},
		{"aaa", true},
		{"abcab", false},
		{"password", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := repeated(tt.s); got != tt.want {
			t.Errorf("repeated(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// BenchmarkCheckWith keeps an eye on the list scan and the walk search with
// a long password, the worst case for both.
func BenchmarkCheckWith(b *testing.B) {
	pw := strings.Repeat("correct horse battery staple ", 35)
	for b.Loop() {
		_ = CheckWith(pw, "Daily Planet", "anna.smith", "Anna Smith")
	}
}
