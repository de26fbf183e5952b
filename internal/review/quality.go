package review

import (
	"context"
	"slices"
	"strings"
	"time"

	"tribune/internal/store"
)

// RuleQuality is how the machine's holds and flags under one rule fared
// when moderators reviewed them: the quality page's row.
type RuleQuality struct {
	Rule, Title string
	// Reviewed counts the comments held or flagged under this rule that a
	// moderator decided in the period; a comment several rules fired on
	// counts under each.
	Reviewed int
	// Upheld counts rejections (the machine was right to stop the
	// comment); UpheldSameRule those of them citing this very rule.
	Upheld, UpheldSameRule int
	// Overturned counts approvals: the machine should have let it be.
	Overturned int
	// UpheldRate is Upheld / Reviewed, 0 when nothing was reviewed.
	UpheldRate float64
}

// Quality measures, rule by rule, how often moderators upheld or
// overturned the machine's holds and flags in [since, until): from their
// decisions on comments whose state, as they saw it, was held or marked
// for review with rules the machine found. Rules nobody reviewed are left
// out; the rest come in policy order, then rules the policy no longer has.
func (s *Service) Quality(ctx context.Context, since, until time.Time) ([]RuleQuality, error) {
	st, err := s.stats()
	if err != nil {
		return nil, err
	}
	by := map[string]*RuleQuality{}
	err = eachEntry(ctx, st, since, until, []string{store.ActionApprove, store.ActionReject}, func(e store.AuditEntry) error {
		if e.Automated {
			return nil
		}
		for _, r := range parseState(e.Before).machineRules() {
			q, ok := by[r]
			if !ok {
				q = &RuleQuality{Rule: r, Title: s.rule(r).Title}
				by[r] = q
			}
			q.Reviewed++
			if e.Action == store.ActionApprove {
				q.Overturned++
				continue
			}
			q.Upheld++
			if e.Rule == r {
				q.UpheldSameRule++
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []RuleQuality
	for _, r := range s.Policy().Rules {
		if q, ok := by[r.ID]; ok {
			out = append(out, *q)
			delete(by, r.ID)
		}
	}
	var others []RuleQuality
	for _, q := range by {
		others = append(others, *q)
	}
	slices.SortFunc(others, func(a, b RuleQuality) int { return strings.Compare(a.Rule, b.Rule) })
	out = append(out, others...)
	for i := range out {
		out[i].UpheldRate = float64(out[i].Upheld) / float64(out[i].Reviewed)
	}
	return out, nil
}
