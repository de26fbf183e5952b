package demo

import (
	"image"
	"image/color"
	"math"
	"slices"
)

// canvas is an opaque RGBA picture with the few anti-aliased primitives the
// demo scenes need. Colours are color.NRGBA, so A is plain opacity.
type canvas struct {
	img  *image.RGBA
	w, h int
	cov  []float32 // coverage of one row, reused by fillPaths
	xs   []float64 // edge crossings of one sub-row, reused by fillPaths
}

// pt is a point in pixel coordinates; (0, 0) is the top-left corner.
type pt struct{ X, Y float64 }

// subRows is how many sample rows fillPaths takes per pixel row: enough for
// smooth near-horizontal edges, cheap enough for a whole scene.
const subRows = 4

func newCanvas(w, h int) *canvas {
	return &canvas{img: image.NewRGBA(image.Rect(0, 0, w, h)), w: w, h: h, cov: make([]float32, w+1)}
}

// blend mixes col over the pixel (x, y) with coverage cov in [0, 1].
func (c *canvas) blend(x, y int, col color.NRGBA, cov float64) {
	a := float64(col.A) / 255 * cov
	if a <= 0 {
		return
	}
	i := c.img.PixOffset(x, y)
	p := c.img.Pix[i : i+4 : i+4]
	if a >= 1 {
		p[0], p[1], p[2], p[3] = col.R, col.G, col.B, 255
		return
	}
	p[0] = uint8(float64(p[0]) + (float64(col.R)-float64(p[0]))*a + 0.5)
	p[1] = uint8(float64(p[1]) + (float64(col.G)-float64(p[1]))*a + 0.5)
	p[2] = uint8(float64(p[2]) + (float64(col.B)-float64(p[2]))*a + 0.5)
	p[3] = 255
}

// gradient paints the rows y0..y1 across the whole width, blending evenly
// spaced colour stops from top to bottom.
func (c *canvas) gradient(y0, y1 int, stops ...color.NRGBA) {
	y0, y1 = max(y0, 0), min(y1, c.h)
	for y := y0; y < y1; y++ {
		col := ramp(float64(y-y0)/float64(max(y1-y0-1, 1)), stops...)
		row := c.img.Pix[c.img.PixOffset(0, y) : c.img.PixOffset(0, y)+4*c.w]
		row[0], row[1], row[2], row[3] = col.R, col.G, col.B, 255
		for n := 4; n < len(row); n *= 2 {
			copy(row[n:], row[:n])
		}
	}
}

// fillPolygon fills one closed polygon with a flat colour.
func (c *canvas) fillPolygon(pts []pt, col color.NRGBA) {
	c.fillPaths([][]pt{pts}, func(int) color.NRGBA { return col })
}

// fillShaded fills one closed polygon whose colour depends on the row, for
// gradient-lit hills, water and light beams.
func (c *canvas) fillShaded(pts []pt, colAt func(y int) color.NRGBA) {
	c.fillPaths([][]pt{pts}, colAt)
}

// fillPaths fills closed contours with the even-odd rule, so an inner contour
// cuts a hole (bridge arches, donut charts). Edges are anti-aliased: exact
// horizontal coverage, subRows samples vertically.
func (c *canvas) fillPaths(paths [][]pt, colAt func(y int) color.NRGBA) {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range paths {
		for _, q := range p {
			minX, maxX = min(minX, q.X), max(maxX, q.X)
			minY, maxY = min(minY, q.Y), max(maxY, q.Y)
		}
	}
	x0, x1 := max(int(math.Floor(minX)), 0), min(int(math.Ceil(maxX)), c.w-1)
	y0, y1 := max(int(math.Floor(minY)), 0), min(int(math.Ceil(maxY)), c.h-1)
	if x0 > x1 || y0 > y1 {
		return
	}
	cov := c.cov
	for y := y0; y <= y1; y++ {
		clear(cov[x0 : x1+2])
		hit := false
		for s := range subRows {
			sy := float64(y) + (float64(s)+0.5)/subRows
			xs := c.xs[:0]
			for _, p := range paths {
				for i, a := range p {
					b := p[(i+1)%len(p)]
					if (a.Y <= sy) != (b.Y <= sy) {
						xs = append(xs, a.X+(sy-a.Y)*(b.X-a.X)/(b.Y-a.Y))
					}
				}
			}
			slices.Sort(xs)
			for i := 0; i+1 < len(xs); i += 2 {
				hit = addSpan(cov, xs[i], xs[i+1], float64(c.w)) || hit
			}
			c.xs = xs
		}
		if !hit {
			continue
		}
		col := colAt(y)
		for x := x0; x <= x1; x++ {
			if v := cov[x]; v > 0.001 {
				c.blend(x, y, col, min(float64(v), 1))
			}
		}
	}
}

// addSpan adds one sub-row's coverage of [xa, xb) to cov and reports whether
// anything was covered.
func addSpan(cov []float32, xa, xb, w float64) bool {
	xa, xb = max(xa, 0), min(xb, w)
	if xb <= xa {
		return false
	}
	const k = 1.0 / subRows
	ia, ib := int(xa), int(xb)
	if ia == ib {
		cov[ia] += float32((xb - xa) * k)
		return true
	}
	cov[ia] += float32((float64(ia+1) - xa) * k)
	for i := ia + 1; i < ib; i++ {
		cov[i] += k
	}
	cov[ib] += float32((xb - float64(ib)) * k)
	return true
}

// rect fills the axis-aligned rectangle from (x0, y0) to (x1, y1).
func (c *canvas) rect(x0, y0, x1, y1 float64, col color.NRGBA) {
	c.fillPolygon([]pt{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}, col)
}

// ellipse fills an ellipse centred on (cx, cy).
func (c *canvas) ellipse(cx, cy, rx, ry float64, col color.NRGBA) {
	c.fillPolygon(ellipsePts(cx, cy, rx, ry), col)
}

// circle fills a circle centred on (cx, cy).
func (c *canvas) circle(cx, cy, r float64, col color.NRGBA) { c.ellipse(cx, cy, r, r, col) }

// ellipsePts returns an ellipse as a polygon fine enough to look round.
func ellipsePts(cx, cy, rx, ry float64) []pt {
	n := min(max(int(math.Max(rx, ry)*0.9), 16), 360)
	return arcPts(cx, cy, rx, ry, 0, 2*math.Pi, n)
}

// arcPts returns n+1 points on an elliptic arc from angle a0 to a1 (radians,
// clockwise on screen since y grows downwards).
func arcPts(cx, cy, rx, ry, a0, a1 float64, n int) []pt {
	out := make([]pt, 0, n+1)
	for i := 0; i <= n; i++ {
		a := a0 + (a1-a0)*float64(i)/float64(n)
		out = append(out, pt{cx + rx*math.Cos(a), cy + ry*math.Sin(a)})
	}
	return out
}

// line draws a straight stroke of width w with square ends.
func (c *canvas) line(x0, y0, x1, y1, w float64, col color.NRGBA) {
	dx, dy := x1-x0, y1-y0
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	nx, ny := -dy/l*w/2, dx/l*w/2
	c.fillPolygon([]pt{{x0 + nx, y0 + ny}, {x1 + nx, y1 + ny}, {x1 - nx, y1 - ny}, {x0 - nx, y0 - ny}}, col)
}

// polyline strokes connected segments with round joins. Translucent colours
// darken at the joins, so strokes are meant to be opaque.
func (c *canvas) polyline(pts []pt, w float64, col color.NRGBA) {
	for i := 0; i+1 < len(pts); i++ {
		c.line(pts[i].X, pts[i].Y, pts[i+1].X, pts[i+1].Y, w, col)
		if i > 0 {
			c.circle(pts[i].X, pts[i].Y, w/2, col)
		}
	}
}

// glow adds a soft round light whose opacity falls from col.A at the centre
// to nothing at radius r.
func (c *canvas) glow(cx, cy, r float64, col color.NRGBA) { c.glowEllipse(cx, cy, r, r, col) }

// glowEllipse is glow stretched to radii rx and ry, for pools of light seen
// at an angle.
func (c *canvas) glowEllipse(cx, cy, rx, ry float64, col color.NRGBA) {
	x0, x1 := max(int(cx-rx), 0), min(int(cx+rx)+1, c.w)
	y0, y1 := max(int(cy-ry), 0), min(int(cy+ry)+1, c.h)
	for y := y0; y < y1; y++ {
		dy := (float64(y) + 0.5 - cy) / ry
		for x := x0; x < x1; x++ {
			dx := (float64(x) + 0.5 - cx) / rx
			if d := dx*dx + dy*dy; d < 1 {
				f := 1 - math.Sqrt(d)
				c.blend(x, y, col, f*f)
			}
		}
	}
}
