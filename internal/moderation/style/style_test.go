package style

import (
	"context"
	"strings"
	"testing"

	"tribune/internal/moderation"
)

func TestShouting(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"THIS IS THE WORST ARTICLE I HAVE EVER READ IN MY LIFE", true},
		{"I CAN'T BELIEVE THE COUNCIL DID THIS AGAIN!!! RESIGN NOW", true},
		{"WHY DOES NOBODY REPORT ON THIS? the mayor LIES TO ALL OF US", true},
		{"ЭТО ПОЗОР ДЛЯ ВСЕГО ГОРОДА И ДЛЯ ВСЕХ НАС", true},
		{"STOP THE WAR NOW, NO MORE BOMBS, NO MORE LIES", true},
		{"THIS IS AN OUTRAGE", false}, // under 20 letters
		{"The U.S. and NATO agreed with the EU and the UN on new sanctions.", false},
		{"NATO, the EU, the IMF and the WHO all said the same thing in 2024.", false},
		{"I watched the BBC and CNN coverage and the FBI statement, e.g. at 10 a.m.", false},
		{"See HTTPS://WWW.EXAMPLE.COM/SOME/LONG/PATH for the facts, friends.", false},
		{"The COVID19 figures from the CDC and NHS look fine to me today.", false},
		{"A perfectly normal comment about the local elections and the budget.", false},
		{"Title Case Is Annoying But It Is Not Shouting At Anyone Here", false},
		{"这是一个非常长的中文评论没有大写字母这是一个非常长的中文评论", false},
		{"", false},
	}
	d := New()
	for _, tt := range tests {
		got := has(d.Detect(context.Background(), moderation.Input{Text: tt.text}), "shouting")
		if got != tt.want {
			t.Errorf("shouting(%q) = %v (share %.2f), want %v", tt.text, got, shouting(tt.text), tt.want)
		}
	}
}

func TestRunOn(t *testing.T) {
	long := strings.Repeat("and then the council decided to spend the money on roads instead of schools ", 5)
	sentences := strings.Repeat("The council decided to spend the money on roads instead of schools. ", 8)
	lines := strings.Repeat("the council spent the money on roads instead of schools\n", 8)
	cjk := strings.Repeat("市议会决定把钱花在道路上而不是学校上市民对此非常不满", 20)
	thai := strings.Repeat("สภาเมืองตัดสินใจใช้เงินกับถนนแทนโรงเรียน", 12)
	emoji := strings.Repeat("the council spent the money on roads instead of schools 😡 ", 8)
	usa := strings.Repeat("The U.S. and the E.U. spent money on roads, e.g. bridges. ", 8)
	tests := []struct {
		name, text string
		want       bool
	}{
		{"no punctuation", long, true},
		{"commas only", strings.ReplaceAll(long, "and then", ", and then"), true},
		{"sentences", sentences, false},
		{"line breaks", lines, false},
		{"emoji breaks", emoji, false},
		{"abbreviations", usa, false},
		{"short", "no punctuation at all but short enough to be fine", false},
		{"chinese", cjk, false},
		{"thai", thai, false},
		{"long url only", "see https://example.com/" + strings.Repeat("a", 400), false},
	}
	d := New()
	for _, tt := range tests {
		got := has(d.Detect(context.Background(), moderation.Input{Text: tt.text}), "run-on")
		if got != tt.want {
			t.Errorf("run-on %s (%q) = %v, want %v", tt.name, tt.text, got, tt.want)
		}
	}
}

func has(fs []moderation.Finding, rule string) bool {
	for _, f := range fs {
		if f.Rule == rule {
			return true
		}
	}
	return false
}

const comment300 = "I read the whole piece twice and I still think the council got this wrong. " +
	"The budget for the library was cut by 12% in 2024, while the new parking scheme cost " +
	"far more than promised. Residents asked for a public meeting in March and were ignored. " +
	"Who exactly benefits from these decisions? Not us."

func BenchmarkDetect(b *testing.B) {
	d := New()
	in := moderation.Input{Text: comment300}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		d.Detect(ctx, in)
	}
}
