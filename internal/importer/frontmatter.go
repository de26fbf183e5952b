package importer

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// splitFile separates the front matter from the body. bodyLine is the file
// line the body starts on, so body problems can name file lines.
func splitFile(data []byte) (front []byte, body string, bodyLine int, err error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	lines := strings.SplitAfter(string(data), "\n")
	if len(lines) == 0 || strings.TrimRight(lines[0], " \t\n") != "---" {
		return nil, "", 0, &Error{Line: 1, Err: errors.New("missing front matter: the file must start with a line '---', then the fields, then '---'")}
	}
	for i := 1; i < len(lines); i++ {
		if strings.TrimRight(lines[i], " \t\n") != "---" {
			continue
		}
		front = []byte(strings.Join(lines[1:i], ""))
		rest := lines[i+1:]
		bodyLine = i + 2
		for len(rest) > 0 && strings.TrimSpace(rest[0]) == "" {
			rest = rest[1:]
			bodyLine++
		}
		body = strings.TrimRight(strings.Join(rest, ""), " \t\n")
		if body != "" {
			body += "\n"
		}
		return front, body, bodyLine, nil
	}
	return nil, "", 0, &Error{Line: 1, Err: errors.New("front matter is not closed: add a line '---' after the last field")}
}

// yamlLine matches the position in a YAML syntax error.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// frontFields reads the front matter as a mapping and returns its fields
// in order, rejecting duplicates. Lines in errors are file lines.
func frontFields(front []byte) ([]field, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(front, &doc); err != nil {
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			n, _ := strconv.Atoi(m[1])
			return nil, &Error{Line: n + 1, Err: fmt.Errorf("front matter: %s", m[2])}
		}
		return nil, &Error{Err: fmt.Errorf("front matter: %w", err)}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, &Error{Line: 2, Err: errors.New("front matter is empty; title, section and date are required")}
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, &Error{Line: m.Line + 1, Err: errors.New("front matter must be fields such as 'title: ...', one per line")}
	}
	var out []field
	seen := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if prev, ok := seen[k.Value]; ok {
			return nil, &Error{Line: k.Line + 1, Field: k.Value, Err: fmt.Errorf("given twice (first on line %d)", prev)}
		}
		seen[k.Value] = k.Line + 1
		out = append(out, field{name: k.Value, line: k.Line + 1, value: v})
	}
	return out, nil
}

// field is one front matter entry.
type field struct {
	name  string
	line  int
	value *yaml.Node
}

func (f field) errorf(format string, args ...any) error {
	return &Error{Line: f.line, Field: f.name, Err: fmt.Errorf(format, args...)}
}

// text returns a scalar field's value; null is "".
func (f field) text() (string, error) {
	switch {
	case f.value.Kind == yaml.ScalarNode && f.value.Tag == "!!null":
		return "", nil
	case f.value.Kind != yaml.ScalarNode:
		return "", f.errorf("want a single value, not a list or a mapping")
	}
	return strings.TrimSpace(f.value.Value), nil
}

// list returns a sequence field's items; null is an empty list.
func (f field) list(example string) ([]string, error) {
	v := f.value
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil, nil
	}
	if v.Kind != yaml.SequenceNode {
		return nil, f.errorf("want a list, e.g. %s", example)
	}
	var out []string
	for _, item := range v.Content {
		if item.Kind != yaml.ScalarNode {
			return nil, &Error{Line: item.Line + 1, Field: f.name, Err: errors.New("list items must be single values")}
		}
		s := strings.TrimSpace(item.Value)
		if s == "" || item.Tag == "!!null" {
			return nil, &Error{Line: item.Line + 1, Field: f.name, Err: errors.New("empty list item")}
		}
		out = append(out, s)
	}
	return out, nil
}

// suggest returns the known field name closest to name, if it is close.
func suggest(name string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		if d := editDistance(strings.ToLower(name), k); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
