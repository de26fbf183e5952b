package site

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"

	"tribune/internal/captcha"
	"tribune/internal/web"
)

//go:embed static
var staticFS embed.FS

// asset is one static file with the hash that versions its URL.
type asset struct {
	data        []byte
	hash        string
	contentType string
}

// assets are the site's CSS, JavaScript and icons, served under a content
// hash so browsers may keep them for a year.
type assets struct{ files map[string]asset }

func loadAssets() (*assets, error) {
	a := &assets{files: map[string]asset{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		a.add(path.Base(p), b)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load assets: %w", err)
	}
	logo, err := drawLogo(512)
	if err != nil {
		return nil, err
	}
	a.add("logo.png", logo)
	icon, err := drawLogo(64)
	if err != nil {
		return nil, err
	}
	a.add("icon.png", icon)
	a.add("captcha.js", captcha.Script())
	return a, nil
}

func (a *assets) add(name string, b []byte) {
	sum := sha256.Sum256(b)
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = http.DetectContentType(b)
	}
	a.files[name] = asset{data: b, hash: hex.EncodeToString(sum[:])[:12], contentType: ct}
}

// path returns the versioned URL of a static file.
func (a *assets) path(name string) string {
	f, ok := a.files[name]
	if !ok {
		return "/static/missing/" + name
	}
	return "/static/" + f.hash + "/" + name
}

func (s *Site) staticFile(w http.ResponseWriter, r *http.Request) error {
	f, ok := s.assets.files[r.PathValue("file")]
	if !ok {
		return web.NotFound("No such file.")
	}
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Content-Length", strconv.Itoa(len(f.data)))
	if r.PathValue("hash") == f.hash {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		// An old hash after a deploy: serve the current file, briefly cached.
		h.Set("Cache-Control", "public, max-age=300")
	}
	h.Set("ETag", `"`+f.hash+`"`)
	if match := r.Header.Get("If-None-Match"); match == `"`+f.hash+`"` {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	w.Write(f.data)
	return nil
}

func (s *Site) favicon(w http.ResponseWriter, r *http.Request) error {
	http.Redirect(w, r, s.assets.path("icon.png"), http.StatusMovedPermanently)
	return nil
}

// drawLogo draws the masthead mark: a white "T" on the agency's red.
func drawLogo(size int) ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	red := color.RGBA{0xb3, 0x12, 0x1f, 0xff}
	draw.Draw(img, img.Bounds(), &image.Uniform{red}, image.Point{}, draw.Src)
	u := size / 8
	white := &image.Uniform{color.White}
	draw.Draw(img, image.Rect(u*2, u*2, u*6, u*3), white, image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(u*3+u/2, u*3, u*4+u/2, u*6+u/2), white, image.Point{}, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("draw logo: %w", err)
	}
	return buf.Bytes(), nil
}
