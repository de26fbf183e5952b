package markup

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"tribune/internal/news"
)

// teaserMarker matches a paragraph that is only [[related:slug]].
var teaserMarker = regexp.MustCompile(`^\[\[related:\s*([^\[\]\s]+)\s*\]\]$`)

// attributionDashes start a pull quote's attribution line. The en dash is
// accepted too because word processors turn "-" into it.
var attributionDashes = []string{"— ", "– ", "-- "}

// transformer turns plain Markdown nodes into the newsroom's blocks: teaser
// and image paragraphs, pull quotes, and headings with ids. It runs after
// inline parsing, so it sees links, images and typographer output.
type transformer struct{}

// Transform implements parser.ASTTransformer.
func (transformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	source := reader.Source()
	var (
		paragraphs  []*ast.Paragraph
		headings    []*ast.Heading
		blockquotes []*ast.Blockquote
	)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Paragraph:
			paragraphs = append(paragraphs, n)
		case *ast.Heading:
			headings = append(headings, n)
		case *ast.Blockquote:
			blockquotes = append(blockquotes, n)
		}
		return ast.WalkContinue, nil
	})
	for _, p := range paragraphs {
		if n := specialParagraph(p, source); n != nil {
			p.Parent().ReplaceChild(p.Parent(), p, n)
		}
	}
	ids := map[string]bool{}
	for _, h := range headings {
		// The headline is the page's only <h1>; a "#" in the body is a section.
		if h.Level < 2 {
			h.Level = 2
		}
		h.SetAttributeString("id", []byte(uniqueID(ids, news.Slugify(plainText(h, source)))))
	}
	for _, bq := range blockquotes {
		wrapPullQuote(bq, source)
	}
}

// specialParagraph returns the node that replaces p when p is a teaser
// marker or a lone image, and nil when p stays a paragraph.
func specialParagraph(p *ast.Paragraph, source []byte) ast.Node {
	if lines := p.Lines(); lines.Len() == 1 {
		seg := lines.At(0)
		line := bytes.TrimSpace(seg.Value(source))
		if m := teaserMarker.FindSubmatch(line); m != nil && news.ValidSlug(string(m[1])) {
			n := &teaserNode{slug: string(m[1])}
			n.SetLines(lines)
			return n
		}
	}
	var img *ast.Image
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok && len(bytes.TrimSpace(t.Segment.Value(source))) == 0 {
			continue
		}
		i, ok := c.(*ast.Image)
		if !ok || img != nil {
			return nil
		}
		img = i
	}
	if img == nil {
		return nil
	}
	n := &figureImage{}
	n.SetLines(p.Lines())
	img.Parent().RemoveChild(img.Parent(), img)
	n.AppendChild(n, img)
	return n
}

// uniqueID returns id, or id-2, id-3... when taken, and records it.
func uniqueID(taken map[string]bool, id string) string {
	if id == "" {
		id = "section"
	}
	out := id
	for i := 2; taken[out]; i++ {
		out = id + "-" + strconv.Itoa(i)
	}
	taken[out] = true
	return out
}

// wrapPullQuote puts bq inside a pullQuote node and moves its attribution,
// if any, into an attribution node after it.
func wrapPullQuote(bq *ast.Blockquote, source []byte) {
	pq := &pullQuote{}
	pq.SetLines(bq.Lines())
	parent := bq.Parent()
	parent.ReplaceChild(parent, bq, pq)
	pq.AppendChild(pq, bq)
	if a := takeAttribution(bq, source); a != nil {
		pq.AppendChild(pq, a)
	}
}

// takeAttribution removes the attribution from the end of bq and returns it:
// either the whole last paragraph, when it starts with a dash and something
// comes before it, or the last line of the last paragraph when that line
// starts with a dash.
func takeAttribution(bq *ast.Blockquote, source []byte) *attribution {
	p, ok := bq.LastChild().(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 {
		return nil
	}
	lines := p.Lines()
	a := &attribution{}
	first := lines.At(0)
	if dash := attributionDash(first.Value(source)); dash != "" {
		if p.PreviousSibling() == nil {
			return nil
		}
		moveSiblings(p.FirstChild(), a)
		bq.RemoveChild(bq, p)
		stripDash(a, dash, source)
		return a
	}
	last := lines.At(lines.Len() - 1)
	dash := attributionDash(last.Value(source))
	if lines.Len() < 2 || dash == "" {
		return nil
	}
	var brk *ast.Text
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) {
			brk = t
		}
	}
	if brk == nil {
		return nil
	}
	switch next := brk.NextSibling().(type) {
	case *ast.Text:
		if next.Segment.Start < last.Start {
			return nil
		}
	case *ast.String: // the typographer turned "--" into a dash
		if dash != "-- " {
			return nil
		}
	default:
		return nil
	}
	brk.SetSoftLineBreak(false)
	brk.SetHardLineBreak(false)
	moveSiblings(brk.NextSibling(), a)
	stripDash(a, dash, source)
	return a
}

// attributionDash returns the dash line starts with, or "".
func attributionDash(line []byte) string {
	line = bytes.TrimLeft(line, " \t")
	for _, d := range attributionDashes {
		if bytes.HasPrefix(line, []byte(d)) {
			return d
		}
	}
	return ""
}

// moveSiblings moves first and every node after it into dst.
func moveSiblings(first ast.Node, dst ast.Node) {
	for c := first; c != nil; {
		next := c.NextSibling()
		c.Parent().RemoveChild(c.Parent(), c)
		dst.AppendChild(dst, c)
		c = next
	}
}

// stripDash removes the leading dash and the spaces after it from a's text.
func stripDash(a *attribution, dash string, source []byte) {
	switch first := a.FirstChild().(type) {
	case *ast.Text:
		seg := first.Segment
		v := seg.Value(source)
		v2 := bytes.TrimLeft(v, " \t")
		seg = seg.WithStart(seg.Start + len(v) - len(v2))
		if bytes.HasPrefix(v2, []byte(strings.TrimSpace(dash))) {
			seg = seg.WithStart(seg.Start + len(strings.TrimSpace(dash)))
		}
		first.Segment = seg.TrimLeftSpace(source)
	case *ast.String:
		a.RemoveChild(a, first)
		if t, ok := a.FirstChild().(*ast.Text); ok {
			t.Segment = t.Segment.TrimLeftSpace(source)
		}
	}
}
