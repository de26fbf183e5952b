// Package news holds the newsroom's content model: articles, sections, tags
// and authors, as the public site and the importer see them. It has no
// storage or HTTP code, so every other package can share these types.
package news

import (
	"strings"
	"time"
)

// Article is one published (or scheduled) story.
type Article struct {
	ID        string
	Slug      string
	ShortCode string
	Headline  string
	Summary   string
	// Body is the Markdown source; rendering happens in package markup.
	Body     string
	Language string
	// TopStory marks the article for the home page's top stories block.
	TopStory bool

	Section Section
	Author  Author
	Tags    []Tag

	// Lead is the lead photo; Lead.ImageID is empty when the article has none.
	Lead Lead

	// RelatedSlugs are the editor's explicit related picks, in order.
	RelatedSlugs []string

	PublishedAt time.Time
	UpdatedAt   time.Time
	Views       int64
	// CommentCount is the number of published comments.
	CommentCount int
}

// Lead is an article's lead photo with the caption and credit shown under it.
type Lead struct {
	ImageID     string
	ContentType string
	Caption     string
	Credit      string
	Width       int
	Height      int
}

// HasImage reports whether the article has a lead photo.
func (a Article) HasImage() bool { return a.Lead.ImageID != "" }

// URL is the lead photo's path on the site, empty when there is none.
func (l Lead) URL() string {
	if l.ImageID == "" {
		return ""
	}
	return ImageURL(l.ImageID, l.ContentType)
}

// ImageURL is the path an image is served at; the id never changes for the
// same bytes, so the URL can be cached for good.
func ImageURL(id, contentType string) string {
	return "/media/" + id + "." + ExtForType(contentType)
}

// URL is the article's canonical path.
func (a Article) URL() string { return "/news/" + a.Slug }

// URL is the section page's path.
func (s Section) URL() string { return "/section/" + s.Slug }

// URL is the tag page's path.
func (t Tag) URL() string { return "/tag/" + t.Slug }

// URL is the author page's path.
func (a Author) URL() string { return "/author/" + a.Slug }

// Section is a desk such as "World" or its child "Middle East".
type Section struct {
	ID       string
	Slug     string
	Name     string
	ParentID string
	// Parent is filled when the section has one and the query loads it.
	Parent *Section
}

// Path returns the section's name with its parent's, e.g. "World > Middle East".
func (s Section) Path() string {
	if s.Parent != nil && s.Parent.Name != "" {
		return s.Parent.Name + " > " + s.Name
	}
	return s.Name
}

// Tag is a keyword that groups articles across sections.
type Tag struct {
	ID   string
	Slug string
	Name string
}

// Author is a byline.
type Author struct {
	ID   string
	Slug string
	Name string
	Bio  string
}

// Image is a stored picture, addressed by the hash of its bytes so that its
// URL can be cached forever.
type Image struct {
	ID          string
	SHA256      string
	ContentType string
	Width       int
	Height      int
	Data        []byte
	CreatedAt   time.Time
}

// Ext returns the file extension that fits the image's content type.
func (i Image) Ext() string { return ExtForType(i.ContentType) }

// ExtForType maps an image content type to a file extension.
func ExtForType(ct string) string {
	switch ct {
	case "image/jpeg":
		return "jpg"
	case "image/png":
		return "png"
	case "image/gif":
		return "gif"
	case "image/webp":
		return "webp"
	case "image/svg+xml":
		return "svg"
	}
	return "bin"
}

// Slugify turns a name into a URL slug: lower case ASCII letters, digits and
// single dashes. Letters with accents lose them; other characters become dashes.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if f, ok := foldAccent[r]; ok {
			r = f
		}
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

var foldAccent = map[rune]rune{
	'à': 'a', 'á': 'a', 'â': 'a', 'ã': 'a', 'ä': 'a', 'å': 'a',
	'ç': 'c', 'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e',
	'ì': 'i', 'í': 'i', 'î': 'i', 'ï': 'i', 'ñ': 'n',
	'ò': 'o', 'ó': 'o', 'ô': 'o', 'õ': 'o', 'ö': 'o', 'ø': 'o',
	'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u', 'ý': 'y', 'ÿ': 'y',
}

// ValidSlug reports whether s is a slug as Slugify makes them.
func ValidSlug(s string) bool {
	return s != "" && len(s) <= 200 && Slugify(s) == s
}
