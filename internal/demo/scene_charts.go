package demo

import (
	"image/color"
	"math"
	"math/rand/v2"
)

// series returns n values following a smoothed random walk with the given
// drift per step, starting at start.
func series(r *rand.Rand, n int, start, drift, noise float64) []float64 {
	raw := make([]float64, n)
	v := start
	for i := range raw {
		v += drift + (r.Float64()-0.5)*noise
		raw[i] = v
	}
	out := make([]float64, n)
	for i := range raw {
		sum, k := 0.0, 0.0
		for j := max(i-2, 0); j <= min(i+2, n-1); j++ {
			sum, k = sum+raw[j], k+1
		}
		out[i] = sum / k
	}
	return out
}

// plot maps values onto points spread from x0 to x1, value lo at row y0
// and hi at row y1.
func plot(vs []float64, x0, x1, y0, y1, lo, hi float64) []pt {
	out := make([]pt, len(vs))
	for i, v := range vs {
		out[i] = pt{x0 + (x1-x0)*float64(i)/float64(len(vs)-1), y0 + (y1-y0)*(v-lo)/(hi-lo)}
	}
	return out
}

// textBar stands in for a line of text in a chart: a rounded grey bar.
func textBar(c *canvas, x, y, w, h float64, col color.NRGBA) {
	c.rect(x+h/2, y, x+w-h/2, y+h, col)
	c.circle(x+h/2, y+h/2, h/2, col)
	c.circle(x+w-h/2, y+h/2, h/2, col)
}

// ringSegment returns a donut slice from angle a0 to a1 between radii rin and rout.
func ringSegment(cx, cy, rin, rout, a0, a1 float64) []pt {
	n := max(int((a1-a0)*rout/6), 4)
	outer := arcPts(cx, cy, rout, rout, a0, a1, n)
	inner := arcPts(cx, cy, rin, rin, a1, a0, n)
	return append(outer, inner...)
}

// drawDataChart is an abstract market dashboard: a rising area chart, a
// dashed comparison line, volume bars and a donut of shares.
func drawDataChart(c *canvas, r *rand.Rand) {
	c.gradient(0, imageHeight, hex("#0f1c2e"), hex("#17304d"))
	grid := alpha(hex("#8fb3d9"), 28)
	for y := 120.0; y <= 600; y += 80 {
		c.rect(60, y, 1140, y+1, grid)
	}
	for x := 60.0; x <= 1140; x += 90 {
		c.rect(x, 120, x+1, 600, grid)
	}
	for i := range 54 {
		x := 62 + float64(i)*20
		h := between(r, 15, 70)
		c.rect(x, 600-h, x+12, 600, alpha(hex("#90e0ef"), 60))
	}
	main := plot(series(r, 54, 40, 1.1, 14), 60, 1140, 600, 310, 0, 120)
	area := append(append([]pt{}, main...), pt{1140, 600}, pt{60, 600})
	c.fillShaded(area, func(y int) color.NRGBA {
		return alpha(hex("#4cc9f0"), uint8(max(0, 120-120*float64(y-300)/300)))
	})
	other := plot(series(r, 54, 60, 0.3, 10), 60, 1140, 600, 310, 0, 120)
	for i := 0; i+1 < len(other); i += 2 {
		c.line(other[i].X, other[i].Y, other[i+1].X, other[i+1].Y, 3, hex("#ffb703"))
	}
	c.polyline(main, 4, hex("#4cc9f0"))
	for i := 4; i < len(main); i += 7 {
		c.circle(main[i].X, main[i].Y, 7, hex("#4cc9f0"))
		c.circle(main[i].X, main[i].Y, 3.5, hex("#12243a"))
	}

	panel := alpha(hex("#0a1422"), 220)
	c.rect(80, 40, 400, 170, panel)
	textBar(c, 104, 64, 140, 12, hex("#5a7694"))
	textBar(c, 104, 94, 230, 30, hex("#e8f1fa"))
	textBar(c, 104, 140, 90, 12, hex("#52d68a"))
	c.fillPolygon([]pt{{210, 152}, {222, 138}, {234, 152}}, hex("#52d68a"))

	c.rect(860, 40, 1120, 300, panel)
	shares := []struct {
		f   float64
		col color.NRGBA
	}{{0.38, hex("#4cc9f0")}, {0.24, hex("#ffb703")}, {0.2, hex("#52d68a")}, {0.18, hex("#e76f51")}}
	a := -math.Pi / 2
	for _, s := range shares {
		b := a + s.f*2*math.Pi
		c.fillPolygon(ringSegment(990, 170, 58, 95, a+0.02, b-0.02), s.col)
		a = b
	}
	textBar(c, 950, 160, 80, 18, hex("#e8f1fa"))
}

// drawBarChart is a grouped bar chart on paper: two measurements side by
// side for each of six places, with a legend.
func drawBarChart(c *canvas, r *rand.Rand) {
	c.gradient(0, imageHeight, hex("#fbfaf6"), hex("#f3f1ea"))
	ink, faint := hex("#3d4a55"), hex("#dcd8cc")
	for y := 140.0; y <= 560; y += 70 {
		c.rect(110, y, 1130, y+1.5, faint)
		textBar(c, 50, y-6, 40, 12, hex("#b8b3a6"))
	}
	c.rect(110, 558, 1130, 562, ink)
	lab, strip := hex("#e76f51"), hex("#2a9d8f")
	for i := range 6 {
		x := 150 + float64(i)*165
		v := between(r, 120, 390)
		c.rect(x, 560-v, x+55, 560, lab)
		c.rect(x+62, 560-v*between(r, 0.85, 1.08), x+117, 560, strip)
		textBar(c, x+14, 585, 90, 14, hex("#b8b3a6"))
	}
	textBar(c, 110, 44, 380, 24, ink)
	for i, col := range []color.NRGBA{lab, strip} {
		x := 820 + float64(i)*160
		c.rect(x, 50, x+22, 72, col)
		textBar(c, x+32, 55, 100, 12, hex("#8b8678"))
	}
}

// drawRateChart is a line chart on paper: a stepped policy rate against a
// smoother inflation line easing into a shaded target band.
func drawRateChart(c *canvas, r *rand.Rand) {
	c.gradient(0, imageHeight, hex("#fbfaf6"), hex("#f3f1ea"))
	ink, faint := hex("#3d4a55"), hex("#dcd8cc")
	c.rect(110, 430, 1130, 500, alpha(hex("#a8dadc"), 110))
	for y := 150.0; y <= 570; y += 70 {
		c.rect(110, y, 1130, y+1.5, faint)
		textBar(c, 50, y-6, 40, 12, hex("#b8b3a6"))
	}
	c.rect(110, 568, 1130, 572, ink)
	for x := 140.0; x < 1130; x += 120 {
		textBar(c, x, 592, 60, 12, hex("#b8b3a6"))
	}
	infl := make([]float64, 48)
	for i := range infl {
		t := float64(i) / 47
		infl[i] = 6.5*math.Exp(-2.2*t) + 1.9 + math.Sin(t*17)*0.25 + (r.Float64()-0.5)*0.15
	}
	c.polyline(plot(infl, 110, 1130, 570, 150, 0, 9), 4, hex("#e63946"))
	steps := []float64{2, 3.5, 4.75, 5.5, 5.5, 5.5, 5.25, 5.25}
	var rate []pt
	for i, v := range steps {
		x0, x1 := 110+float64(i)*1020/8, 110+float64(i+1)*1020/8
		y := 570 - v*420/9
		rate = append(rate, pt{x0, y}, pt{x1, y})
	}
	c.polyline(rate, 5, hex("#1d3557"))
	textBar(c, 110, 44, 420, 24, ink)
	for i, col := range []color.NRGBA{hex("#1d3557"), hex("#e63946")} {
		x := 820 + float64(i)*160
		c.rect(x, 58, x+30, 64, col)
		textBar(c, x+40, 55, 90, 12, hex("#8b8678"))
	}
}
