package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"tribune/internal/accounts"
	"tribune/internal/captcha"
	"tribune/internal/config"
	"tribune/internal/jobs"
	"tribune/internal/mail"
	"tribune/internal/oauth"
	"tribune/internal/site"
	"tribune/internal/store"
)

// JobEmail is the jobs-queue kind of an outgoing email.
const JobEmail = "email"

// mailQueue hands emails to the jobs queue, so a failed delivery is retried
// by any node and survives a restart.
type mailQueue struct {
	store  *store.Store
	runner *jobs.Runner
}

// Send enqueues the message and wakes a worker.
func (q mailQueue) Send(ctx context.Context, m mail.Message) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if _, err := q.store.EnqueueJob(ctx, store.Job{Kind: JobEmail, Payload: string(b)}); err != nil {
		return err
	}
	q.runner.Kick()
	return nil
}

// newSender builds the configured delivery: SMTP, or the outbox folder.
func newSender(cfg *config.Config, log *slog.Logger) (mail.Sender, error) {
	if cfg.SMTPHost == "" {
		dir := filepath.Join(cfg.DataDir, "outbox")
		log.Info("no SMTP server configured: emails are written to the outbox folder", "dir", dir)
		return mail.NewOutbox(dir, cfg.MailFrom, log)
	}
	return mail.NewSMTP(mail.SMTPConfig{Host: cfg.SMTPHost, Port: cfg.SMTPPort, Security: cfg.SMTPSecurity,
		Username: cfg.SMTPUsername, Password: cfg.SMTPPassword, From: cfg.MailFrom, Timeout: 30 * time.Second})
}

// emailHandler delivers one queued email.
func emailHandler(sender mail.Sender) jobs.Handler {
	return func(ctx context.Context, payload string) error {
		var m mail.Message
		if err := json.Unmarshal([]byte(payload), &m); err != nil {
			return fmt.Errorf("%w: bad email payload: %v", jobs.ErrPermanent, err)
		}
		return sender.Send(ctx, m)
	}
}

// accountsDeps is everything reader accounts add to the server.
type accountsDeps struct {
	service *accounts.Service
	captcha *captcha.Captcha
	social  []site.SocialProvider
	policy  site.Policy
	key     []byte
	runner  *jobs.Runner
}

// newAccounts wires reader accounts: the service with its queued mailer,
// the captcha, social logins and the privacy policy.
func newAccounts(ctx context.Context, cfg *config.Config, st *store.Store, log *slog.Logger) (*accountsDeps, error) {
	d := &accountsDeps{runner: jobs.New(st, log, jobs.Options{})}
	sender, err := newSender(cfg, log)
	if err != nil {
		return nil, err
	}
	d.runner.Handle(JobEmail, emailHandler(sender))
	if d.policy, err = loadPolicy(cfg); err != nil {
		return nil, err
	}
	if d.key, err = st.Secret(ctx, "site"); err != nil {
		return nil, err
	}
	captchaKey, err := st.Secret(ctx, "captcha")
	if err != nil {
		return nil, err
	}
	if cfg.CaptchaTestHook {
		log.Warn("CAPTCHA TEST HOOK IS ON: the registration captcha accepts the answer TEST-PASS. Never run a public site like this.")
	}
	if d.captcha, err = captcha.New(captcha.Options{Key: captchaKey, TestHook: cfg.CaptchaTestHook}, st); err != nil {
		return nil, err
	}
	d.service, err = accounts.New(accounts.Config{SiteName: cfg.SiteName, BaseURL: cfg.BaseURL, PolicyVersion: d.policy.Version,
		PurgeComments: cfg.PurgeComments},
		st, mailQueue{store: st, runner: d.runner}, log)
	if err != nil {
		return nil, err
	}
	d.runner.Handle(accounts.JobPurge, d.service.PurgeJob)
	if d.social, err = socialProviders(cfg); err != nil {
		return nil, err
	}
	return d, nil
}

// loadPolicy reads the operator's privacy policy, or the shipped one.
func loadPolicy(cfg *config.Config) (site.Policy, error) {
	p := site.DefaultPrivacyPolicy()
	if cfg.PrivacyPolicyFile != "" {
		b, err := os.ReadFile(cfg.PrivacyPolicyFile)
		if err != nil {
			return p, fmt.Errorf("privacy policy: %w", err)
		}
		if cfg.PrivacyPolicyVersion == "" {
			return p, errors.New("privacy-policy-version: required with --privacy-policy, so consents record which text readers agreed to")
		}
		p.Text = string(b)
	}
	if cfg.PrivacyPolicyVersion != "" {
		p.Version = cfg.PrivacyPolicyVersion
	}
	return p, nil
}

// socialProviders builds the configured social logins.
func socialProviders(cfg *config.Config) ([]site.SocialProvider, error) {
	client := &http.Client{Timeout: 15 * time.Second}
	var confs []oauth.ProviderConfig
	if cfg.FacebookClientID != "" {
		confs = append(confs, oauth.ProviderConfig{Name: "facebook", DisplayName: "Facebook", Kind: oauth.KindFacebook,
			ClientID: cfg.FacebookClientID, ClientSecret: cfg.FacebookClientSecret})
	}
	if cfg.GoogleClientID != "" {
		confs = append(confs, oauth.ProviderConfig{Name: "google", DisplayName: "Google", Kind: oauth.KindGoogle,
			ClientID: cfg.GoogleClientID, ClientSecret: cfg.GoogleClientSecret})
	}
	if cfg.OIDCClientID != "" {
		confs = append(confs, oauth.ProviderConfig{Name: cfg.OIDCName, DisplayName: cfg.OIDCDisplayName, Kind: oauth.KindOIDC,
			Issuer: cfg.OIDCIssuer, ClientID: cfg.OIDCClientID, ClientSecret: cfg.OIDCClientSecret})
	}
	out := make([]site.SocialProvider, 0, len(confs))
	for _, c := range confs {
		p, err := oauth.NewProvider(c, client)
		if err != nil {
			return nil, fmt.Errorf("social login %s: %w", c.Name, err)
		}
		out = append(out, p)
	}
	return out, nil
}
