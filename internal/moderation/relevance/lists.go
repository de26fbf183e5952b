package relevance

// stopWords are English function words and contractions (already
// lower-cased, accents stripped, "'s" removed): they say nothing about a
// topic.
var stopWords = setOf(`a about above after again against all almost also although am among an and
any are aren't as at be because been before being below between both but by can can't cannot
could couldn't did didn't do does doesn't doing don't down during each either else enough etc
even ever every few for from further get gets got had hadn't has hasn't have haven't having he
he'd he'll her here hers herself him himself his how however i i'd i'll i'm i've if in into is
isn't it it'll its itself just let me might more most much must mustn't my myself neither no
nor not now of off often on once one only or other others otherwise our ours ourselves out over
own per perhaps quite rather re same shall shan't she she'd she'll should shouldn't since so
some such than that that'll the their theirs them themselves then there therefore these they
they'd they'll they're they've this those though through thus till to too under until up upon
us very via was wasn't we we'd we'll we're we've were weren't what whatever when whenever where
whereas wherever whether which while who whoever whom whose why will with within without won't
would wouldn't yet you you'd you'll you're you've your yours yourself yourselves im ive dont
doesnt didnt cant wont isnt arent wasnt youre theyre thats whats lets ok okay yes yeah oh lol
http https www com net org html amp`)

// genericWords carry a little meaning but turn up in comments on any
// subject ("I think this article makes a good point"); they count a
// quarter as much as other words.
var genericWords = setOf(`people person thing things think thought know knew known like liked
really good great bad better best worse worst time times year years day days make makes made
say says said way ways well want wants wanted going go goes went come came new old also many
right wrong article articles story stories piece read reading written write writer author
journalist journalism comment comments agree disagree point points fact facts true truth
actually thank thanks please need needs look looks seem seems sure lot lots little big
someone something anything everything nothing everyone anyone nobody world life man woman men
women thing tell told give given take took use used work works first last long next back
still already always never sometimes maybe probably simply totally absolutely completely
important interesting problem problems question questions issue issues opinion view news
today tomorrow yesterday week month here there`)

// synonyms send a few common word pairs to one key before stemming, so
// that a comment can paraphrase the article. Kept short on purpose: each
// entry is a guess about meaning.
var synonyms = map[string]string{
	"automobile": "car", "automobiles": "car", "cars": "car", "vehicle": "car", "vehicles": "car",
	"kids": "child", "kid": "child", "children": "child", "childrens": "child",
	"physician": "doctor", "physicians": "doctor", "doctors": "doctor", "gp": "doctor",
	"cop": "police", "cops": "police", "officers": "police", "policing": "police",
	"cash": "money", "funds": "money", "funding": "money", "budget": "money", "budgets": "money",
	"pay": "money", "paid": "money", "cost": "money", "costs": "money", "spending": "money",
	"taxes": "tax", "taxation": "tax", "taxpayer": "tax", "taxpayers": "tax",
	"govt": "government", "gov": "government", "administration": "government", "ministers": "government",
	"minister": "government", "council": "government", "councils": "government",
	"housing": "house", "houses": "house", "apartment": "house",
	"apartments": "house", "flat": "house", "flats": "house", "rent": "house", "rents": "house",
	"job": "employ", "jobs": "employ", "employment": "employ", "unemployment": "employ", "workers": "employ",
	"hospital": "health", "hospitals": "health", "healthcare": "health", "nhs": "health", "medical": "health",
	"school": "educate", "schools": "educate", "education": "educate", "teachers": "educate", "teacher": "educate",
	"pupils": "educate", "students": "educate", "student": "educate", "university": "educate",
	"climate": "climate", "warming": "climate", "emissions": "climate", "carbon": "climate",
	"election": "vote", "elections": "vote", "voters": "vote", "voter": "vote", "votes": "vote",
	"voting": "vote", "ballot": "vote", "polls": "vote",
	"prices": "price", "inflation": "price", "expensive": "price", "cheaper": "price", "cheap": "price",
	"film": "movie", "films": "movie", "movies": "movie", "cinema": "movie",
	"football": "soccer", "match": "game", "matches": "game", "games": "game",
	"bike": "cycle", "bikes": "cycle", "bicycle": "cycle", "bicycles": "cycle", "cyclists": "cycle",
	"cyclist": "cycle", "cycling": "cycle",
	"train": "rail", "trains": "rail", "railway": "rail", "railways": "rail",
	"crime": "crime", "criminals": "crime", "criminal": "crime", "offenders": "crime",
}

// setOf splits a space-separated list into a set.
func setOf(list string) map[string]bool {
	m := make(map[string]bool)
	start := -1
	for i := 0; i <= len(list); i++ {
		if i == len(list) || list[i] == ' ' || list[i] == '\n' || list[i] == '\t' {
			if start >= 0 {
				m[list[start:i]] = true
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	return m
}
