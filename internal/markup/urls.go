package markup

import (
	"strings"
)

// linkSchemes are the URL schemes a body link may use. Everything else
// (javascript:, data:, vbscript:, file: and any scheme a browser may add
// later) is dropped, because an allow-list cannot miss a new attack.
var linkSchemes = map[string]bool{"http": true, "https": true, "mailto": true, "tel": true}

// imageSchemes are the schemes an image may load from.
var imageSchemes = map[string]bool{"http": true, "https": true}

// urlKind tells how a URL may be used once it passed the scheme check.
type urlKind int

const (
	urlUnsafe   urlKind = iota
	urlLocal            // relative, or a path on this site
	urlExternal         // another host: http(s) or protocol-relative
	urlOther            // mailto: and tel:
)

// classifyURL reports whether raw (the decoded Markdown destination) is safe
// for an attribute given the allowed schemes. It reads the URL the way a
// browser does: tabs and newlines inside it are ignored and leading and
// trailing spaces and control characters are trimmed, so "java\tscript:"
// cannot slip through.
func classifyURL(raw string, schemes map[string]bool) urlKind {
	u := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, raw)
	u = strings.TrimFunc(u, func(r rune) bool { return r <= ' ' })
	if strings.HasPrefix(u, "//") || strings.HasPrefix(u, `\\`) || strings.HasPrefix(u, `/\`) || strings.HasPrefix(u, `\/`) {
		return urlExternal
	}
	scheme, ok := urlScheme(u)
	if !ok {
		return urlLocal
	}
	scheme = strings.ToLower(scheme)
	switch {
	case !schemes[scheme]:
		return urlUnsafe
	case scheme == "http" || scheme == "https":
		return urlExternal
	}
	return urlOther
}

// urlScheme returns the scheme of u when u has one: the text before the
// first ':' if that comes before any '/', '?' or '#'. Anything there that is
// not a valid scheme name still counts as a scheme (and so is rejected),
// since browsers differ in how they read odd ones.
func urlScheme(u string) (string, bool) {
	i := strings.IndexAny(u, ":/?#")
	if i < 0 || u[i] != ':' {
		return "", false
	}
	return u[:i], true
}
