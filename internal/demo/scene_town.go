package demo

import (
	"image/color"
	"math"
	"math/rand/v2"
)

// drawParliament is a domed parliament building with a columned portico and
// broad steps on a clear day.
func drawParliament(c *canvas, r *rand.Rand) {
	c.gradient(0, 540, hex("#6aa6d8"), hex("#a7cde9"), hex("#e3eff5"))
	drawCloud(c, r, 180, 120, 0.8)
	drawCloud(c, r, 1030, 90, 0.7)
	stone, shade, deep := hex("#ede5d2"), hex("#cfc4aa"), hex("#a99c80")

	c.rect(520, 140, 680, 235, shade)
	for x := 530.0; x < 680; x += 20 {
		c.rect(x, 150, x+8, 235, stone)
	}
	c.fillPolygon(arcPts(600, 140, 82, 82, math.Pi, 2*math.Pi, 64), hex("#8fa7a0"))
	c.fillPolygon(arcPts(600, 140, 82, 82, 1.5*math.Pi, 2*math.Pi, 32), hex("#7d958e"))
	c.rect(512, 134, 688, 142, stone)
	c.rect(588, 46, 612, 62, stone)
	c.rect(598.5, 8, 601.5, 50, hex("#5b5b5b"))
	c.rect(601, 10, 645, 36, hex("#2a8c82"))
	c.rect(601, 19, 645, 27, hex("#f4f1e8"))
	c.circle(612, 23, 3, hex("#e9b949"))

	c.rect(220, 235, 980, 470, stone)
	c.rect(210, 228, 990, 240, shade)
	for _, x0 := range []float64{240, 830} {
		for row := range 3 {
			for k := range 4 {
				x, y := x0+float64(k)*35, 265+float64(row)*65
				c.rect(x, y, x+20, y+38, hex("#5e6f80"))
				c.rect(x-3, y-4, x+23, y, shade)
			}
		}
	}
	c.rect(385, 280, 815, 470, deep)
	for i := range 8 {
		x := 398 + float64(i)*57
		c.rect(x, 288, x+30, 462, stone)
		c.rect(x+20, 288, x+30, 462, shade)
		c.rect(x-4, 280, x+34, 290, stone)
		c.rect(x-4, 458, x+34, 470, shade)
	}
	c.rect(370, 252, 830, 282, stone)
	c.rect(370, 276, 830, 282, shade)
	c.fillPolygon([]pt{{360, 252}, {840, 252}, {600, 180}}, stone)
	c.fillPolygon([]pt{{400, 244}, {800, 244}, {600, 194}}, shade)

	c.gradient(470, imageHeight, hex("#d8cfbb"), hex("#bfb49b"))
	for i := range 6 {
		y := 470 + float64(i)*12
		col := stone
		if i%2 == 1 {
			col = shade
		}
		c.rect(370-float64(i)*14, y, 830+float64(i)*14, y+12, col)
	}
	for x := -400.0; x < 1600; x += 80 {
		c.line(600+(x-600)*0.3, 542, x, imageHeight, 1.5, alpha(deep, 90))
	}
	drawTreeClump(c, r, 110, 470)
	drawTreeClump(c, r, 1090, 470)
}

// drawTreeClump draws a leafy park tree standing at (x, y).
func drawTreeClump(c *canvas, r *rand.Rand, x, y float64) {
	c.rect(x-7, y-120, x+7, y, hex("#5a4632"))
	greens := []color.NRGBA{hex("#3f7a3a"), hex("#4d8c45"), hex("#356b31")}
	for range 9 {
		c.circle(x+between(r, -80, 80), y-150+between(r, -60, 40), between(r, 40, 62), pick(r, greens))
	}
}

// drawMarket is a street market under striped awnings, counters heaped with
// fruit and vegetables.
func drawMarket(c *canvas, r *rand.Rand) {
	c.gradient(0, 560, hex("#f1d9b0"), hex("#e4c393"))
	for x := 40.0; x < imageWidth; x += 150 {
		c.rect(x, 70, x+70, 180, hex("#8a5a36"))
		c.fillPolygon(arcPts(x+35, 70, 35, 35, math.Pi, 2*math.Pi, 24), hex("#8a5a36"))
		c.rect(x-6, 180, x+76, 188, hex("#d9b27e"))
	}
	wire := quad(pt{-20, 40}, pt{600, 170}, pt{1220, 40}, 60)
	c.polyline(wire, 2, hex("#4a3626"))
	for i := 2; i < len(wire); i += 3 {
		c.glow(wire[i].X, wire[i].Y+6, 14, alpha(hex("#fff1b8"), 200))
		c.circle(wire[i].X, wire[i].Y+6, 4, hex("#fff6d0"))
	}

	stripes := [][2]color.NRGBA{
		{hex("#c8553d"), hex("#f6efe0")}, {hex("#2a9d8f"), hex("#f6efe0")},
		{hex("#e9a03b"), hex("#fff8ea")}, {hex("#5a7d3a"), hex("#f6efe0")},
	}
	for i := range 4 {
		x0 := float64(i) * 300
		c.rect(x0+12, 240, x0+288, 470, hex("#6b4a3a"))
		c.rect(x0+16, 320, x0+22, 470, hex("#3d2b20"))
		c.rect(x0+278, 320, x0+284, 470, hex("#3d2b20"))
		drawAwning(c, x0, x0+300, 225, 320, stripes[i])
		c.rect(x0+12, 320, x0+288, 340, alpha(hex("#000000"), 40))
		drawStall(c, r, x0+20, x0+280)
	}
	c.gradient(560, imageHeight, hex("#cdb28a"), hex("#b89a72"))
	for y := 575.0; y < imageHeight; y += 22 {
		c.rect(0, y, imageWidth, y+1.5, alpha(hex("#8a6f4d"), 80))
	}
	people := []color.NRGBA{hex("#34495e"), hex("#7b3f61"), hex("#2f6f6a"), hex("#8c5a2b")}
	for i, x := range []float64{210, 520, 640, 980} {
		drawShopper(c, x, 700, between(r, 0.75, 0.9), people[i])
	}
}

// drawAwning draws a striped canopy from x0 to x1, back edge at row top and
// scalloped front edge at row front.
func drawAwning(c *canvas, x0, x1, top, front float64, cols [2]color.NRGBA) {
	const n = 10
	bw, fw := (x1-x0-30)/n, (x1-x0+10)/n
	for k := range n {
		bx, fx := x0+15+float64(k)*bw, x0-5+float64(k)*fw
		col := cols[k%2]
		c.fillPolygon([]pt{{bx, top}, {bx + bw, top}, {fx + fw, front}, {fx, front}}, col)
		c.fillPolygon(arcPts(fx+fw/2, front, fw/2, fw/2.4, 0, math.Pi, 20), col)
	}
	c.rect(x0-5, front-6, x1+5, front, alpha(hex("#000000"), 30))
}

// drawStall draws a counter between x0 and x1 with crates of produce.
func drawStall(c *canvas, r *rand.Rand, x0, x1 float64) {
	c.rect(x0-8, 470, x1+8, 560, hex("#8b5a2b"))
	c.rect(x0-8, 470, x1+8, 480, hex("#a86d35"))
	produce := []color.NRGBA{hex("#f28c28"), hex("#d63a2f"), hex("#f2d13a"), hex("#7cb342"), hex("#6a3d7a"), hex("#4caf50")}
	for x := x0; x+76 <= x1+2; x += 86 {
		col := pick(r, produce)
		c.rect(x, 440, x+76, 472, hex("#c08a50"))
		c.rect(x, 452, x+76, 455, hex("#9c6a38"))
		rad := between(r, 7, 9)
		for row := 0; row < 4; row++ {
			y := 440 - rad*0.8 - float64(row)*rad*1.5
			for bx := x + rad + float64(row)*rad; bx <= x+76-rad-float64(row)*rad; bx += rad * 2 {
				c.circle(bx, y, rad, col)
				c.circle(bx-rad*0.35, y-rad*0.35, rad*0.3, alpha(hex("#ffffff"), 70))
			}
		}
	}
}

// drawShopper draws a figure seen from behind whose feet are at (x, y).
func drawShopper(c *canvas, x, y, s float64, col color.NRGBA) {
	c.ellipse(x, y-10*s, 55*s, 12*s, alpha(hex("#000000"), 35))
	body := append(arcPts(x, y-150*s, 42*s, 30*s, math.Pi, 2*math.Pi, 24), pt{x + 48*s, y}, pt{x - 48*s, y})
	c.fillPolygon(body, col)
	c.rect(x-9*s, y-196*s, x+9*s, y-176*s, hex("#a87452"))
	c.circle(x, y-205*s, 24*s, hex("#3b2a20"))
}
