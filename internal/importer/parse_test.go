package importer

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"tribune/internal/store"
)

// goodFront is a complete front matter; tests edit it line by line.
const goodFront = `---
title: Port of Aden reopens
slug: port-reopens
summary: Ships return after three weeks.
section: World > Middle East
author: Amal Haddad
tags: [Shipping, Yemen]
date: 2024-05-01 14:30
updated: 2024-05-02T09:00:00+02:00
language: en
top_story: true
image: photos/port.jpg
image_caption: The harbour at dawn
image_credit: Photo by A. Haddad
related: [talks-resume, aid-arrives]
---
`

const goodBody = `The port reopened on *Tuesday*.

![Cranes](photos/cranes.png "Cranes at work | Reuters")

See ![map](https://cdn.example/map.png) and ![old](/media/0190.png).

[[related:talks-resume]]
`

// edit returns goodFront+goodBody with the line starting with old (e.g.
// "title:") replaced by repl, or removed when repl is "".
func edit(old, repl string) string {
	lines := strings.Split(goodFront, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, old) {
			if repl == "" {
				lines = append(lines[:i], lines[i+1:]...)
			} else {
				lines[i] = repl
			}
			break
		}
	}
	return strings.Join(lines, "\n") + goodBody
}

func TestParseGood(t *testing.T) {
	p, err := Parse("desk/aden.md", []byte(goodFront+goodBody))
	if err != nil {
		t.Fatalf("Parse(good) error: %v", err)
	}
	want := store.ArticleInput{
		Slug: "port-reopens", Headline: "Port of Aden reopens", Summary: "Ships return after three weeks.",
		Body: goodBody, Language: "en", TopStory: true, SectionPath: []string{"World", "Middle East"},
		AuthorName: "Amal Haddad", Tags: []string{"Shipping", "Yemen"},
		LeadCaption: "The harbour at dawn", LeadCredit: "Photo by A. Haddad",
		Related:     []string{"talks-resume", "aid-arrives"},
		PublishedAt: time.Date(2024, 5, 1, 14, 30, 0, 0, time.UTC),
		UpdatedAt:   time.Date(2024, 5, 2, 7, 0, 0, 0, time.UTC),
	}
	if !reflect.DeepEqual(p.Input, want) {
		t.Errorf("Parse(good).Input =\n%+v\nwant\n%+v", p.Input, want)
	}
	if want := (ImageRef{Src: "photos/port.jpg", Path: "desk/photos/port.jpg", Line: 12, Field: "image"}); p.LeadImage != want {
		t.Errorf("Parse(good).LeadImage = %+v, want %+v", p.LeadImage, want)
	}
	wantBody := []ImageRef{{Src: "photos/cranes.png", Path: "desk/photos/cranes.png", Line: 19}}
	if !reflect.DeepEqual(p.BodyImages, wantBody) {
		t.Errorf("Parse(good).BodyImages = %+v, want %+v", p.BodyImages, wantBody)
	}
	if len(p.Warnings) != 0 {
		t.Errorf("Parse(good).Warnings = %q, want none", p.Warnings)
	}
}

func TestParseVariants(t *testing.T) {
	tests := []struct {
		name, file, src string
		check           func(p Parsed) string
	}{
		{"slug from file name", "desk/Élection Night.md", edit("slug:", ""), func(p Parsed) string {
			return p.Input.Slug + " want election-night"
		}},
		{"section as list", "a.md", edit("section:", `section: ["World", "Middle East"]`), func(p Parsed) string {
			return strings.Join(p.Input.SectionPath, "|") + " want World|Middle East"
		}},
		{"one-level section", "a.md", edit("section:", "section: Business"), func(p Parsed) string {
			return strings.Join(p.Input.SectionPath, "|") + " want Business"
		}},
		{"date only is midnight UTC", "a.md", edit("updated:", "updated: 2024-05-03"), func(p Parsed) string {
			return p.Input.UpdatedAt.Format(time.RFC3339) + " want 2024-05-03T00:00:00Z"
		}},
		{"language defaults to en", "a.md", edit("language:", ""), func(p Parsed) string {
			return p.Input.Language + " want en"
		}},
		{"empty summary warns", "a.md", edit("summary:", "summary:"), func(p Parsed) string {
			return strings.Join(p.Warnings, "|") + " want summary is empty; lists, feeds and link previews will have no standfirst"
		}},
		{"caption without image warns", "a.md", edit("image:", ""), func(p Parsed) string {
			return p.LeadImage.Path + strings.Join(p.Warnings, "|") + " want image_caption and image_credit are ignored without an image"
		}},
		{"windows line endings", "a.md", strings.ReplaceAll(edit("x", ""), "\n", "\r\n"), func(p Parsed) string {
			return p.Input.Headline + " want Port of Aden reopens"
		}},
		{"raw html warns with file line", "a.md", goodFront + "Text\n\n<div>x</div>\n", func(p Parsed) string {
			return strings.Join(p.Warnings, "|") + " want line 19: raw HTML is not shown; use Markdown instead"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse(tt.file, []byte(tt.src))
			if err != nil {
				t.Fatalf("Parse(%q) error: %v", tt.file, err)
			}
			got, want, _ := strings.Cut(tt.check(p), " want ")
			if got != want {
				t.Errorf("Parse(%q): got %q, want %q", tt.file, got, want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"missing title", edit("title:", ""), "a.md: title: is required"},
		{"empty title", edit("title:", "title: "), "a.md: title: is required"},
		{"missing section", edit("section:", ""), "a.md: section: is required"},
		{"missing date", edit("date:", ""), "a.md: date: is required"},
		{"bad date", edit("date:", "date: 1 May 2024"),
			`a.md:8: date: "1 May 2024" is not a date: use 2024-05-01, 2024-05-01 14:30 (UTC) or 2024-05-01T14:30:00+02:00`},
		{"impossible date", edit("date:", "date: 2024-02-30"),
			`a.md:8: date: "2024-02-30" is not a date: use 2024-05-01, 2024-05-01 14:30 (UTC) or 2024-05-01T14:30:00+02:00`},
		{"updated before date", edit("updated:", "updated: 2024-04-01"),
			"a.md: updated: 2024-04-01T00:00:00Z is before date 2024-05-01T14:30:00Z"},
		{"unknown field", edit("summary:", "sumary: x"),
			`a.md:4: unknown front matter field "sumary" (did you mean "summary"?); known fields: ` + strings.Join(knownFields, ", ")},
		{"unknown field without suggestion", edit("summary:", "colour: red"),
			`a.md:4: unknown front matter field "colour"; known fields: ` + strings.Join(knownFields, ", ")},
		{"duplicate field", edit("summary:", "title: Again"), "a.md:4: title: given twice (first on line 2)"},
		{"bad slug", edit("slug:", "slug: Port Reopens"),
			`a.md:3: slug: "Port Reopens" is not a slug: use lower-case letters, digits and single dashes, e.g. "port-reopens"`},
		{"bad related slug", edit("related:", "related: [ok, Not_OK]"),
			`a.md:15: related: "Not_OK" is not a slug: use lower-case letters, digits and single dashes`},
		{"related to itself", edit("related:", "related: [port-reopens]"), "a.md: an article cannot be related to itself"},
		{"remote lead image", edit("image:", "image: https://cdn.example/a.jpg"),
			`a.md:12: image: "https://cdn.example/a.jpg": remote images are not allowed; save the picture next to the article and give its file name`},
		{"absolute lead image", edit("image:", "image: /home/me/a.jpg"),
			`a.md:12: image: "/home/me/a.jpg": give a path relative to the article's folder, not an absolute one`},
		{"lead image outside folder", edit("image:", "image: ../../a.jpg"), `a.md:12: image: "../../a.jpg" is outside the article's folder`},
		{"remote body image with other scheme", goodFront + "Text\n\n![x](ftp://example.org/a.jpg)\n",
			`a.md:19: image "ftp://example.org/a.jpg": only https URLs or files next to the article are allowed`},
		{"data body image", goodFront + "![x](data:image/png;base64,AAAA)\n",
			`a.md:17: image "data:image/png;base64,AAAA": only https URLs or files next to the article are allowed`},
		{"absolute body image", goodFront + "![x](/etc/passwd)\n",
			`a.md:17: image "/etc/passwd": give a path relative to the article's folder, not an absolute one`},
		{"body image outside folder", goodFront + "![x](../x.png)\n", `a.md:17: image "../x.png": is outside the article's folder`},
		{"top_story not bool", edit("top_story:", "top_story: maybe"), `a.md:11: top_story: want true or false, not "maybe"`},
		{"tags not a list", edit("tags:", "tags: Shipping"), "a.md:7: tags: want a list, e.g. [Energy, Climate]"},
		{"title is a list", edit("title:", "title: [a, b]"), "a.md:2: title: want a single value, not a list or a mapping"},
		{"three-level section", edit("section:", "section: A > B > C"), "a.md:5: section: at most two levels, e.g. World > Middle East"},
		{"empty section part", edit("section:", "section: World >"), "a.md:5: section: section names need letters or digits, e.g. World > Middle East"},
		{"bad language", edit("language:", "language: english!"), `a.md:10: language: "english!" is not a language code such as en or pt-BR`},
		{"no front matter", "# Just text\n", "a.md:1: missing front matter: the file must start with a line '---', then the fields, then '---'"},
		{"unclosed front matter", "---\ntitle: x\n", "a.md:1: front matter is not closed: add a line '---' after the last field"},
		{"empty front matter", "---\n---\nbody", "a.md:2: front matter is empty; title, section and date are required"},
		{"front matter not a mapping", "---\n- a\n---\n", "a.md:2: front matter must be fields such as 'title: ...', one per line"},
		{"yaml syntax error", "---\ntitle: x\nsummary y\nsection: z\n---\n", "a.md:3: front matter: could not find expected ':'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("a.md", []byte(tt.src))
			if err == nil {
				t.Fatalf("Parse(%s) = nil error, want %q", tt.name, tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("Parse(%s) error = %q, want %q", tt.name, err, tt.want)
			}
			if _, ok := err.(*Error); !ok {
				t.Errorf("Parse(%s) error type %T, want *Error", tt.name, err)
			}
		})
	}
}

// TestGuideExample keeps the example in docs/writing-articles.md importable.
func TestGuideExample(t *testing.T) {
	doc, err := os.ReadFile("../../docs/writing-articles.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "````markdown\n")
	example, _, ok2 := strings.Cut(rest, "````")
	if !ok || !ok2 {
		t.Fatal("docs/writing-articles.md has no ````markdown example")
	}
	p, err := Parse("port-reopens.md", []byte(example))
	if err != nil {
		t.Fatalf("Parse(guide example) error: %v", err)
	}
	if p.Input.Slug != "varnholm-port-reopens" || len(p.BodyImages) != 1 || p.LeadImage.Path != "photos/berth.jpg" || len(p.Warnings) != 0 {
		t.Errorf("Parse(guide example) = slug %q, body images %v, lead %q, warnings %q; want varnholm-port-reopens, 1, photos/berth.jpg, none",
			p.Input.Slug, p.BodyImages, p.LeadImage.Path, p.Warnings)
	}
}
