package demo

import (
	"bytes"
	"image"
	"image/png"
	"testing"
)

func TestImagesArePNGsOfLeadSize(t *testing.T) {
	imgs := Images()
	if len(imgs) != len(scenes()) {
		t.Errorf("Images() has %d pictures, want %d", len(imgs), len(scenes()))
	}
	for name, data := range imgs {
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Errorf("%s: png.Decode error: %v", name, err)
			continue
		}
		if got, want := img.Bounds(), image.Rect(0, 0, 1200, 675); got != want {
			t.Errorf("%s: bounds %v, want %v", name, got, want)
		}
		if len(data) > 400<<10 {
			t.Errorf("%s: %d KB, want at most 400 KB", name, len(data)>>10)
		}
		if n := colours(img, 5000); n < 12 {
			t.Errorf("%s: %d distinct colours, want a drawn picture", name, n)
		}
	}
}

// colours counts distinct colours in img, stopping at limit.
func colours(img image.Image, limit int) int {
	seen := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[r>>8<<16|g>>8<<8|bl>>8] = true
			if len(seen) >= limit {
				return limit
			}
		}
	}
	return len(seen)
}

func TestImagesAreDeterministic(t *testing.T) {
	a, b := Images(), Images()
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two calls of Images()", name)
		}
	}
}

func TestEveryImageIsUsed(t *testing.T) {
	used := map[string]bool{}
	for _, f := range readDemo(t, anchor()) {
		used[f.fm.Image] = true
		for _, m := range bodyImage.FindAllStringSubmatch(f.body, -1) {
			used[m[2]] = true
		}
	}
	for _, s := range scenes() {
		if !used[s.path] {
			t.Errorf("%s is drawn but no article uses it", s.path)
		}
	}
}

// BenchmarkImages measures drawing and encoding every demo picture, the
// cost a first start pays once.
func BenchmarkImages(b *testing.B) {
	for b.Loop() {
		Images()
	}
}
