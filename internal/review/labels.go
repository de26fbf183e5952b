package review

import (
	"context"
	"encoding/json"
	"io"
	"strings"
	"time"

	"tribune/internal/moderation/eval"
	"tribune/internal/store"
)

// ExportLabels writes the moderators' decisions of [since, until) as
// labelled JSON Lines in the format of `tribune moderation eval` (one
// eval.Example a line), so the newsroom's own judgements can measure and
// retrain the engine:
//
//   - a rejection under rule R gives {"text": ..., "labels": {"R": 1}};
//   - an approval of a comment the machine held or flagged under rules
//     R1..Rn gives {"labels": {"R1": 0, ..., "Rn": 0}}.
//
// Approvals of comments that only readers reported teach nothing about a
// rule and are left out. When a comment was decided more than once, its
// last decision counts. The text is the comment's as it stands now;
// deleted comments, and those of readers who deleted their account, are
// skipped. It returns the number of lines written.
func (s *Service) ExportLabels(ctx context.Context, w io.Writer, since, until time.Time) (int, error) {
	st, err := s.stats()
	if err != nil {
		return 0, err
	}
	last := map[string]map[string]int{} // comment id: labels of its last decision
	var order []string
	err = eachEntry(ctx, st, since, until, []string{store.ActionApprove, store.ActionReject}, func(e store.AuditEntry) error {
		if e.Automated || e.TargetType != store.TargetComment {
			return nil
		}
		labels := map[string]int{}
		if e.Action == store.ActionReject {
			if e.Rule == "" {
				return nil
			}
			labels[e.Rule] = 1
		} else {
			for _, r := range parseState(e.Before).machineRules() {
				labels[r] = 0
			}
			if len(labels) == 0 {
				return nil
			}
		}
		if _, ok := last[e.TargetID]; !ok {
			order = append(order, e.TargetID)
		}
		last[e.TargetID] = labels
		return nil
	})
	if err != nil {
		return 0, err
	}
	n := 0
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for start := 0; start < len(order); start += 500 {
		ids := order[start:min(start+500, len(order))]
		recs, err := st.CommentRecords(ctx, ids)
		if err != nil {
			return n, err
		}
		for _, id := range ids {
			c, ok := recs[id]
			if !ok || c.Status == store.CommentDeleted || c.AuthorGone || strings.TrimSpace(c.Body) == "" {
				continue
			}
			if err := enc.Encode(eval.Example{Text: c.Body, Labels: last[id]}); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}
