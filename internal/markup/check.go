package markup

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
)

// Problem is something in a body that the page will not show the way the
// writer probably meant. The importer reports problems as warnings.
type Problem struct {
	// Line is the 1-based line in the body, or 0 when unknown.
	Line    int
	Message string
}

// String formats the problem as "line N: message".
func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("line %d: %s", p.Line, p.Message)
	}
	return p.Message
}

// Check lists what Render would drop or ignore in src, in order: raw HTML,
// links and images with a disallowed scheme, and [[related:...]] markers
// that are not alone in their paragraph or name an invalid slug.
func Check(src string) []Problem {
	source := []byte(src)
	var out []Problem
	add := func(off int, format string, args ...any) {
		out = append(out, Problem{Line: lineOf(source, off), Message: fmt.Sprintf(format, args...)})
	}
	_ = ast.Walk(parse(source), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			add(firstLine(n), "raw HTML is not shown; use Markdown instead")
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				seg := n.Segments.At(0)
				add(seg.Start, "raw HTML %q is not shown; use Markdown instead", seg.Value(source))
			}
		case *ast.Link:
			if d := decode(n.Destination); classifyURL(d, linkSchemes) == urlUnsafe {
				add(n.Pos(), "link to %q is shown as plain text: only http, https, mailto and tel links are allowed", d)
			}
		case *ast.AutoLink:
			if classifyURL(string(n.URL(source)), linkSchemes) == urlUnsafe && n.AutoLinkType != ast.AutoLinkEmail {
				add(n.Pos(), "link to %q is shown as plain text: only http, https, mailto and tel links are allowed", n.URL(source))
			}
		case *ast.Image:
			if d := decode(n.Destination); classifyURL(d, imageSchemes) == urlUnsafe {
				add(n.Pos(), "image %q is not shown: only http and https images or local files are allowed", d)
			}
		case *ast.Paragraph, *ast.TextBlock:
			if n.Lines().Len() > 0 && bytes.Contains(n.Lines().Value(source), []byte("[[related:")) {
				add(firstLine(n), "a [[related:slug]] marker must be alone in its paragraph and name a valid slug; it is shown as text")
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// firstLine returns the offset of n's first line, or -1.
func firstLine(n ast.Node) int {
	if n.Lines().Len() == 0 {
		return -1
	}
	return n.Lines().At(0).Start
}
