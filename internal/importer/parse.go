package importer

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"tribune/internal/news"
	"tribune/internal/store"
)

// Parsed is one file read into an article, before its images are stored.
type Parsed struct {
	// Input is the article; LeadImageID is empty and Body still has the
	// local image paths as written.
	Input store.ArticleInput
	// LeadImage is the front matter image; its Path is "" when there is none.
	LeadImage ImageRef
	// BodyImages are the local images of the body, in order, each once.
	BodyImages []ImageRef
	// Warnings are problems that do not stop the import.
	Warnings []string
}

// ImageRef is a local image file an article uses.
type ImageRef struct {
	// Src is the path as written in the file.
	Src string
	// Path is the file inside the folder tree being imported, resolved
	// against the article's folder.
	Path string
	// Line and Field locate Src in the file, for errors.
	Line  int
	Field string
}

// knownFields are the front matter fields, in the order the guide lists them.
var knownFields = []string{"title", "slug", "summary", "section", "author", "tags", "date", "updated",
	"language", "top_story", "image", "image_caption", "image_credit", "related"}

// languageTag is a loose BCP 47 check: "en", "pt-BR", "zh-Hant-TW".
var languageTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// Parse reads a file's bytes into an ArticleInput plus the local images it
// references, without touching the store. name is the file's path inside
// the folder being imported: it gives the default slug, the folder image
// paths are relative to, and the file name in errors. Every problem found
// is returned as an *Error.
func Parse(name string, data []byte) (Parsed, error) {
	p, err := parse(name, data)
	var e *Error
	if errors.As(err, &e) && e.File == "" {
		e.File = name
	}
	return p, err
}

func parse(name string, data []byte) (Parsed, error) {
	front, body, bodyLine, err := splitFile(data)
	if err != nil {
		return Parsed{}, err
	}
	fields, err := frontFields(front)
	if err != nil {
		return Parsed{}, err
	}
	var p Parsed
	in := &p.Input
	in.Body = body
	in.Language = "en"
	var leadSrc, slug string
	var leadLine int
	have := map[string]bool{}
	for _, f := range fields {
		if !slices.Contains(knownFields, f.name) {
			msg := fmt.Sprintf("unknown front matter field %q", f.name)
			if s := suggest(f.name, knownFields); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			return p, &Error{Line: f.line, Err: fmt.Errorf("%s; known fields: %s", msg, strings.Join(knownFields, ", "))}
		}
		have[f.name] = true
		var err error
		switch f.name {
		case "title":
			in.Headline, err = f.text()
		case "slug":
			if slug, err = f.text(); err == nil && !news.ValidSlug(slug) {
				err = f.errorf("%q is not a slug: use lower-case letters, digits and single dashes, e.g. %q", slug, news.Slugify(slug))
			}
		case "summary":
			in.Summary, err = f.text()
		case "section":
			in.SectionPath, err = sectionPath(f)
		case "author":
			in.AuthorName, err = f.text()
		case "tags":
			in.Tags, err = f.list("[Energy, Climate]")
		case "date":
			in.PublishedAt, err = timeField(f)
		case "updated":
			in.UpdatedAt, err = timeField(f)
		case "language":
			if in.Language, err = f.text(); err == nil && !languageTag.MatchString(in.Language) {
				err = f.errorf("%q is not a language code such as en or pt-BR", in.Language)
			}
		case "top_story":
			if f.value.Kind != yaml.ScalarNode || f.value.Decode(&in.TopStory) != nil {
				err = f.errorf("want true or false, not %q", f.value.Value)
			}
		case "image":
			leadSrc, err = f.text()
			leadLine = f.line
		case "image_caption":
			in.LeadCaption, err = f.text()
		case "image_credit":
			in.LeadCredit, err = f.text()
		case "related":
			if in.Related, err = f.list("[port-reopens, talks-resume]"); err == nil {
				for _, s := range in.Related {
					if !news.ValidSlug(s) {
						err = f.errorf("%q is not a slug: use lower-case letters, digits and single dashes", s)
						break
					}
				}
			}
		}
		if err != nil {
			return p, err
		}
	}
	for _, req := range []struct{ field, missing string }{
		{"title", in.Headline}, {"section", strings.Join(in.SectionPath, "")}, {"date", timeText(in.PublishedAt)},
	} {
		if req.missing == "" {
			return p, &Error{Field: req.field, Err: errors.New("is required")}
		}
	}
	if slug == "" {
		base := path.Base(name)
		slug = news.Slugify(strings.TrimSuffix(base, path.Ext(base)))
		if !news.ValidSlug(slug) {
			return p, &Error{Field: "slug", Err: fmt.Errorf("the file name %q gives no usable slug; add a slug field", base)}
		}
	}
	in.Slug = slug
	if !in.UpdatedAt.IsZero() && in.UpdatedAt.Before(in.PublishedAt) {
		return p, &Error{Field: "updated", Err: fmt.Errorf("%s is before date %s", timeText(in.UpdatedAt), timeText(in.PublishedAt))}
	}
	if err := in.Validate(); err != nil {
		return p, &Error{Err: err}
	}
	dir := path.Dir(name)
	if leadSrc != "" {
		if p.LeadImage, err = leadImage(dir, leadSrc, leadLine); err != nil {
			return p, err
		}
	} else if in.LeadCaption != "" || in.LeadCredit != "" {
		p.Warnings = append(p.Warnings, "image_caption and image_credit are ignored without an image")
	}
	if in.Summary == "" {
		p.Warnings = append(p.Warnings, "summary is empty; lists, feeds and link previews will have no standfirst")
	}
	if strings.TrimSpace(body) == "" {
		p.Warnings = append(p.Warnings, "the article has no body text")
	}
	if err := checkBody(&p, dir, bodyLine); err != nil {
		return p, err
	}
	return p, nil
}

// sectionPath reads "World > Middle East" or ["World", "Middle East"].
func sectionPath(f field) ([]string, error) {
	var parts []string
	if f.value.Kind == yaml.SequenceNode {
		var err error
		if parts, err = f.list(`["World", "Middle East"]`); err != nil {
			return nil, err
		}
	} else {
		s, err := f.text()
		if err != nil || s == "" {
			return nil, err
		}
		for _, part := range strings.Split(s, ">") {
			parts = append(parts, strings.TrimSpace(part))
		}
	}
	if len(parts) > 2 {
		return nil, f.errorf("at most two levels, e.g. World > Middle East")
	}
	for _, part := range parts {
		if news.Slugify(part) == "" {
			return nil, f.errorf("section names need letters or digits, e.g. World > Middle East")
		}
	}
	return parts, nil
}

// timeLayouts are the accepted dates; those without a zone are UTC.
var timeLayouts = []string{time.RFC3339, "2006-01-02 15:04", "2006-01-02"}

func timeField(f field) (time.Time, error) {
	s, err := f.text()
	if err != nil || s == "" {
		return time.Time{}, err
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, f.errorf("%q is not a date: use 2024-05-01, 2024-05-01 14:30 (UTC) or 2024-05-01T14:30:00+02:00", s)
}

func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}
