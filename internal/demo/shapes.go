package demo

import (
	"image/color"
	"math"
	"math/rand/v2"
)

// hex parses "#rrggbb" into an opaque colour. The scenes only pass literals,
// so a malformed one is a programming error caught by the tests' pictures.
func hex(s string) color.NRGBA {
	var v [3]uint8
	for i := range v {
		v[i] = hexDigit(s[1+2*i])<<4 | hexDigit(s[2+2*i])
	}
	return color.NRGBA{v[0], v[1], v[2], 255}
}

func hexDigit(b byte) uint8 {
	switch {
	case b >= '0' && b <= '9':
		return b - '0'
	case b >= 'a' && b <= 'f':
		return b - 'a' + 10
	case b >= 'A' && b <= 'F':
		return b - 'A' + 10
	}
	return 0
}

// alpha returns col with opacity a (0-255).
func alpha(col color.NRGBA, a uint8) color.NRGBA {
	col.A = a
	return col
}

// mix blends a towards b by t in [0, 1].
func mix(a, b color.NRGBA, t float64) color.NRGBA {
	t = min(max(t, 0), 1)
	f := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*t + 0.5) }
	return color.NRGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), f(a.A, b.A)}
}

// ramp picks the colour at t in [0, 1] along evenly spaced stops.
func ramp(t float64, stops ...color.NRGBA) color.NRGBA {
	if len(stops) == 1 {
		return stops[0]
	}
	t = min(max(t, 0), 1) * float64(len(stops)-1)
	i := min(int(t), len(stops)-2)
	return mix(stops[i], stops[i+1], t-float64(i))
}

// rowRamp returns a colour function for fillShaded that ramps the stops
// between rows y0 and y1.
func rowRamp(y0, y1 float64, stops ...color.NRGBA) func(int) color.NRGBA {
	return func(y int) color.NRGBA { return ramp((float64(y)-y0)/(y1-y0), stops...) }
}

// rotate turns pts around (cx, cy) by angle a (radians) in place.
func rotate(pts []pt, cx, cy, a float64) []pt {
	s, co := math.Sincos(a)
	for i, p := range pts {
		dx, dy := p.X-cx, p.Y-cy
		pts[i] = pt{cx + dx*co - dy*s, cy + dx*s + dy*co}
	}
	return pts
}

// quad returns n+1 points along the quadratic Bézier curve p0, p1, p2.
func quad(p0, p1, p2 pt, n int) []pt {
	out := make([]pt, 0, n+1)
	for i := 0; i <= n; i++ {
		t := float64(i) / float64(n)
		u := 1 - t
		out = append(out, pt{u*u*p0.X + 2*u*t*p1.X + t*t*p2.X, u*u*p0.Y + 2*u*t*p1.Y + t*t*p2.Y})
	}
	return out
}

// wave is a smooth random skyline: a sum of a few sines with random phases.
type wave struct {
	base float64
	amps []float64
	freq []float64
	phis []float64
}

// newWave makes a wave around base with the given amplitude whose longest
// bumps are about span pixels wide.
func newWave(r *rand.Rand, base, amp, span float64) wave {
	w := wave{base: base}
	for i, k := range []float64{1, 2.3, 4.7, 9.1} {
		w.amps = append(w.amps, amp/math.Pow(1.9, float64(i)))
		w.freq = append(w.freq, 2*math.Pi*k/span)
		w.phis = append(w.phis, r.Float64()*2*math.Pi)
	}
	return w
}

// at returns the wave's height at x.
func (w wave) at(x float64) float64 {
	y := w.base
	for i := range w.amps {
		y += w.amps[i] * math.Sin(x*w.freq[i]+w.phis[i])
	}
	return y
}

// band returns the polygon under the wave down to the row bottom, across width w.
func (w wave) band(width, bottom float64) []pt {
	var out []pt
	for x := -4.0; x <= width+8; x += 6 {
		out = append(out, pt{x, w.at(x)})
	}
	return append(out, pt{width + 8, bottom}, pt{-4, bottom})
}

// jagged returns a mountain ridge across width w by midpoint displacement:
// n+1 heights around base, with roughness falling at each halving.
func jagged(r *rand.Rand, width, base, amp float64, levels int) []pt {
	n := 1 << levels
	ys := make([]float64, n+1)
	ys[0], ys[n] = base+(r.Float64()-0.5)*amp, base+(r.Float64()-0.5)*amp
	for step, a := n, amp; step > 1; step, a = step/2, a*0.55 {
		for i := step / 2; i < n; i += step {
			ys[i] = (ys[i-step/2]+ys[i+step/2])/2 + (r.Float64()-0.5)*a*2
		}
	}
	out := make([]pt, n+1)
	for i, y := range ys {
		out[i] = pt{width * float64(i) / float64(n), y}
	}
	return out
}

// between returns a random float in [lo, hi).
func between(r *rand.Rand, lo, hi float64) float64 { return lo + r.Float64()*(hi-lo) }

// pick returns a random element of cs.
func pick(r *rand.Rand, cs []color.NRGBA) color.NRGBA { return cs[r.IntN(len(cs))] }

// ribbon turns a centre line into a closed outline whose half-width at
// fraction t of the way along is width(t): trunks, leaves, tapered towers.
func ribbon(center []pt, width func(t float64) float64) []pt {
	n := len(center)
	left, right := make([]pt, n), make([]pt, n)
	for i, p := range center {
		a, b := center[max(i-1, 0)], center[min(i+1, n-1)]
		dx, dy := b.X-a.X, b.Y-a.Y
		l := math.Hypot(dx, dy)
		if l == 0 {
			l = 1
		}
		w := width(float64(i) / float64(n-1))
		nx, ny := -dy/l*w, dx/l*w
		left[i], right[n-1-i] = pt{p.X + nx, p.Y + ny}, pt{p.X - nx, p.Y - ny}
	}
	return append(left, right...)
}
