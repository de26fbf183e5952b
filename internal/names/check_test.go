package names

import (
	"strings"
	"testing"
)

func TestCheckAccepts(t *testing.T) {
	for _, name := range []string{
		"Jo",
		"Anna",
		"Anna Smith",
		"J.R.R. Tolkien",
		"O'Brien",
		"O’Brien",
		"Jean-Luc Picard",
		"anna_b",
		"Zoë",
		"Nguyễn Thị Minh Khai",
		"Νίκος Παππάς",
		"Иван Петров",
		"李小龍",
		"محمد",
		"देवनागरी",
		"Agent 007",
		"St.John",
		"Anna.Smith",
		"Mr. Admin Fan", // reserved words are reserved as whole names only
		strings.Repeat("x", MaxLength),
		"Jos\u0065\u0301", // e plus a combining accent
	} {
		if err := Check(name); err != nil {
			t.Errorf("Check(%q) = %v, want nil", name, err)
		}
	}
}

func TestCheckRefuses(t *testing.T) {
	tests := []struct {
		name     string
		reserved []string
		want     string // a fragment of the message
	}{
		{"A", nil, "at least 2 characters"},
		{"", nil, "at least 2 characters"},
		{"   ", nil, "at least 2 characters"},
		{strings.Repeat("x", MaxLength+1), nil, "at most 40"},
		{" Anna", nil, "start or end"},
		{"Anna ", nil, "start or end"},
		{"Anna  Smith", nil, "two spaces"},
		{"An\u200bna", nil, "invisible"},
		{"An\u200dna", nil, "invisible"},
		{"\ufeffAnna", nil, "invisible"},
		{"An\u00adna", nil, "invisible"},
		{"An\tna", nil, "invisible"},
		{"Anna\u00a0Smith", nil, "special spaces"},
		{"Anna\u3164", nil, "invisible"},
		{"Anna\ufe0f", nil, "invisible"},
		{"anna@example.com", nil, "email"},
		{"http://spam.example", nil, "web address"},
		{"https://x", nil, "web address"},
		{"www.tribune", nil, "web address"},
		{"example.com", nil, "web address"},
		{"Read news.example.org", nil, "web address"},
		{"Anna!", nil, "cannot contain “!”"},
		{"Anna🙂", nil, "cannot contain “🙂”"},
		{"@anna", nil, "cannot contain “@”"},
		{"Anna <b>", nil, "cannot contain “<”"},
		{"12345", nil, "one letter"},
		{"12 345", nil, "one letter"},
		{"--", nil, "one letter"},
		{"._.", nil, "one letter"},
		{"\u0301Anna", nil, "accent"},
		{"Z\u0300\u0301\u0302\u0303\u0304\u0305\u0306algo", nil, "accents"},
		{"\u0410nna", nil, "alphabets"}, // Cyrillic А among Latin letters
		{"Pαypal", nil, "alphabets"},    // Greek α
		{"admin", nil, "reserved"},
		{"Adm1n", nil, "reserved"},
		{"ADMINISTRATOR", nil, "reserved"},
		{"Moderator", nil, "reserved"},
		{"Tribune", nil, "reserved"},
		{"Editor", nil, "reserved"},
		{"Staff", nil, "reserved"},
		{"Support", nil, "reserved"},
		{"System", nil, "reserved"},
		{"r00t", nil, "reserved"},
		{"NULL", nil, "reserved"},
		{"Deleted", nil, "reserved"},
		{"Anonymous", nil, "reserved"},
		{"Sys-tem", nil, "reserved"},
		{"ΑDΜΙΝ", nil, "alphabets"}, // Greek capitals mixed with Latin D and N
		{"Daily-Planet", []string{"Daily Planet"}, "reserved"},
		{"The Daily Planet", []string{"", "the daily planet"}, "reserved"},
	}
	for _, tt := range tests {
		err := Check(tt.name, tt.reserved...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Check(%q, %q) = %v, want a message containing %q", tt.name, tt.reserved, err, tt.want)
		}
	}
}

// TestCheckMessages checks that every message is a sentence a reader can act
// on: capitalised and ending in a full stop.
func TestCheckMessages(t *testing.T) {
	for _, name := range []string{"A", " Anna", "Anna  B", "An\u200bna", "a@b.c", "x.com", "Anna!", "123", "\u0410nna", "admin", "\u0301Anna"} {
		err := Check(name)
		if err == nil {
			t.Errorf("Check(%q) = nil, want an error", name)
			continue
		}
		msg := err.Error()
		if msg[0] < 'A' || msg[0] > 'Z' || !strings.HasSuffix(msg, ".") {
			t.Errorf("Check(%q) = %q, want a capitalised sentence ending in a full stop", name, msg)
		}
	}
}

func TestCheckSiteName(t *testing.T) {
	if err := Check("Daily Planet"); err != nil {
		t.Errorf("Check(%q) = %v, want nil without the site name reserved", "Daily Planet", err)
	}
	if err := Check("Daily Planet", "Daily Planet"); err == nil {
		t.Errorf("Check(%q, %q) = nil, want reserved", "Daily Planet", "Daily Planet")
	}
}
