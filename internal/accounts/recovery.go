package accounts

import (
	"context"
	"errors"
	"time"

	"tribune/internal/password"
	"tribune/internal/secret"
	"tribune/internal/store"
)

// RequestReset emails a password reset link if the address has a live
// account. The caller shows the same answer either way, and the work done
// is alike, so the form does not reveal who has an account.
func (s *Service) RequestReset(ctx context.Context, email, ip string) error {
	email = store.NormalizeEmail(email)
	if msg := checkEmail(email); msg != "" {
		return formError("email", msg)
	}
	if err := s.hit(ctx, "reset:ip:"+ip, 20, time.Hour); err != nil {
		return err
	}
	// Counted for unknown addresses too, so the limit itself reveals nothing.
	n, _, err := s.store.CountHit(ctx, "reset:acct:"+email, s.now(), time.Hour)
	if err != nil {
		return err
	}
	u, err := s.store.UserByEmail(ctx, email)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (u.Deleted() || n > 3)) {
		return nil
	}
	if err != nil {
		return err
	}
	token, err := s.newToken(ctx, u.ID, store.TokenReset, "", resetTTL)
	if err != nil {
		return err
	}
	return s.send(ctx, u.Email, resetEmail(s.cfg, u, s.cfg.BaseURL+"/account/reset?token="+token))
}

// CheckResetToken tells whether a reset link can still be used, so the
// page can say so before the reader types a new password.
func (s *Service) CheckResetToken(ctx context.Context, token string) error {
	_, err := s.store.PeekUserToken(ctx, secret.Hash(token), store.TokenReset, s.now())
	return linkError(err)
}

// ResetPassword sets a new password through a reset link, ends every
// other session and opens a new one.
func (s *Service) ResetPassword(ctx context.Context, token, newPassword, ip, userAgent string) (store.User, string, error) {
	var u store.User
	err := s.store.UseUserToken(ctx, secret.Hash(token), store.TokenReset, s.now(), func(tx store.Tx, t store.UserToken) error {
		var err error
		if u, err = tx.UserByID(ctx, t.UserID); err != nil {
			return err
		}
		if u.Deleted() {
			return ErrDeletedAccount
		}
		if err := password.CheckWith(newPassword, s.cfg.SiteName, u.Name, localPart(u.Email)); err != nil {
			return formError("password", err.Error())
		}
		if u.PasswordHash, err = s.hash(ctx, newPassword); err != nil {
			return err
		}
		// The link came by email, so the address is proven.
		if !u.Verified() {
			u.EmailVerifiedAt = s.now()
		}
		if err := tx.UpdateUser(ctx, u); err != nil {
			return err
		}
		_, err = tx.DeleteUserSessions(ctx, u.ID, "")
		return err
	})
	if err != nil {
		return u, "", linkError(err)
	}
	s.store.ResetLimit(ctx, accountKey(u.Email))
	if err := s.send(ctx, u.Email, passwordChangedEmail(s.cfg, u)); err != nil {
		s.log.Warn("password changed notice", "err", err)
	}
	sessionToken, err := s.StartSession(ctx, u, ip, userAgent)
	return u, sessionToken, err
}
