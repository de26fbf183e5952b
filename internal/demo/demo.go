// Package demo is the sample newsroom Tribune loads into an empty database
// at first start, so that a new install shows what the site looks like with
// real-sized stories, sections, tags, bylines and photos before anyone has
// written a word. The stories are invented and the pictures are drawn in
// code, so everything here is ours to publish.
//
// The articles are Markdown files in the importer's format, so seeding goes
// through the same path as an editor's import and doubles as an example of
// that format.
package demo

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"testing/fstest"
	"time"

	"tribune/internal/importer"
)

//go:embed articles/*.md
var articleFiles embed.FS

// anchor is the moment the dates in articles/*.md are written against. FS
// moves it to the seed time, so the newest story (dated 11:52) looks eight
// minutes old and the rest keep their spacing over the four days before.
// A story dated after the anchor stays in the future: the scheduled story
// that shows how publication times work.
func anchor() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) }

// Importer is what Seed needs; *importer.Importer satisfies it.
type Importer interface {
	ImportFile(ctx context.Context, fsys fs.FS, name string) (importer.Result, error)
}

// article is one demo story file with its date already moved.
type article struct {
	name string
	date time.Time
	data []byte
}

// articles reads the embedded stories, dates moved so that the anchor
// falls on now, oldest first.
func articles(now time.Time) ([]article, error) {
	shift := now.UTC().Truncate(time.Second).Sub(anchor())
	entries, err := fs.ReadDir(articleFiles, "articles")
	if err != nil {
		return nil, fmt.Errorf("demo: list articles: %w", err)
	}
	var out []article
	for _, e := range entries {
		data, err := articleFiles.ReadFile(path.Join("articles", e.Name()))
		if err != nil {
			return nil, fmt.Errorf("demo: %w", err)
		}
		data, date, err := shiftDate(data, shift)
		if err != nil {
			return nil, fmt.Errorf("demo: %s: %w", e.Name(), err)
		}
		out = append(out, article{name: e.Name(), date: date, data: data})
	}
	slices.SortStableFunc(out, func(a, b article) int { return a.date.Compare(b.date) })
	return out, nil
}

// FS returns the demo files as the importer reads them: each article as
// <slug>.md at the root with its date moved so that the newest published
// story is a few minutes older than now (the spacing between stories is
// kept), and every picture they use under images/.
func FS(now time.Time) (fs.FS, error) {
	fsys, _, err := build(now)
	if err != nil {
		return nil, err
	}
	return fsys, nil
}

// build makes the files FS returns and lists the articles oldest first.
func build(now time.Time) (fstest.MapFS, []article, error) {
	list, err := articles(now)
	if err != nil {
		return nil, nil, err
	}
	images, err := renderAll()
	if err != nil {
		return nil, nil, fmt.Errorf("demo: %w", err)
	}
	modTime := now.UTC().Truncate(time.Second)
	fsys := fstest.MapFS{}
	for _, a := range list {
		fsys[a.name] = &fstest.MapFile{Data: a.data, Mode: 0o444, ModTime: modTime}
	}
	for name, data := range images {
		fsys[name] = &fstest.MapFile{Data: data, Mode: 0o444, ModTime: modTime}
	}
	return fsys, list, nil
}

// Seed imports every demo article, oldest first, and returns how many it
// imported. Stories name related stories and teasers that may not have been
// imported yet; the site resolves those slugs when it renders, so order
// does not matter beyond making the oldest story the first one created.
// The importer's warnings are not errors and are dropped; the package tests
// keep the demo free of them.
func Seed(ctx context.Context, im Importer, now time.Time) (int, error) {
	fsys, list, err := build(now)
	if err != nil {
		return 0, err
	}
	for i, a := range list {
		if err := ctx.Err(); err != nil {
			return i, err
		}
		if _, err := im.ImportFile(ctx, fsys, a.name); err != nil {
			return i, fmt.Errorf("demo: import %s: %w", a.name, err)
		}
	}
	return len(list), nil
}
