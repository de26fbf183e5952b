package classify

import (
	"context"
	"strings"
	"testing"

	"tribune/internal/moderation"
)

func loadT(t testing.TB) *Classifier {
	t.Helper()
	c, err := Load()
	if err != nil {
		t.Fatalf("Load() error: %v", err)
	}
	return c
}

func TestLoadEmbedded(t *testing.T) {
	c := loadT(t)
	for _, name := range modelNames {
		if th := c.Threshold(name); th <= 0 || th >= 1 {
			t.Errorf("Threshold(%q) = %v, want in (0,1)", name, th)
		}
	}
	if th := c.Threshold("nope"); th != 1 {
		t.Errorf("Threshold(%q) = %v, want 1", "nope", th)
	}
}

func TestScoresInRange(t *testing.T) {
	c := loadT(t)
	texts := []string{"", "ok", "The council approved the new budget on Tuesday.",
		strings.Repeat("spam spam ", 5000), "ÀÉÎ ｆｕｌｌ width 123 http://x.example"}
	for _, text := range texts {
		got := c.Scores(text)
		for _, k := range []string{Insult, Toxicity, Hate, Spam} {
			p, ok := got[k]
			if !ok || p < 0 || p > 1 {
				t.Errorf("Scores(%.20q)[%q] = %v, %v; want a probability", text, k, p, ok)
			}
		}
		if got[Toxicity] != got[Insult] {
			t.Errorf("Scores(%.20q): toxicity %v != insult %v", text, got[Toxicity], got[Insult])
		}
	}
}

func TestScoresOrder(t *testing.T) {
	c := loadT(t)
	neutral := "The city council will vote on the new bus routes next month, according to the article."
	tests := []struct {
		model, bad string
	}{
		{Insult, "You are a pathetic stupid idiot and everyone hates you, shut up moron"},
		{Insult, "what a worthless piece of shit, go to hell you dumb bitch"},
		{Hate, "all those dirty f*ggots and n*ggers should be kicked out of this country"},
		{Spam, "WINNER!! You have won a free prize, call 09061701461 now to claim your cash reward"},
		{Spam, "check out my channel and subscribe, free gift cards at http://bit.ly/xyz"},
	}
	base := c.Scores(neutral)
	for _, tt := range tests {
		got := c.Scores(tt.bad)
		if got[tt.model] <= base[tt.model] {
			t.Errorf("Scores(%q)[%s] = %.3f, want above neutral %.3f", tt.bad, tt.model, got[tt.model], base[tt.model])
		}
	}
	for _, name := range modelNames {
		if base[name] >= c.Threshold(name) {
			t.Errorf("Scores(neutral)[%s] = %.3f, want below threshold %.3f", name, base[name], c.Threshold(name))
		}
	}
}

func TestDetector(t *testing.T) {
	d := NewDetector(loadT(t))
	if d.Name() != "classifier" {
		t.Errorf("Name() = %q, want classifier", d.Name())
	}
	tests := []struct {
		text string
		want string
	}{
		{"The budget vote was postponed until next week.", ""},
		{"You are a pathetic stupid idiot, shut up moron", Insult},
		{"WINNER!! You have won a free prize, call 09061701461 now to claim your cash", Spam},
	}
	for _, tt := range tests {
		got := d.Detect(context.Background(), moderation.Input{Text: tt.text})
		var rules []string
		for _, f := range got {
			rules = append(rules, f.Rule)
		}
		found := tt.want == "" && len(got) == 0
		for _, r := range rules {
			found = found || r == tt.want
		}
		if !found {
			t.Errorf("Detect(%q) rules = %v, want %q", tt.text, rules, tt.want)
		}
	}
}

var comment300 = "I have read this article twice and I still do not understand why the council " +
	"thinks that closing the library on Sundays will save money. The building stays heated anyway, " +
	"and the staff are volunteers. Please, look at the numbers again before the vote next month!! " +
	"See https://example.org/budget for details."

// BenchmarkScore measures one uncached scoring of a 300-byte comment by
// every model: normalising, hashing and summing (Scores and Detect mostly
// hit the memo after the first loop).
func BenchmarkScore(b *testing.B) {
	c := loadT(b)
	probs := make([]float64, len(c.models))
	b.SetBytes(int64(len(comment300)))
	b.ReportAllocs()
	for b.Loop() {
		c.score(comment300, probs)
	}
}

func BenchmarkScores(b *testing.B) {
	c := loadT(b)
	b.SetBytes(int64(len(comment300)))
	b.ReportAllocs()
	for b.Loop() {
		c.Scores(comment300)
	}
}

func BenchmarkDetect(b *testing.B) {
	d := NewDetector(loadT(b))
	in := moderation.Input{Text: comment300}
	b.ReportAllocs()
	for b.Loop() {
		d.Detect(context.Background(), in)
	}
}
