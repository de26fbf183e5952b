package api_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"mime"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"tribune/internal/store/storetest"
)

// pathParam matches a {name} segment of a path template; OpenAPI and
// ServeMux write them alike.
var pathParam = regexp.MustCompile(`\{([a-z_]+)\}`)

// fill turns a path template into a concrete path.
func fill(path string) string { return pathParam.ReplaceAllString(path, "x-$1") }

// sourceRoutes lists the patterns the package's non-test code registers
// with mux.Handle or mux.HandleFunc: the router's own list of routes,
// read from the code so that a new route cannot escape the document.
func sourceRoutes(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var patterns []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, e.Name(), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "Handle" && sel.Sel.Name != "HandleFunc") {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: %s with a pattern that is not a string literal; the contract test cannot see it", fset.Position(call.Pos()), sel.Sel.Name)
				return true
			}
			p, _ := strconv.Unquote(lit.Value)
			patterns = append(patterns, p)
			return true
		})
	}
	return patterns
}

// TestContractRoutes checks docs/api.yaml against the router both ways:
// every documented operation reaches the handler registered for it, and
// every route registered under /api/v1 is documented.
func TestContractRoutes(t *testing.T) {
	d := loadDoc(t)
	e := newEnv(t, storetest.SQLite(t), 0)
	ops := d.operations(t)
	documented := map[string]bool{}
	for _, op := range ops {
		documented[op.key()] = true
		req := httptest.NewRequest(op.method, fill(op.path), nil)
		if _, pattern := e.mux.Handler(req); pattern != op.key() {
			t.Errorf("documented %s: the router's pattern for %s %s is %q, want %q", op.key(), req.Method, req.URL.Path, pattern, op.key())
		}
	}

	routes := sourceRoutes(t)
	if !slices.Contains(routes, "/api/") {
		t.Errorf("source routes %q: no /api/ fallback for unknown endpoints", routes)
	}
	var api []string
	for _, p := range routes {
		method, path, ok := strings.Cut(p, " ")
		if !ok {
			method, path = "", p
		}
		if !strings.HasPrefix(path, "/api/v1/") {
			continue
		}
		api = append(api, p)
		if !documented[p] {
			t.Errorf("route %q is registered but not documented in docs/api.yaml", p)
		}
		if method == "" {
			t.Errorf("route %q has no method: document each method, or register them one by one", p)
			continue
		}
		// What the source says is what the router serves.
		if _, got := e.mux.Handler(httptest.NewRequest(method, fill(path), nil)); got != p {
			t.Errorf("route %q in the source: the router's pattern is %q", p, got)
		}
	}
	if len(api) != len(ops) {
		t.Errorf("%d routes under /api/v1 in the source, %d documented operations; want the same", len(api), len(ops))
	}
	for _, path := range []string{"/api/v1/no-such-thing", "/api/v2/me"} {
		if _, got := e.mux.Handler(httptest.NewRequest("GET", path, nil)); got != "/api/" {
			t.Errorf("GET %s routes to %q, want the /api/ fallback", path, got)
		}
	}
}

// TestContractDocument checks the document's own consistency.
func TestContractDocument(t *testing.T) {
	d := loadDoc(t)
	for _, ref := range refs(d.root) {
		if _, err := d.lookup(ref); err != nil {
			t.Errorf("docs/api.yaml: %v", err)
		}
	}
	schemes, _ := d.lookup("#/components/securitySchemes")
	for _, name := range []string{"bearerToken", "sessionCookie", "csrfHeader"} {
		if schemes[name] == nil {
			t.Errorf("security scheme %s is not defined", name)
		}
	}
	paths := d.root["paths"].(map[string]any)
	for _, op := range d.operations(t) {
		if id, _ := op.node["operationId"].(string); id == "" {
			t.Errorf("%s: no operationId", op.key())
		}
		responses, _ := op.node["responses"].(map[string]any)
		if responses["500"] == nil {
			t.Errorf("%s: 500 is not documented", op.key())
		}
		security, ok := op.node["security"].([]any)
		if !ok || len(security) == 0 {
			t.Errorf("%s: no security requirements (use - {} for public endpoints)", op.key())
		}
		public := false
		for _, req := range security {
			req := req.(map[string]any)
			for name := range req {
				if schemes[name] == nil {
					t.Errorf("%s: unknown security scheme %q", op.key(), name)
				}
			}
			public = public || len(req) == 0
			if _, cookie := req["sessionCookie"]; cookie && op.method != "GET" && req["csrfHeader"] == nil {
				t.Errorf("%s: cookie callers change state without the csrfHeader requirement", op.key())
			}
		}
		if !public && responses["401"] == nil {
			t.Errorf("%s: needs authentication but 401 is not documented", op.key())
		}
		// Every path parameter is declared.
		var declared []string
		for _, list := range []any{paths[op.path].(map[string]any)["parameters"], op.node["parameters"]} {
			for _, p := range asSlice(list) {
				p, err := d.deref(p.(map[string]any))
				if err != nil {
					t.Errorf("%s: parameter: %v", op.key(), err)
					continue
				}
				if p["in"] == "path" {
					declared = append(declared, p["name"].(string))
				}
			}
		}
		for _, m := range pathParam.FindAllStringSubmatch(op.path, -1) {
			if !slices.Contains(declared, m[1]) {
				t.Errorf("%s: path parameter %q is not declared", op.key(), m[1])
			}
		}
	}
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

// checkResponse checks a real answer against the documented response for
// its status: status documented, required headers sent, body of the
// documented media type and schema.
func (d *apiDoc) checkResponse(t *testing.T, op operation, r response) {
	t.Helper()
	responses, _ := op.node["responses"].(map[string]any)
	node, ok := responses[strconv.Itoa(r.status)].(map[string]any)
	if !ok {
		t.Errorf("%s answered %d, which is not documented (body %s)", op.key(), r.status, r.body)
		return
	}
	resp, err := d.deref(node)
	if err != nil {
		t.Fatalf("%s %d: %v", op.key(), r.status, err)
	}
	headers, _ := resp["headers"].(map[string]any)
	for name, h := range headers {
		if h.(map[string]any)["required"] == true && r.header.Get(name) == "" {
			t.Errorf("%s %d: required header %s is missing", op.key(), r.status, name)
		}
	}
	content, _ := resp["content"].(map[string]any)
	if content == nil {
		if len(r.body) > 0 {
			t.Errorf("%s %d: documented without a body, got %q", op.key(), r.status, r.body)
		}
		return
	}
	mt, _, err := mime.ParseMediaType(r.header.Get("Content-Type"))
	media, ok := content[mt].(map[string]any)
	if err != nil || !ok {
		t.Errorf("%s %d: Content-Type %q is not documented", op.key(), r.status, r.header.Get("Content-Type"))
		return
	}
	if mt != "application/json" {
		return
	}
	var v any
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Errorf("%s %d: body %q is not JSON: %v", op.key(), r.status, r.body, err)
		return
	}
	for _, msg := range d.validate(media["schema"].(map[string]any), v, "$") {
		t.Errorf("%s %d: %s (body %s)", op.key(), r.status, msg, r.body)
	}
}

// TestContractResponses sends, for every documented operation, a request
// producing each documented status (but 500), and checks the real answer
// against the document; a status no request produces is reported too.
func TestContractResponses(t *testing.T) {
	d := loadDoc(t)
	e := newEnv(t, storetest.SQLite(t), 1)
	ops := map[string]operation{}
	for _, op := range d.operations(t) {
		ops[op.key()] = op
	}
	mine := e.post(e.other, "", "Boris's comment.")["id"].(string)
	gone := e.post(e.mod, "", "To be deleted.")["id"].(string)
	c := "/api/v1/comments/" + mine
	big := `{"text": "` + strings.Repeat("a", 64<<10) + `"}`
	noCSRF := as{cookie: e.reader.ID}

	cases := []struct {
		method, path string
		who          as
		body         string
		status       int
	}{
		{"GET", "/api/v1/me", bearer(e.reader), "", 200},
		{"GET", "/api/v1/me", anonymous, "", 401},

		{"POST", storyComments, bearer(e.reader), `{"text": "Hello."}`, 201},
		{"POST", storyComments, bearer(e.reader), `{"text": "Again."}`, 429},
		{"POST", storyComments, bearer(e.reader), `{"text": `, 400},
		{"POST", storyComments, anonymous, `{"text": "Hello."}`, 401},
		{"POST", storyComments, bearer(e.unverified), `{"text": "Hello."}`, 403},
		{"POST", storyComments, noCSRF, `{"text": "Hello."}`, 403},
		{"POST", "/api/v1/articles/nope/comments", bearer(e.reader), `{"text": "Hello."}`, 404},
		{"POST", storyComments, bearer(e.reader), big, 413},
		{"POST", storyComments, bearer(e.reader), `{"text": ""}`, 422},

		{"GET", storyComments + "?limit=1", anonymous, "", 200},
		{"GET", storyComments + "?sort=best", anonymous, "", 400},
		{"GET", "/api/v1/articles/nope/comments", anonymous, "", 404},
		{"GET", "/api/v1/articles/nope/comments/stream", anonymous, "", 404},

		{"GET", c, anonymous, "", 200},
		{"GET", c, bearer(e.mod), "", 200},
		{"GET", "/api/v1/comments/nope", anonymous, "", 404},

		{"PATCH", c, bearer(e.other), `{"text": "Boris's comment, edited."}`, 200},
		{"PATCH", c, bearer(e.other), `{"text": `, 400},
		{"PATCH", c, anonymous, `{"text": "x"}`, 401},
		{"PATCH", c, bearer(e.reader), `{"text": "Not mine."}`, 403},
		{"PATCH", "/api/v1/comments/nope", bearer(e.other), `{"text": "x"}`, 404},
		{"PATCH", c, bearer(e.other), `{"text": "x", "version": 99}`, 409},
		{"PATCH", c, bearer(e.other), big, 413},
		{"PATCH", c, bearer(e.other), `{"text": ""}`, 422},

		{"POST", c + "/reports", bearer(e.reader), `{"rule": "off-topic"}`, 201},
		{"POST", c + "/reports", bearer(e.reader), `{"rule": "spam"}`, 409},
		{"POST", c + "/reports", bearer(e.mod), `{"rule": `, 400},
		{"POST", c + "/reports", anonymous, `{"rule": "spam"}`, 401},
		{"POST", c + "/reports", bearer(e.unverified), `{"rule": "spam"}`, 403},
		{"POST", "/api/v1/comments/nope/reports", bearer(e.mod), `{"rule": "spam"}`, 404},
		{"POST", c + "/reports", bearer(e.mod), big, 413},
		{"POST", c + "/reports", bearer(e.mod), `{"rule": "dull"}`, 422},

		{"GET", c + "/versions", bearer(e.mod), "", 200},
		{"GET", c + "/versions", anonymous, "", 401},
		{"GET", c + "/versions", bearer(e.reader), "", 403},
		{"GET", "/api/v1/comments/nope/versions", bearer(e.mod), "", 404},

		{"DELETE", c, anonymous, "", 401},
		{"DELETE", c, bearer(e.reader), "", 403},
		{"DELETE", "/api/v1/comments/nope", bearer(e.reader), "", 404},
		{"DELETE", "/api/v1/comments/" + gone, bearer(e.mod), "", 204},
	}
	covered := map[string]bool{}
	for _, tc := range cases {
		var body any
		if tc.body != "" {
			body = tc.body
		}
		req := httptest.NewRequest(tc.method, tc.path, nil)
		_, pattern := e.mux.Handler(req)
		op, ok := ops[pattern]
		if !ok {
			t.Errorf("%s %s routes to %q, which is not documented", tc.method, tc.path, pattern)
			continue
		}
		r := e.do(tc.method, tc.path, tc.who, body)
		if r.status != tc.status {
			t.Errorf("%s %s: status %d body %s, want %d", tc.method, tc.path, r.status, r.body, tc.status)
		}
		d.checkResponse(t, op, r)
		covered[op.key()+" "+strconv.Itoa(r.status)] = true
	}
	covered[checkStream(t, e, d, ops)] = true

	for _, op := range ops {
		for status := range op.node["responses"].(map[string]any) {
			if status != "500" && !covered[op.key()+" "+status] {
				t.Errorf("%s documents %s, but no request in this test produces it", op.key(), status)
			}
		}
	}
}

// checkStream opens a real stream, checks its documented answer, and
// checks an event's data against the Comment schema.
func checkStream(t *testing.T, e *env, d *apiDoc, ops map[string]operation) string {
	t.Helper()
	op := ops["GET /api/v1/articles/{slug}/comments/stream"]
	srv := httptest.NewServer(e.mux)
	t.Cleanup(srv.Close)
	s := openStream(t, srv.URL, "story", nil, "")
	defer s.cancel()
	resp, _ := d.deref(op.node["responses"].(map[string]any)["200"].(map[string]any))
	if _, ok := resp["content"].(map[string]any)["text/event-stream"]; !ok {
		t.Errorf("%s 200: text/event-stream is not documented", op.key())
	}
	for name, h := range resp["headers"].(map[string]any) {
		h, _ := d.deref(h.(map[string]any))
		want, _ := h["schema"].(map[string]any)["const"].(string)
		if got := s.resp.Header.Get(name); want != "" && got != want {
			t.Errorf("%s 200: header %s = %q, want %q", op.key(), name, got, want)
		}
	}
	c := e.post(e.mod, "", "Streamed.")
	ev := s.next(t)
	var v any
	if err := json.Unmarshal([]byte(ev.data), &v); err != nil {
		t.Fatalf("event data %q: %v", ev.data, err)
	}
	for _, msg := range d.validate(map[string]any{"$ref": "#/components/schemas/Comment"}, v, "data") {
		t.Errorf("stream event: %s (data %s)", msg, ev.data)
	}
	if ev.event != "comment" || ev.id != strconv.FormatFloat(c["seq"].(float64), 'f', -1, 64) {
		t.Errorf("stream event id %q event %q, want id = the comment's seq %v and event comment", ev.id, ev.event, c["seq"])
	}
	return op.key() + " 200"
}
