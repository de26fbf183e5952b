package accounts

import (
	"context"
	"errors"
	"time"

	"tribune/internal/names"
	"tribune/internal/password"
	"tribune/internal/secret"
	"tribune/internal/store"
)

// ChangeName gives the account a new display name, unique by its key.
func (s *Service) ChangeName(ctx context.Context, u store.User, name string) (store.User, error) {
	name = names.Normalize(name)
	if err := names.Check(name, s.cfg.SiteName); err != nil {
		return u, formError("name", err.Error())
	}
	key := names.Key(name)
	taken, err := s.store.NameTaken(ctx, key, u.ID)
	if err != nil {
		return u, err
	}
	if taken {
		return u, formError("name", "This name, or one that looks the same, is already taken. Please choose another.")
	}
	u.Name, u.NameKey = name, key
	if err := s.store.UpdateUser(ctx, u); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return u, formError("name", "This name was just taken. Please choose another.")
		}
		return u, err
	}
	return u, nil
}

// checkCurrent verifies the account's current password before a sensitive
// change. Accounts made through social login have none and pass.
func (s *Service) checkCurrent(ctx context.Context, u store.User, current string) error {
	if u.PasswordHash == "" {
		return nil
	}
	if ok, err := s.verify(ctx, current, u.PasswordHash); err != nil || !ok {
		return formError("current_password", "Your current password is not correct.")
	}
	return nil
}

// RequestEmailChange sends a confirmation link to the new address; the
// change takes effect only when it is used.
func (s *Service) RequestEmailChange(ctx context.Context, u store.User, newEmail, current string) error {
	newEmail = store.NormalizeEmail(newEmail)
	if msg := checkEmail(newEmail); msg != "" {
		return formError("email", msg)
	}
	if newEmail == u.Email {
		return formError("email", "This is already your email address.")
	}
	if err := s.checkCurrent(ctx, u, current); err != nil {
		return err
	}
	if err := s.hit(ctx, "email-change:user:"+u.ID, 5, time.Hour); err != nil {
		return err
	}
	taken, err := s.store.EmailTaken(ctx, newEmail)
	if err != nil {
		return err
	}
	if taken {
		// Say nothing to the requester; tell the address's owner.
		if owner, err := s.store.UserByEmail(ctx, newEmail); err == nil {
			return s.send(ctx, owner.Email, existingAccountEmail(s.cfg, owner))
		}
		return nil
	}
	token, err := s.newToken(ctx, u.ID, store.TokenEmailChange, newEmail, emailChangeTTL)
	if err != nil {
		return err
	}
	return s.send(ctx, newEmail, emailChangeEmail(s.cfg, u, newEmail, s.cfg.BaseURL+"/account/email/confirm?token="+token))
}

// ConfirmEmailChange uses an email change link.
func (s *Service) ConfirmEmailChange(ctx context.Context, token string) (store.User, error) {
	var u store.User
	var old string
	err := s.store.UseUserToken(ctx, secret.Hash(token), store.TokenEmailChange, s.now(), func(tx store.Tx, t store.UserToken) error {
		var err error
		if u, err = tx.UserByID(ctx, t.UserID); err != nil {
			return err
		}
		if u.Deleted() {
			return ErrDeletedAccount
		}
		old = u.Email
		u.Email, u.EmailVerifiedAt = t.Data, s.now()
		return tx.UpdateUser(ctx, u)
	})
	if errors.Is(err, store.ErrConflict) {
		return u, errors.New("That email address was taken by another account in the meantime.")
	}
	if err != nil {
		return u, linkError(err)
	}
	if err := s.send(ctx, old, emailChangedEmail(s.cfg, u, old)); err != nil {
		s.log.Warn("email changed notice", "err", err)
	}
	return u, nil
}

// ChangePassword sets a new password after checking the current one and
// ends the account's other sessions (keepSession stays signed in).
func (s *Service) ChangePassword(ctx context.Context, u store.User, keepSession, current, newPassword string) error {
	if err := s.checkCurrent(ctx, u, current); err != nil {
		return err
	}
	if err := password.CheckWith(newPassword, s.cfg.SiteName, u.Name, localPart(u.Email)); err != nil {
		return formError("new_password", err.Error())
	}
	hash, err := s.hash(ctx, newPassword)
	if err != nil {
		return err
	}
	u.PasswordHash = hash
	if err := s.store.UpdateUser(ctx, u); err != nil {
		return err
	}
	if _, err := s.store.DeleteUserSessions(ctx, u.ID, keepSession); err != nil {
		return err
	}
	if err := s.send(ctx, u.Email, passwordChangedEmail(s.cfg, u)); err != nil {
		s.log.Warn("password changed notice", "err", err)
	}
	return nil
}
