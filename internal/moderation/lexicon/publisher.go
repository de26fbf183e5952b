package lexicon

import (
	"context"
	"strings"

	"tribune/internal/moderation"
)

// DefaultPublicationName is the name the publisher detector looks for
// when none is configured.
const DefaultPublicationName = "Tribune"

// pubRefs name the publication without its name.
const pubNouns = "site|website|paper|newspaper|rag|outlet|publication|magazine|tabloid|editors|editor|" +
	"journalists|journalist|reporters|reporter|writers|staff|editorial|journalism|reporting|coverage"

var pubRefs = compile(
	"this|your|ur "+pubNouns,
	"this|your|ur so called "+pubNouns,
	"the editors|journalists|reporters|writers|staff here",
	"whoever runs|writes this", "whoever writes for this",
)

// pubStrong and pubMild are insults about a publication.
var pubStrong = compile(
	"garbage|trash|rubbish|propaganda|liars|lying|lies|shills|shill|pathetic|disgrace|disgraceful|scum|clowns|hacks|"+
		"idiots|morons|sellouts|corrupt|worthless|useless|joke|crap|crappy|dishonest|incompetent|propagandists|"+
		"bootlickers|mouthpiece|sucks|stinks|rag|filth|cesspool|shameful|lapdogs|puppets|traitors|frauds|fraud",
	"fake news", "toilet paper", "fish wrap", "bought and paid", "paid off", "a joke",
)

// pubAlone insult the publication by themselves.
var pubAlone = compile(
	"this|your|ur rag", "propaganda rag",
	"what|such a garbage|trash|rubbish|joke|pathetic|propaganda|clickbait site|paper|rag|outlet|newspaper|website|publication",
)

var pubMild = compile(
	"biased|clickbait|sloppy|lazy|hypocrites|hypocritical|embarrassing|laughable|ridiculous|awful|terrible|worst|dumb|stupid", "bad journalism",
)

// pubGuard marks clauses where the publication reports insults rather
// than receives them ("this paper reported that he called it garbage").
var pubGuard = compile(
	"reported|reports|report|said|says|quoted|quotes|according|wrote|writes|revealed|reveals|expos*|investigat*|interview*|asked|uncover*", "call|called|calls|calling him|her|them|it|the|a|an|his|her|their",
	"thanks|thank|love|great|excellent", "well done", "keep up",
)

var pubNegation = compile("not|isnt|arent|wasnt|werent|never|no|hardly")

// Publisher reports insults aimed at the publication itself. Its rule:
//
//   - publisher-insult: one of the publication's names, or "this
//     site/paper/rag/outlet/newspaper/editors/journalists" and the like,
//     in the same clause as an insulting word, at most six words apart.
//     Score 1 for insults ("garbage", "liars", "fake news", "shills",
//     "pathetic"), 0.6 for milder words ("biased", "clickbait"). A clause
//     that reports, quotes or thanks ("this paper reported that...") and
//     a negated insult ("is not propaganda") do not fire.
//
// A Publisher is immutable and safe for concurrent use.
type Publisher struct {
	names *set
	m     *matcher
}

// NewPublisher returns a detector for a publication known by names (its
// title and any short forms); none means DefaultPublicationName.
func NewPublisher(names ...string) *Publisher {
	var pats []string
	for _, n := range names {
		if len(tokenize(n)) > 0 {
			pats = append(pats, namePattern(n))
		}
	}
	if len(pats) == 0 {
		pats = []string{DefaultPublicationName}
	}
	set := compile(pats...)
	return &Publisher{names: set, m: newMatcher(set, pubRefs, pubGuard, pubNegation, pubAlone, pubStrong, pubMild)}
}

// namePattern turns a configured name into a pattern: its normalised
// words, with pattern syntax removed.
func namePattern(name string) string {
	var words []string
	for _, t := range tokenize(strings.NewReplacer("|", " ", "*", " ").Replace(name)) {
		words = append(words, t.text)
	}
	return strings.Join(words, " ")
}

// Name identifies the detector in the policy.
func (p *Publisher) Name() string { return "publisher" }

// Detect returns a publisher-insult finding when the comment insults the
// publication.
func (p *Publisher) Detect(_ context.Context, in moderation.Input) []moderation.Finding {
	toks := tokenize(in.Text)
	if len(toks) == 0 {
		return nil
	}
	sc := p.m.scan(toks)
	refs := append(sc.find(p.names), sc.find(pubRefs)...)
	guarded := map[int]bool{}
	for _, sp := range sc.find(pubGuard) {
		guarded[toks[sp.start].clause] = true
	}
	negated := map[int]bool{} // token index just after a negation
	for _, sp := range sc.find(pubNegation) {
		negated[sp.end] = true
		negated[sp.end+1] = true
	}
	score := 0.0
	check := func(insults []span, s float64) {
		for _, r := range refs {
			c := toks[r.start].clause
			if guarded[c] {
				continue
			}
			for _, in := range insults {
				if toks[in.start].clause == c && !negated[in.start] && near(toks, r, in, 6, false) && s > score {
					score = s
				}
			}
		}
	}
	for _, sp := range sc.find(pubAlone) {
		if !guarded[toks[sp.start].clause] {
			score = strongScore
		}
	}
	if score < strongScore {
		check(sc.find(pubStrong), strongScore)
	}
	if score < strongScore {
		check(sc.find(pubMild), weakScore)
	}
	if score == 0 {
		return nil
	}
	return []moderation.Finding{{Rule: "publisher-insult", Score: score, Detail: "insults the publication"}}
}
