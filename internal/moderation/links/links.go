// Package links finds links to other sites and self-promotion in comments:
// a newsroom wants discussion under its stories, not traffic sent
// elsewhere or readers recruited into private chats.
package links

import (
	"context"
	"fmt"
	"strings"

	"tribune/internal/moderation"
)

// Detector reports links and promotion. Its rules, in order:
//
//   - advertising: a link (URL, "www." address or bare domain such as
//     example.com, including shorteners like bit.ly) to a host outside the
//     allow-list. Score 1.
//   - promotion: a contact-me, follow-me, get-rich-quick or sales phrase
//     ("DM me", "contact me on WhatsApp", "visit my channel", "earn $500 a
//     day from home", "promo code"). Score 0.9.
//
// A Detector is immutable after New and safe for concurrent use.
type Detector struct {
	allowed []string
	byFirst map[string][]*compiled
	special []*compiled
}

// Option configures a Detector.
type Option func(*Detector)

// WithAllowed adds domains that may be linked freely, normally the site's
// own; each covers its subdomains ("example.com" allows
// "www.example.com").
func WithAllowed(domains ...string) Option {
	return func(d *Detector) {
		for _, s := range domains {
			s = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(s)), "www.")
			if s != "" {
				d.allowed = append(d.allowed, strings.TrimSuffix(s, "."))
			}
		}
	}
}

// New builds a detector with the default English promotion phrases.
func New(opts ...Option) *Detector {
	d := &Detector{}
	for _, o := range opts {
		o(d)
	}
	d.byFirst, d.special = compile(phrases[:])
	return d
}

// Name identifies the detector in the policy.
func (d *Detector) Name() string { return "links" }

// Detect reports the comment's links and promotion phrases.
func (d *Detector) Detect(_ context.Context, in moderation.Input) []moderation.Finding {
	var out []moderation.Finding
	if f, ok := d.advertising(in.Text); ok {
		out = append(out, f)
	}
	if f, ok := d.promotion(in.Text); ok {
		out = append(out, f)
	}
	return out
}

func (d *Detector) advertising(text string) (moderation.Finding, bool) {
	var first Link
	n := 0
	for _, l := range Find(text) {
		if d.Allowed(l.Host) || (l.IP && !l.Explicit && l.Path == "") {
			continue
		}
		if n == 0 {
			first = l
		}
		n++
	}
	if n == 0 {
		return moderation.Finding{}, false
	}
	var detail string
	switch shorteners[first.Host] {
	case "shortened":
		detail = "a shortened link (" + first.Host + ")"
	case "messenger":
		detail = "a link to a messenger (" + first.Host + ")"
	default:
		detail = "a link to " + strings.TrimPrefix(first.Host, "www.")
	}
	if n > 1 {
		detail += fmt.Sprintf(" and %d more", n-1)
	}
	return moderation.Finding{Rule: "advertising", Score: 1, Detail: detail}, true
}

// Allowed reports whether host is one of the allowed domains or a
// subdomain of one.
func (d *Detector) Allowed(host string) bool {
	for _, a := range d.allowed {
		if host == a || (strings.HasSuffix(host, a) && host[len(host)-len(a)-1] == '.') {
			return true
		}
	}
	return false
}

func (d *Detector) promotion(text string) (moderation.Finding, bool) {
	var arr [96]token
	toks := tokenize(strings.ToLower(text), arr[:0])
	var amount, cue bool
	for i := range toks {
		for _, c := range d.byFirst[toks[i].s] {
			if !c.matchAt(toks, i, 0) {
				continue
			}
			switch c.kind {
			case kindCue:
				cue = true
			case kindAmount:
				amount = true
			default:
				return moderation.Finding{Rule: "promotion", Score: 0.9, Detail: c.kind}, true
			}
		}
		for _, c := range d.special {
			if c.matchAt(toks, i, 0) {
				if c.kind == kindAmount {
					amount = true
				}
			}
		}
	}
	if amount && cue {
		return moderation.Finding{Rule: "promotion", Score: 0.9, Detail: kindMoney}, true
	}
	return moderation.Finding{}, false
}
