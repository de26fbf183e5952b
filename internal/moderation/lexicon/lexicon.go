// Package lexicon tests comments against the policy rules that are best
// served by curated phrase lists with context rather than by a trained
// classifier: the harmful subjects where the words alone (a drug, a method,
// an age, a group of people) are common in news, and only their company
// makes a comment dangerous. The lists are small, written by hand in
// English and documented next to each rule; matches are meant to hold a
// comment for a human, not to reject it.
//
// Text is normalised before matching: lower case, accents and look-alike
// letters folded, apostrophes dropped, leet read inside words ("c0caine")
// and repeated letters collapsed ("kiiill"). Patterns go through the same
// normalisation.
package lexicon

import (
	"context"

	"tribune/internal/moderation"
)

// Detector reports harmful subjects named with context. Its rules, in
// order:
//
//   - drugs: a drug next to an offer, a purchase or a how-to ("dm me",
//     "how to make", "grams of", "cheap"). Score 1 for dealer phrases,
//     0.6 for words that also occur in news; neither fires in sentences
//     about the police, courts, laws, medicine or research.
//   - extremism: extremist slogans and code words, calls to join an
//     extremist group (score 1); calls to burn or bomb a place or to kill
//     a group, and praise of attackers (0.6, not in reporting sentences).
//   - violence: graphic violence against a person or cruelty to animals
//     written as an act ("slit his throat", "torture the dog"), score 1;
//     gore words with a graphic verb, 0.6. Reporting, fiction and
//     animal-welfare sentences are exempt.
//   - suicide: telling someone to kill themselves or naming a method
//     (score 1); how-to questions about a method (0.6, not next to
//     prevention, statistics or support words).
//   - minors: an age under 18 with a sexual request or term (score 1),
//     "how old are you" with a sexual term, an age with a contact
//     request, and secrecy phrases used in grooming (0.6). Reports of
//     abuse cases and safety advice are exempt.
//   - hate: a group named for its religion, ethnicity, race, nationality,
//     sexual orientation, gender identity, disability or sex, or as
//     migrants, followed in its sentence by a dehumanising claim ("are
//     vermin", "is a cancer"), a claim of inferiority ("are genetically
//     inferior", "can't be trusted"), a call to drive it out or wipe it
//     out ("should be driven out", "don't belong here") or, for groups
//     other than migrants as such, to deport it or deny its rights
//     ("should not be allowed to vote"); or preceded by such a call ("get
//     rid of the…") or by hatred declared ("i hate…"). Score 0.6; 1 with
//     a slur, and for slogans of hatred and Holocaust denial. Sentences
//     that report, quote, condemn or deny, or speak of history, victims,
//     teams or fiction, are exempt.
//
// Each rule gives at most one finding, its strongest match. Details name
// the category and never quote the comment. A Detector is immutable and
// safe for concurrent use.
type Detector struct {
	rules []*rule
	m     *matcher
}

// New returns a detector with the built-in lists.
func New() *Detector {
	rules := []*rule{drugsRule(), extremismRule(), violenceRule(), suicideRule(), minorsRule(), hateRule()}
	var sets []*set
	for _, r := range rules {
		sets = append(sets, r.sets()...)
	}
	return &Detector{rules: rules, m: newMatcher(sets...)}
}

// Name identifies the detector in the policy.
func (d *Detector) Name() string { return "lexicon" }

// Detect returns one finding per rule that matched.
func (d *Detector) Detect(_ context.Context, in moderation.Input) []moderation.Finding {
	toks := tokenize(in.Text)
	if len(toks) == 0 {
		return nil
	}
	sc := d.m.scan(toks)
	var out []moderation.Finding
	for _, r := range d.rules {
		if f, ok := r.eval(sc); ok {
			out = append(out, f)
		}
	}
	return out
}
