package demo

import (
	"image/color"
	"math"
	"math/rand/v2"
)

// drawStars sprinkles n stars of varied brightness above row bottom.
func drawStars(c *canvas, r *rand.Rand, n int, bottom float64) {
	for range n {
		x, y := between(r, 0, imageWidth), between(r, 0, bottom)
		c.circle(x, y, between(r, 0.6, 1.7), alpha(hex("#ffffff"), uint8(between(r, 90, 230))))
	}
}

// drawCityNight is a waterfront skyline at night, windows lit at random and
// mirrored in the river.
func drawCityNight(c *canvas, r *rand.Rand) {
	const shore = 545.0
	c.gradient(0, int(shore), hex("#070b1f"), hex("#141b45"), hex("#2e2f6b"), hex("#6a4a7c"))
	drawStars(c, r, 160, 330)
	c.glow(1000, 110, 110, alpha(hex("#dfe6ff"), 70))
	c.circle(1000, 110, 32, hex("#f3efd9"))
	c.circle(990, 100, 6, hex("#e2dcc0"))
	c.circle(1012, 122, 4, hex("#e2dcc0"))
	c.gradient(int(shore), imageHeight, hex("#1c1c44"), hex("#0c0f26"))

	lit := []color.NRGBA{hex("#ffd27a"), hex("#ffe6a8"), hex("#ffc36b"), hex("#a9d8ff")}
	layers := []struct {
		lo, hi    float64
		col       color.NRGBA
		litChance float64
	}{
		{140, 330, hex("#262a5a"), 0.18},
		{80, 300, hex("#161838"), 0.35},
	}
	for _, l := range layers {
		for x := between(r, -40, 0); x < imageWidth; {
			w := between(r, 50, 110)
			h := between(r, l.lo, l.hi)
			if r.IntN(5) == 0 {
				h *= 1.4
			}
			drawTower(c, r, x, shore, w, h, l.col, lit, l.litChance)
			x += w + between(r, -10, 6)
		}
	}
	c.rect(0, shore-4, imageWidth, shore+4, hex("#0d0f24"))
	for range 140 {
		x := between(r, 0, imageWidth)
		y := between(r, shore+8, imageHeight)
		l := between(r, 10, 50) * (y - shore) / 130
		c.rect(x, y, x+l, y+2, alpha(pick(r, lit), uint8(between(r, 40, 130))))
	}
}

// drawTower draws one building on the skyline with a grid of windows, some
// lit, and sometimes a mast with a red warning light.
func drawTower(c *canvas, r *rand.Rand, x, base, w, h float64, col color.NRGBA, lit []color.NRGBA, chance float64) {
	top := base - h
	c.rect(x, top, x+w, base, col)
	if r.IntN(3) == 0 {
		c.rect(x+w*0.2, top-18, x+w*0.8, top, col)
		top -= 18
	}
	if r.IntN(4) == 0 {
		c.rect(x+w/2-1, top-40, x+w/2+1, top, col)
		c.glow(x+w/2, top-40, 10, alpha(hex("#ff4d4d"), 220))
	}
	const ww, wh = 7.0, 10.0
	cols := int((w - 12) / 14)
	off := (w - float64(cols)*14) / 2
	warm := pick(r, lit)
	for y := base - h + 14; y < base-12; y += 22 {
		for k := range cols {
			if r.Float64() < chance {
				wx := x + off + float64(k)*14 + 3.5
				col := warm
				if r.IntN(6) == 0 {
					col = pick(r, lit)
				}
				c.rect(wx, y, wx+ww, y+wh, col)
			}
		}
	}
}

// drawLanterns is a lantern festival on a river at night: paper lanterns
// rising over an arched stone bridge and floating on the water.
func drawLanterns(c *canvas, r *rand.Rand) {
	const water = 500.0
	c.gradient(0, int(water), hex("#0b1430"), hex("#1d2550"), hex("#4a3a66"), hex("#8a5a6a"))
	drawStars(c, r, 90, 280)
	hills := newWave(r, 410, 25, 900)
	c.fillPolygon(hills.band(imageWidth, water), hex("#2a2546"))
	for x := 20.0; x < imageWidth; x += between(r, 25, 70) {
		y := hills.at(x) + between(r, 8, 30)
		c.rect(x, y, x+5, y+5, alpha(hex("#ffcf7a"), 200))
	}
	c.gradient(int(water), imageHeight, hex("#3a2f55"), hex("#1a1a3a"), hex("#0b0d22"))
	bridge := hex("#15132b")
	drawBridge(c, water, 380, bridge)
	drawBridge(c, water, water+(water-380)*0.8, alpha(bridge, 60))

	warm := []color.NRGBA{hex("#ffb347"), hex("#ffc766"), hex("#ff9e4a")}
	for range 60 {
		x, y := between(r, 0, imageWidth), between(r, 20, 330)
		s := 0.35 + 0.9*(y/330)*(y/330)
		drawLantern(c, x, y, s*between(r, 0.8, 1.2), pick(r, warm))
	}
	for range 34 {
		y := between(r, water+30, imageHeight-10)
		x, s := between(r, 0, imageWidth), 0.3+(y-water)/170
		col := pick(r, warm)
		for k := range 6 {
			ry := y + 10*s + float64(k)*6*s
			c.rect(x-5*s, ry, x+5*s, ry+2*s, alpha(col, uint8(100-k*15)))
		}
		drawLantern(c, x, y, s*0.8, col)
	}
}

// drawLantern draws one glowing paper lantern centred on (x, y).
func drawLantern(c *canvas, x, y, s float64, col color.NRGBA) {
	c.glow(x, y, 34*s, alpha(col, 120))
	c.fillPolygon([]pt{{x - 7*s, y - 10*s}, {x + 7*s, y - 10*s}, {x + 9*s, y + 8*s}, {x - 9*s, y + 8*s}}, col)
	c.rect(x-9*s, y+6*s, x+9*s, y+9*s, mix(col, hex("#7a3b1a"), 0.5))
	c.ellipse(x, y, 4*s, 6*s, alpha(hex("#fff3c4"), 200))
}

// drawBridge draws a stone bridge of four arches standing in the water at
// row water with its deck at row deck; a deck below the water draws the
// bridge's reflection.
func drawBridge(c *canvas, water, deck float64, col color.NRGBA) {
	dir := math.Copysign(1, water-deck)
	h := math.Abs(water - deck)
	paths := [][]pt{{{-10, deck}, {imageWidth + 10, deck}, {imageWidth + 10, water}, {-10, water}}}
	for _, cx := range []float64{150, 450, 750, 1050} {
		paths = append(paths, arcPts(cx, water, 125, dir*h*0.7, math.Pi, 2*math.Pi, 64))
	}
	c.fillPaths(paths, func(int) color.NRGBA { return col })
	c.rect(-10, deck-dir*10, imageWidth+10, deck, mix(col, hex("#3a3358"), 0.5))
	for x := 10.0; x < imageWidth; x += 50 {
		c.rect(x, deck-dir*30, x+6, deck-dir*10, col)
	}
	c.rect(-10, deck-dir*34, imageWidth+10, deck-dir*28, col)
}
