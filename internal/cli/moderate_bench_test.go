package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"slices"
	"testing"
	"time"

	"tribune/internal/config"
	"tribune/internal/moderation"
	"tribune/internal/moderation/policy"
)

// BenchmarkPipeline runs the whole moderation engine, every detector, over
// varied comments on the calling goroutine and reports comments/s on one
// core, the p99 per comment and the heap in use. Run it with
//
//	go test ./internal/cli -run '^$' -bench Pipeline -cpu 1 -benchtime 20000x
func BenchmarkPipeline(b *testing.B) {
	cfg := &config.Config{BaseURL: "https://news.example", SiteName: "Tribune", Language: "en"}
	e, err := newEngine(policy.Default(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	article := "The port authority opened the deep-water berth after two years of works, allowing the largest container ships to call at the harbour. Freight forwarders said the rail line inland is now the bottleneck."
	texts := []string{
		"The new berth should bring back the container lines that left for the southern ports during the works.",
		"I wonder how long the rail upgrade will take; the article says construction starts in 2028, which seems late.",
		"Great reporting, thank you. My father worked at the old quay for thirty years and would have loved to see this.",
		"This is a waste of public money and the port authority should be ashamed of itself for the delays.",
		"You are a complete idiot if you think this will fix anything, honestly.",
		"Cheap watches and bags at www.example-shop.biz, message me on WhatsApp +44 20 7946 0958 for discounts!",
		"Does anyone know whether the night shifts will continue once the new cranes are running at full speed?",
		"Les navires reviendront peut-être, mais les habitants du port n'ont pas été consultés sur le bruit.",
	}
	ctx := context.Background()
	start := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		in := moderation.Input{ID: fmt.Sprint(i), Text: texts[i%len(texts)] + fmt.Sprintf(" (%d)", i%97),
			AuthorID: fmt.Sprintf("u%d", i%5000), ArticleID: "a1", ArticleText: article,
			At: start.Add(time.Duration(i) * 50 * time.Millisecond), Lang: "en"}
		t0 := time.Now()
		e.Evaluate(ctx, in)
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(lat)
	if len(lat) > 0 {
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "comments/s")
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapInuse)/(1<<20), "heap-MiB")
}
