package demo

import (
	"bytes"
	"fmt"
	"image/png"
	"math/rand/v2"
	"runtime"
	"sync"
)

// The demo pictures are 16:9 at the size the site's lead images are shown.
const (
	imageWidth  = 1200
	imageHeight = 675
)

// scene is one generated picture: where articles reference it and how to draw
// it. Each has its own seed so changing one scene leaves the others alone.
type scene struct {
	path string
	seed uint64
	draw func(c *canvas, r *rand.Rand)
}

// scenes lists every picture the demo articles reference.
func scenes() []scene {
	return []scene{
		{"images/harbour.png", 1, drawHarbour},
		{"images/wind-farm.png", 2, drawWindFarm},
		{"images/mountains.png", 3, drawMountains},
		{"images/city-night.png", 4, drawCityNight},
		{"images/lab.png", 5, drawLab},
		{"images/stadium.png", 6, drawStadium},
		{"images/market.png", 7, drawMarket},
		{"images/parliament.png", 8, drawParliament},
		{"images/markets-chart.png", 9, drawDataChart},
		{"images/lanterns.png", 10, drawLanterns},
		{"images/palms.png", 11, drawPalms},
		{"images/orbit.png", 12, drawOrbit},
		{"images/trophy.png", 13, drawTrophy},
		{"images/chart-water-tests.png", 14, drawBarChart},
		{"images/chart-rates.png", 15, drawRateChart},
	}
}

// Images draws every demo picture and returns it PNG-encoded by path, e.g.
// "images/harbour.png". The pictures are made here rather than committed so
// the repository stays small and every one is ours to publish; the fixed
// seeds make them identical on every run.
func Images() map[string][]byte {
	out, err := renderAll()
	if err != nil {
		// Encoding into memory only fails on a broken image, which the
		// package tests rule out; there is nothing a caller could do.
		panic(err)
	}
	return out
}

// renderAll draws the scenes on all CPUs: encoding dominates the cost and
// the scenes share nothing.
func renderAll() (map[string][]byte, error) {
	list := scenes()
	data := make([][]byte, len(list))
	errs := make([]error, len(list))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(list)) {
		wg.Go(func() {
			for i := range next {
				data[i], errs[i] = render(list[i])
			}
		})
	}
	for i := range list {
		next <- i
	}
	close(next)
	wg.Wait()
	out := make(map[string][]byte, len(list))
	for i, s := range list {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out[s.path] = data[i]
	}
	return out, nil
}

// render draws one scene and encodes it as PNG.
func render(s scene) ([]byte, error) {
	c := newCanvas(imageWidth, imageHeight)
	s.draw(c, rand.New(rand.NewPCG(s.seed, 0x7472696275)))
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, c.img); err != nil {
		return nil, fmt.Errorf("encode %s: %w", s.path, err)
	}
	return buf.Bytes(), nil
}
