package accounts

import (
	"context"
	"errors"
	"fmt"

	"tribune/internal/names"
	"tribune/internal/store"
)

// Social is who a provider says signed in.
type Social struct {
	Provider      string
	Subject       string
	Email         string
	EmailVerified bool
	Name          string
}

// ErrNeedsRegistration means the social identity has no account yet: the
// reader chooses a display name and consents to the privacy policy first.
var ErrNeedsRegistration = errors.New("needs registration")

// ErrUnverifiedSocialEmail means an account has the provider's email, but
// the provider did not confirm that the reader owns it, so it cannot be
// linked on the provider's word.
type ErrUnverifiedSocialEmail struct{ Provider string }

func (e ErrUnverifiedSocialEmail) Error() string {
	return fmt.Sprintf("An account with this email already exists, but %s did not confirm the address. Sign in with your password, then connect %s from your account page.", e.Provider, e.Provider)
}

// SocialLogin signs in with a provider's identity: an identity seen before
// signs in to its account; a new one is linked to an existing account only
// when the provider verified the email; otherwise ErrNeedsRegistration.
func (s *Service) SocialLogin(ctx context.Context, id Social, ip, userAgent string) (store.User, string, error) {
	u, err := s.store.IdentityUser(ctx, id.Provider, id.Subject)
	switch {
	case err == nil:
	case errors.Is(err, store.ErrNotFound):
		email := store.NormalizeEmail(id.Email)
		if email == "" {
			return store.User{}, "", ErrNeedsRegistration
		}
		u, err = s.store.UserByEmail(ctx, email)
		if errors.Is(err, store.ErrNotFound) {
			return store.User{}, "", ErrNeedsRegistration
		}
		if err != nil {
			return store.User{}, "", err
		}
		if !id.EmailVerified {
			return store.User{}, "", ErrUnverifiedSocialEmail{Provider: id.Provider}
		}
		if u.Deleted() {
			return store.User{}, "", ErrDeletedAccount
		}
		if err := s.link(ctx, u, id); err != nil {
			return store.User{}, "", err
		}
		if !u.Verified() {
			u.EmailVerifiedAt = s.now()
			if err := s.store.UpdateUser(ctx, u); err != nil {
				return store.User{}, "", err
			}
		}
	default:
		return store.User{}, "", err
	}
	if u.Deleted() {
		return store.User{}, "", ErrDeletedAccount
	}
	token, err := s.StartSession(ctx, u, ip, userAgent)
	return u, token, err
}

// CompleteSocialRegistration creates the account of a new social identity
// once the reader chose a name and consented, and signs it in. The email
// counts as verified only if the provider verified it.
func (s *Service) CompleteSocialRegistration(ctx context.Context, id Social, name string, consent bool, ip, userAgent string) (store.User, string, error) {
	name = names.Normalize(name)
	fe := &FormError{Fields: map[string]string{}}
	if err := names.Check(name, s.cfg.SiteName); err != nil {
		fe.add("name", err.Error())
	}
	if !consent {
		fe.add("consent", "Please agree to the Privacy Policy to create an account.")
	}
	email := store.NormalizeEmail(id.Email)
	if msg := checkEmail(email); msg != "" {
		fe.add("", "Your "+id.Provider+" account did not share a usable email address. Please register with email and password instead.")
	}
	key := names.Key(name)
	if len(fe.Fields) == 0 {
		if taken, err := s.store.NameTaken(ctx, key, ""); err != nil {
			return store.User{}, "", err
		} else if taken {
			fe.add("name", "This name, or one that looks the same, is already taken. Please choose another.")
		}
	}
	if len(fe.Fields) > 0 {
		return store.User{}, "", fe
	}
	if taken, err := s.store.EmailTaken(ctx, email); err != nil || taken {
		if taken {
			return store.User{}, "", ErrUnverifiedSocialEmail{Provider: id.Provider}
		}
		return store.User{}, "", err
	}
	now := s.now()
	u := store.User{Email: email, Name: name, NameKey: key, Role: store.RoleReader, ConsentAt: now,
		ConsentVersion: s.cfg.PolicyVersion, CreatedAt: now}
	if id.EmailVerified {
		u.EmailVerifiedAt = now
	}
	u, err := s.store.CreateUser(ctx, u)
	if err != nil {
		return u, "", err
	}
	if err := s.link(ctx, u, id); err != nil {
		return u, "", err
	}
	s.checkNew(ctx, u)
	if !u.Verified() {
		if err := s.sendVerification(ctx, u); err != nil {
			return u, "", err
		}
	}
	token, err := s.StartSession(ctx, u, ip, userAgent)
	return u, token, err
}

// LinkSocial connects a provider to the signed-in reader's account.
func (s *Service) LinkSocial(ctx context.Context, u store.User, id Social) error {
	other, err := s.store.IdentityUser(ctx, id.Provider, id.Subject)
	switch {
	case err == nil && other.ID == u.ID:
		return nil
	case err == nil:
		return errors.New("This " + id.Provider + " account is already connected to another Tribune account.")
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	if err := s.link(ctx, u, id); err != nil {
		return err
	}
	s.checkNew(ctx, u)
	return nil
}

func (s *Service) link(ctx context.Context, u store.User, id Social) error {
	return s.store.LinkIdentity(ctx, store.Identity{Provider: id.Provider, Subject: id.Subject, UserID: u.ID, Email: id.Email, CreatedAt: s.now()})
}

// Identities lists the account's connected providers.
func (s *Service) Identities(ctx context.Context, u store.User) ([]store.Identity, error) {
	return s.store.UserIdentities(ctx, u.ID)
}
