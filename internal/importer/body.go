package importer

import (
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strings"

	"tribune/internal/markup"
)

// leadImage checks the front matter image: it must be a local file.
func leadImage(dir, src string, line int) (ImageRef, error) {
	fail := func(format string, args ...any) (ImageRef, error) {
		return ImageRef{}, &Error{Line: line, Field: "image", Err: fmt.Errorf(format, args...)}
	}
	if isRemote(src) {
		return fail("%q: remote images are not allowed; save the picture next to the article and give its file name", src)
	}
	if strings.HasPrefix(src, "/") {
		return fail("%q: give a path relative to the article's folder, not an absolute one", src)
	}
	p, ok := resolve(dir, src)
	if !ok {
		return fail("%q is outside the article's folder", src)
	}
	return ImageRef{Src: src, Path: p, Line: line, Field: "image"}, nil
}

// isRemote reports whether src has a URL scheme or a host.
func isRemote(src string) bool {
	if strings.HasPrefix(src, "//") {
		return true
	}
	i := strings.IndexAny(src, ":/?#")
	return i > 0 && src[i] == ':'
}

// resolve returns the fsys path of src relative to dir, or false when it
// climbs out of the tree.
func resolve(dir, src string) (string, bool) {
	p := path.Join(dir, src)
	return p, fs.ValidPath(p) && p != "."
}

// checkBody adds the body's warnings to p and collects its local images.
// Images may be https URLs (kept as they are), site paths under /media/,
// or files relative to the article; anything else is an error.
func checkBody(p *Parsed, dir string, bodyLine int) error {
	body := p.Input.Body
	for _, pr := range markup.Check(body) {
		if pr.Line > 0 {
			pr.Line += bodyLine - 1
		}
		p.Warnings = append(p.Warnings, pr.String())
	}
	lineOf := func(src string) int {
		if i := strings.Index(body, src); i >= 0 {
			return bodyLine + strings.Count(body[:i], "\n")
		}
		return 0
	}
	local := map[string]bool{}
	for _, src := range markup.ImageSources(body) {
		line := lineOf(src)
		fail := func(format string, args ...any) error {
			return &Error{Line: line, Err: fmt.Errorf("image %q: "+format, append([]any{src}, args...)...)}
		}
		switch {
		case strings.HasPrefix(src, "https://"), strings.HasPrefix(src, "/media/"):
			continue
		case strings.HasPrefix(src, "http://"):
			p.Warnings = append(p.Warnings, fmt.Sprintf("line %d: image %q is loaded over plain http; browsers may block it, use https", line, src))
			continue
		case isRemote(src):
			return fail("only https URLs or files next to the article are allowed")
		case strings.HasPrefix(src, "/"):
			return fail("give a path relative to the article's folder, not an absolute one")
		}
		name := src
		if u, err := url.PathUnescape(src); err == nil {
			name = u
		}
		fp, ok := resolve(dir, name)
		if !ok {
			return fail("is outside the article's folder")
		}
		local[src] = true
		p.BodyImages = append(p.BodyImages, ImageRef{Src: src, Path: fp, Line: line})
	}
	// Make sure every local image can be rewritten to its /media/ URL.
	rewritten := markup.RewriteImages(body, func(src string) string {
		if local[src] {
			return "/media/x.png"
		}
		return src
	})
	for _, src := range markup.ImageSources(rewritten) {
		if local[src] {
			return &Error{Line: lineOf(src), Err: fmt.Errorf("image %q: cannot locate it in the text to rewrite it; write it as ![alt](%s) on an unindented line", src, src)}
		}
	}
	return nil
}
