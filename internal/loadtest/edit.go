package loadtest

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// editSlug is the article the benchmark imports and then edits under load,
// so the demo content the throughput is measured on stays as it was.
const editSlug = "loadtest-edit"

// editDate is old on purpose: the edit article must not push demo stories
// off the home page or into the measured page's "latest" lists.
var editDate = time.Date(2020, 1, 15, 9, 0, 0, 0, time.UTC)

// editBody is a realistic few paragraphs, so the edited page is a normal one.
var editBody = []string{
	"GENEVA — Delegates from forty countries met on Wednesday to agree common rules for reporting on disasters, a week after floods left thousands without shelter along the coast.",
	"The draft, seen by reporters, asks newsrooms to name their sources for casualty figures and to correct errors in the same place the original figure appeared.",
	"## What changes",
	"Editors would publish a short note under any story whose figures were revised, with the time of the change. Several broadcasters said they already do so.",
	"> \"Readers forgive a correction; they do not forgive a silent one,\" said one delegate.",
	"A final text is expected next month, after consultation with press freedom groups.",
}

// ArticleFile is an article in the importer's format: YAML front matter
// and a Markdown body. The benchmark writes one to edit an article the way
// an editor does, with "tribune articles import".
type ArticleFile struct {
	Title, Slug, Summary, Section, Author string
	Date                                  time.Time
	// Paragraphs are Markdown blocks, joined by blank lines.
	Paragraphs []string
}

// Markdown renders the file. Empty optional fields (summary, author) are
// left out.
func (a ArticleFile) Markdown() string {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", yamlQuote(a.Title))
	fmt.Fprintf(&b, "slug: %s\n", a.Slug)
	if a.Summary != "" {
		fmt.Fprintf(&b, "summary: %s\n", yamlQuote(a.Summary))
	}
	fmt.Fprintf(&b, "section: %s\n", yamlQuote(a.Section))
	if a.Author != "" {
		fmt.Fprintf(&b, "author: %s\n", yamlQuote(a.Author))
	}
	fmt.Fprintf(&b, "date: %s\n", a.Date.UTC().Format(time.RFC3339))
	b.WriteString("---\n\n")
	b.WriteString(strings.Join(a.Paragraphs, "\n\n"))
	b.WriteString("\n")
	return b.String()
}

// yamlQuote makes a YAML double-quoted scalar.
func yamlQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

// importer runs "tribune articles import" the way an editor would.
type importer struct {
	bin     string
	dataDir string
	dir     string // where the Markdown files are written
	env     []string
	db      []string // --database URL, for PostgreSQL
}

// run writes the article and imports it; it returns how long the CLI took.
func (im importer) run(ctx context.Context, title string) (time.Duration, error) {
	file := filepath.Join(im.dir, fmt.Sprintf("edit-%d.md", time.Now().UnixNano()))
	md := ArticleFile{
		Title: title, Slug: editSlug, Section: "World", Author: "Loadtest Desk", Date: editDate,
		Summary:    "Forty countries draft common rules for reporting casualty figures after the coastal floods.",
		Paragraphs: editBody,
	}.Markdown()
	if err := os.WriteFile(file, []byte(md), 0o644); err != nil {
		return 0, fmt.Errorf("write %s: %w", file, err)
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	args := append([]string{"articles", "import", "--data-dir", im.dataDir}, im.db...)
	cmd := exec.CommandContext(ctx, im.bin, append(args, file)...)
	cmd.Env = im.env
	start := time.Now()
	out, err := cmd.CombinedOutput()
	took := time.Since(start)
	if err != nil {
		return took, fmt.Errorf("tribune articles import: %w: %s", err, bytes.TrimSpace(out))
	}
	return took, nil
}

// waitFor polls url every interval until its body contains want, and returns
// how long that took from start. It gives up after timeout.
func waitFor(ctx context.Context, client *http.Client, url, want string, interval, timeout time.Duration) (time.Duration, error) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		status, body, err := fetch(ctx, client, url)
		if err == nil && status == http.StatusOK && bytes.Contains(body, []byte(want)) {
			return time.Since(start), nil
		}
		select {
		case <-ctx.Done():
			return time.Since(start), fmt.Errorf("%q not on %s within %v (last status %d, err %v)", want, url, timeout, status, err)
		case <-tick.C:
		}
	}
}
