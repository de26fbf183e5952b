package loadtest

import (
	"math/rand/v2"
	"strings"
)

// Comment lengths the generator aims for, in characters: the issue's
// realistic range for a reader's comment.
const (
	minCommentLen = 100
	maxCommentLen = 600
)

// TextGen writes readers' comments for the load: proper sentences in
// sentence case, 100 to 600 characters, varied enough that no two comments
// of a run are alike, so that duplicate or shouting detectors have nothing
// to catch and the server does the work a real comment costs. It is
// deterministic for a seed, so a run can be repeated exactly.
type TextGen struct {
	r *rand.Rand
}

// NewTextGen returns a generator; each poster gets its own seed.
func NewTextGen(seed uint64) *TextGen {
	return &TextGen{r: rand.New(rand.NewPCG(seed, 0x74726962756e65))}
}

// Comment returns the next comment text.
func (g *TextGen) Comment() string {
	target := minCommentLen + g.r.IntN(maxCommentLen-minCommentLen+1)
	var b strings.Builder
	used := make(map[int]bool)
	// Two sentences at least: one alone would repeat within a run.
	for b.Len() < target || len(used) < 2 {
		i := g.r.IntN(len(commentTemplates))
		if used[i] {
			continue
		}
		used[i] = true
		s := g.sentence(commentTemplates[i])
		if b.Len() > 0 {
			if b.Len()+1+len(s) > maxCommentLen {
				if b.Len() >= minCommentLen && len(used) > 2 {
					break
				}
				delete(used, i)
				continue // too long to fit: draw another
			}
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	return b.String()
}

// sentence fills the template's slots.
func (g *TextGen) sentence(t string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			b.WriteString(t)
			break
		}
		j := strings.IndexByte(t[i:], '}') + i
		b.WriteString(t[:i])
		words := commentSlots[t[i+1:j]]
		b.WriteString(words[g.r.IntN(len(words))])
		t = t[j+1:]
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

// commentTemplates are sentences a reader might write under a local news
// story; {slot} names a list in commentSlots.
var commentTemplates = []string{
	"I live near the {place} and the {thing} has been a problem since {month}.",
	"The article leaves out what the {body} said about the {thing} in {year}.",
	"Thanks for covering the {thing}, it rarely gets the attention it deserves.",
	"My {relative} works at the {place}, and the mood there is {mood} at the moment.",
	"Does anyone know whether the {place} will still be open on {day}?",
	"It would help to see the figures for the last {number} years before drawing conclusions.",
	"I was at the meeting on {day} and the {body} did not answer a single question about the {thing}.",
	"Good reporting on the {body}, but the headline makes it sound worse than the story itself.",
	"We have waited {number} months for the {thing} to be fixed, and nothing has happened.",
	"The {body} should publish the full report instead of a summary.",
	"This is the third time this year that the {thing} near the {place} has been in the news.",
	"I remember when the {place} was full every {day}, and it is sad to see it so quiet.",
	"Could you follow up on this story in {month}, when the decision is due?",
	"People who do not live here rarely understand how much the {thing} matters to us.",
	"According to the {body}, about {number} families are affected, which seems low to me.",
	"My {relative} and I have been talking about this since {day}.",
	"The comments about the {place} are fair, though the staff there do their best.",
	"I disagree with the previous commenter: the {thing} was never cheap to run.",
	"It is good to read a {mood} story about our town for a change.",
	"The map in the article is very useful, especially the part around the {place}.",
	"Has the {body} said anything about the cost, or is that still a secret?",
	"In {year} the same promise was made, and the {thing} is still waiting.",
	"A clear and balanced piece, though I would have liked to hear from the people near the {place}.",
	"I cycle past the {place} every {day}, and the traffic is much worse than described.",
	"Perhaps the {body} could hold the next meeting in the evening so that more of us can come.",
	"The quote from the {relative} of the owner says more than the whole press release.",
	"We moved here {number} years ago and the {thing} has changed a lot since then.",
	"I hope someone checks these numbers before the vote in {month}.",
}

// commentSlots are the words the templates draw from.
var commentSlots = map[string][]string{
	"place": {"harbour", "old market", "train station", "library", "river bridge", "primary school",
		"ferry terminal", "town hall", "sports ground", "north car park", "swimming pool", "bakery on the square"},
	"thing": {"parking", "bus timetable", "night noise", "road repair", "flood barrier", "bike lane",
		"new housing plan", "water supply", "street lighting", "waste collection", "ferry service", "school crossing"},
	"body": {"council", "port authority", "school board", "transport office", "planning committee",
		"regional government", "water company", "residents' association"},
	"month": {"January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December"},
	"day":      {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
	"year":     {"2009", "2012", "2015", "2017", "2019", "2021", "2023"},
	"number":   {"two", "three", "four", "five", "six", "eight", "ten", "twelve", "fifteen", "twenty", "forty"},
	"relative": {"sister", "brother", "neighbour", "uncle", "aunt", "daughter", "son", "cousin", "mother", "father"},
	"mood":     {"hopeful", "tense", "quiet", "cheerful", "uncertain", "calm", "positive", "gloomy"},
}
