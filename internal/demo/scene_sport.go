package demo

import (
	"image/color"
	"math"
	"math/rand/v2"
)

// drawStadium is a football ground at dusk seen from high in the stands,
// the crowd in and the floodlights on.
func drawStadium(c *canvas, r *rand.Rand) {
	c.gradient(0, imageHeight, hex("#0d1b36"), hex("#23406b"), hex("#6c88b0"), hex("#8aa3c4"))
	for _, x := range []float64{130, 420, 780, 1070} {
		c.rect(x-4, 70, x+4, 260, hex("#1c2136"))
		c.glow(x, 80, 200, alpha(hex("#f4f7ff"), 90))
		c.rect(x-34, 62, x+34, 96, hex("#2a3050"))
		for k := range 4 {
			for j := range 2 {
				c.rect(x-30+float64(k)*16, 66+float64(j)*15, x-18+float64(k)*16, 77+float64(j)*15, hex("#fbfdff"))
			}
		}
	}
	c.ellipse(600, 600, 780, 360, hex("#1d2033"))
	for i := range 120 {
		a := math.Pi + math.Pi*float64(i)/119
		c.circle(600+770*math.Cos(a), 600+350*math.Sin(a), 2.2, alpha(hex("#fff6d8"), 200))
	}
	c.ellipse(600, 600, 730, 320, hex("#30364f"))
	crowd := []color.NRGBA{hex("#f1f1f1"), hex("#f2c14e"), hex("#5b7bd5"), hex("#8a8fa8")}
	for d := 0.725; d < 0.99; d += 0.0125 {
		rx, ry := 730*d, 320*d
		step := 5.5 / rx
		for a := math.Pi * 0.98; a < math.Pi*2.02; a += step {
			if r.IntN(7) == 0 {
				continue
			}
			col := hex("#d64545")
			if int(a*7)%3 == 1 {
				col = hex("#e9e9f0")
			}
			if r.IntN(4) == 0 {
				col = pick(r, crowd)
			}
			x, y := 600+rx*math.Cos(a), 600+ry*math.Sin(a)
			c.rect(x, y, x+3.4, y+3.6, alpha(col, 210))
		}
	}
	for _, d := range []float64{0.78, 0.86, 0.94} {
		c.polyline(arcPts(600, 600, 730*d, 320*d, math.Pi, 2*math.Pi, 120), 2, hex("#262a40"))
	}
	c.ellipse(600, 600, 530, 225, hex("#2f7a48"))
	tl, tr, br, bl := pt{330, 405}, pt{870, 405}, pt{1040, 650}, pt{160, 650}
	const bands = 12
	for k := range bands {
		t0, t1 := persp(float64(k)/bands), persp(float64(k+1)/bands)
		col := hex("#46a05a")
		if k%2 == 1 {
			col = hex("#3d924f")
		}
		c.fillPolygon([]pt{lerp(tl, bl, t0), lerp(tr, br, t0), lerp(tr, br, t1), lerp(tl, bl, t1)}, col)
	}
	white := alpha(hex("#ffffff"), 230)
	c.polyline([]pt{tl, tr, br, bl, tl}, 2.5, white)
	mid := persp(0.5)
	c.line(600, 405, 600, 650, 2.5, white)
	center := lerp(pt{600, 405}, pt{600, 650}, mid)
	c.polyline(ellipsePts(center.X, center.Y, 78, 36), 2.5, white)
	for _, side := range []float64{-1, 1} {
		a0, a1 := persp(0.25), persp(0.75)
		edgeTop, edgeBot := lerp(pt{600 + side*270, 405}, pt{600 + side*440, 650}, a0), lerp(pt{600 + side*270, 405}, pt{600 + side*440, 650}, a1)
		in := 110.0
		c.polyline([]pt{edgeTop, {edgeTop.X - side*in, edgeTop.Y}, {edgeBot.X - side*in*1.15, edgeBot.Y}, edgeBot}, 2.5, white)
	}
	for i := range 22 {
		col := hex("#d64545")
		if i >= 11 {
			col = hex("#f4f4f4")
		}
		t := between(r, 0.08, 0.92)
		row := lerp(lerp(tl, bl, t), lerp(tr, br, t), between(r, 0.08, 0.92))
		s := 0.8 + t*0.6
		c.ellipse(row.X+2, row.Y+4*s, 5*s, 2*s, alpha(hex("#000000"), 60))
		c.rect(row.X-2.5*s, row.Y-9*s, row.X+2.5*s, row.Y+3*s, col)
		c.circle(row.X, row.Y-11*s, 2.4*s, hex("#2b1d14"))
	}
}

// persp maps an even step t in [0, 1] from the far touchline to the near one
// to where it appears on screen: far rows look thinner.
func persp(t float64) float64 { return t * (0.6 + 0.4*t) }

// lerp returns the point a fraction t of the way from a to b.
func lerp(a, b pt, t float64) pt { return pt{a.X + (b.X-a.X)*t, a.Y + (b.Y-a.Y)*t} }

// drawTrophy is a gold cup on a plinth under two spotlights, confetti falling.
func drawTrophy(c *canvas, r *rand.Rand) {
	c.gradient(0, 600, hex("#0c141f"), hex("#18263a"), hex("#22344a"))
	c.gradient(600, imageHeight, hex("#1a2636"), hex("#111a25"))
	beam := func(y int) color.NRGBA { return alpha(hex("#fff3d0"), uint8(10+40*float64(y)/imageHeight)) }
	c.fillShaded([]pt{{270, 0}, {330, 0}, {790, imageHeight}, {480, imageHeight}}, beam)
	c.fillShaded([]pt{{870, 0}, {930, 0}, {720, imageHeight}, {410, imageHeight}}, beam)
	c.glowEllipse(600, 615, 420, 90, alpha(hex("#fff3d0"), 90))
	c.glow(600, 280, 330, alpha(hex("#ffd97a"), 50))

	gold, light, dark := hex("#e2b53e"), hex("#f8e49a"), hex("#a87d22")
	hw := func(y float64) float64 { return 16 + 110*math.Sqrt(max(0, 1-math.Pow((y-170)/190, 2))) }
	band := func(t0, t1 float64) []pt {
		var left, right []pt
		for y := 170.0; y <= 360; y += 4 {
			left = append(left, pt{600 + t0*hw(y), y})
			right = append([]pt{{600 + t1*hw(y), y}}, right...)
		}
		return append(left, right...)
	}
	for _, side := range []float64{-1, 1} {
		arc := arcPts(600+side*118, 240, 52, 58, -math.Pi/2, math.Pi/2, 40)
		if side < 0 {
			arc = arcPts(600+side*118, 240, 52, 58, math.Pi/2, 1.5*math.Pi, 40)
		}
		c.fillPolygon(ribbon(arc, func(float64) float64 { return 8 }), dark)
	}
	c.fillPolygon(band(-1, 1), gold)
	c.fillPolygon(band(0.4, 1), dark)
	c.fillPolygon(band(-0.65, -0.35), alpha(light, 200))
	c.ellipse(600, 170, 126, 22, light)
	c.ellipse(600, 172, 114, 16, hex("#6e5214"))
	c.rect(586, 355, 614, 430, gold)
	c.rect(602, 355, 614, 430, dark)
	c.ellipse(600, 392, 26, 10, light)
	c.fillPolygon([]pt{{560, 425}, {640, 425}, {670, 472}, {530, 472}}, gold)
	c.fillPolygon([]pt{{600, 425}, {640, 425}, {670, 472}, {600, 472}}, dark)
	c.rect(470, 472, 730, 610, hex("#2d2118"))
	c.rect(462, 466, 738, 480, hex("#45321f"))
	c.rect(560, 520, 640, 552, gold)

	confetti := []color.NRGBA{hex("#e2b53e"), hex("#f4f4f4"), hex("#2a9d8f"), hex("#e76f51"), hex("#8ab6f9")}
	for range 110 {
		x, y := between(r, 0, imageWidth), between(r, 0, imageHeight-80)
		if x > 420 && x < 780 && y > 130 && y < 620 {
			continue
		}
		w, h := between(r, 4, 9), between(r, 2.5, 5)
		p := rotate([]pt{{x - w, y - h}, {x + w, y - h}, {x + w, y + h}, {x - w, y + h}}, x, y, between(r, 0, math.Pi))
		c.fillPolygon(p, alpha(pick(r, confetti), 220))
	}
}
