package demo

import (
	"strings"
	"testing"
	"time"
)

func TestShiftDate(t *testing.T) {
	const rest = "title: \"T\"\n---\nBody with date: 2020-01-01T00:00:00Z kept.\n"
	tests := []struct {
		name, in, want, wantErr string
	}{
		{"plain", "---\ndate: 2026-11-26T09:15:00Z\n" + rest, "---\ndate: 2026-11-26T11:15:00Z\n" + rest, ""},
		{"quoted with comment", "---\ndate: \"2026-11-26T09:15:00Z\"   # moved\n" + rest, "---\ndate: 2026-11-26T11:15:00Z\n" + rest, ""},
		{"zone", "---\ndate: 2026-11-26T10:15:00+01:00\n" + rest, "---\ndate: 2026-11-26T11:15:00Z\n" + rest, ""},
		{"no front matter", "date: 2026-11-26T09:15:00Z\n", "", "no front matter"},
		{"unclosed", "---\ndate: 2026-11-26T09:15:00Z\n", "", "no closing"},
		{"no date", "---\n" + rest, "", "no date"},
		{"two dates", "---\ndate: 2026-11-26T09:15:00Z\ndate: 2026-11-26T09:15:00Z\n" + rest, "", "two date"},
		{"bad date", "---\ndate: yesterday\n" + rest, "", "RFC 3339"},
	}
	for _, tt := range tests {
		got, _, err := shiftDate([]byte(tt.in), 2*time.Hour)
		switch {
		case tt.wantErr != "":
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: shiftDate(%q) error = %v, want one containing %q", tt.name, tt.in, err, tt.wantErr)
			}
		case err != nil:
			t.Errorf("%s: shiftDate(%q) error: %v", tt.name, tt.in, err)
		case string(got) != tt.want:
			t.Errorf("%s: shiftDate(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}
