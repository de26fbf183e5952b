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

// benchGroupComment is a 300-character comment that names groups, so
// that the hate rule's pairs and guard run.
const benchGroupComment = "The council says immigrants are welcome here, and the Muslim community held a vigil " +
	"for the refugees who drowned last week. Some people online called them vermin; the police are looking " +
	"into it. Women and disabled people should be able to get to the town hall on Monday to hear the mayor " +
	"answer questions about housing."

func BenchmarkDetector(b *testing.B) {
	d := New()
	in := moderation.Input{Text: benchComment[:300]}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		d.Detect(ctx, in)
	}
}

func BenchmarkDetectorGroups(b *testing.B) {
	d := New()
	in := moderation.Input{Text: benchGroupComment[:300]}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if fs := d.Detect(ctx, in); len(fs) != 0 {
			b.Fatalf("Detect(benchGroupComment) = %v, want none", fs)
		}
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
