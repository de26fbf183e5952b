// Package importer brings articles written as Markdown files with YAML
// front matter into the store, creating or updating them by slug. Files come
// from editors' folders, so everything is checked (front matter, body,
// every image) before anything is saved: a bad file changes nothing, and
// its error names the file and, where known, the line and field.
package importer

import (
	"context"
	"fmt"
	"io/fs"
	"strings"

	"tribune/internal/markup"
	"tribune/internal/news"
	"tribune/internal/store"
)

// Store is what an import writes to; *store.Store implements it.
type Store interface {
	SaveArticle(ctx context.Context, in store.ArticleInput) (id string, created bool, err error)
	SaveImage(ctx context.Context, data []byte, contentType string, width, height int) (news.Image, error)
}

// maxImageBytes caps one image file: larger files are almost always
// unexported camera originals that would slow every page.
const maxImageBytes = 20 << 20

// Importer imports article files into a Store.
type Importer struct {
	st            Store
	maxImageBytes int64
}

// New returns an Importer that writes to st.
func New(st Store) *Importer {
	return &Importer{st: st, maxImageBytes: maxImageBytes}
}

// Result tells what importing one file did.
type Result struct {
	Slug    string
	Created bool
	// Warnings are problems that did not stop the import, e.g. an empty
	// summary, as "line N: message" where the line is known.
	Warnings []string
}

// Error is a problem that stopped the import of one file.
type Error struct {
	// File is the file's name as given to ImportFile or Parse; callers may
	// replace it with the path the user typed.
	File string
	// Line is the 1-based line in the file, or 0 when unknown.
	Line int
	// Field is the front matter field at fault, or "".
	Field string
	Err   error
}

// Error formats the problem as "file:line: field: message".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// ImportFile imports one file from fsys; relative image paths (front
// matter image, body images) resolve relative to the file's folder inside
// fsys. Local images are stored and the body then points at /media/ URLs.
func (im *Importer) ImportFile(ctx context.Context, fsys fs.FS, name string) (Result, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return Result{}, &Error{File: name, Err: err}
	}
	p, err := Parse(name, data)
	if err != nil {
		return Result{}, err
	}
	refs := p.BodyImages
	if p.LeadImage.Path != "" {
		refs = append([]ImageRef{p.LeadImage}, refs...)
	}
	// Read and check every image before saving anything.
	files := map[string]imageFile{}
	for _, ref := range refs {
		if _, ok := files[ref.Path]; ok {
			continue
		}
		f, err := im.readImage(fsys, ref.Path)
		if err != nil {
			return Result{}, &Error{File: name, Line: ref.Line, Field: ref.Field, Err: fmt.Errorf("image %q: %w", ref.Src, err)}
		}
		files[ref.Path] = f
	}
	urls := map[string]string{}
	ids := map[string]string{}
	for _, ref := range refs {
		path, f := ref.Path, files[ref.Path]
		if _, done := ids[path]; done {
			continue
		}
		img, err := im.st.SaveImage(ctx, f.data, f.contentType, f.width, f.height)
		if err != nil {
			return Result{}, &Error{File: name, Err: fmt.Errorf("save image %q: %w", path, err)}
		}
		ids[path] = img.ID
		urls[path] = news.ImageURL(img.ID, f.contentType)
	}
	in := p.Input
	if p.LeadImage.Path != "" {
		in.LeadImageID = ids[p.LeadImage.Path]
	}
	bySrc := map[string]string{}
	for _, ref := range p.BodyImages {
		bySrc[ref.Src] = urls[ref.Path]
	}
	in.Body = markup.RewriteImages(in.Body, func(src string) string {
		if u, ok := bySrc[src]; ok {
			return u
		}
		return src
	})
	_, created, err := im.st.SaveArticle(ctx, in)
	if err != nil {
		return Result{}, &Error{File: name, Err: fmt.Errorf("save article %q: %w", in.Slug, err)}
	}
	return Result{Slug: in.Slug, Created: created, Warnings: p.Warnings}, nil
}
