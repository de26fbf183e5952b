package lexicon

import "testing"

var pubRules = []string{"publisher-insult"}

func TestPublisher(t *testing.T) {
	runCases(t, NewPublisher(), pubRules, []lexCase{
		{"The Tribune is garbage", "publisher-insult", 1},
		{"tribune = fake news", "publisher-insult", 1},
		{"this rag again", "publisher-insult", 1},
		{"What a propaganda rag.", "publisher-insult", 1},
		{"Your journalists are liars and shills", "publisher-insult", 1},
		{"this site is pathetic", "publisher-insult", 1},
		{"The editors here are clowns", "publisher-insult", 1},
		{"this so-called newspaper is trash", "publisher-insult", 1},
		{"TRIBUNE SUCKS", "publisher-insult", 1},
		{"The Tr1bune is a joke", "publisher-insult", 1},
		{"this paper is so biased", "publisher-insult", 0.6},
		{"Your coverage is clickbait", "publisher-insult", 0.6},
		{"Tribune journalists, you are pathetic", "", 0}, // separate clauses
		// Reporting, praise, negation, other targets.
		{"The Tribune reported that the minister called the plan garbage.", "", 0},
		{"This paper exposed the liars in government.", "", 0},
		{"Thanks to this site for exposing the shills.", "", 0},
		{"This paper is not propaganda, whatever they say.", "", 0},
		{"The minister is a liar.", "", 0},
		{"Take out the garbage on Tuesdays.", "", 0},
		{"This site is great, the other paper is trash.", "", 0},
		{"Fake news spreads faster than truth, a study found.", "", 0},
		{"I read the Tribune every morning.", "", 0},
	})
}

func TestPublisherNames(t *testing.T) {
	d := NewPublisher("The Daily Courier", "Courier")
	runCases(t, d, pubRules, []lexCase{
		{"The Daily Courier is propaganda", "publisher-insult", 1},
		{"courier = liars", "publisher-insult", 1},
		{"the tribune is garbage", "", 0},
		{"The courier delivered my parcel late, garbage service.", "", 0},
	})
}
