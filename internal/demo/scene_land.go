package demo

import (
	"image/color"
	"math"
	"math/rand/v2"
)

// drawWindFarm is rolling farmland under a spring sky, with turbines along
// the two far ridges.
func drawWindFarm(c *canvas, r *rand.Rand) {
	c.gradient(0, imageHeight, hex("#5d9bd1"), hex("#9cc7e6"), hex("#dcebef"), hex("#eef0dc"))
	for _, p := range []pt{{180, 110}, {620, 70}, {1010, 150}} {
		drawCloud(c, r, p.X, p.Y, 1)
	}
	layers := []struct {
		base, amp, span float64
		top, bottom     color.NRGBA
		turbines        float64 // turbine scale, 0 for none
	}{
		{330, 30, 1100, hex("#a9c8a6"), hex("#9dbd93"), 0.45},
		{420, 45, 1300, hex("#86b274"), hex("#6f9d5c"), 0.85},
		{520, 40, 1500, hex("#6a9f55"), hex("#4f8440"), 0},
		{615, 30, 1700, hex("#4e8a3e"), hex("#3b6e30"), 0},
	}
	for i, l := range layers {
		w := newWave(r, l.base, l.amp, l.span)
		c.fillShaded(w.band(imageWidth, imageHeight), rowRamp(l.base-l.amp, l.base+120, l.top, l.bottom))
		if i >= 2 {
			drawTrees(c, r, w, float64(i-1))
		}
		if l.turbines == 0 {
			continue
		}
		for x := between(r, 30, 90); x < imageWidth; x += between(r, 260, 360) * l.turbines {
			s := l.turbines * between(r, 0.9, 1.1)
			drawTurbine(c, x, w.at(x)+4, s, between(r, 0, 2*math.Pi/3), mix(hex("#f7f9fa"), hex("#b6cde0"), 0.5-l.turbines*0.5))
		}
	}
}

// drawCloud draws a flat-bottomed cumulus cloud centred on (x, y).
func drawCloud(c *canvas, r *rand.Rand, x, y, s float64) {
	white := alpha(hex("#ffffff"), 235)
	for i := range 6 {
		dx := (float64(i) - 2.5) * 34 * s
		ry := between(r, 22, 42) * s * (1 - math.Abs(dx)/(160*s))
		c.ellipse(x+dx, y-ry*0.4, between(r, 40, 55)*s, ry, white)
	}
	c.ellipse(x, y, 115*s, 14*s, white)
}

// drawTrees dots single round trees over the hill under wave w, s times
// the size of the nearest ones.
func drawTrees(c *canvas, r *rand.Rand, w wave, s float64) {
	greens := []color.NRGBA{hex("#2f5f2a"), hex("#3a6d30"), hex("#2a5426")}
	for x := between(r, 0, 80); x < imageWidth; x += between(r, 40, 200) * s {
		y := w.at(x) + between(r, 15, 60)*s
		rad := between(r, 8, 13) * s
		c.rect(x-1.5*s, y-rad, x+1.5*s, y+rad*0.9, hex("#4a3b2a"))
		c.circle(x, y-rad, rad, pick(r, greens))
		c.rect(x-rad*1.1, y+rad*0.9-2*s, x+rad*1.1, y+rad*0.9, alpha(hex("#1f3f1c"), 90))
	}
}

// drawTurbine draws a three-bladed wind turbine standing at (x, y), s times
// the size of a near one, its rotor turned by angle a.
func drawTurbine(c *canvas, x, y, s, a float64, col color.NRGBA) {
	shade := mix(col, hex("#8ea3b4"), 0.35)
	hy := y - 175*s
	c.fillPolygon([]pt{{x - 5*s, y}, {x + 5*s, y}, {x + 2.5*s, hy}, {x - 2.5*s, hy}}, col)
	c.fillPolygon([]pt{{x, y}, {x + 5*s, y}, {x + 2.5*s, hy}, {x, hy}}, shade)
	c.rect(x-5*s, hy-6*s, x+14*s, hy+6*s, col)
	for k := range 3 {
		blade := []pt{{x - 3*s, hy}, {x - 1*s, hy - 20*s}, {x - 0.5*s, hy - 100*s}, {x + 1.5*s, hy - 100*s}, {x + 6*s, hy - 16*s}, {x + 3*s, hy}}
		c.fillPolygon(rotate(blade, x, hy, a+float64(k)*2*math.Pi/3), col)
	}
	c.circle(x, hy, 5*s, shade)
}

// drawMountains is a snow-capped range in morning light behind a pine forest.
func drawMountains(c *canvas, r *rand.Rand) {
	c.gradient(0, imageHeight, hex("#4f7fb8"), hex("#9dbfe0"), hex("#eadbd0"), hex("#f3e6da"))
	c.glow(930, 150, 280, alpha(hex("#fff4dc"), 130))
	c.circle(930, 150, 30, hex("#fffaf0"))
	ranges := []struct {
		base, amp float64
		peaks     int
		col       color.NRGBA
	}{
		{330, 210, 4, hex("#b4c4dc")},
		{420, 250, 3, hex("#7f96b9")},
		{500, 200, 4, hex("#4f6386")},
	}
	for _, m := range ranges {
		ridge := peaks(r, m.base, m.amp, m.peaks)
		c.fillPolygon(append(ridge, pt{imageWidth, imageHeight}, pt{0, imageHeight}), m.col)
		drawSnow(c, ridge, m.base-m.amp*0.6, mix(hex("#ffffff"), m.col, 0.1))
	}
	forest := newWave(r, 590, 22, 900)
	c.fillPolygon(forest.band(imageWidth, imageHeight), hex("#24423a"))
	for x := -10.0; x < imageWidth+20; x += between(r, 9, 22) {
		h := between(r, 40, 110)
		drawPine(c, x, forest.at(x)+between(r, 5, 40), h, pick(r, []color.NRGBA{hex("#1e3a33"), hex("#23443a"), hex("#1a332d")}))
	}
}

// drawSnow caps every stretch of ridge that rises above row line.
func drawSnow(c *canvas, ridge []pt, line float64, col color.NRGBA) {
	snowAt := func(x float64) float64 { return line + 9*math.Sin(x/13) + 5*math.Sin(x/4.1+1) + 7*math.Sin(x/37) }
	var run []pt
	flush := func() {
		if len(run) > 1 {
			poly := append([]pt(nil), run...)
			for i := len(run) - 1; i >= 0; i-- {
				poly = append(poly, pt{run[i].X, snowAt(run[i].X)})
			}
			c.fillPolygon(poly, col)
		}
		run = run[:0]
	}
	for _, p := range ridge {
		if p.Y < snowAt(p.X) {
			run = append(run, p)
		} else {
			flush()
		}
	}
	flush()
}

// peaks returns a mountain ridge across the picture: n distinct summits up
// to amp above row base, roughened by midpoint displacement.
func peaks(r *rand.Rand, base, amp float64, n int) []pt {
	type summit struct{ x, h, slope float64 }
	var ss []summit
	for i := range n {
		x := (float64(i) + between(r, 0.1, 0.9)) * imageWidth / float64(n)
		ss = append(ss, summit{x, amp * between(r, 0.55, 1), between(r, 0.6, 1.3)})
	}
	rough := jagged(r, imageWidth, 0, amp*0.25, 8)
	out := make([]pt, len(rough))
	for i, q := range rough {
		h := 0.0
		for _, s := range ss {
			h = max(h, s.h-math.Abs(q.X-s.x)*s.slope)
		}
		out[i] = pt{q.X, base - h + q.Y*(0.4+h/amp)}
	}
	return out
}

// drawPine draws a three-tier conifer standing at (x, y), h pixels tall.
func drawPine(c *canvas, x, y, h float64, col color.NRGBA) {
	w := h * 0.32
	for k := range 3 {
		top := y - h + float64(k)*h*0.25
		c.fillPolygon([]pt{{x, top}, {x + w*(0.6+0.2*float64(k)), top + h*0.45}, {x - w*(0.6+0.2*float64(k)), top + h*0.45}}, col)
	}
	c.rect(x-2, y-h*0.12, x+2, y, col)
}

// drawPalms is a date-palm grove among dunes under a hot afternoon sun, drip
// lines running through the planted rows in front.
func drawPalms(c *canvas, r *rand.Rand) {
	c.gradient(0, imageHeight, hex("#f2a65a"), hex("#f7c98b"), hex("#fbe3c0"), hex("#f3d3a2"))
	c.glow(860, 190, 320, alpha(hex("#fff4d6"), 150))
	c.circle(860, 190, 62, hex("#fff6de"))
	far := newWave(r, 400, 22, 1000)
	c.fillPolygon(far.band(imageWidth, imageHeight), hex("#eab878"))
	mid := newWave(r, 455, 26, 1300)
	c.fillShaded(mid.band(imageWidth, imageHeight), rowRamp(430, 560, hex("#dfa462"), hex("#d39454")))
	for x := 20.0; x < imageWidth; x += between(r, 70, 130) {
		drawPalm(c, r, x, mid.at(x)+between(r, 10, 30), between(r, 0.45, 0.6))
	}
	c.gradient(545, imageHeight, hex("#c98f52"), hex("#b57a42"))
	for k := range 5 {
		y := 560 + float64(k)*24 + float64(k*k)*1.5
		s := 0.5 + float64(k)*0.18
		c.rect(0, y+6*s, imageWidth, y+6*s+2, hex("#3a3a3a"))
		for x := between(r, 0, 20); x < imageWidth; x += 38 * s {
			c.ellipse(x, y, 12*s, 6*s, hex("#6a9b3c"))
			c.ellipse(x-4*s, y-3*s, 6*s, 3*s, hex("#84b551"))
		}
	}
	for _, x := range []float64{120, 1040} {
		drawPalm(c, r, x, 700, 1.15)
	}
}

// drawPalm draws a date palm standing at (x, y), s times a near one's size.
func drawPalm(c *canvas, r *rand.Rand, x, y, s float64) {
	lean := between(r, -60, 60) * s
	h := between(r, 280, 340) * s
	crown := pt{x + lean, y - h}
	trunk := quad(pt{x, y}, pt{x + lean*0.1, y - h*0.5}, crown, 24)
	c.fillPolygon(ribbon(trunk, func(t float64) float64 { return (11 - 4*t) * s }), hex("#7a5230"))
	for i := 3; i < len(trunk)-1; i += 2 {
		p := trunk[i]
		w := (11 - 4*float64(i)/24) * s
		c.line(p.X-w, p.Y, p.X+w, p.Y-2*s, 1.6*s, hex("#5d3d22"))
	}
	for range 5 {
		c.circle(crown.X+between(r, -14, 14)*s, crown.Y+between(r, 10, 26)*s, 6*s, pick(r, []color.NRGBA{hex("#c9772f"), hex("#a85a26")}))
	}
	greens := []color.NRGBA{hex("#2f6b3f"), hex("#3f8a4f"), hex("#2a5e37")}
	for k := range 9 {
		a := -math.Pi/2 + (float64(k)-4)*0.36 + between(r, -0.1, 0.1)
		l := between(r, 120, 170) * s
		dir := pt{math.Cos(a), math.Sin(a)}
		end := pt{crown.X + dir.X*l, crown.Y + dir.Y*l*0.5 + l*0.45}
		ctrl := pt{crown.X + dir.X*l*0.55, crown.Y + dir.Y*l*0.6 - l*0.2}
		leaf := quad(crown, ctrl, end, 16)
		c.fillPolygon(ribbon(leaf, func(t float64) float64 { return math.Sin(math.Pi*t) * 13 * s }), pick(r, greens))
	}
}
