package review

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"

	"tribune/internal/store"
)

// StatsStore is what the transparency figures, the quality page and the
// exports read beyond Store: a period's audit entries page by page, and
// what statements of reasons and training labels need of the comments and
// accounts decided. *store.Store has it; the Service finds it on the Store
// it was given, so workspaces built on a smaller Store keep working.
type StatsStore interface {
	AuditEntries(ctx context.Context, r store.AuditRange) ([]store.AuditEntry, error)
	CommentRecords(ctx context.Context, ids []string) (map[string]store.CommentRecord, error)
	UsersCreatedAt(ctx context.Context, ids []string) (map[string]time.Time, error)
}

// ErrNoStats means the workspace's store cannot list audit entries by
// period, so figures and exports are unavailable.
var ErrNoStats = errors.New("review: the store cannot list audit entries by period")

func (s *Service) stats() (StatsStore, error) {
	st, ok := s.store.(StatsStore)
	if !ok {
		return nil, ErrNoStats
	}
	return st, nil
}

// eachPage calls fn with the entries of some actions in [since, until),
// oldest first, a page of up to 1,000 at a time.
func eachPage(ctx context.Context, st StatsStore, since, until time.Time, actions []string, fn func([]store.AuditEntry) error) error {
	r := store.AuditRange{Since: since, Until: until, Actions: actions, Limit: 1000}
	for {
		page, err := st.AuditEntries(ctx, r)
		if err != nil {
			return err
		}
		if len(page) > 0 {
			if err := fn(page); err != nil {
				return err
			}
		}
		if len(page) < r.Limit {
			return nil
		}
		r.After = page[len(page)-1].Seq
	}
}

// eachEntry is eachPage one entry at a time.
func eachEntry(ctx context.Context, st StatsStore, since, until time.Time, actions []string, fn func(store.AuditEntry) error) error {
	return eachPage(ctx, st, since, until, actions, func(page []store.AuditEntry) error {
		for _, e := range page {
			if err := fn(e); err != nil {
				return err
			}
		}
		return nil
	})
}

// commentState is the short JSON of a comment's state in the audit log.
type commentState struct {
	Status      string   `json:"status"`
	NeedsReview bool     `json:"needs_review"`
	Rules       []string `json:"rules"`
}

func parseState(s string) commentState {
	var st commentState
	if s != "" {
		json.Unmarshal([]byte(s), &st)
	}
	return st
}

// machineRules are the rules under which the machine held or flagged the
// comment a moderator decided: none when it reached the moderator by
// readers' reports alone.
func (c commentState) machineRules() []string {
	if c.Status == store.CommentHeld || c.NeedsReview {
		return c.Rules
	}
	return nil
}

// ReportsRow is the rule id of the transparency report's row for
// moderators' decisions on comments no rule fired on: readers reported
// them.
const ReportsRow = ""

// RuleFigures are one rule's figures in the transparency report.
type RuleFigures struct {
	// Rule is the policy rule's id (ReportsRow for readers' reports).
	Rule  string
	Title string
	// What the machine did to new comments under this rule.
	MachineHeld, MachineFlagged, MachineRejected int
	// ModeratorRejected counts moderators' rejections citing this rule.
	ModeratorRejected int
	// ModeratorApproved counts comments the machine held or flagged under
	// this rule that a moderator approved after review; a comment several
	// rules fired on counts under each of them.
	ModeratorApproved int
}

// BlockFigures count the blocks put on accounts.
type BlockFigures struct {
	// Automated blocks come from the strikes limit or from recognising a
	// permanently blocked person's new account; ByModerators by hand.
	Automated, ByModerators int
	// Permanent counts the blocks of either kind that were permanent (a
	// second block, or block evasion).
	Permanent int
	// Unblocked counts blocks lifted by moderators or admins outside an
	// appeal.
	Unblocked int
}

// AppealFigures count appeals against blocks and their outcomes.
type AppealFigures struct {
	Received int
	// Restored appeals reversed the block; Upheld ones kept it.
	Restored, Upheld int
}

// Report is the transparency report of a period: what the machine and the
// moderators decided, rule by rule, and what became of blocks and appeals.
type Report struct {
	Since, Until  time.Time
	PolicyVersion string
	// Rules are in policy order, then rules the policy no longer has, then
	// the ReportsRow when moderators approved reported comments.
	Rules []RuleFigures
	// AutomatedDecisions are the machine's holds, flags, rejections and
	// blocks; HumanDecisions the moderators' approvals, rejections,
	// blocks, unblocks and appeal decisions. Strikes follow rejections and
	// are not counted apart.
	AutomatedDecisions, HumanDecisions int
	Blocks                             BlockFigures
	Appeals                            AppealFigures
}

// Transparency computes the report of [since, until) from the audit log.
func (s *Service) Transparency(ctx context.Context, since, until time.Time) (Report, error) {
	rep := Report{Since: since, Until: until, PolicyVersion: s.Policy().Version}
	st, err := s.stats()
	if err != nil {
		return rep, err
	}
	counts, err := s.store.AuditCounts(ctx, since, until)
	if err != nil {
		return rep, err
	}
	rows := newRuleRows(s)
	for _, c := range counts {
		switch {
		case c.Action == store.ActionHold && c.Automated:
			rows.get(c.Rule).MachineHeld += c.N
		case c.Action == store.ActionFlag && c.Automated:
			rows.get(c.Rule).MachineFlagged += c.N
		case c.Action == store.ActionReject && c.Automated:
			rows.get(c.Rule).MachineRejected += c.N
		case c.Action == store.ActionReject:
			rows.get(c.Rule).ModeratorRejected += c.N
		case c.Action == store.ActionBlock && c.Automated:
			rep.Blocks.Automated += c.N
		case c.Action == store.ActionBlock:
			rep.Blocks.ByModerators += c.N
		case c.Action == store.ActionUnblock:
			rep.Blocks.Unblocked += c.N
		case c.Action == store.ActionAppeal:
			rep.Appeals.Received += c.N
		case c.Action == store.ActionRestore:
			rep.Appeals.Restored += c.N
		case c.Action == store.ActionUphold:
			rep.Appeals.Upheld += c.N
		}
		switch c.Action {
		case store.ActionHold, store.ActionFlag, store.ActionReject, store.ActionApprove, store.ActionBlock, store.ActionUnblock,
			store.ActionRestore, store.ActionUphold:
			if c.Automated {
				rep.AutomatedDecisions += c.N
			} else {
				rep.HumanDecisions += c.N
			}
		}
	}
	// Approvals carry no rule: the rules are in the state the moderator
	// saw. Whether a block was permanent is in the state after it.
	err = eachEntry(ctx, st, since, until, []string{store.ActionApprove, store.ActionBlock}, func(e store.AuditEntry) error {
		if e.Action == store.ActionBlock {
			if e.After == "blocked permanently" {
				rep.Blocks.Permanent++
			}
			return nil
		}
		if e.Automated {
			return nil
		}
		rules := parseState(e.Before).machineRules()
		if len(rules) == 0 {
			rows.get(ReportsRow).ModeratorApproved++
		}
		for _, r := range rules {
			rows.get(r).ModeratorApproved++
		}
		return nil
	})
	if err != nil {
		return rep, err
	}
	rep.Rules = rows.list(func(f RuleFigures) bool {
		return f.MachineHeld+f.MachineFlagged+f.MachineRejected+f.ModeratorRejected+f.ModeratorApproved > 0
	})
	return rep, nil
}

// ruleRows gathers per-rule figures: every policy rule in order, then the
// others as they appear.
type ruleRows struct {
	s      *Service
	order  []string
	byRule map[string]*RuleFigures
	policy map[string]bool
}

func newRuleRows(s *Service) *ruleRows {
	rr := &ruleRows{s: s, byRule: map[string]*RuleFigures{}, policy: map[string]bool{}}
	for _, r := range s.Policy().Rules {
		rr.get(r.ID)
		rr.policy[r.ID] = true
	}
	return rr
}

func (rr *ruleRows) get(rule string) *RuleFigures {
	if f, ok := rr.byRule[rule]; ok {
		return f
	}
	f := &RuleFigures{Rule: rule, Title: rr.s.rule(rule).Title}
	if rule == ReportsRow {
		f.Title = "Reported by readers (no rule fired)"
	}
	rr.byRule[rule] = f
	rr.order = append(rr.order, rule)
	return f
}

// list returns policy rules always, the other rows when keep says so:
// other rules sorted by id, the readers' reports row last.
func (rr *ruleRows) list(keep func(RuleFigures) bool) []RuleFigures {
	var out, others []RuleFigures
	var reports *RuleFigures
	for _, id := range rr.order {
		f := *rr.byRule[id]
		switch {
		case rr.policy[id]:
			out = append(out, f)
		case !keep(f):
		case id == ReportsRow:
			reports = &f
		default:
			others = append(others, f)
		}
	}
	slices.SortFunc(others, func(a, b RuleFigures) int { return strings.Compare(a.Rule, b.Rule) })
	out = append(out, others...)
	if reports != nil {
		out = append(out, *reports)
	}
	return out
}
