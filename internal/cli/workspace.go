package cli

import (
	"context"
	"log/slog"

	"tribune/internal/comments"
	"tribune/internal/config"
	"tribune/internal/moderation/policy"
	"tribune/internal/review"
	"tribune/internal/store"
	"tribune/internal/webhooks"
)

// newWorkspace wires the moderators' workspace: decisions recorded with
// every new comment, statements of reasons by email through the jobs
// queue, signed webhooks, and the recognition of permanently blocked
// people who register again.
func newWorkspace(ctx context.Context, cfg *config.Config, st *store.Store, rules *policy.Policy, acc *accountsDeps,
	cs *comments.Service, log *slog.Logger) (*review.Service, error) {
	key, err := st.Secret(ctx, "block-evasion")
	if err != nil {
		return nil, err
	}
	hooks := webhooks.New(webhooks.Config{URLs: cfg.WebhookURLs, Secret: cfg.WebhookSecret, Logger: log, Kick: acc.runner.Kick}, st)
	// Registered even without URLs, so deliveries queued before a URL was
	// removed are cleared.
	acc.runner.Handle(webhooks.JobKind, hooks.Handler())
	rv := review.New(review.Config{SiteName: cfg.SiteName, BaseURL: cfg.BaseURL, BlockAt: cfg.StrikeLimit, Key: key, Changed: cs.Changed},
		st, rules, mailQueue{store: st, runner: acc.runner}, webhookSender{hooks: hooks, log: log}, log)
	cs.SetRecorder(rv)
	acc.service.OnNewAccount(rv.Recognise)
	return rv, nil
}

// webhookSender adapts the webhooks to the workspace's Hooks.
type webhookSender struct {
	hooks *webhooks.Hooks
	log   *slog.Logger
}

func (w webhookSender) Notify(ctx context.Context, eventType string, data map[string]any) {
	if err := w.hooks.Publish(ctx, webhooks.Event{Type: eventType, Data: data}); err != nil {
		w.log.Warn("webhook", "event", eventType, "err", err)
	}
}
