package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"

	"tribune/internal/news"
	"tribune/internal/store"
)

// fakeStore records what an import saves.
type fakeStore struct {
	articles map[string]store.ArticleInput
	images   []news.Image
	failSave error
}

func newFakeStore() *fakeStore { return &fakeStore{articles: map[string]store.ArticleInput{}} }

func (s *fakeStore) SaveArticle(_ context.Context, in store.ArticleInput) (string, bool, error) {
	if s.failSave != nil {
		return "", false, s.failSave
	}
	if err := in.Validate(); err != nil {
		return "", false, err
	}
	_, existed := s.articles[in.Slug]
	s.articles[in.Slug] = in
	return "id-" + in.Slug, !existed, nil
}

func (s *fakeStore) SaveImage(_ context.Context, data []byte, ct string, w, h int) (news.Image, error) {
	img := news.Image{ID: fmt.Sprintf("img%d", len(s.images)+1), ContentType: ct, Width: w, Height: h, Data: data}
	s.images = append(s.images, img)
	return img, nil
}

// tinyPNG encodes a w×h PNG.
func tinyPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	m.Set(0, 0, color.RGBA{R: 200, A: 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// webpHeader is the start of a lossless WebP of the given size: enough for
// http.DetectContentType and webpSize.
func webpHeader(w, h int) []byte {
	bits := uint32(w-1) | uint32(h-1)<<14
	b := []byte("RIFF\x00\x00\x00\x00WEBPVP8L\x00\x00\x00\x00\x2f")
	b = append(b, byte(bits), byte(bits>>8), byte(bits>>16), byte(bits>>24))
	return append(b, make([]byte, 16)...)
}

const article = `---
title: Port reopens
section: World > Middle East
date: 2024-05-01
summary: Ships return.
image: pics/lead.png
---
The port reopened.

![Cranes](pics/cranes.png "Cranes | Reuters")

Again: ![same](pics/cranes.png) and ![remote](https://cdn.example/x.jpg)

![wide](pics/wide.webp)
`

func TestImportFile(t *testing.T) {
	ctx := context.Background()
	fsys := fstest.MapFS{
		"desk/port-reopens.md":   {Data: []byte(article)},
		"desk/pics/lead.png":     {Data: tinyPNG(t, 4, 3)},
		"desk/pics/cranes.png":   {Data: tinyPNG(t, 2, 2)},
		"desk/pics/wide.webp":    {Data: webpHeader(640, 360)},
		"desk/pics/unrelated.md": {Data: []byte("x")},
	}
	st := newFakeStore()
	im := New(st)
	res, err := im.ImportFile(ctx, fsys, "desk/port-reopens.md")
	if err != nil {
		t.Fatalf("ImportFile error: %v", err)
	}
	if res.Slug != "port-reopens" || !res.Created || len(res.Warnings) != 0 {
		t.Errorf("ImportFile = %+v, want slug port-reopens, created, no warnings", res)
	}
	var sizes []string
	for _, img := range st.images {
		sizes = append(sizes, fmt.Sprintf("%s %s %dx%d", img.ID, img.ContentType, img.Width, img.Height))
	}
	wantSizes := "img1 image/png 4x3|img2 image/png 2x2|img3 image/webp 640x360"
	if got := strings.Join(sizes, "|"); got != wantSizes {
		t.Errorf("saved images = %q, want %q", got, wantSizes)
	}
	got := st.articles["port-reopens"]
	if got.LeadImageID != "img1" {
		t.Errorf("LeadImageID = %q, want img1", got.LeadImageID)
	}
	wantBody := strings.NewReplacer("pics/cranes.png", "/media/img2.png", "pics/wide.webp", "/media/img3.webp").
		Replace(article[strings.Index(article, "The port"):])
	if got.Body != wantBody {
		t.Errorf("saved body =\n%s\nwant\n%s", got.Body, wantBody)
	}

	res, err = im.ImportFile(ctx, fsys, "desk/port-reopens.md")
	if err != nil || res.Created {
		t.Errorf("second ImportFile = %+v, %v; want updated, no error", res, err)
	}
}

func TestImportFileErrors(t *testing.T) {
	good := tinyPNG(t, 2, 2)
	tests := []struct {
		name string
		fsys fstest.MapFS
		max  int64
		want string
	}{
		{"missing file", fstest.MapFS{}, 0, "a.md: open a.md: file does not exist"},
		{"missing lead image", fstest.MapFS{
			"a.md": {Data: []byte(article)}, "pics/cranes.png": {Data: good}, "pics/wide.webp": {Data: webpHeader(2, 2)},
		}, 0, `a.md:6: image: image "pics/lead.png": not found (looked for pics/lead.png)`},
		{"missing body image", fstest.MapFS{
			"a.md": {Data: []byte(article)}, "pics/lead.png": {Data: good}, "pics/wide.webp": {Data: webpHeader(2, 2)},
		}, 0, `a.md:10: image "pics/cranes.png": not found (looked for pics/cranes.png)`},
		{"text file as image", fstest.MapFS{
			"a.md": {Data: []byte(article)}, "pics/lead.png": {Data: []byte("hello, not a picture")},
			"pics/cranes.png": {Data: good}, "pics/wide.webp": {Data: webpHeader(2, 2)},
		}, 0, `a.md:6: image: image "pics/lead.png": not a JPEG, PNG, GIF or WebP image (it looks like text/plain; charset=utf-8)`},
		{"truncated png", fstest.MapFS{
			"a.md": {Data: []byte(article)}, "pics/lead.png": {Data: good[:20]},
			"pics/cranes.png": {Data: good}, "pics/wide.webp": {Data: webpHeader(2, 2)},
		}, 0, `a.md:6: image: image "pics/lead.png": damaged image/png: unexpected EOF`},
		{"too big", fstest.MapFS{
			"a.md": {Data: []byte(article)}, "pics/lead.png": {Data: good},
			"pics/cranes.png": {Data: good}, "pics/wide.webp": {Data: webpHeader(2, 2)},
		}, 50, `a.md:6: image: image "pics/lead.png": larger than 50 bytes; export a smaller version`},
		{"bad front matter", fstest.MapFS{"a.md": {Data: []byte("---\ntitle: x\n---\n")}}, 0, "a.md: section: is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := newFakeStore()
			im := New(st)
			if tt.max > 0 {
				im.maxImageBytes = tt.max
			}
			_, err := im.ImportFile(context.Background(), tt.fsys, "a.md")
			if err == nil || err.Error() != tt.want {
				t.Errorf("ImportFile(%s) error = %v, want %q", tt.name, err, tt.want)
			}
			if len(st.images) != 0 || len(st.articles) != 0 {
				t.Errorf("ImportFile(%s) saved %d images and %d articles, want nothing", tt.name, len(st.images), len(st.articles))
			}
		})
	}
}

func TestImportFileStoreError(t *testing.T) {
	st := newFakeStore()
	st.failSave = errors.New("disk full")
	fsys := fstest.MapFS{"a.md": {Data: []byte("---\ntitle: T\nsection: World\ndate: 2024-05-01\n---\nBody\n")}}
	_, err := New(st).ImportFile(context.Background(), fsys, "a.md")
	if err == nil || err.Error() != `a.md: save article "a": disk full` || !errors.Is(err, st.failSave) {
		t.Errorf("ImportFile error = %v, want the store error wrapped with the file name", err)
	}
}

func TestWebpSize(t *testing.T) {
	vp8 := append([]byte("RIFF\x00\x00\x00\x00WEBPVP8 \x00\x00\x00\x00\x00\x00\x00\x9d\x01\x2a"), 0x80, 0x02, 0x68, 0x01)
	vp8x := []byte("RIFF\x00\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x00\x00\x00\x00\x7f\x07\x00\x37\x04\x00")
	tests := []struct {
		name string
		in   []byte
		w, h int
		ok   bool
	}{
		{"lossless", webpHeader(640, 360), 640, 360, true},
		{"lossy", vp8, 640, 360, true},
		{"extended", vp8x, 1920, 1080, true},
		{"short", []byte("RIFF"), 0, 0, false},
		{"unknown chunk", append([]byte("RIFF\x00\x00\x00\x00WEBPABCD"), make([]byte, 20)...), 0, 0, false},
	}
	for _, tt := range tests {
		w, h, err := webpSize(tt.in)
		if w != tt.w || h != tt.h || (err == nil) != tt.ok {
			t.Errorf("webpSize(%s) = %d, %d, %v; want %d, %d, ok %v", tt.name, w, h, err, tt.w, tt.h, tt.ok)
		}
	}
}
