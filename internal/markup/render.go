package markup

import (
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// nodeRenderer writes the newsroom's blocks and replaces goldmark's own
// link, image and raw HTML output with stricter versions: only allow-listed
// URL schemes, rel on external links, lazy images and no raw HTML at all.
type nodeRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (r nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, r.link)
	reg.Register(ast.KindAutoLink, r.autoLink)
	reg.Register(ast.KindImage, r.image)
	reg.Register(ast.KindRawHTML, r.omit)
	reg.Register(ast.KindHTMLBlock, r.omit)
	reg.Register(kindTeaser, r.teaser)
	reg.Register(kindFigureImage, r.figure)
	reg.Register(kindPullQuote, r.pullQuote)
	reg.Register(kindAttribution, r.attribution)
}

// write writes already escaped HTML; a util.BufWriter only fails when the
// underlying writer does, and Render's is a bytes.Buffer.
func write(w util.BufWriter, parts ...string) {
	for _, p := range parts {
		_, _ = w.WriteString(p)
	}
}

// attrURL returns u ready for an attribute: percent-encoded where URLs need
// it, then HTML-escaped.
func attrURL(u string) string {
	return html.EscapeString(string(util.URLEscape([]byte(u), false)))
}

func (nodeRenderer) omit(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
	return ast.WalkSkipChildren, nil
}

// link writes <a>, or only the link text when the destination is unsafe.
func (nodeRenderer) link(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	dest := decode(n.Destination)
	kind := classifyURL(dest, linkSchemes)
	switch {
	case kind == urlUnsafe:
	case !entering:
		write(w, "</a>")
	default:
		write(w, `<a href="`, attrURL(dest), `"`)
		if n.Title != nil {
			write(w, ` title="`, html.EscapeString(decode(n.Title)), `"`)
		}
		if kind == urlExternal {
			write(w, ` rel="noopener noreferrer"`)
		}
		write(w, ">")
	}
	return ast.WalkContinue, nil
}

func (nodeRenderer) autoLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.AutoLink)
	dest := string(n.URL(source))
	if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(dest), "mailto:") {
		dest = "mailto:" + dest
	}
	label := html.EscapeString(string(n.Label(source)))
	kind := classifyURL(dest, linkSchemes)
	switch kind {
	case urlUnsafe:
		write(w, label)
	case urlExternal:
		write(w, `<a href="`, attrURL(dest), `" rel="noopener noreferrer">`, label, "</a>")
	default:
		write(w, `<a href="`, attrURL(dest), `">`, label, "</a>")
	}
	return ast.WalkContinue, nil
}

// image writes an inline <img>, or its alt text when the source is unsafe.
func (nodeRenderer) image(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	dest := decode(n.Destination)
	alt := html.EscapeString(plainText(n, source))
	if classifyURL(dest, imageSchemes) == urlUnsafe {
		write(w, alt)
		return ast.WalkSkipChildren, nil
	}
	write(w, `<img src="`, attrURL(dest), `" alt="`, alt, `"`)
	if n.Title != nil {
		write(w, ` title="`, html.EscapeString(decode(n.Title)), `"`)
	}
	write(w, ` loading="lazy">`)
	return ast.WalkSkipChildren, nil
}

// figure writes a lone image as a figure whose title gives "Caption | Credit".
func (nodeRenderer) figure(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	img, ok := node.FirstChild().(*ast.Image)
	if !ok {
		return ast.WalkSkipChildren, nil
	}
	dest := decode(img.Destination)
	if classifyURL(dest, imageSchemes) == urlUnsafe {
		return ast.WalkSkipChildren, nil
	}
	write(w, `<figure class="body-image"><img src="`, attrURL(dest), `" alt="`,
		html.EscapeString(plainText(img, source)), `" loading="lazy">`)
	caption, credit := splitTitle(decode(img.Title))
	if caption != "" || credit != "" {
		write(w, "<figcaption>", html.EscapeString(caption))
		if credit != "" {
			if caption != "" {
				write(w, " ")
			}
			write(w, `<span class="credit">`, html.EscapeString(credit), "</span>")
		}
		write(w, "</figcaption>")
	}
	write(w, "</figure>\n")
	return ast.WalkSkipChildren, nil
}

// splitTitle splits an image title "Caption | Credit" at its last bar.
func splitTitle(title string) (caption, credit string) {
	if i := strings.LastIndex(title, "|"); i >= 0 {
		return strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+1:])
	}
	return strings.TrimSpace(title), ""
}

func (nodeRenderer) teaser(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	t := node.(*teaserNode).teaser
	if !entering || t == nil || classifyURL(t.URL, linkSchemes) == urlUnsafe {
		return ast.WalkSkipChildren, nil
	}
	write(w, `<aside class="teaser" aria-label="Related story"><a href="`, attrURL(t.URL), `">`)
	if t.ImageURL != "" && classifyURL(t.ImageURL, imageSchemes) != urlUnsafe {
		write(w, `<img src="`, attrURL(t.ImageURL), `" alt="`, html.EscapeString(t.ImageAlt),
			`" loading="lazy" width="160" height="90">`)
	}
	write(w, `<span class="teaser-label">Related</span><span class="teaser-headline">`, html.EscapeString(t.Headline), "</span>")
	if t.Summary != "" {
		write(w, `<span class="teaser-summary">`, html.EscapeString(t.Summary), "</span>")
	}
	write(w, "</a></aside>\n")
	return ast.WalkSkipChildren, nil
}

func (nodeRenderer) pullQuote(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		write(w, `<figure class="pullquote">`)
	} else {
		write(w, "</figure>\n")
	}
	return ast.WalkContinue, nil
}

func (nodeRenderer) attribution(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		write(w, "<figcaption>")
	} else {
		write(w, "</figcaption>")
	}
	return ast.WalkContinue, nil
}
