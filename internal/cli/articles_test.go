package cli

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tribune/internal/store"
)

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestArticlesImport(t *testing.T) {
	ctx := context.Background()
	tmp := t.TempDir()
	dataDir := filepath.Join(tmp, "data")
	var pic bytes.Buffer
	if err := png.Encode(&pic, image.NewGray(image.Rect(0, 0, 3, 2))); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(tmp, "desk", "port.md")
	writeFile(t, good, []byte("---\ntitle: Port reopens\nsection: World > Middle East\ndate: 2024-05-01 09:00\n"+
		"image: pics/lead.png\n---\nShips are back.\n\n![Cranes](pics/lead.png \"Cranes | AP\")\n"))
	writeFile(t, filepath.Join(tmp, "desk", "pics", "lead.png"), pic.Bytes())
	bad := filepath.Join(tmp, "desk", "bad.md")
	writeFile(t, bad, []byte("---\ntitle: Bad\nsection: World\ndate: yesterday\n---\nx\n"))
	other := filepath.Join(tmp, "other.md")
	writeFile(t, other, []byte("---\ntitle: Other\nsection: Business\ndate: 2024-05-02\nsummary: S\n---\nText.\n"))

	var stdout, stderr bytes.Buffer
	sio := IO{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }}
	code := Run(ctx, []string{"articles", "import", "--data-dir", dataDir, good, bad, other, "--log-level", "error"}, sio)
	if code != 1 {
		t.Errorf("Run(import good, bad, other) = %d, want 1 (one file failed)", code)
	}
	if want := "created port\ncreated other\n"; stdout.String() != want {
		t.Errorf("stdout = %q, want %q", stdout.String(), want)
	}
	for _, want := range []string{
		"warning: " + good + ": summary is empty",
		"error: " + bad + `:4: date: "yesterday" is not a date`,
		"tribune articles: 1 of 3 files failed",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr = %q, want it to contain %q", stderr.String(), want)
		}
	}

	// Importing again updates.
	stdout.Reset()
	stderr.Reset()
	if code := Run(ctx, []string{"articles", "import", "--data-dir", dataDir, "--", other}, sio); code != 0 {
		t.Errorf("Run(import other again) = %d, want 0; stderr %q", code, stderr.String())
	}
	if want := "updated other\n"; stdout.String() != want {
		t.Errorf("stdout = %q, want %q", stdout.String(), want)
	}

	st, err := store.Open(ctx, store.SQLitePath(dataDir))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a, err := st.ArticleBySlug(ctx, "port")
	if err != nil {
		t.Fatalf("ArticleBySlug(port) error: %v", err)
	}
	if a.Headline != "Port reopens" || a.Section.Path() != "World > Middle East" || !a.HasImage() || a.Lead.Width != 3 {
		t.Errorf("ArticleBySlug(port) = %q in %q, lead %+v; want the imported article with its 3x2 lead image",
			a.Headline, a.Section.Path(), a.Lead)
	}
	wantImg := "![Cranes](/media/" + a.Lead.ImageID + ".png \"Cranes | AP\")"
	if !strings.Contains(a.Body, wantImg) {
		t.Errorf("body = %q, want it to contain %q", a.Body, wantImg)
	}
	if _, err := st.ArticleBySlug(ctx, "bad"); err == nil {
		t.Errorf("ArticleBySlug(bad) found an article, want none")
	}
}

func TestArticlesUsage(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{[]string{"articles"}, 2, "", "Usage: tribune articles"},
		{[]string{"articles", "--help"}, 0, "Usage: tribune articles", ""},
		{[]string{"articles", "publish"}, 2, "", `unknown subcommand "publish"`},
		{[]string{"articles", "import", "--data-dir", "unused"}, 2, "", "no files given"},
		{[]string{"articles", "import", "--help"}, 0, "", "Usage: tribune articles import"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := Run(context.Background(), tt.args, IO{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }})
		if code != tt.code || !strings.Contains(stdout.String(), tt.inStdout) || !strings.Contains(stderr.String(), tt.inStderr) {
			t.Errorf("Run(%q) = %d, stdout %q, stderr %q; want %d, stdout with %q, stderr with %q",
				tt.args, code, stdout.String(), stderr.String(), tt.code, tt.inStdout, tt.inStderr)
		}
	}
}
