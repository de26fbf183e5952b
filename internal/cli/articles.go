package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"tribune/internal/importer"
)

const articlesUsage = `Usage: tribune articles <subcommand> [flags]

Subcommands:
  import FILE...   create or update articles from Markdown files with front matter
                   (see docs/writing-articles.md); images next to a file are uploaded

Run 'tribune articles import --help' for its flags.
`

// runArticles dispatches the articles subcommands.
func runArticles(ctx context.Context, sio IO, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(sio.Stderr, articlesUsage)
		return errUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(sio.Stdout, articlesUsage)
		return nil
	case "import":
		return runArticlesImport(ctx, sio, args[1:])
	}
	fmt.Fprintf(sio.Stderr, "tribune articles: unknown subcommand %q\n\n%s", args[0], articlesUsage)
	return errUsage
}

// runArticlesImport imports each file, reporting every bad file and going
// on with the others, so one typo does not hold up a whole folder.
func runArticlesImport(ctx context.Context, sio IO, args []string) error {
	fs, finish := newFlags(sio, "articles import", "articles import [flags] FILE...")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	cfg, err := finish()
	if err != nil {
		return err
	}
	if len(files) == 0 {
		fmt.Fprintln(sio.Stderr, "tribune articles import: no files given")
		fs.Usage()
		return errUsage
	}
	log := newLogger(cfg, sio.Stderr)
	st, err := openStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	im := importer.New(st)
	failed := 0
	for _, file := range files {
		if err := importOne(ctx, sio, im, file); err != nil {
			failed++
			fmt.Fprintf(sio.Stderr, "error: %v\n", err)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files failed", failed, len(files))
	}
	return nil
}

// importOne imports file, reading it through a file system rooted at its
// folder so that relative image paths resolve next to it.
func importOne(ctx context.Context, sio IO, im *importer.Importer, file string) error {
	abs, err := filepath.Abs(file)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	res, err := im.ImportFile(ctx, os.DirFS(filepath.Dir(abs)), filepath.Base(abs))
	var ie *importer.Error
	if errors.As(err, &ie) {
		ie.File = file
	}
	if err != nil {
		return err
	}
	verb := "updated"
	if res.Created {
		verb = "created"
	}
	fmt.Fprintf(sio.Stdout, "%s %s\n", verb, res.Slug)
	for _, w := range res.Warnings {
		fmt.Fprintf(sio.Stderr, "warning: %s: %s\n", file, w)
	}
	return nil
}

// parseInterspersed parses flags that may come before, between or after the
// file names, and returns the file names. Everything after "--" is a file.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, errUsage
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return files, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(files, rest...), nil
		}
		files = append(files, rest[0])
		args = rest[1:]
	}
}
