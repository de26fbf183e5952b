package review

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"tribune/internal/moderation/policy"
	"tribune/internal/store"
)

// PolicySetting is the settings key of the policy as admins changed it;
// it overrides the file's on every node until reset.
const PolicySetting = "moderation_policy"

// ActionPolicy is the audit action of a policy change.
const ActionPolicy = "policy.change"

// ChangePolicy applies an admin's changes to thresholds, actions and
// strike severities: a new policy version, stored for every node (each
// picks it up within seconds), in force here at once, in the audit log
// with what changed and why.
func (s *Service) ChangePolicy(ctx context.Context, admin store.User, changes map[string]policy.Change, reason string) (*policy.Policy, error) {
	if admin.Role != store.RoleAdmin {
		return nil, &Problem{"Only admins can change the policy."}
	}
	reason = strings.TrimSpace(reason)
	if utf8.RuneCountInString(reason) < 3 {
		return nil, ErrNeedReason
	}
	old := s.Policy()
	var diff []string
	for id, c := range changes {
		r, ok := old.Rule(id)
		if !ok {
			return nil, &Problem{fmt.Sprintf("Rule %q is not in the policy.", id)}
		}
		if r.Threshold == c.Threshold && r.Action == c.Action && max(r.Severity, 1) == c.Severity {
			delete(changes, id)
			continue
		}
		diff = append(diff, fmt.Sprintf("%s: threshold %g→%g, action %s→%s, severity %d→%d", id, r.Threshold, c.Threshold, r.Action, c.Action,
			r.Severity, c.Severity))
	}
	if len(changes) == 0 {
		return old, &Problem{"Nothing changed."}
	}
	sort.Strings(diff)
	version := baseVersion(old.Version) + "+admin." + s.now().Format("20060102T150405Z")
	p, err := old.Adjust(version, changes)
	if err != nil {
		return nil, &Problem{"The policy was not changed: " + err.Error()}
	}
	if s.apply != nil {
		if err := s.apply(p); err != nil {
			return nil, &Problem{"The policy was not changed: " + err.Error()}
		}
	}
	if err := s.store.SetSetting(ctx, PolicySetting, p.JSON()); err != nil {
		if s.apply != nil {
			s.apply(old)
		}
		return nil, err
	}
	if err := s.store.AddAudit(ctx, store.AuditEntry{At: s.now(), ActorID: admin.ID, Action: ActionPolicy, TargetType: "policy",
		TargetID: p.Version, Reason: reason, Before: old.Version, After: strings.Join(diff, "; ")}); err != nil {
		s.log.Warn("policy change: audit", "err", err)
	}
	return p, nil
}

// ResetPolicy drops the admins' changes: the file's policy is in force
// again on every node.
func (s *Service) ResetPolicy(ctx context.Context, admin store.User, file *policy.Policy, reason string) error {
	if admin.Role != store.RoleAdmin {
		return &Problem{"Only admins can change the policy."}
	}
	if utf8.RuneCountInString(strings.TrimSpace(reason)) < 3 {
		return ErrNeedReason
	}
	if err := s.store.DeleteSetting(ctx, PolicySetting); err != nil {
		return err
	}
	if s.apply != nil {
		if err := s.apply(file); err != nil {
			return err
		}
	}
	return s.store.AddAudit(ctx, store.AuditEntry{At: s.now(), ActorID: admin.ID, Action: ActionPolicy, TargetType: "policy",
		TargetID: file.Version, Reason: strings.TrimSpace(reason), After: "reset to the policy file"})
}

// StoredPolicy is the admins' policy from the database, or nil when the
// file's is in force.
func (s *Service) StoredPolicy(ctx context.Context) (*policy.Policy, error) {
	raw, err := s.store.Setting(ctx, PolicySetting)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return policy.Parse([]byte(raw))
}

// WatchPolicy polls the stored policy and applies a change made on another
// node, until ctx ends.
func (s *Service) WatchPolicy(ctx context.Context, file *policy.Policy, every time.Duration) {
	last := ""
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		raw, err := s.store.Setting(ctx, PolicySetting)
		switch {
		case errors.Is(err, store.ErrNotFound):
			raw = ""
		case err != nil:
			raw = last
			if ctx.Err() == nil {
				s.log.Warn("policy watch", "err", err)
			}
		}
		if raw != last && s.apply != nil {
			p := file
			if raw != "" {
				if p, err = policy.Parse([]byte(raw)); err != nil {
					s.log.Warn("stored policy is invalid; keeping the one in force", "err", err)
					p = nil
				}
			}
			if p != nil && p.Version != s.Policy().Version {
				if err := s.apply(p); err != nil {
					s.log.Warn("policy change not applied", "err", err)
				} else {
					s.log.Info("moderation policy changed", "version", p.Version)
				}
			}
			last = raw
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// baseVersion strips earlier admin suffixes from a version.
func baseVersion(v string) string {
	if i := strings.Index(v, "+admin."); i >= 0 {
		return v[:i]
	}
	return v
}
