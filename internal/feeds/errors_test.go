package feeds

import (
	"errors"
	"testing"
	"time"
)

var errDisk = errors.New("disk full")

// failWriter fails every write, like a client that hung up.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errDisk }

func TestWriteErrorsPropagate(t *testing.T) {
	now := time.Now()
	tests := []struct {
		name  string
		write func() error
	}{
		{"WriteRSS", func() error { return WriteRSS(failWriter{}, Channel{Title: "T"}, []Item{{Title: "a"}}) }},
		{"WriteSitemap", func() error { return WriteSitemap(failWriter{}, []URL{{Loc: "https://example.com/"}}) }},
		{"WriteNewsSitemap", func() error {
			return WriteNewsSitemap(failWriter{}, "T", []NewsURL{{Loc: "https://example.com/", Title: "A", Language: "en", Published: now}})
		}},
		{"WriteRobots", func() error { return WriteRobots(failWriter{}, "https://example.com", nil) }},
	}
	for _, tt := range tests {
		if err := tt.write(); !errors.Is(err, errDisk) {
			t.Errorf("%s(failing writer) error = %v, want %v", tt.name, err, errDisk)
		}
	}
}
