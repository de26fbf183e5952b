package accounts

import (
	"context"
	"time"

	"tribune/internal/secret"
	"tribune/internal/store"
)

// JobPurge is the jobs-queue kind of the purge of a deleted account.
const JobPurge = "purge-account"

func purgeKey(userID string) string { return "purge-account:" + userID }

// Delete deletes an account at once: it is signed out everywhere, its
// profile leaves public view, and an email brings a link that restores it
// within the restore window. A durable job purges it after that.
// confirm is the current password (or, for accounts without one, the word
// DELETE typed by the reader).
func (s *Service) Delete(ctx context.Context, u store.User, confirm string) error {
	if u.PasswordHash == "" {
		if confirm != "DELETE" {
			return formError("confirm", "Type DELETE to confirm.")
		}
	} else if err := s.checkCurrent(ctx, u, confirm); err != nil {
		return formError("confirm", "Your password is not correct.")
	}
	now := s.now()
	u.DeletedAt, u.PurgeAfter = now, now.Add(s.cfg.RestoreWindow)
	if err := s.store.UpdateUser(ctx, u); err != nil {
		return err
	}
	if _, err := s.store.DeleteUserSessions(ctx, u.ID, ""); err != nil {
		return err
	}
	if _, err := s.store.EnqueueJob(ctx, store.Job{Kind: JobPurge, Payload: u.ID, UniqueKey: purgeKey(u.ID), RunAt: u.PurgeAfter}); err != nil {
		return err
	}
	token, err := s.newToken(ctx, u.ID, store.TokenRestore, "", s.cfg.RestoreWindow)
	if err != nil {
		return err
	}
	return s.send(ctx, u.Email, deletedEmail(s.cfg, u, s.cfg.BaseURL+"/account/restore?token="+token))
}

// CheckRestoreToken tells whether a restore link can still be used.
func (s *Service) CheckRestoreToken(ctx context.Context, token string) (store.User, error) {
	t, err := s.store.PeekUserToken(ctx, secret.Hash(token), store.TokenRestore, s.now())
	if err != nil {
		return store.User{}, linkError(err)
	}
	return s.store.UserByID(ctx, t.UserID)
}

// Restore brings a deleted account back exactly as it was and cancels its
// purge. The reader signs in again afterwards.
func (s *Service) Restore(ctx context.Context, token string) (store.User, error) {
	var u store.User
	err := s.store.UseUserToken(ctx, secret.Hash(token), store.TokenRestore, s.now(), func(tx store.Tx, t store.UserToken) error {
		var err error
		if u, err = tx.UserByID(ctx, t.UserID); err != nil {
			return err
		}
		if !u.PurgedAt.IsZero() {
			return ErrLinkExpired
		}
		u.DeletedAt, u.PurgeAfter = time.Time{}, time.Time{}
		return tx.UpdateUser(ctx, u)
	})
	if err != nil {
		return u, linkError(err)
	}
	if _, err := s.store.CancelJob(ctx, purgeKey(u.ID)); err != nil {
		s.log.Warn("cancel purge", "user_id", u.ID, "err", err)
	}
	if err := s.send(ctx, u.Email, restoredEmail(s.cfg, u)); err != nil {
		s.log.Warn("restored notice", "err", err)
	}
	return u, nil
}

// PurgeJob is the jobs-queue handler that erases a deleted account's
// personal data once its restore window has ended. Running it twice, or
// for an account restored in the meantime, changes nothing.
func (s *Service) PurgeJob(ctx context.Context, userID string) error {
	purged, err := s.store.Purge(ctx, userID, s.now(), s.cfg.PurgeComments)
	if err != nil {
		return err
	}
	if purged {
		s.log.Info("deleted account purged", "user_id", userID)
	}
	return nil
}
