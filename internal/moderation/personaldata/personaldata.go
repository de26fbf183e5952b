// Package personaldata finds other people's contact and payment details in
// comments: publishing them is a privacy violation whoever they belong to.
package personaldata

import (
	"context"
	"strings"

	"tribune/internal/moderation"
)

// Detector reports personal data. Its rule:
//
//   - personal-data: an email address (also written "name at domain dot
//     com"), a phone number in international or common national format, a
//     payment card number (known issuer prefix, Luhn check) or an IBAN
//     (country length, mod-97 check). The detail names the kinds found,
//     never the data. Score 1, or 0.8 for a national phone number without
//     a phone word ("call", "tel") near it.
//
// A Detector has no state and is safe for concurrent use.
type Detector struct{}

// New returns a detector.
func New() *Detector { return &Detector{} }

// Name identifies the detector in the policy.
func (d *Detector) Name() string { return "personal-data" }

// Detect reports the kinds of personal data in the comment.
func (d *Detector) Detect(_ context.Context, in moderation.Input) []moderation.Finding {
	text := in.Text
	var kinds []string
	score := 0.0
	add := func(kind string, s float64) {
		kinds = append(kinds, kind)
		score = max(score, s)
	}
	if hasEmail(text) {
		add("an email address", 1)
	}
	cards, ibans := hasCard(text), hasIBAN(text)
	if cards {
		add("a payment card number", 1)
	}
	if ibans {
		add("a bank account number (IBAN)", 1)
	}
	if s := phoneScore(text); s > 0 {
		add("a phone number", s)
	}
	if len(kinds) == 0 {
		return nil
	}
	return []moderation.Finding{{Rule: "personal-data", Score: score, Detail: join(kinds)}}
}

// join lists kinds in prose: "a, b and c".
func join(k []string) string {
	if len(k) == 1 {
		return k[0]
	}
	return strings.Join(k[:len(k)-1], ", ") + " and " + k[len(k)-1]
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isAlpha(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isAlnum(c byte) bool { return isDigit(c) || isAlpha(c) }
