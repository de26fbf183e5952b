package lexicon

import (
	"context"
	"testing"

	"tribune/internal/moderation"
)

// benchComment is a typical 300-character comment with a few near misses
// (a drug name, "the paper", an age) so that the context checks run.
const benchComment = "I read the paper's piece on the council budget twice. The police seized cocaine at " +
	"the port last year and my 14 year old asked why the drug trade keeps growing. Honestly the " +
	"coverage was fair, but the editors should ask the minister harder questions about schools, " +
	"roads and housing before the next vote."

func BenchmarkDetector(b *testing.B) {
	d := New()
	in := moderation.Input{Text: benchComment[:300]}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		d.Detect(ctx, in)
	}
}

func BenchmarkPublisher(b *testing.B) {
	d := NewPublisher()
	in := moderation.Input{Text: benchComment[:300]}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		d.Detect(ctx, in)
	}
}
