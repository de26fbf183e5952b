package markup

import (
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// decode resolves Markdown backslash escapes and HTML character references
// in a destination or title, giving the text the writer meant.
func decode(b []byte) string {
	b = util.UnescapePunctuations(b)
	b = util.ResolveNumericReferences(b)
	b = util.ResolveEntityNames(b)
	return string(b)
}

// plainText returns the text of n's inline children with all markup
// removed, for alt attributes and heading ids. The result is unescaped.
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				v := c.Segment.Value(source)
				if c.IsRaw() {
					b.Write(v)
				} else {
					b.WriteString(decode(v))
				}
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				if c.IsCode() {
					// Typographer output: an HTML entity such as &rsquo;.
					b.WriteString(html.UnescapeString(string(c.Value)))
				} else {
					b.WriteString(decode(c.Value))
				}
			case *ast.AutoLink:
				b.Write(c.Label(source))
			case *ast.RawHTML:
				// Omitted like everywhere else.
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// lineOf returns the 1-based line of byte offset off in source.
func lineOf(source []byte, off int) int {
	if off < 0 || off > len(source) {
		return 0
	}
	return strings.Count(string(source[:off]), "\n") + 1
}
