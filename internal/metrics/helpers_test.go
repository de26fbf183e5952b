package metrics

import (
	"strings"
	"testing"
)

// scrape returns the registry's exposition text.
func scrape(t *testing.T, r *Registry) string {
	t.Helper()
	var b strings.Builder
	if err := r.WriteText(&b); err != nil {
		t.Fatalf("WriteText() error = %v", err)
	}
	return b.String()
}

// series maps every sample line's series (name and labels as written) to
// its value, so tests can look up `name{label="v"}` directly.
func series(text string) map[string]string {
	m := map[string]string{}
	for line := range strings.Lines(text) {
		line = strings.TrimSuffix(line, "\n")
		if line == "" || line[0] == '#' {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		m[line[:i]] = line[i+1:]
	}
	return m
}

// familyLines returns, in order, the lines of text that belong to the
// family name: its HELP and TYPE lines and its samples, including a
// histogram's _bucket, _sum and _count.
func familyLines(text, name string) []string {
	var out []string
	for line := range strings.Lines(text) {
		line = strings.TrimSuffix(line, "\n")
		var metric string
		if rest, ok := strings.CutPrefix(line, "# "); ok {
			f := strings.Fields(rest)
			if len(f) >= 2 {
				metric = f[1]
			}
		} else {
			metric = line[:strings.IndexAny(line, "{ ")]
		}
		for _, suffix := range []string{"", "_bucket", "_sum", "_count"} {
			if metric == name+suffix {
				out = append(out, line)
				break
			}
		}
	}
	return out
}
