package markup

import (
	"github.com/yuin/goldmark/ast"
)

// The node kinds below are the newsroom's own blocks. The transformer in
// transform.go replaces plain Markdown nodes with them, so that parsing
// decides once what a paragraph is and rendering only writes HTML.
var (
	kindTeaser      = ast.NewNodeKind("Teaser")
	kindFigureImage = ast.NewNodeKind("FigureImage")
	kindPullQuote   = ast.NewNodeKind("PullQuote")
	kindAttribution = ast.NewNodeKind("Attribution")
)

// teaserNode is a [[related:slug]] paragraph. teaser is filled by Render
// just before writing, from the caller's map; nil renders nothing.
type teaserNode struct {
	ast.BaseBlock
	slug   string
	teaser *Teaser
}

// Kind implements ast.Node.
func (n *teaserNode) Kind() ast.NodeKind { return kindTeaser }

// Dump implements ast.Node, for debugging.
func (n *teaserNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Slug": n.slug}, nil)
}

// figureImage is a paragraph holding nothing but one image; its only child
// is that *ast.Image.
type figureImage struct {
	ast.BaseBlock
}

// Kind implements ast.Node.
func (n *figureImage) Kind() ast.NodeKind { return kindFigureImage }

// Dump implements ast.Node, for debugging.
func (n *figureImage) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// pullQuote wraps a blockquote and, when the quote names its speaker, an
// attribution node after it.
type pullQuote struct {
	ast.BaseBlock
}

// Kind implements ast.Node.
func (n *pullQuote) Kind() ast.NodeKind { return kindPullQuote }

// Dump implements ast.Node, for debugging.
func (n *pullQuote) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// attribution holds the inline content of a pull quote's "— Name" line,
// without the dash.
type attribution struct {
	ast.BaseBlock
}

// Kind implements ast.Node.
func (n *attribution) Kind() ast.NodeKind { return kindAttribution }

// Dump implements ast.Node, for debugging.
func (n *attribution) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }
