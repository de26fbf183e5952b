package relevance

import (
	"context"
	"strings"
	"testing"

	"tribune/internal/moderation"
)

const bikeArticle = `Council approves protected cycle lanes on Market Street despite traders' objections

The city council voted 9–4 on Tuesday night to build a two-kilometre protected cycle lane along Market Street, ` +
	`removing 140 parking spaces between the railway station and Riverside Park. Construction is expected to start ` +
	`in March and to last about eight months, at an estimated cost of £3.2 million, most of it from a regional ` +
	`transport grant.

Supporters packed the public gallery. "For years parents have told us they will not let their children ride to ` +
	`school on Market Street," said councillor Amira Haddad, who chairs the transport committee. "Five people were ` +
	`seriously injured on this road last year. This scheme separates bikes from buses and lorries with a kerb, ` +
	`not a painted line."

Shopkeepers were less enthusiastic. The Market Street Traders' Association says losing parking will hurt ` +
	`businesses that already struggle with online competition and high rents. "Our customers come by car, from the ` +
	`villages," said Tom Reilly, who has run a hardware store on the street for 22 years. "Where are deliveries ` +
	`supposed to stop?" The council says loading bays will be kept at both ends and in two side streets, and that ` +
	`a new car park behind the library will open before the works begin.

Evidence from other cities is mixed but mostly positive. A study of similar schemes in six European cities found ` +
	`retail spending rose slightly on streets that gained cycle lanes, because people on foot and on bikes visit ` +
	`shops more often even if they spend less each time. Critics argue the study looked at denser city centres ` +
	`than ours.

The plan also lowers the speed limit on Market Street to 20 mph, adds three pedestrian crossings and plants 60 ` +
	`trees. Bus operators said journey times might improve once bikes are off the carriageway, though they want ` +
	`the bus stops redesigned so passengers do not step straight into the cycle lane.

The opposition group, which voted against, called the consultation rushed and said residents of the estates to ` +
	`the east had not been asked. The council will hold two more drop-in sessions at the library in January before ` +
	`the detailed design is fixed.`

const hospitalArticle = `Waiting times at St Luke's hospital reach record high

Patients at St Luke's are waiting an average of 31 weeks for planned surgery, the longest since records began, ` +
	`according to figures published on Thursday. Hip and knee replacements are the worst affected, with some patients ` +
	`waiting more than a year. The hospital trust blamed staff shortages, a winter surge in emergency admissions and ` +
	`an ageing operating theatre that was closed for repairs for six weeks. Nurses' representatives said wards were ` +
	`running at 98% occupancy and that agency staff were filling a third of night shifts. The trust plans to open ` +
	`a new day-surgery unit in the spring and says it expects waiting lists to fall by the end of next year.`

func TestRelevance(t *testing.T) {
	tests := []struct {
		name, article, parent, text string
		off                         bool
	}{
		{"on topic, same words", bikeArticle, "",
			"About time Market Street got a proper protected cycle lane. I ride to work along it every day and the lorries " +
				"come within inches of you. A kerb is worth ten painted lines.", false},
		{"on topic, paraphrase", bikeArticle, "",
			"As someone who cycles with my kids, separating riders from heavy traffic is the only thing that will make " +
				"parents feel safe. The shopkeepers will adapt once footfall goes up.", false},
		{"on topic, against", bikeArticle, "",
			"Another vanity project. Elderly residents from the villages need to drive into town and now they will have " +
				"nowhere to park. The hardware shop will close within a year, mark my words.", false},
		{"on topic, about money", bikeArticle, "",
			"Three million pounds for two kilometres of paint and kerbs while the potholes on every other road in the " +
				"borough go unfixed. Who audits these grants?", false},
		{"on topic, other article", hospitalArticle, "",
			"My mother waited fourteen months for her hip operation and spent most of it in pain. The nurses were " +
				"wonderful but there simply were not enough of them on the ward.", false},
		{"reply on topic of parent", bikeArticle,
			"Has anyone asked the bus drivers what they think? They are the ones who have to share the road.",
			"My brother drives the number 12 route and he says buses get stuck behind slow traffic every morning; " +
				"drivers would welcome anything that keeps the road clearer at rush hour.", false},
		{"on topic, few shared words", bikeArticle, "",
			"Honestly a strip of paint never protected anybody. A physical barrier between riders and the HGVs is what " +
				"saves lives, so well done to whoever pushed this through.", false},
		{"on topic, accents and caps", bikeArticle, "",
			"CAFÉ owner here, two doors from the LIBRARY. Our regulars mostly walk or cycle in; the ones who drive will " +
				"use the new car park. Stop pretending the traders all agree.", false},
		{"spam", bikeArticle, "",
			"Earn $5000 a week working from home! I quit my boring office job and now I make more than my boss. " +
				"Click the link in my profile to learn the secret method banks hate.", true},
		{"unrelated rant", bikeArticle, "",
			"The referee last night was a disgrace and the manager should be sacked before the transfer window closes. " +
				"The whole squad is overpaid and the owners only care about television revenue.", true},
		{"other article's comment", hospitalArticle, "",
			"About time Market Street got a proper protected cycle lane. I ride to work along it every day and the lorries " +
				"come within inches of you. A kerb is worth ten painted lines.", true},
		{"off topic reply to off topic parent", bikeArticle,
			"Anyone else think the new season of that dragon show is terrible?",
			"Totally agree, the writers ruined the dragons and the battle scenes were so dark you could not see " +
				"anything on my television, waste of a subscription honestly.", true},
		{"crypto spam", hospitalArticle, "",
			"Bitcoin investment opportunity!!! Join our Telegram group today and double your crypto portfolio in seven " +
				"days, guaranteed returns, limited places available, DM me now.", true},
	}
	d := New(Options{})
	for _, tt := range tests {
		in := moderation.Input{Text: tt.text, ArticleText: tt.article, ParentText: tt.parent}
		got := d.Detect(context.Background(), in)
		rel, judged := d.Relevance(in)
		if !judged {
			t.Errorf("%s: Relevance(%q) not judged, want judged", tt.name, tt.text)
		}
		if off := len(got) > 0; off != tt.off {
			t.Errorf("%s: Detect(%q) = %v (relevance %.2f), want off-topic %v", tt.name, tt.text, got, rel, tt.off)
		}
		if testing.Verbose() {
			t.Logf("%-28s relevance %.2f", tt.name, rel)
		}
	}
}

func TestNotJudged(t *testing.T) {
	long := "Earn $5000 a week working from home! I quit my boring office job and now I make more than my boss. " +
		"Click the link in my profile to learn the secret method banks hate."
	tests := []struct{ name, article, text string }{
		{"short reaction", bikeArticle, "Great piece, thanks!"},
		{"short off-topic", bikeArticle, "Anyone watching the match tonight?"},
		{"eleven content words", bikeArticle, "Referee disgrace, manager sacked, transfer window closes, squad overpaid, owners television."},
		{"no article", "", long},
	}
	d := New(Options{})
	for _, tt := range tests {
		in := moderation.Input{Text: tt.text, ArticleText: tt.article}
		if got := d.Detect(context.Background(), in); got != nil {
			t.Errorf("%s: Detect(%q) = %v, want nothing", tt.name, tt.text, got)
		}
		if _, judged := d.Relevance(in); judged {
			t.Errorf("%s: Relevance(%q) judged, want exempt", tt.name, tt.text)
		}
	}
}

func TestFinding(t *testing.T) {
	d := New(Options{})
	in := moderation.Input{ArticleText: hospitalArticle, Text: "Bitcoin investment opportunity!!! Join our Telegram group " +
		"today and double your crypto portfolio in seven days, guaranteed returns, limited places available, DM me now."}
	got := d.Detect(context.Background(), in)
	if len(got) != 1 || got[0].Rule != "off-topic" || got[0].Score <= 0.6 || got[0].Score > 1 {
		t.Fatalf("Detect(crypto spam) = %v, want one off-topic finding scored above 0.6", got)
	}
	if !strings.Contains(got[0].Detail, "unrelated") {
		t.Errorf("Detail = %q, want a reader-safe explanation", got[0].Detail)
	}
	if d.Name() != "relevance" {
		t.Errorf("Name() = %q, want %q", d.Name(), "relevance")
	}
}

func TestCacheFollowsEdits(t *testing.T) {
	d := New(Options{CacheSize: 1})
	text := "Our regulars mostly walk or cycle in; the ones who drive will use the new car park behind the library, " +
		"and the traders should stop pretending otherwise."
	for i, tt := range []struct {
		article string
		off     bool
	}{
		{bikeArticle, false},
		{hospitalArticle, true},
		{bikeArticle, false},
		{bikeArticle, false},
	} {
		in := moderation.Input{ArticleID: "a1", ArticleText: tt.article, Text: text}
		if off := len(d.Detect(context.Background(), in)) > 0; off != tt.off {
			t.Errorf("call %d: off-topic = %v, want %v", i, off, tt.off)
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Café CRÈME, naïve—Łódź", "cafe creme naive lodz"},
		{"Don’t stop; the council's plans!", "don't stop the council plans"},
		{"e\u0301te\u0301 2026", "ete 2026"},
	}
	for _, tt := range tests {
		var got []string
		words(tt.in, nil, func(w string) { got = append(got, w) })
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("words(%q) = %q, want %q", tt.in, g, tt.want)
		}
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"cycling", "cycl"}, {"cycles", "cycl"}, {"cycle", "cycl"},
		{"running", "run"}, {"stopped", "stop"}, {"councils", "council"},
		{"organisation", "organiz"}, {"organization", "organiz"}, {"ride", "rid"}, {"riders", "rid"}, {"parking", "park"}, {"parked", "park"},
		{"bus", "bus"},
	}
	for _, tt := range tests {
		if got := stem(tt.in); got != tt.want {
			t.Errorf("stem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIDFTable(t *testing.T) {
	idf := loadIDF(dfTable)
	if len(idf) < 1000 {
		t.Fatalf("loadIDF: %d stems, want a real table", len(idf))
	}
	if idf["night"] >= idf["traffic"] {
		t.Errorf("weight(night) = %.2f ≥ weight(traffic) = %.2f, want everyday words lighter", idf["night"], idf["traffic"])
	}
}

// BenchmarkDetect measures a 300-character comment against a 3,000-
// character article that is already cached, the usual case.
func BenchmarkDetect(b *testing.B) {
	d := New(Options{})
	in := moderation.Input{ArticleID: "a1", ArticleText: bikeArticle, Text: "Honestly a strip of paint never protected " +
		"anybody. A physical barrier between riders and the HGVs is what saves lives, so well done to whoever pushed this " +
		"through. The traders will adapt once footfall goes up, as it did everywhere else that tried it, whatever they say now."}
	b.Logf("article %d chars, comment %d chars", len(in.ArticleText), len(in.Text))
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		d.Detect(ctx, in)
	}
}

// BenchmarkPrepareArticle measures a cache miss.
func BenchmarkPrepareArticle(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		newFeatures(bikeArticle)
	}
}
