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
		// Listed words inside ordinary ones, and the derivative guard.
		"Scunthorpe United won", "the assassin fled", "a classic cockpit", "Charles Dickens",
		"Essex and Sussex", "shitake mushrooms", "as I said", "a cocky striker", "*sigh*",
		"I am a b c", "cocktail hour", "assess the class", "passion", "Hancock and peacock",
		"the analysis", "a document on circumstances", "arsenal", "title", "grapes", "therapist",
		"the score was 5-3", "call 555 0100", "bass guitar", "The cockroach",
		// News and clinical vocabulary the lists hold.
		"a hell of a game", "he was groped", "sexual assault trial", "an orgy of violence",
		"food porn", "child pornography charges", "cum laude",
		// Hyphenated list entries read apart.
		"strap on your helmet", "Boston cream pie", "Mr Hands said the fund would recover",
		"he came in with a wet back",
		// Ordinary senses told by the neighbours.
		"honky tonk", "honky-tonk piano", "gobbledy gook", "Moby Dick", "Maine coon cat",
		"Dick Cheney said no", "Greg Dyke resigned", "Philip K. Dick wrote it", "Dick Van Dyke sang",
		"Dick's Sporting Goods", "spotted dick and custard", "Pussy Riot members were jailed",
		"pussy willow", "stop pussy footing around", "the cock crowed at dawn", "cock-a-doodle-doo",
		"a cock and bull story", "what a cock-up", "a chink in the armour",
		"a chink of light under the door", "spick and span", "a packet of fags and a lighter",
		"nipped out for a fag break", "faggots and peas with onion gravy", "my tranny needs a new clutch",
		"Poof! It was gone", "and poof, the money vanished", "The bitch whelped a litter of six puppies",
		"the bastard son of Robert", "hereditary spastic paraplegia", "kraut rock from the seventies",
		"the drugs may retard growth", "blue tits nest in the box", "a camel jockey at the races",
		"Offa's Dyke path", "the retarded ignition timing", "J'étais en retard à l'école",
		// Ordinary words the disguise rules would otherwise read as listed ones.
		"people who're angry", "As's", "Shiite militias", "the cockles of my heart", "a half-cocked plan",
		"Fagin", "I'm fagged out",
	} {
		if got := d.Matches(text); len(got) != 0 {
			t.Errorf("Matches(%q) = %v, want none", text, got)
		}
	}
}

// TestSeverity checks what Detect reports: mild words are matched but not
// reported, insulting compounds of a mild root are.
func TestSeverity(t *testing.T) {
	d := newDetector(t)
	tests := []struct {
		text string
		want int // the highest severity matched, 0 for none
	}{
		{"a damn good game", 1},
		{"what a load of crap", 1},
		{"bullcrap", 1},
		{"she is a badass", 1},
		{"a kick-ass show", 1},
		{"get your ass over here", 1},
		{"goddamn it", 1},
		{"a crapload of work", 1},
		{"you dumbass", 2},
		{"you dumb ass", 2},
		{"what an ass hat", 2},
		{"what a jackass", 2},
		{"asshat", 2},
		{"bullshit", 2},
		{"you poof", 3},
		{"What a Dick", 2},
		{"shut up, you Dick", 2},
		{"Payback is a b****", 3},
		{"the f&#117;ck", 4},
	}
	for _, tt := range tests {
		got := maxSeverity(d.Matches(tt.text))
		if got != tt.want {
			t.Errorf("Matches(%q) severity = %d, want %d", tt.text, got, tt.want)
		}
		reported := d.Detect(context.Background(), moderation.Input{Text: tt.text}) != nil
		if want := tt.want >= minSeverity; reported != want {
			t.Errorf("Detect(%q) reported = %v, want %v", tt.text, reported, want)
		}
	}
}

func maxSeverity(ms []Match) int {
	s := 0
	for _, m := range ms {
		s = max(s, m.Severity)
	}
	return s
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
