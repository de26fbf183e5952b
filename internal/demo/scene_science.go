package demo

import (
	"image/color"
	"math"
	"math/rand/v2"
)

// rectPts returns the corners of an axis-aligned rectangle, for shapes that
// are rotated afterwards.
func rectPts(x0, y0, x1, y1 float64) []pt { return []pt{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}} }

// drawLab is a laboratory bench with flasks, beakers and a rack of test
// tubes against a tiled wall.
func drawLab(c *canvas, r *rand.Rand) {
	c.gradient(0, 470, hex("#e3edf1"), hex("#c6d7df"))
	c.glow(150, 40, 500, alpha(hex("#ffffff"), 110))
	for y := 40.0; y < 470; y += 48 {
		c.rect(0, y, imageWidth, y+1, alpha(hex("#9fb4be"), 60))
	}
	for x := 30.0; x < imageWidth; x += 64 {
		c.rect(x, 0, x+1, 470, alpha(hex("#9fb4be"), 45))
	}
	c.rect(0, 176, 940, 188, hex("#8d9ea8"))
	glass := []color.NRGBA{hex("#7a4a2a"), hex("#2e5a7a"), hex("#f1f1ee"), hex("#3f6e4f")}
	for x := 40.0; x < 900; x += between(r, 44, 70) {
		h, w := between(r, 50, 95), between(r, 24, 36)
		col := pick(r, glass)
		c.rect(x, 176-h, x+w, 176, col)
		c.rect(x+w*0.3, 176-h-12, x+w*0.7, 176-h, col)
		c.rect(x+w*0.25, 176-h-20, x+w*0.75, 176-h-10, hex("#37474f"))
		c.rect(x+4, 176-h*0.6, x+w-4, 176-h*0.25, alpha(hex("#ffffff"), 150))
	}
	c.circle(1070, 100, 46, hex("#37474f"))
	c.circle(1070, 100, 40, hex("#fbfbf8"))
	c.line(1070, 100, 1070, 70, 4, hex("#37474f"))
	c.line(1070, 100, 1092, 112, 4, hex("#37474f"))

	c.rect(0, 470, imageWidth, 492, hex("#37474f"))
	c.gradient(492, imageHeight, hex("#5d7582"), hex("#4a606c"))
	for x := 0.0; x < imageWidth; x += 300 {
		c.rect(x, 492, x+3, imageHeight, hex("#3f535e"))
		c.rect(x+130, 520, x+170, 528, hex("#c9d3d8"))
	}

	edge, pane := hex("#8fb0bf"), alpha(hex("#ffffff"), 90)
	// Erlenmeyer flask.
	flask := []pt{{240, 250}, {280, 250}, {280, 310}, {350, 462}, {344, 470}, {176, 470}, {170, 462}, {240, 310}}
	c.fillPolygon(flask, pane)
	half := func(y float64) float64 { return 20 + 70*(y-310)/152 }
	c.fillPolygon([]pt{{260 - half(385), 385}, {260 + half(385), 385}, {350, 462}, {344, 470}, {176, 470}, {170, 462}}, alpha(hex("#1fb5a6"), 220))
	c.polyline(append(flask, flask[0]), 3, edge)
	c.rect(234, 244, 286, 252, edge)
	// Round-bottom flask on a stand.
	c.rect(620, 462, 760, 470, hex("#455a64"))
	c.rect(700, 150, 708, 462, hex("#607d8b"))
	c.rect(575, 236, 704, 244, hex("#607d8b"))
	c.circle(560, 360, 82, pane)
	lvl := math.Asin(0.15)
	c.fillPolygon(arcPts(560, 360, 82, 82, lvl, math.Pi-lvl, 48), alpha(hex("#f4a261"), 225))
	c.polyline(ellipsePts(560, 360, 82, 82), 3, edge)
	c.rect(540, 200, 580, 282, pane)
	c.rect(538, 200, 542, 282, edge)
	c.rect(578, 200, 582, 282, edge)
	for range 9 {
		c.circle(between(r, 510, 610), between(r, 380, 430), between(r, 3, 7), alpha(hex("#ffffff"), 150))
	}
	// Beakers.
	for i, col := range []color.NRGBA{hex("#9b5de5"), hex("#e76f51")} {
		x := 830 + float64(i)*110
		c.rect(x-42, 330, x+42, 470, pane)
		c.rect(x-40, 470-between(r, 50, 100), x+40, 468, alpha(col, 215))
		c.polyline([]pt{{x - 50, 322}, {x - 42, 330}, {x - 42, 470}, {x + 42, 470}, {x + 42, 326}}, 3, edge)
		for y := 350.0; y < 460; y += 20 {
			c.rect(x+18, y, x+38, y+2, edge)
		}
	}
	// Test tube rack.
	c.rect(1010, 420, 1170, 432, hex("#b0855a"))
	c.rect(1010, 458, 1170, 470, hex("#b0855a"))
	c.rect(1014, 420, 1022, 470, hex("#8a6440"))
	c.rect(1158, 420, 1166, 470, hex("#8a6440"))
	tubes := []color.NRGBA{hex("#1fb5a6"), hex("#f4a261"), hex("#e76f51"), hex("#9b5de5"), hex("#4caf50")}
	for i, col := range tubes {
		x := 1040 + float64(i)*25
		c.rect(x-8, 330, x+8, 452, pane)
		c.rect(x-8, 452-between(r, 30, 80), x+8, 452, alpha(col, 225))
		c.circle(x, 452, 8, alpha(col, 225))
		c.rect(x-10, 326, x+10, 332, edge)
	}
}

// drawOrbit is a small satellite high above the curve of the Earth, the
// thin blue line of the atmosphere along the limb.
func drawOrbit(c *canvas, r *rand.Rand) {
	c.gradient(0, imageHeight, hex("#02040c"), hex("#081231"), hex("#112556"))
	drawStars(c, r, 260, imageHeight)
	const cx, cy, rad = 600.0, 1560.0, 1100.0
	c.ringGlow(cx, cy, rad, 70, alpha(hex("#7cc8ff"), 200))
	earth := ellipsePts(cx, cy, rad, rad)
	c.fillShaded(earth, rowRamp(cy-rad, imageHeight, hex("#3f8fd6"), hex("#1c5596"), hex("#0f3466")))
	top := func(x float64) float64 {
		dx := min(math.Abs(x-cx), rad)
		return cy - math.Sqrt(rad*rad-dx*dx)
	}
	land := []color.NRGBA{hex("#5f8f4e"), hex("#8a8a52"), hex("#4d7a45")}
	for range 9 {
		x := between(r, 0, imageWidth)
		y := between(r, top(x)+70, imageHeight+30)
		sq := min((y-top(x))/180, 1)
		col := pick(r, land)
		for range 5 {
			rx := between(r, 30, 80)
			px := x + between(r, -70, 70)
			py := max(y+between(r, -15, 15)*sq, max(top(px-rx), top(px+rx))+30)
			c.ellipse(px, py, rx, between(r, 10, 30)*sq, col)
		}
	}
	for range 40 {
		rx := between(r, 50, 160)
		x := between(r, 0, imageWidth)
		edge := max(top(x-rx), top(x+rx))
		y := between(r, edge+14, imageHeight+20)
		sq := min((y-edge)/200, 1)
		c.ellipse(x, y, rx, between(r, 4, 16)*sq+2, alpha(hex("#ffffff"), uint8(between(r, 120, 210))))
	}

	const sx, sy, tilt = 760.0, 220.0, -0.35
	body := []struct {
		pts []pt
		col color.NRGBA
	}{
		{rectPts(sx-200, sy-4, sx+200, sy+4), hex("#9aa3ad")},
		{rectPts(sx-195, sy-30, sx-55, sy+30), hex("#1f3b73")},
		{rectPts(sx+55, sy-30, sx+195, sy+30), hex("#1f3b73")},
		{rectPts(sx-34, sy-32, sx+34, sy+32), hex("#d9a441")},
		{rectPts(sx-34, sy-32, sx+34, sy-20), hex("#b7862e")},
		{rectPts(sx-3, sy+32, sx+3, sy+62), hex("#c8ced4")},
	}
	for _, b := range body {
		c.fillPolygon(rotate(b.pts, sx, sy, tilt), b.col)
	}
	for _, x0 := range []float64{sx - 195, sx + 55} {
		for k := 1; k < 4; k++ {
			x := x0 + float64(k)*35
			c.fillPolygon(rotate(rectPts(x-1, sy-30, x+1, sy+30), sx, sy, tilt), hex("#3c64a8"))
		}
		c.fillPolygon(rotate(rectPts(x0, sy-1, x0+140, sy+1), sx, sy, tilt), hex("#3c64a8"))
	}
	c.fillPolygon(rotate(ellipsePts(sx, sy+70, 26, 10), sx, sy, tilt), hex("#e8ecef"))
}

// ringGlow lights a band of width w just outside the circle of radius rad,
// fading outwards: an atmosphere seen edge-on.
func (c *canvas) ringGlow(cx, cy, rad, w float64, col color.NRGBA) {
	for y := range c.h {
		dy := float64(y) + 0.5 - cy
		if math.Abs(dy) > rad+w {
			continue
		}
		for x := range c.w {
			dx := float64(x) + 0.5 - cx
			d := math.Sqrt(dx*dx+dy*dy) - rad
			if d >= -2 && d < w {
				f := 1 - max(d, 0)/w
				c.blend(x, y, col, f*f*f)
			}
		}
	}
}
