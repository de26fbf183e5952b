package cli

import (
	"context"
	"log/slog"
	"time"

	"tribune/internal/comments"
	"tribune/internal/moderation"
	"tribune/internal/moderation/flashmob"
	"tribune/internal/moderation/policy"
	"tribune/internal/store"
)

// statefulWindow is how far back the stateful detectors' memory reaches
// when a node starts (the flash-mob window; flood's windows are shorter).
const statefulWindow = flashmob.DefaultWindow

// rebuildStateful gives the flash-mob and flood detectors the comments of
// their windows posted before this node started (on any node).
func rebuildStateful(ctx context.Context, st *store.Store, m moderator) error {
	recent, err := st.RecentComments(ctx, time.Now().Add(-statefulWindow), 50000)
	if err != nil {
		return err
	}
	ins := make([]moderation.Input, len(recent))
	for i, c := range recent {
		ins[i] = commentInput(c)
	}
	m.mob.Rebuild(ins)
	for _, in := range ins { // oldest first, as RecentComments lists them
		m.flood.Observe(in)
	}
	return nil
}

func commentInput(c store.Comment) moderation.Input {
	return moderation.Input{ID: c.ID, Text: c.Body, AuthorID: c.AuthorID, ArticleID: c.ArticleID, At: c.CreatedAt}
}

// shareStateful keeps the stateful detectors in step with the whole site:
// every comment published on any node (the live-comment poller sees them
// all) is observed, each once, so an organised action or a flooder spread
// over several nodes behind a load balancer is still seen as one.
func shareStateful(cs *comments.Service, m moderator) {
	cs.Hub.Observe(func(c store.Comment) {
		in := commentInput(c)
		m.mob.Observe(in)
		m.flood.Observe(in)
	})
}

// laterMarks applies the flash-mob rule to the first comments of an
// organised action, recognised only once enough accounts had joined: the
// detector names them, and they are held for a moderator (or marked for
// review when the policy's action is flag). Names of comments not yet
// written (a batch in flight) are tried again once, a moment later.
type laterMarks struct {
	cs     *comments.Service
	log    *slog.Logger
	reason moderation.Reason
	hold   bool
	ids    chan []string
}

// newLaterMarks hooks the marker to the flash-mob detector; nil when the
// policy has no flash-mob rule.
func newLaterMarks(cs *comments.Service, m moderator, p *policy.Policy, log *slog.Logger) *laterMarks {
	r, ok := p.Rule(flashmob.Rule)
	if !ok {
		return nil
	}
	lm := &laterMarks{cs: cs, log: log, reason: moderation.Reason{Rule: r.ID, Message: r.Text},
		hold: r.Action != policy.Flag, ids: make(chan []string, 256)}
	m.mob.OnGroup(func(ids []string) {
		select {
		case lm.ids <- ids:
		default:
			log.Warn("flash-mob: too many groups at once; earlier members not marked", "comments", len(ids))
		}
	})
	return lm
}

// laterRetry is how long names of comments not yet written wait.
const laterRetry = 2 * time.Second

// Run marks named comments until ctx ends.
func (lm *laterMarks) Run(ctx context.Context) {
	type retry struct {
		at  time.Time
		ids []string
	}
	var retries []retry
	tick := time.NewTicker(laterRetry / 4)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ids := <-lm.ids:
			if missing := lm.mark(ctx, ids); len(missing) > 0 {
				retries = append(retries, retry{at: time.Now().Add(laterRetry), ids: missing})
			}
		case now := <-tick.C:
			for len(retries) > 0 && retries[0].at.Before(now) {
				if missing := lm.mark(ctx, retries[0].ids); len(missing) > 0 {
					lm.log.Warn("flash-mob: comments named but not found", "ids", missing)
				}
				retries = retries[1:]
			}
		}
	}
}

func (lm *laterMarks) mark(ctx context.Context, ids []string) []string {
	missing, err := lm.cs.MarkLater(ctx, ids, lm.reason, lm.hold)
	if err != nil && ctx.Err() == nil {
		lm.log.Warn("flash-mob: mark earlier members", "err", err)
	}
	if len(ids) > len(missing) {
		lm.log.Info("flash-mob: earlier members of a group marked", "comments", len(ids)-len(missing), "hold", lm.hold)
	}
	return missing
}
