package demo

import (
	"bytes"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"tribune/internal/news"
)

// frontMatter is the importer's article format; decoding with KnownFields
// catches a misspelt or extra field.
type frontMatter struct {
	Title        string    `yaml:"title"`
	Slug         string    `yaml:"slug"`
	Summary      string    `yaml:"summary"`
	Section      string    `yaml:"section"`
	Author       string    `yaml:"author"`
	Tags         []string  `yaml:"tags"`
	Date         time.Time `yaml:"date"`
	Language     string    `yaml:"language"`
	TopStory     bool      `yaml:"top_story"`
	Image        string    `yaml:"image"`
	ImageCaption string    `yaml:"image_caption"`
	ImageCredit  string    `yaml:"image_credit"`
	Related      []string  `yaml:"related"`
}

// demoFile is one article as the tests read it.
type demoFile struct {
	name string
	fm   frontMatter
	body string
}

var (
	teaserLine = regexp.MustCompile(`(?m)^\[\[related:([^\]]+)\]\]$`)
	bodyImage  = regexp.MustCompile(`(?m)^!\[([^\]]+)\]\(([^ )]+) "([^"|]+) \| ([^"]+)"\)$`)
)

// readDemo parses every article of FS(now), failing the test on any file
// whose front matter is not the importer's format.
func readDemo(t *testing.T, now time.Time) []demoFile {
	t.Helper()
	list, err := articles(now)
	if err != nil {
		t.Fatalf("articles(%v) error: %v", now, err)
	}
	var out []demoFile
	for _, a := range list {
		rest, ok := bytes.CutPrefix(a.data, []byte("---\n"))
		front, body, ok2 := bytes.Cut(rest, []byte("\n---\n"))
		if !ok || !ok2 {
			t.Fatalf("%s: no front matter between --- lines", a.name)
		}
		var fm frontMatter
		dec := yaml.NewDecoder(bytes.NewReader(front))
		dec.KnownFields(true)
		if err := dec.Decode(&fm); err != nil {
			t.Fatalf("%s: front matter: %v", a.name, err)
		}
		out = append(out, demoFile{name: a.name, fm: fm, body: string(body)})
	}
	return out
}

func TestArticlesFollowTheFormat(t *testing.T) {
	files := readDemo(t, anchor())
	slugs := map[string]bool{}
	for _, f := range files {
		slugs[f.fm.Slug] = true
	}
	images := Images()
	for _, f := range files {
		fm := f.fm
		for field, v := range map[string]string{
			"title": fm.Title, "summary": fm.Summary, "section": fm.Section, "author": fm.Author,
			"image": fm.Image, "image_caption": fm.ImageCaption, "image_credit": fm.ImageCredit,
		} {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: %s is empty", f.name, field)
			}
		}
		if want := fm.Slug + ".md"; f.name != want || !news.ValidSlug(fm.Slug) {
			t.Errorf("%s: slug %q, want a valid slug matching the file name", f.name, fm.Slug)
		}
		if fm.Language != "en" || fm.Date.IsZero() || len(fm.Tags) == 0 {
			t.Errorf("%s: language %q, date %v, tags %v; want en, a date and tags", f.name, fm.Language, fm.Date, fm.Tags)
		}
		if parts := strings.Split(fm.Section, " > "); len(parts) > 2 {
			t.Errorf("%s: section %q has more than two levels", f.name, fm.Section)
		}
		if !strings.Contains(fm.ImageCredit, "/ Tribune") && !strings.Contains(fm.ImageCredit, "Tribune Graphics") {
			t.Errorf("%s: image_credit %q, want a Tribune credit", f.name, fm.ImageCredit)
		}
		if _, ok := images[fm.Image]; !ok {
			t.Errorf("%s: image %q is not among Images()", f.name, fm.Image)
		}
		for _, s := range fm.Related {
			if !slugs[s] || s == fm.Slug {
				t.Errorf("%s: related %q does not name another demo article", f.name, s)
			}
		}
		for _, m := range teaserLine.FindAllStringSubmatch(f.body, -1) {
			if !slugs[m[1]] || m[1] == fm.Slug {
				t.Errorf("%s: teaser [[related:%s]] does not name another demo article", f.name, m[1])
			}
		}
		for _, m := range bodyImage.FindAllStringSubmatch(f.body, -1) {
			if _, ok := images[m[2]]; !ok {
				t.Errorf("%s: body image %q is not among Images()", f.name, m[2])
			}
		}
		if n := strings.Count(f.body, "!["); n != len(bodyImage.FindAllString(f.body, -1)) {
			t.Errorf("%s: %d body images, but not all are ![alt](path \"Caption | Credit\") lines", f.name, n)
		}
		if n := proseParagraphs(f.body); n < 5 || n > 9 {
			t.Errorf("%s: %d paragraphs of text, want 5 to 9", f.name, n)
		}
	}
}

// proseParagraphs counts the body's plain paragraphs: not headings, quotes,
// teasers or images.
func proseParagraphs(body string) int {
	n := 0
	for _, block := range strings.Split(strings.TrimSpace(body), "\n\n") {
		switch {
		case strings.HasPrefix(block, "#"), strings.HasPrefix(block, ">"),
			strings.HasPrefix(block, "[[related:"), strings.HasPrefix(block, "!["):
		default:
			n++
		}
	}
	return n
}

func TestDemoLooksLikeANewsroom(t *testing.T) {
	files := readDemo(t, anchor())
	sections, authors, tagUse := map[string]bool{}, map[string]bool{}, map[string]int{}
	var top, twoLevel, quotes, teasers, bodyImages int
	for _, f := range files {
		sections[f.fm.Section] = true
		authors[f.fm.Author] = true
		for _, tag := range f.fm.Tags {
			tagUse[tag]++
		}
		if f.fm.TopStory {
			top++
		}
		if strings.Contains(f.fm.Section, " > ") {
			twoLevel++
		}
		if strings.Contains(f.body, "\n>\n> — ") {
			quotes++
		}
		if teaserLine.MatchString(f.body) {
			teasers++
		}
		if bodyImage.MatchString(f.body) {
			bodyImages++
		}
	}
	shared := 0
	for _, n := range tagUse {
		if n >= 2 {
			shared++
		}
	}
	checks := []struct {
		what     string
		got, min int
	}{
		{"articles", len(files), 10},
		{"sections", len(sections), 4},
		{"articles in a two-level section", twoLevel, 1},
		{"authors", len(authors), 4},
		{"tags shared by two or more articles", shared, 4},
		{"articles with a pull quote", quotes, len(files)/2 + 1},
		{"articles with a related teaser", teasers, len(files)/2 + 1},
		{"articles with a body image", bodyImages, 2},
	}
	for _, c := range checks {
		if c.got < c.min {
			t.Errorf("%s = %d, want at least %d", c.what, c.got, c.min)
		}
	}
	if top < 2 || top > 3 {
		t.Errorf("top stories = %d, want 2 or 3", top)
	}
}

func TestFSMovesDatesToNow(t *testing.T) {
	now := time.Date(2031, 3, 4, 10, 20, 30, 500, time.UTC)
	before := readDemo(t, anchor())
	after := readDemo(t, now)
	if len(after) != len(before) {
		t.Fatalf("FS(%v) has %d articles, want %d", now, len(after), len(before))
	}
	orig := map[string]time.Time{}
	for _, f := range before {
		orig[f.fm.Slug] = f.fm.Date
	}
	var newest time.Time
	var future []string
	shift := now.Truncate(time.Second).Sub(anchor())
	for _, f := range after {
		if got, want := f.fm.Date, orig[f.fm.Slug].Add(shift); !got.Equal(want) {
			t.Errorf("%s: date %v, want %v (spacing kept)", f.name, got, want)
		}
		if f.fm.Date.After(now) {
			future = append(future, f.fm.Slug)
		} else if f.fm.Date.After(newest) {
			newest = f.fm.Date
		}
		if age := now.Sub(f.fm.Date); age > 5*24*time.Hour {
			t.Errorf("%s: %v old, want at most five days", f.name, age)
		}
	}
	if age := now.Sub(newest); age < time.Minute || age > 15*time.Minute {
		t.Errorf("newest published article is %v old, want a few minutes", age)
	}
	if len(future) != 1 {
		t.Errorf("scheduled articles = %v, want exactly one", future)
	}
}

func TestFSHoldsArticlesAndImages(t *testing.T) {
	fsys, err := FS(anchor())
	if err != nil {
		t.Fatalf("FS() error: %v", err)
	}
	for _, pattern := range []string{"*.md", "images/*.png"} {
		names, err := fs.Glob(fsys, pattern)
		if err != nil || len(names) == 0 {
			t.Errorf("Glob(%q) = %v, %v; want files", pattern, names, err)
		}
	}
	for p := range Images() {
		if path.Dir(p) != "images" {
			t.Errorf("image %q is not under images/", p)
		}
	}
}
