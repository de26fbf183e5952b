package demo

import (
	"image/color"
	"math/rand/v2"
)

// drawHarbour is a container port at dusk: a low sun behind the town, gantry
// cranes on the quay and a loaded ship at the berth.
func drawHarbour(c *canvas, r *rand.Rand) {
	const horizon = 440.0
	c.gradient(0, horizon, hex("#1c2541"), hex("#3a3f6b"), hex("#7d5a80"), hex("#d97b66"), hex("#f4b67c"))
	c.glow(860, horizon-70, 340, alpha(hex("#ffc98b"), 120))
	c.circle(860, horizon-70, 42, hex("#ffe6b8"))

	far := hex("#6a4f72")
	for x := -10.0; x < imageWidth; {
		w, h := between(r, 16, 48), between(r, 10, 55)
		if r.IntN(7) == 0 {
			h += between(r, 30, 70)
		}
		c.rect(x, horizon-h, x+w+0.5, horizon+1, far)
		x += w
	}

	c.gradient(int(horizon), imageHeight, hex("#5d4a6b"), hex("#2c2b4f"), hex("#141833"))
	for i := range 40 {
		f := float64(i) / 40
		y := horizon + 3 + f*170 + r.Float64()*3
		half := (1 - f*0.8) * between(r, 20, 80)
		c.rect(860-half, y, 860+half, y+2, alpha(hex("#ffd49a"), uint8(170*(1-f))))
	}
	for range 90 {
		x, y := between(r, 0, imageWidth), between(r, horizon+30, imageHeight)
		c.rect(x, y, x+between(r, 20, 90), y+1.5, alpha(hex("#8d7fb0"), 50))
	}

	quay := hex("#211d37")
	c.fillPolygon([]pt{{-5, 468}, {690, 468}, {700, 478}, {700, 512}, {-5, 512}}, quay)
	c.rect(-5, 466, 690, 470, hex("#3b3356"))
	drawContainers(c, r, 10, 650, 466, 3, 0.55)

	dark := hex("#1d1934")
	drawShip(c, r, dark)
	for _, x := range []float64{130, 360, 590} {
		drawCrane(c, x, 468, dark)
	}
	for _, x := range []float64{40, 250, 480, 680} {
		c.rect(x-1.5, 430, x+1.5, 468, dark)
		c.glow(x, 430, 26, alpha(hex("#ffd88a"), 200))
		for i := range 12 {
			y := 515 + float64(i)*9
			c.rect(x-3+r.Float64()*2, y, x+3+r.Float64()*2, y+3, alpha(hex("#ffd88a"), uint8(110-i*8)))
		}
	}
}

// drawContainers stacks muted containers along a quay or deck between x0 and
// x1 standing on row base, at most high boxes tall.
func drawContainers(c *canvas, r *rand.Rand, x0, x1, base float64, high int, dusk float64) {
	colours := []color.NRGBA{hex("#b5523b"), hex("#3d6e8f"), hex("#d9a441"), hex("#5c8a6b"), hex("#8c4a5f"), hex("#c7c1b3")}
	shade := hex("#2a2545")
	const bw, bh = 44.0, 15.0
	for x := x0; x+bw <= x1; x += bw + 2 {
		for k := range 1 + r.IntN(high) {
			y := base - float64(k+1)*(bh+1)
			col := mix(pick(r, colours), shade, dusk)
			c.rect(x, y, x+bw, y+bh, col)
			c.rect(x, y+bh-3, x+bw, y+bh, mix(col, shade, 0.5))
		}
	}
}

// drawCrane draws a ship-to-shore gantry crane standing on row base at x,
// its boom reaching out over the water to the right.
func drawCrane(c *canvas, x, base float64, col color.NRGBA) {
	top := base - 225
	c.rect(x-44, top, x-36, base, col)
	c.rect(x+36, top, x+44, base, col)
	c.rect(x-44, base-150, x+44, base-144, col)
	c.line(x-40, base-144, x+40, top+6, 4, col)
	c.rect(x-70, top-9, x+155, top, col)
	c.rect(x-8, top-80, x+8, top, col)
	c.line(x, top-78, x+155, top-6, 3, col)
	c.line(x, top-78, x+80, top-6, 3, col)
	c.line(x, top-78, x-70, top-6, 3, col)
	c.rect(x+110, top, x+132, top+10, col)
	c.line(x+121, top+10, x+121, top+120, 1.5, col)
	c.rect(x+106, top+120, x+136, top+126, col)
	c.glow(x, top-82, 18, alpha(hex("#ff6b5a"), 230))
	c.circle(x, top-82, 3, hex("#ff8a7a"))
}

// drawShip draws a loaded container ship moored to the right of the quay.
func drawShip(c *canvas, r *rand.Rand, col color.NRGBA) {
	c.fillPolygon([]pt{{705, 462}, {1190, 466}, {1176, 510}, {742, 510}}, col)
	c.fillPolygon([]pt{{712, 492}, {1185, 494}, {1179, 510}, {738, 510}}, hex("#5a2a3a"))
	drawContainers(c, r, 760, 1090, 464, 3, 0.5)
	c.rect(1098, 392, 1160, 464, col)
	c.rect(1092, 392, 1166, 400, col)
	c.rect(1140, 366, 1150, 392, col)
	for y := 408.0; y < 456; y += 14 {
		for x := 1104.0; x < 1154; x += 12 {
			if r.IntN(3) > 0 {
				c.rect(x, y, x+6, y+5, hex("#f7d48a"))
			}
		}
	}
}
