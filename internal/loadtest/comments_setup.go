package loadtest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// cliTimeout bounds one tribune CLI call during the set-up.
const cliTimeout = 2 * time.Minute

// cli runs a tribune command on the run's data folder and database and
// returns its standard output.
func (b *bench) cli(ctx context.Context, bin string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, cliTimeout)
	defer cancel()
	args = append(args, "--data-dir", filepath.Join(b.tmp, "data"))
	args = append(args, b.dbArgs()...)
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = childEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("tribune %s %s: %w: %s", args[0], args[1], err, bytes.TrimSpace(stderr.Bytes()))
	}
	return stdout.String(), nil
}

// commentArticle is the n-th article the comment modes import: short, in
// the importer's format, dated 2021 so it stays off the demo's front page.
func commentArticle(prefix string, n int) ArticleFile {
	return ArticleFile{
		Title:   fmt.Sprintf("Residents debate the harbour plan, part %d", n+1),
		Slug:    fmt.Sprintf("%s-%d", prefix, n+1),
		Summary: "The council's plan for the old harbour divides the town ahead of the vote.",
		Section: "World", Author: "Loadtest Desk",
		Date:       time.Date(2021, 3, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(n) * time.Hour),
		Paragraphs: editBody,
	}
}

// importArticles writes n articles and imports them with one call of
// "tribune articles import"; it returns their slugs.
func (b *bench) importArticles(ctx context.Context, bin, prefix string, n int) ([]string, error) {
	dir := filepath.Join(b.tmp, "articles")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	slugs := make([]string, n)
	files := make([]string, n)
	for i := range n {
		a := commentArticle(prefix, i)
		slugs[i], files[i] = a.Slug, filepath.Join(dir, a.Slug+".md")
		if err := os.WriteFile(files[i], []byte(a.Markdown()), 0o644); err != nil {
			return nil, err
		}
	}
	b.logf("importing %d articles", n)
	if _, err := b.cli(ctx, bin, append([]string{"articles", "import"}, files...)...); err != nil {
		return nil, err
	}
	return slugs, nil
}

// cliParallel is how many CLI calls the set-up runs at once: each hashes a
// password, so more would only queue for the two cores.
const cliParallel = 4

// createReaders creates n verified readers with the CLI and an API token
// for each, a few at a time, and returns the tokens.
func (b *bench) createReaders(ctx context.Context, bin string, n int) ([]string, error) {
	b.logf("creating %d readers and their API tokens", n)
	tokens := make([]string, n)
	errs := make([]error, n)
	sem := make(chan struct{}, cliParallel)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			tokens[i], errs[i] = b.createReader(ctx, bin, i)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return tokens, nil
}

func (b *bench) createReader(ctx context.Context, bin string, i int) (string, error) {
	email := fmt.Sprintf("loadtest-reader-%d@example.com", i+1)
	name := fmt.Sprintf("Reader %d", i+1)
	if _, err := b.cli(ctx, bin, "user", "create", "--email", email, "--name", name, "--role", "reader"); err != nil {
		return "", err
	}
	out, err := b.cli(ctx, bin, "token", "create", "--email", email, "--name", "loadtest")
	if err != nil {
		return "", err
	}
	token := strings.TrimSpace(out)
	if token == "" || strings.ContainsAny(token, " \n") {
		return "", fmt.Errorf("tribune token create printed %q, want one token", out)
	}
	return token, nil
}
