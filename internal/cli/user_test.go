package cli

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// run runs a CLI command and returns its stdout, failing on a non-zero exit.
func run(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	var out, errOut strings.Builder
	code := Run(context.Background(), args, IO{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }})
	if code != 0 {
		t.Fatalf("tribune %s = exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out.String(), errOut.String())
	}
	return out.String()
}

func TestUserAndTokenCommands(t *testing.T) {
	dir := t.TempDir()
	base, _ := startServerIn(t, dir, "--no-demo")
	out := run(t, "", "user", "create", "--data-dir", dir, "--email", "Mod@Example.org", "--name", "Night Desk", "--role", "moderator")
	if !strings.Contains(out, "created moderator Night Desk <mod@example.org>") || !strings.Contains(out, "password (shown once): ") {
		t.Errorf("user create printed %q", out)
	}
	run(t, "river stone lamp 88\n", "user", "create", "--data-dir", dir, "--email", "ed@example.org", "--name", "Ed", "--role", "editor", "--password-stdin")
	if out := run(t, "", "user", "set-role", "--data-dir", dir, "--email", "ed@example.org", "--role", "admin"); !strings.Contains(out, "is now admin") {
		t.Errorf("set-role printed %q", out)
	}
	list := run(t, "", "user", "list", "--data-dir", dir)
	if !strings.Contains(list, "mod@example.org") || !strings.Contains(list, "admin") {
		t.Errorf("user list = %q", list)
	}
	token := strings.TrimSpace(run(t, "", "token", "create", "--data-dir", dir, "--email", "mod@example.org"))
	me := func(auth string) (int, map[string]any) {
		req, _ := http.NewRequest(http.MethodGet, base+"/api/v1/me", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body map[string]any
		b, _ := io.ReadAll(resp.Body)
		json.Unmarshal(b, &body)
		return resp.StatusCode, body
	}
	if code, body := me("Bearer " + token); code != 200 || body["role"] != "moderator" || body["name"] != "Night Desk" {
		t.Errorf("GET /api/v1/me with the token = %d %v", code, body)
	}
	if code, body := me(""); code != 401 || body["error"] == nil {
		t.Errorf("GET /api/v1/me without auth = %d %v, want 401 with a JSON error", code, body)
	}
	run(t, "", "token", "revoke", "--data-dir", dir, token)
	if code, _ := me("Bearer " + token); code != 401 {
		t.Errorf("GET /api/v1/me with a revoked token = %d, want 401", code)
	}
	if list := run(t, "", "token", "list", "--data-dir", dir, "--email", "mod@example.org"); !strings.Contains(list, "cli") {
		t.Errorf("token list = %q", list)
	}
}

func TestUserCommandErrors(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"user", "create", "--data-dir", dir, "--email", "x@example.org", "--name", "X", "--role", "king"},
		{"user", "create", "--data-dir", dir, "--email", "not-an-email", "--name", "Xavier"},
		{"user", "set-role", "--data-dir", dir, "--email", "nobody@example.org", "--role", "admin"},
		{"token", "create", "--data-dir", dir, "--email", "nobody@example.org"},
		{"token", "revoke", "--data-dir", dir, "trb_nope"},
		{"user", "frobnicate", "--data-dir", dir},
	} {
		var errOut strings.Builder
		code := Run(context.Background(), args, IO{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &errOut, Getenv: func(string) string { return "" }})
		if code == 0 {
			t.Errorf("tribune %s succeeded, want an error", strings.Join(args, " "))
		}
	}
}
