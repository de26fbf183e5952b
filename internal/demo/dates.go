package demo

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"
)

// shiftDate moves the date field in a file's front matter by d and returns
// the new file with the moved date. Only that one line changes, so the file
// stays exactly as written otherwise and the importer reports true line
// numbers.
func shiftDate(data []byte, d time.Duration) ([]byte, time.Time, error) {
	const fence = "---\n"
	if !bytes.HasPrefix(data, []byte(fence)) {
		return nil, time.Time{}, errors.New("no front matter: the file must start with ---")
	}
	end := bytes.Index(data[len(fence):], []byte("\n"+fence))
	if end < 0 {
		return nil, time.Time{}, errors.New("front matter has no closing ---")
	}
	front := data[len(fence) : len(fence)+end+1]
	var out bytes.Buffer
	out.WriteString(fence)
	var date time.Time
	found := false
	for line := range strings.Lines(string(front)) {
		value, ok := strings.CutPrefix(line, "date:")
		if !ok {
			out.WriteString(line)
			continue
		}
		if found {
			return nil, time.Time{}, errors.New("front matter has two date fields")
		}
		t, err := parseDate(value)
		if err != nil {
			return nil, time.Time{}, err
		}
		date, found = t.Add(d), true
		fmt.Fprintf(&out, "date: %s\n", date.Format(time.RFC3339))
	}
	if !found {
		return nil, time.Time{}, errors.New("front matter has no date field")
	}
	out.Write(data[len(fence)+end+1:])
	return out.Bytes(), date, nil
}

// parseDate reads a front matter date value: RFC 3339, optionally quoted,
// optionally followed by a # comment.
func parseDate(value string) (time.Time, error) {
	if i := strings.Index(value, " #"); i >= 0 {
		value = value[:i]
	}
	value = strings.Trim(strings.TrimSpace(value), `"'`)
	t, err := time.Parse(time.RFC3339, value)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: want RFC 3339 such as 2026-11-26T09:15:00Z: %w", value, err)
	}
	return t.UTC(), nil
}
