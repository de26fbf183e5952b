package accounts

import (
	"context"
	"errors"
	"net/mail"
	"strings"
	"time"

	"tribune/internal/names"
	"tribune/internal/password"
	"tribune/internal/secret"
	"tribune/internal/store"
)

// Registration is what the sign-up form sends. The captcha is checked by
// the page before it calls Register.
type Registration struct {
	Name     string
	Email    string
	Password string
	Consent  bool
	IP       string
}

// registrationsPerHour limits sign-ups from one address.
const registrationsPerHour = 10

// Register creates an unverified reader and emails the confirmation link.
// When the email already has an account, the answer is the same (so the
// form does not reveal who has an account) and the owner is emailed a
// notice instead.
func (s *Service) Register(ctx context.Context, in Registration) (store.User, error) {
	now := s.now()
	name, email := names.Normalize(in.Name), store.NormalizeEmail(in.Email)
	fe := &FormError{Fields: map[string]string{}}
	if err := names.Check(name, s.cfg.SiteName); err != nil {
		fe.add("name", err.Error())
	}
	if msg := checkEmail(email); msg != "" {
		fe.add("email", msg)
	}
	if err := password.CheckWith(in.Password, s.cfg.SiteName, name, localPart(email)); err != nil {
		fe.add("password", err.Error())
	}
	if !in.Consent {
		fe.add("consent", "Please agree to the Privacy Policy to create an account.")
	}
	key := names.Key(name)
	if _, ok := fe.Fields["name"]; !ok {
		taken, err := s.store.NameTaken(ctx, key, "")
		if err != nil {
			return store.User{}, err
		}
		if taken {
			fe.add("name", "This name, or one that looks the same, is already taken. Please choose another.")
		}
	}
	if len(fe.Fields) > 0 {
		return store.User{}, fe
	}
	if err := s.hit(ctx, "register:ip:"+in.IP, registrationsPerHour, time.Hour); err != nil {
		return store.User{}, err
	}
	// Hash first: the work is the same whether or not the email is taken.
	hash, err := s.hash(ctx, in.Password)
	if err != nil {
		return store.User{}, err
	}
	existing, err := s.store.UserByEmail(ctx, email)
	switch {
	case err == nil:
		return store.User{}, s.send(ctx, existing.Email, existingAccountEmail(s.cfg, existing))
	case !errors.Is(err, store.ErrNotFound):
		return store.User{}, err
	}
	u, err := s.store.CreateUser(ctx, store.User{
		Email: email, Name: name, NameKey: key, Role: store.RoleReader, PasswordHash: hash,
		ConsentAt: now, ConsentVersion: s.cfg.PolicyVersion, CreatedAt: now,
	})
	if errors.Is(err, store.ErrConflict) {
		// Lost a race with another sign-up for the same name or email.
		if taken, _ := s.store.NameTaken(ctx, key, ""); taken {
			return store.User{}, formError("name", "This name, or one that looks the same, is already taken. Please choose another.")
		}
		return store.User{}, nil
	}
	if err != nil {
		return store.User{}, err
	}
	s.checkNew(ctx, u)
	return u, s.sendVerification(ctx, u)
}

// checkEmail returns why an address cannot be used, or "".
func checkEmail(email string) string {
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || len(email) > 254 || !strings.Contains(email[strings.LastIndex(email, "@")+1:], ".") {
		return "Enter a valid email address, like name@example.org."
	}
	return ""
}

func localPart(email string) string {
	if i := strings.LastIndex(email, "@"); i > 0 {
		return email[:i]
	}
	return email
}

// sendVerification emails a fresh confirmation link.
func (s *Service) sendVerification(ctx context.Context, u store.User) error {
	token, err := s.newToken(ctx, u.ID, store.TokenVerify, "", verifyTTL)
	if err != nil {
		return err
	}
	return s.send(ctx, u.Email, verifyEmail(s.cfg, u, s.cfg.BaseURL+"/account/verify?token="+token))
}

// ResendVerification sends the confirmation link again (a few times an hour).
func (s *Service) ResendVerification(ctx context.Context, u store.User) error {
	if u.Verified() {
		return nil
	}
	if err := s.hit(ctx, "verify:user:"+u.ID, 5, time.Hour); err != nil {
		return err
	}
	return s.sendVerification(ctx, u)
}

// VerifyEmail uses a confirmation link.
func (s *Service) VerifyEmail(ctx context.Context, token string) (store.User, error) {
	var out store.User
	err := s.store.UseUserToken(ctx, secret.Hash(token), store.TokenVerify, s.now(), func(tx store.Tx, t store.UserToken) error {
		u, err := tx.UserByID(ctx, t.UserID)
		if err != nil {
			return err
		}
		if u.Deleted() {
			return ErrDeletedAccount
		}
		if !u.Verified() {
			u.EmailVerifiedAt = s.now()
		}
		out = u
		return tx.UpdateUser(ctx, u)
	})
	return out, linkError(err)
}

// newToken stores a one-time token and returns the secret for the link.
func (s *Service) newToken(ctx context.Context, userID, kind, data string, ttl time.Duration) (string, error) {
	token, hash := secret.New()
	now := s.now()
	err := s.store.CreateUserToken(ctx, store.UserToken{Hash: hash, Kind: kind, UserID: userID, Data: data, CreatedAt: now, ExpiresAt: now.Add(ttl)})
	return token, err
}

// hit counts one use of a windowed limit and refuses past max.
func (s *Service) hit(ctx context.Context, key string, max int, window time.Duration) error {
	n, until, err := s.store.CountHit(ctx, key, s.now(), window)
	if err != nil {
		return err
	}
	if n > max {
		return &LimitError{Wait: until.Sub(s.now())}
	}
	return nil
}
