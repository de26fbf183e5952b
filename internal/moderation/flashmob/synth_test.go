package flashmob

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"tribune/internal/moderation"
)

// The synthetic stream: background comments composed from topic
// vocabularies and sentence templates (so many share topics and phrasing
// without being near-duplicates), plus coordinated groups: one text
// varied by small edits and posted by several accounts within ten minutes.

var topics = [][]string{
	{"bike lane", "cyclists", "traffic", "parking", "the bridge", "bus routes", "speed cameras", "the ring road", "potholes", "congestion charge"},
	{"the school", "teachers", "exam results", "the new academy", "class sizes", "school meals", "the head teacher", "homework", "the curriculum", "tuition fees"},
	{"the council", "the mayor", "council tax", "the budget", "the planning committee", "the elections", "local councillors", "the referendum", "public consultation", "the party leader"},
	{"the hospital", "waiting lists", "nurses", "the GP surgery", "ambulance times", "the health board", "mental health services", "the new ward", "prescriptions", "care homes"},
	{"the match", "the manager", "the striker", "the referee", "the new stadium", "season tickets", "the transfer window", "the goalkeeper", "the league table", "the derby"},
	{"house prices", "rents", "the new development", "landlords", "first-time buyers", "social housing", "the estate", "mortgage rates", "the housing list", "empty shops"},
	{"the weather", "the floods", "the heatwave", "climate change", "the river", "the storm", "drought", "the snow", "recycling", "the wind farm"},
	{"the festival", "the museum", "the theatre", "the library", "the concert", "the market", "the new restaurant", "the gallery", "the park", "the pub quiz"},
}

var adjs = []string{"ridiculous", "brilliant", "overdue", "a disgrace", "long overdue", "pointless", "great news", "badly planned", "expensive", "a step forward", "unfair", "sensible", "a waste of money", "shocking", "welcome", "confusing"}

var people = []string{"my neighbour", "my daughter", "my husband", "a friend of mine", "my dad", "everyone on our street", "my colleague", "my son", "the lady next door", "my mum",
	"my wife", "our landlord", "my brother", "the bloke at the corner shop", "my granddad", "half my office", "my sister-in-law", "our vicar", "my old teacher", "the guy who runs the cafe"}

var places = []string{"Northgate", "the high street", "Riverside", "the old town", "Westfield", "the industrial estate", "Hill Road", "the station", "Oakwood", "the seafront",
	"Kingsway", "Mill Lane", "the retail park", "St Mary's", "the harbour", "Elm Park", "the bypass", "Church Street", "the university", "Southend Road",
	"Victoria Square", "the marina", "Queens Park", "the canal", "Ashford Lane", "the market square", "Fairfield", "Broad Street", "the quay", "Greenhill"}

var openers = []string{"Well,", "To be fair,", "Sorry but", "As someone who lives in {pl},", "Again,", "Not this again.", "Interesting piece.", "Read this twice.", "Here we go.", "Thanks for covering this.",
	"I rarely comment but", "Speaking as a parent,", "From experience,", "With respect,", "Oh dear.", "Typical.", "Sigh.", "Good grief.", "Spot on.", "Hmm."}

var closers = []string{"Just my two pence.", "Rant over.", "Rant over, back to work.", "We'll see.", "Shame really.", "Time will tell.", "Sort it out!", "Wake up, people.", "Rant over :)", "Anyway.",
	"Thoughts?", "Am I wrong?", "Happy to be proved wrong.", "Rant over, see you at the next meeting.", "Cheers.", "Enough said.", "End of.", "No surprise there.", "Just saying.", "Bring back common sense."}

var templates = []string{
	"I think {t} is {a}.",
	"Honestly, {t} has been {a} for years.",
	"Why does nobody talk about {t}?",
	"{p} says {t} is {a}, and I agree.",
	"We were promised {t} would improve and it hasn't.",
	"Has anyone actually asked residents about {t}?",
	"The article misses the point about {t}.",
	"I moved here {n} years ago and {t} was just as bad then.",
	"{p} waited {n} weeks because of {t}.",
	"Compare {t} with {t2} and tell me which matters more.",
	"Good reporting, but what about {t2}?",
	"Nobody mentions that {t} costs us {n} pounds a month.",
	"If {t} is {a}, then {t2} is even worse.",
	"I used to support {t}, but now I think it is {a}.",
	"Typical: {t} gets the headlines while {t2} is ignored.",
	"Let's see what happens with {t} after the summer.",
	"{p} works near {t2} and says it is {a}.",
	"The comments here about {t} are {a}.",
	"Spent {n} minutes reading this and still don't understand {t}.",
	"Fair play to whoever sorted out {t}.",
	"Down in {pl} {t} is {a}, ask anyone.",
	"{p} from {pl} wrote to the paper about {t} {n} times.",
	"Drive through {pl} at rush hour and you'll see {t} is {a}.",
	"Back in {pl} we sorted {t} out ourselves.",
	"Every week there's another story about {t} in {pl}.",
	"My bet is {t} will still be {a} in {n} years.",
	"{p} thinks {t2} matters more than {t}.",
	"Whoever decided on {t} should come to {pl} and see it.",
	"Is {t} really {a}, or is it just {pl}?",
	"Ask anyone in {pl}: {t} is {a}.",
	"Last time I checked, {t} in {pl} was {a}.",
	"Funny how {t} only matters when it reaches {pl}.",
	"I remember when {t} was the big story, {n} years back.",
	"Can someone explain {t} to me like I'm {n}?",
	"{p} and I argued about {t} over dinner.",
}

// sentence fills one template from a topic.
func sentence(r *rand.Rand, topic []string) string {
	tpl := templates[r.IntN(len(templates))]
	t := topic[r.IntN(len(topic))]
	t2 := topic[r.IntN(len(topic))]
	s := strings.NewReplacer(
		"{t}", t, "{t2}", t2,
		"{a}", adjs[r.IntN(len(adjs))],
		"{p}", people[r.IntN(len(people))],
		"{pl}", places[r.IntN(len(places))],
		"{n}", fmt.Sprint(2+r.IntN(30)),
	).Replace(tpl)
	return strings.ToUpper(s[:1]) + s[1:]
}

// comment composes one to four sentences on one topic, sometimes with an
// opening or closing remark.
func comment(r *rand.Rand) string {
	topic := topics[r.IntN(len(topics))]
	var parts []string
	if r.IntN(2) == 0 {
		parts = append(parts, strings.ReplaceAll(openers[r.IntN(len(openers))], "{pl}", places[r.IntN(len(places))]))
	}
	for range 1 + r.IntN(4) {
		parts = append(parts, sentence(r, topic))
	}
	if r.IntN(2) == 0 {
		parts = append(parts, closers[r.IntN(len(closers))])
	}
	return strings.Join(parts, " ")
}

// vary applies one to three small edits: a typo, swapped neighbouring
// words, changed punctuation or case, or sentences in another order.
func vary(r *rand.Rand, text string) string {
	for range 1 + r.IntN(3) {
		switch r.IntN(5) {
		case 0: // typo: drop, double or change one letter of a word
			ws := strings.Fields(text)
			i := r.IntN(len(ws))
			w := []byte(ws[i])
			if len(w) > 2 {
				j := 1 + r.IntN(len(w)-2)
				switch r.IntN(3) {
				case 0:
					w = append(w[:j], w[j+1:]...)
				case 1:
					w = append(w[:j+1], w[j:]...)
				default:
					w[j] = byte('a' + r.IntN(26))
				}
				ws[i] = string(w)
			}
			text = strings.Join(ws, " ")
		case 1: // swap two neighbouring words
			ws := strings.Fields(text)
			if len(ws) > 2 {
				i := r.IntN(len(ws) - 1)
				ws[i], ws[i+1] = ws[i+1], ws[i]
			}
			text = strings.Join(ws, " ")
		case 2: // punctuation
			text = strings.NewReplacer(".", "!", ",", "", "?", "??").Replace(text) + " !!"
		case 3: // case
			if r.IntN(2) == 0 {
				text = strings.ToLower(text)
			} else {
				text = strings.ToUpper(text)
			}
		default: // reorder sentences
			ss := strings.SplitAfter(text, ". ")
			r.Shuffle(len(ss), func(i, j int) { ss[i], ss[j] = ss[j], ss[i] })
			text = strings.Join(ss, " ")
		}
	}
	return text
}

// synthComment is one comment of the stream with its ground truth.
type synthComment struct {
	in    moderation.Input
	group int // -1 for background
	// rank is the 1-based order of its author among the group's distinct
	// authors so far (0 for background).
	rank int
}

// synthStream builds n comments over one day, frac of them in groups of 5
// to 15 distinct accounts each posting within ten minutes.
func synthStream(seed uint64, n int, frac float64) []synthComment {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	var out []synthComment
	groupTotal := int(float64(n) * frac)
	g := 0
	for len(out) < groupTotal {
		size := min(5+r.IntN(11), groupTotal-len(out))
		if size < 5 {
			break
		}
		base := comment(r)
		for strings.Count(base, " ") < 12 { // coordinated texts are a few sentences long
			base += " " + sentence(r, topics[r.IntN(len(topics))])
		}
		t0 := start.Add(time.Duration(r.Int64N(int64(day - 10*time.Minute))))
		for m := range size {
			out = append(out, synthComment{
				in: moderation.Input{
					ID:       fmt.Sprintf("g%d-%d", g, m),
					Text:     vary(r, base),
					AuthorID: fmt.Sprintf("mob%d-%d", g, m),
					At:       t0.Add(time.Duration(r.Int64N(int64(10 * time.Minute)))),
				},
				group: g,
			})
		}
		g++
	}
	for i := len(out); i < n; i++ {
		out = append(out, synthComment{
			in: moderation.Input{
				ID:       fmt.Sprintf("b%d", i),
				Text:     comment(r),
				AuthorID: fmt.Sprintf("user%d", r.IntN(20000)),
				At:       start.Add(time.Duration(r.Int64N(int64(day)))),
			},
			group: -1,
		})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].in.At.Before(out[j].in.At) })
	seen := map[int]map[string]bool{}
	for i := range out {
		c := &out[i]
		if c.group < 0 {
			continue
		}
		if seen[c.group] == nil {
			seen[c.group] = map[string]bool{}
		}
		seen[c.group][c.in.AuthorID] = true
		c.rank = len(seen[c.group])
	}
	return out
}
