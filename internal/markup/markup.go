// Package markup turns an article's Markdown body into the HTML of the
// article page. Bodies come from files written by editors, so nothing in
// them is trusted: raw HTML is dropped, URLs pass an allow-list of schemes
// and all text is escaped. On top of CommonMark it knows the newsroom's
// blocks (pull quotes, related-story teasers, captioned images) described in
// docs/writing-articles.md, so that writers never need HTML.
package markup

import (
	"bytes"
	"fmt"
	"html/template"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Teaser is what an inline related-story box shows about another article.
// Section is carried for callers and templates; the box itself shows the
// image, the label "Related", the headline and the summary.
type Teaser struct {
	URL, Headline, Summary, Section, ImageURL, ImageAlt string
}

// engine is the configured Markdown converter. It is built once because
// goldmark's setup is costly, and it holds no state between calls (goldmark
// converters are safe for concurrent use), so sharing it is not global state.
var engine = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			// Alignment as an attribute, not inline style, so a strict
			// Content-Security-Policy cannot strip it.
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough, extension.Typographer),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, 1000))),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 100))),
	)
})

// parse parses src with the newsroom's blocks already recognised.
func parse(source []byte) ast.Node {
	return engine().Parser().Parse(text.NewReader(source))
}

// Render turns src into HTML. teasers maps a slug to its teaser; a teaser
// whose slug is not in the map renders nothing (the referenced article is
// missing or unpublished).
func Render(src string, teasers map[string]Teaser) (template.HTML, error) {
	source := []byte(src)
	doc := parse(source)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*teaserNode); ok && entering {
			if v, ok := teasers[t.slug]; ok {
				t.teaser = &v
			}
		}
		return ast.WalkContinue, nil
	})
	var buf bytes.Buffer
	if err := engine().Renderer().Render(&buf, source, doc); err != nil {
		return "", fmt.Errorf("render article body: %w", err)
	}
	return template.HTML(buf.String()), nil
}

// TeaserSlugs lists the slugs that src's teaser markers reference, in
// order, without duplicates, so the caller can load them in one query.
func TeaserSlugs(src string) []string {
	var slugs []string
	seen := map[string]bool{}
	_ = ast.Walk(parse([]byte(src)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*teaserNode); ok && entering && !seen[t.slug] {
			seen[t.slug] = true
			slugs = append(slugs, t.slug)
		}
		return ast.WalkContinue, nil
	})
	return slugs
}

// ImageSources lists the src of every image in src, in order, each once,
// with Markdown escapes resolved (for the importer to upload local files).
func ImageSources(src string) []string {
	var out []string
	seen := map[string]bool{}
	_ = ast.Walk(parse([]byte(src)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering {
			if d := decode(img.Destination); d != "" && !seen[d] {
				seen[d] = true
				out = append(out, d)
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}
