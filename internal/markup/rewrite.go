package markup

import (
	"fmt"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// RewriteImages returns src with the source of each image replaced by
// fn(source), leaving every other byte as written. fn gets the decoded
// source, as ImageSources lists it; returning it unchanged leaves the image
// alone. For reference-style images the reference definition is rewritten.
//
// It edits the Markdown text rather than regenerating it, so the stored
// body stays the editor's own. Positions come from goldmark handing out
// destinations as slices of the text; should it ever hand out a copy
// instead, that image is left unchanged, so callers that must rewrite
// everything check the result with ImageSources.
func RewriteImages(src string, fn func(string) string) string {
	source := []byte(src)
	type edit struct {
		start, stop int
		repl        string
	}
	var edits []edit
	seen := map[int]bool{}
	_ = ast.Walk(parse(source), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		img, ok := n.(*ast.Image)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		off, ok := offsetIn(source, img.Destination)
		if !ok || seen[off] {
			return ast.WalkContinue, nil
		}
		seen[off] = true
		old := decode(img.Destination)
		if repl := fn(old); repl != old {
			edits = append(edits, edit{off, off + len(img.Destination), encodeDestination(repl)})
		}
		return ast.WalkContinue, nil
	})
	if len(edits) == 0 {
		return src
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var b strings.Builder
	last := 0
	for _, e := range edits {
		b.WriteString(src[last:e.start])
		b.WriteString(e.repl)
		last = e.stop
	}
	b.WriteString(src[last:])
	return b.String()
}

// offsetIn returns where sub starts in source when sub is a slice of
// source's own bytes (goldmark hands out such slices for destinations).
// The address comparison makes sure it is not merely equal text elsewhere.
func offsetIn(source, sub []byte) (int, bool) {
	if len(sub) == 0 {
		return 0, false
	}
	off := cap(source) - cap(sub)
	if off < 0 || off+len(sub) > len(source) || &source[off] != &sub[0] {
		return 0, false
	}
	return off, true
}

// encodeDestination makes u safe to place in a link destination, bare or
// between <>: characters Markdown would read as the end of the destination
// or as an escape are percent-encoded, which means the same in a URL.
func encodeDestination(u string) string {
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c <= ' ' || c == 0x7f || strings.IndexByte(`<>()\`, c) >= 0:
			fmt.Fprintf(&b, "%%%02X", c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
