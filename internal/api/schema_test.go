package api_test

import (
	"fmt"
	"math"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// apiDoc is docs/api.yaml, read as plain maps, with just enough JSON
// Schema to check real responses against it: $ref, type (one or a list),
// required, properties, additionalProperties: false, items, enum, const,
// minimum and format: date-time.
type apiDoc struct {
	root map[string]any
}

// operation is one method of one documented path.
type operation struct {
	method, path string
	node         map[string]any
}

// key names an operation as ServeMux patterns do: "GET /api/v1/me".
func (o operation) key() string { return o.method + " " + o.path }

func loadDoc(t *testing.T) *apiDoc {
	t.Helper()
	b, err := os.ReadFile("../../docs/api.yaml")
	if err != nil {
		t.Fatalf("read the API document: %v", err)
	}
	var root map[string]any
	if err := yaml.Unmarshal(b, &root); err != nil {
		t.Fatalf("parse docs/api.yaml: %v", err)
	}
	if v, _ := root["openapi"].(string); !strings.HasPrefix(v, "3.1.") {
		t.Fatalf("docs/api.yaml: openapi = %q, want 3.1.x", v)
	}
	return &apiDoc{root: root}
}

var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// operations lists every documented operation, sorted.
func (d *apiDoc) operations(t *testing.T) []operation {
	t.Helper()
	paths, ok := d.root["paths"].(map[string]any)
	if !ok || len(paths) == 0 {
		t.Fatal("docs/api.yaml has no paths")
	}
	var ops []operation
	for p, item := range paths {
		for k, v := range item.(map[string]any) {
			if slices.Contains(httpMethods, k) {
				ops = append(ops, operation{method: strings.ToUpper(k), path: p, node: v.(map[string]any)})
			}
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].key() < ops[j].key() })
	return ops
}

// lookup follows a local reference such as "#/components/schemas/Comment".
func (d *apiDoc) lookup(ref string) (map[string]any, error) {
	rest, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil, fmt.Errorf("reference %q is not local", ref)
	}
	var node any = d.root
	for _, part := range strings.Split(rest, "/") {
		m, ok := node.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("reference %q: %q is not under an object", ref, part)
		}
		if node, ok = m[part]; !ok {
			return nil, fmt.Errorf("reference %q: no %q", ref, part)
		}
	}
	m, ok := node.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("reference %q is not an object", ref)
	}
	return m, nil
}

// deref returns n, or what its $ref points to (references may chain).
func (d *apiDoc) deref(n map[string]any) (map[string]any, error) {
	for range 10 {
		ref, ok := n["$ref"].(string)
		if !ok {
			return n, nil
		}
		var err error
		if n, err = d.lookup(ref); err != nil {
			return nil, err
		}
	}
	return nil, fmt.Errorf("reference loop")
}

// refs lists every $ref string anywhere under n.
func refs(n any) []string {
	var out []string
	switch v := n.(type) {
	case map[string]any:
		for k, c := range v {
			if s, ok := c.(string); ok && k == "$ref" {
				out = append(out, s)
			}
			out = append(out, refs(c)...)
		}
	case []any:
		for _, c := range v {
			out = append(out, refs(c)...)
		}
	}
	return out
}

// validate checks a decoded JSON value against a schema and returns every
// mismatch, each starting with its JSON path.
func (d *apiDoc) validate(schema map[string]any, v any, at string) []string {
	s, err := d.deref(schema)
	if err != nil {
		return []string{at + ": " + err.Error()}
	}
	if types := schemaTypes(s["type"]); len(types) > 0 && !slices.ContainsFunc(types, func(ty string) bool { return hasType(v, ty) }) {
		return []string{fmt.Sprintf("%s: %s is not of type %v", at, short(v), types)}
	}
	var errs []string
	if enum, ok := s["enum"].([]any); ok && !slices.ContainsFunc(enum, func(e any) bool { return sameValue(e, v) }) {
		errs = append(errs, fmt.Sprintf("%s: %s is not one of %v", at, short(v), enum))
	}
	if c, ok := s["const"]; ok && !sameValue(c, v) {
		errs = append(errs, fmt.Sprintf("%s: %s is not %v", at, short(v), c))
	}
	if min, ok := s["minimum"].(int); ok {
		if f, isNum := v.(float64); isNum && f < float64(min) {
			errs = append(errs, fmt.Sprintf("%s: %v is below the minimum %d", at, f, min))
		}
	}
	if s["format"] == "date-time" {
		if str, ok := v.(string); ok {
			if _, err := time.Parse(time.RFC3339Nano, str); err != nil {
				errs = append(errs, fmt.Sprintf("%s: %q is not a date-time", at, str))
			}
		}
	}
	switch v := v.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for _, r := range asStrings(s["required"]) {
			if _, ok := v[r]; !ok {
				errs = append(errs, fmt.Sprintf("%s: required member %q is missing", at, r))
			}
		}
		names := make([]string, 0, len(v))
		for k := range v {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			ps, ok := props[k].(map[string]any)
			switch {
			case ok:
				errs = append(errs, d.validate(ps, v[k], at+"."+k)...)
			case s["additionalProperties"] == false:
				errs = append(errs, fmt.Sprintf("%s: member %q is not documented", at, k))
			}
		}
	case []any:
		if items, ok := s["items"].(map[string]any); ok {
			for i, e := range v {
				errs = append(errs, d.validate(items, e, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	}
	return errs
}

func schemaTypes(t any) []string {
	if s, ok := t.(string); ok {
		return []string{s}
	}
	return asStrings(t)
}

func asStrings(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, e := range list {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// hasType reports whether a value decoded by encoding/json has a JSON
// Schema type.
func hasType(v any, ty string) bool {
	switch ty {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "null":
		return v == nil
	case "number":
		_, ok := v.(float64)
		return ok
	case "integer":
		f, ok := v.(float64)
		return ok && f == math.Trunc(f)
	}
	return false
}

// sameValue compares a YAML scalar with a JSON one.
func sameValue(yamlValue, jsonValue any) bool {
	if i, ok := yamlValue.(int); ok {
		yamlValue = float64(i)
	}
	return reflect.DeepEqual(yamlValue, jsonValue)
}

func short(v any) string {
	s := fmt.Sprintf("%#v", v)
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return s
}

// TestValidate checks the checker: a test of responses against the
// document is only as good as the validator.
func TestValidate(t *testing.T) {
	d := loadDoc(t)
	comment := map[string]any{"$ref": "#/components/schemas/Comment"}
	good := func() map[string]any {
		return map[string]any{"id": "c1", "seq": float64(3), "author": map[string]any{"id": "u1", "name": "Anna"},
			"text": "Hi.", "html": "<p>Hi.</p>\n", "status": "published", "created_at": "2026-05-01T12:00:00.123Z", "reply_count": float64(0)}
	}
	if errs := d.validate(comment, good(), "$"); len(errs) > 0 {
		t.Errorf("validate(a good comment) = %v, want no errors", errs)
	}
	tests := []struct {
		name   string
		change func(m map[string]any)
		want   string
	}{
		{"missing required", func(m map[string]any) { delete(m, "html") }, `$: required member "html" is missing`},
		{"undocumented member", func(m map[string]any) { m["score"] = float64(1) }, `$: member "score" is not documented`},
		{"wrong type", func(m map[string]any) { m["seq"] = "3" }, `$.seq: "3" is not of type [integer]`},
		{"fraction for integer", func(m map[string]any) { m["reply_count"] = 1.5 }, `$.reply_count: 1.5 is not of type [integer]`},
		{"not in enum", func(m map[string]any) { m["status"] = "hidden" }, `$.status: "hidden" is not one of`},
		{"bad date-time", func(m map[string]any) { m["created_at"] = "yesterday" }, `$.created_at: "yesterday" is not a date-time`},
		{"nested", func(m map[string]any) { m["author"] = map[string]any{"id": "u1"} }, `$.author: required member "name" is missing`},
		{"null where not allowed", func(m map[string]any) { m["text"] = nil }, `$.text: <nil> is not of type [string]`},
	}
	for _, tt := range tests {
		m := good()
		tt.change(m)
		errs := d.validate(comment, m, "$")
		if len(errs) != 1 || !strings.HasPrefix(errs[0], tt.want) {
			t.Errorf("validate(comment with %s) = %q, want one error starting %q", tt.name, errs, tt.want)
		}
	}
	detail := map[string]any{"$ref": "#/components/schemas/CommentDetail"}
	if errs := d.validate(detail, map[string]any{"comment": good(), "reasons": nil}, "$"); len(errs) > 0 {
		t.Errorf("validate(detail with null reasons) = %v, want no errors ([array, null])", errs)
	}
}
