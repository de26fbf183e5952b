package captcha

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
)

// The size of every challenge image, in pixels.
const (
	ImageWidth  = 200
	ImageHeight = 70
)

// ServeImage writes the PNG of a challenge: 404 for a token we did not
// make or that has expired. token may carry the ".png" of the URL. The
// image is never cached, and the same token always draws the same picture,
// so reloading it gives an OCR program nothing new to average.
func (c *Captcha) ServeImage(w http.ResponseWriter, r *http.Request, token string) {
	p, err := c.open(strings.TrimSuffix(token, ".png"))
	if err != nil || !c.now().Before(p.expires) {
		w.Header().Set("Cache-Control", "no-store")
		http.NotFound(w, r)
		return
	}
	var buf bytes.Buffer
	if err := c.encoder.Encode(&buf, c.render(p)); err != nil {
		http.Error(w, "could not draw the image", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "image/png")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
}

// render draws the answer of p: a colour gradient, speckles, each glyph
// scaled, rotated, sheared and shifted along a wave, then curves and dots
// over the text. The randomness comes from the token's id, so the drawing
// is repeatable.
func (c *Captcha) render(p payload) *image.RGBA {
	m := hmac.New(sha256.New, c.imageKey)
	m.Write(p.id[:])
	var seed [32]byte
	copy(seed[:], m.Sum(nil))
	rng := rand.New(rand.NewChaCha8(seed))

	img := image.NewRGBA(image.Rect(0, 0, ImageWidth, ImageHeight))
	gradient(img, light(rng), light(rng))
	speckle(img, rng, 260, 120, 220)

	w := wave{amp: 1.5 + 2*rng.Float64(), period: 50 + 40*rng.Float64(), phase: 2 * math.Pi * rng.Float64()}
	const margin = 12.0
	cell := (ImageWidth - 2*margin) / float64(len(p.answer))
	for i := range len(p.answer) {
		g, ok := glyphs[p.answer[i]]
		if !ok {
			continue
		}
		drawGlyph(img, &g, glyphPose{
			cx:    margin + cell*(float64(i)+0.5) + (rng.Float64()*2-1)*3,
			cy:    ImageHeight/2 + (rng.Float64()*2-1)*7,
			scale: 4.3 + 0.6*rng.Float64(),
			angle: (rng.Float64()*2 - 1) * 0.35,
			shear: (rng.Float64()*2 - 1) * 0.25,
			ink:   dark(rng),
			wave:  w,
		})
	}
	for range 3 {
		curve(img, rng)
	}
	speckle(img, rng, 90, 30, 140)
	return img
}

// wave bends the text line up and down.
type wave struct{ amp, period, phase float64 }

func (w wave) at(x float64) float64 { return w.amp * math.Sin(2*math.Pi*x/w.period+w.phase) }

// glyphPose is where and how one glyph is drawn.
type glyphPose struct {
	cx, cy, scale, angle, shear float64
	ink                         color.RGBA
	wave                        wave
}

// drawGlyph paints a glyph by mapping each pixel back into font cells.
// The ink is a union of round dots, so the distance from a pixel to the
// nearest dot gives its coverage directly: smooth edges from one sample a
// pixel.
func drawGlyph(img *image.RGBA, g *[glyphH]string, pose glyphPose) {
	sin, cos := math.Sincos(pose.angle)
	// The glyph's box in pixels: its corners in font cells, carried out by
	// the same shear and rotation, widened by the wave.
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, corner := range [4][2]float64{{-1, -1}, {1, -1}, {-1, 1}, {1, 1}} {
		v := corner[1] * (glyphH/2.0 + 0.5) * pose.scale
		u := corner[0]*(glyphW/2.0+0.5)*pose.scale + pose.shear*v
		x, y := u*cos-v*sin, u*sin+v*cos
		x0, x1 = min(x0, x), max(x1, x)
		y0, y1 = min(y0, y), max(y1, y)
	}
	px0, px1 := int(pose.cx+x0)-1, int(pose.cx+x1)+2
	py0, py1 := int(pose.cy+y0-pose.wave.amp)-1, int(pose.cy+y1+pose.wave.amp)+2
	for px := px0; px < px1; px++ {
		x := float64(px) + 0.5
		dx := x - pose.cx
		lift := pose.wave.at(x)
		for py := py0; py < py1; py++ {
			dy := float64(py) + 0.5 - lift - pose.cy
			u, v := dx*cos+dy*sin, -dx*sin+dy*cos
			u -= pose.shear * v
			d := nearestInk(g, u/pose.scale+glyphW/2.0, v/pose.scale+glyphH/2.0)
			if a := 0.5 + (dotRadius-d)*pose.scale; a > 0 {
				blend(img, px, py, pose.ink, min(a, 1))
			}
		}
	}
}

// dotRadius is the radius, in font cells, of the round dot drawn for each
// inked cell: more than half the diagonal (0.707), so cells that touch
// only at a corner still make one unbroken stroke.
const dotRadius = 0.78

// nearestInk returns the distance, in font cells, from (gx, gy) to the
// centre of the nearest inked cell around it (a large number when none).
func nearestInk(g *[glyphH]string, gx, gy float64) float64 {
	cx, cy := int(math.Floor(gx)), int(math.Floor(gy))
	if cx < -1 || cy < -1 || cx > glyphW || cy > glyphH {
		return math.MaxFloat32
	}
	best := math.MaxFloat64
	for y := max(cy-1, 0); y <= min(cy+1, glyphH-1); y++ {
		for x := max(cx-1, 0); x <= min(cx+1, glyphW-1); x++ {
			if g[y][x] == '#' {
				dx, dy := gx-float64(x)-0.5, gy-float64(y)-0.5
				best = min(best, dx*dx+dy*dy)
			}
		}
	}
	if best == math.MaxFloat64 {
		return math.MaxFloat32
	}
	return math.Sqrt(best)
}

// curve draws a thin wavy line across the image, in a colour like the
// text's so a program cannot drop it by colour alone.
func curve(img *image.RGBA, rng *rand.Rand) {
	ink := dark(rng)
	y0 := 10 + rng.Float64()*(ImageHeight-20)
	slope := (rng.Float64()*2 - 1) * 0.25
	amp, period, phase := 2+6*rng.Float64(), 40+80*rng.Float64(), 2*math.Pi*rng.Float64()
	half := 0.6 + 0.5*rng.Float64()
	for px := range ImageWidth {
		x := float64(px) + 0.5
		yc := y0 + slope*(x-ImageWidth/2) + amp*math.Sin(2*math.Pi*x/period+phase)
		for py := int(yc - half - 1); py <= int(yc+half+1); py++ {
			d := math.Abs(float64(py) + 0.5 - yc)
			if a := math.Min(1, half+0.5-d); a > 0 {
				blend(img, px, py, ink, a)
			}
		}
	}
}

// speckle scatters n single pixels with channels between lo and hi.
func speckle(img *image.RGBA, rng *rand.Rand, n, lo, hi int) {
	for range n {
		c := color.RGBA{uint8(lo + rng.IntN(hi-lo)), uint8(lo + rng.IntN(hi-lo)), uint8(lo + rng.IntN(hi-lo)), 255}
		blend(img, rng.IntN(ImageWidth), rng.IntN(ImageHeight), c, 0.8)
	}
}

// gradient fills the image from colour a at the top left to b at the
// bottom right.
func gradient(img *image.RGBA, a, b color.RGBA) {
	const span = ImageWidth + ImageHeight/2
	for y := range ImageHeight {
		for x := range ImageWidth {
			t := float64(x+y/2) / span
			img.SetRGBA(x, y, mix(a, b, t))
		}
	}
}

// blend paints colour c over the pixel at (x, y) with opacity a.
func blend(img *image.RGBA, x, y int, c color.RGBA, a float64) {
	if !(image.Point{x, y}.In(img.Rect)) {
		return
	}
	img.SetRGBA(x, y, mix(img.RGBAAt(x, y), c, a))
}

func mix(a, b color.RGBA, t float64) color.RGBA {
	ch := func(p, q uint8) uint8 { return uint8(float64(p)*(1-t) + float64(q)*t + 0.5) }
	return color.RGBA{ch(a.R, b.R), ch(a.G, b.G), ch(a.B, b.B), 255}
}

// light is a pale background colour; dark an ink with plenty of contrast
// against any light one.
func light(rng *rand.Rand) color.RGBA {
	return color.RGBA{uint8(205 + rng.IntN(51)), uint8(205 + rng.IntN(51)), uint8(205 + rng.IntN(51)), 255}
}

func dark(rng *rand.Rand) color.RGBA {
	return color.RGBA{uint8(rng.IntN(110)), uint8(rng.IntN(110)), uint8(rng.IntN(110)), 255}
}
