// Package profanity detects offensive language and profanity in comments,
// including the disguises people use to slip a word past a filter: leet
// ("sh1t", "a$$"), repeated letters ("fuuuck"), letters spaced or separated
// ("f u c k", "f.u.c.k"), masks ("f*ck", "f***"), accents ("fück"), letters
// of other scripts drawn like Latin ones, character references
// ("f&#117;ck") and invisible characters.
//
// It matches whole words only, never a listed word inside an ordinary one,
// so Scunthorpe, assassin and cockpit pass (the "Scunthorpe problem"); a
// short allow-list guards the few ordinary words that look like a listed
// root plus a suffix ("cocky", "Fagin") or, with repeated letters
// collapsed, like a listed word ("Shiite"), and contractions are read
// without their clitic ("who're" is not "whore"). Words with a common
// ordinary sense are told apart by their neighbours ("pussy willow", "a
// packet of fags", "Dick Cheney", see senses). The word list is compiled
// from two public lists by ./gen and embedded (see NOTICE).
package profanity

import (
	"context"
	"fmt"
	"html"
	"strings"

	"tribune/internal/moderation"
)

// Detector tests comments against the policy's profanity rule.
//
// Rules, in order:
//   - profanity: a listed offensive word, phrase or derivative, however
//     disguised, unless its neighbours show an ordinary sense. Score 1 for
//     severe terms (severity 3-4), 0.75 for offensive ones (2: "shit",
//     "piss", "dumbass"); mild ones (1: "damn", "crap", "arse", "badass")
//     are not reported. Detail names the terms masked ("f***, s***").
type Detector struct {
	lx *lexicon
}

// New returns a Detector over the embedded word list.
func New() (*Detector, error) {
	lx, err := parseLexicon(wordsTxt)
	if err != nil {
		return nil, fmt.Errorf("profanity: %w", err)
	}
	return &Detector{lx: lx}, nil
}

// Name identifies the detector in the policy file.
func (d *Detector) Name() string { return "profanity" }

// maxDetail is how many terms a finding's detail names.
const maxDetail = 3

// minSeverity is the least severity Detect reports. Mild words (1: "damn",
// "crap", "arse") are everyday speech on a news site, and the policy's
// profanity rule fires on any finding; Matches still returns them.
const minSeverity = 2

// Detect returns at most one finding, for the rule profanity.
func (d *Detector) Detect(_ context.Context, in moderation.Input) []moderation.Finding {
	hits := d.Matches(in.Text)
	if len(hits) == 0 {
		return nil
	}
	sev := 0
	var names []string
	for _, h := range hits {
		if h.Severity < minSeverity {
			continue
		}
		sev = max(sev, h.Severity)
		m := mask(h.Term)
		if len(names) < maxDetail && !contains(names, m) {
			names = append(names, m)
		}
	}
	if sev == 0 {
		return nil
	}
	return []moderation.Finding{{Rule: "profanity", Score: score(sev), Detail: strings.Join(names, ", ")}}
}

// Match is one listed term found in a text.
type Match struct {
	// Term is the listed term, undisguised (never shown to readers as is).
	Term string
	// Severity runs from 1 (mild) to 4 (severe).
	Severity int
}

// maxSpaced bounds the length of a run of spaced letters that is joined.
const maxSpaced = 16

// Matches returns the listed terms found in text, in order, mild ones
// included.
func (d *Detector) Matches(text string) []Match {
	if strings.IndexByte(text, '&') >= 0 {
		// Character references ("f&#117;ck", "&amp;") read as what they
		// stand for; a plain "&" is left as it is.
		text = html.UnescapeString(text)
	}
	t := tokenizer{store: make([]byte, 0, len(text)), counts: make([]uint8, 0, len(text)),
		words: make([]word, 0, len(text)/4+1)}
	ws := t.split(text)
	var out []Match
	for i := 0; i < len(ws); {
		if n := spacedRun(ws, i); n >= 3 {
			out = d.matchSpaced(ws[i:i+n], out)
			i += n
			continue
		}
		e, span, sev, ok := d.lx.match(ws, i)
		if !ok || ordinary(d.lx.entries[e].term, ws, i, span) {
			i++
			continue
		}
		out = append(out, Match{Term: d.lx.entries[e].term, Severity: sev})
		i += span
	}
	return out
}

// spacedRun returns the length of the run of one-character words starting
// at ws[i] with only separators between them.
func spacedRun(ws []word, i int) int {
	if ws[i].raw != 1 {
		return 0
	}
	n := 1
	for i+n < len(ws) && ws[i+n].spaced && n < maxSpaced {
		n++
	}
	return n
}

// matchSpaced joins windows of a run of spaced letters, longest first, and
// matches each as one word.
func (d *Detector) matchSpaced(run []word, out []Match) []Match {
	for a := 0; a < len(run); {
		found := false
		for b := len(run); b-a >= 3; b-- {
			j := join(run[a:b])
			if e, _, sev, ok := d.lx.match([]word{j}, 0); ok {
				out = append(out, Match{Term: d.lx.entries[e].term, Severity: sev})
				a, found = b, true
				break
			}
		}
		if !found {
			a++
		}
	}
	return out
}

// score maps a reported severity (2 or more) to a finding's score.
func score(sev int) float64 {
	if sev >= 3 {
		return 1
	}
	return 0.75
}

// mask keeps the first letter of each word of a term and stars the rest.
func mask(term string) string {
	b := []byte(term)
	first := true
	for i, c := range b {
		switch {
		case c == ' ' || c == '-':
			first = true
		case first:
			first = false
		default:
			b[i] = '*'
		}
	}
	return string(b)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
