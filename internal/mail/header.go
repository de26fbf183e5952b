package mail

import (
	"bytes"
	"fmt"
	"strings"
)

const (
	// foldAt is the line length RFC 5322 recommends; longer header lines
	// are folded at a space where there is one.
	foldAt = 78
	// maxLine is the hard limit of RFC 5322 (998 characters plus CRLF).
	maxLine = 998
)

// writeField writes "Name: value" with CRLF, folding the line at spaces so
// it stays near foldAt characters. Folding only inserts CRLF before an
// existing space, so unfolding gives back the exact value. A line that
// cannot be brought under maxLine is an error.
func writeField(b *bytes.Buffer, name, value string) error {
	line := name + ": " + strings.TrimRight(value, " \t")
	minCut := len(name) + 1 // never fold right after "Name:"
	for len(line) > foldAt {
		cut := strings.LastIndexByte(line[:foldAt+1], ' ')
		if cut <= minCut {
			i := strings.IndexByte(line[foldAt+1:], ' ')
			if i < 0 {
				break
			}
			cut = foldAt + 1 + i
		}
		if cut > maxLine {
			break
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n")
		line = line[cut:]
		minCut = 0
	}
	if len(line) > maxLine {
		return fmt.Errorf("header %s: a line is longer than %d characters", name, maxLine)
	}
	b.WriteString(line)
	b.WriteString("\r\n")
	return nil
}
