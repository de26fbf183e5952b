package loadtest

import "testing"

func TestParseCPUWithChildren(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		want    int64
		wantErr bool
	}{
		{"postmaster", "661 (postgres) S 1 661 661 0 -1 4194304 23610 1404511 0 0 2 5 700 40 20 0 1 0 100 1 2", 747, false},
		{"spaces in the name", "7 (a b) R 1 7 7 0 -1 0 0 0 0 0 10 20 30 40 20 0", 100, false},
		{"too short", "7 (x) R 1 7", 0, true},
		{"no name", "garbage", 0, true},
	}
	for _, tt := range tests {
		got, err := parseCPUWithChildren(tt.text)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("%s: parseCPUWithChildren(%q) = %d, %v; want %d, error %v", tt.name, tt.text, got, err, tt.want, tt.wantErr)
		}
	}
}
