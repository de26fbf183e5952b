package accounts

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"tribune/internal/names"
	"tribune/internal/password"
	"tribune/internal/secret"
	"tribune/internal/store"
)

// CreateUser makes a verified account with a role, for operators (the
// CLI). An empty password makes a random one, returned so it can be shown
// once.
func (s *Service) CreateUser(ctx context.Context, email, name, role, pw string) (store.User, string, error) {
	email, name = store.NormalizeEmail(email), names.Normalize(name)
	if !store.ValidRole(role) {
		return store.User{}, "", fmt.Errorf("role %q: want reader, moderator, editor or admin", role)
	}
	if msg := checkEmail(email); msg != "" {
		return store.User{}, "", fmt.Errorf("email %q: %s", email, msg)
	}
	if err := names.Check(name); err != nil {
		return store.User{}, "", fmt.Errorf("name %q: %w", name, err)
	}
	generated := ""
	if pw == "" {
		generated, _ = secret.New()
		pw = generated
	} else if err := password.CheckWith(pw, s.cfg.SiteName, name, localPart(email)); err != nil {
		return store.User{}, "", fmt.Errorf("password: %w", err)
	}
	hash, err := s.hash(ctx, pw)
	if err != nil {
		return store.User{}, "", err
	}
	key := names.Key(name)
	if taken, err := s.store.NameTaken(ctx, key, ""); err != nil || taken {
		if taken {
			return store.User{}, "", fmt.Errorf("name %q: taken (or one that looks the same)", name)
		}
		return store.User{}, "", err
	}
	now := s.now()
	u, err := s.store.CreateUser(ctx, store.User{Email: email, Name: name, NameKey: key, Role: role, PasswordHash: hash,
		EmailVerifiedAt: now, CreatedAt: now})
	if errors.Is(err, store.ErrConflict) {
		return u, "", fmt.Errorf("email %q: an account with this email exists", email)
	}
	return u, generated, err
}

// SetRole changes an account's role.
func (s *Service) SetRole(ctx context.Context, email, role string) (store.User, error) {
	if !store.ValidRole(role) {
		return store.User{}, fmt.Errorf("role %q: want reader, moderator, editor or admin", role)
	}
	u, err := s.store.UserByEmail(ctx, email)
	if err != nil {
		return u, err
	}
	u.Role = role
	return u, s.store.UpdateUser(ctx, u)
}

// Users lists accounts for operators.
func (s *Service) Users(ctx context.Context, limit, offset int) ([]store.User, error) {
	return s.store.Users(ctx, limit, offset)
}

// apiTokenPrefix marks Tribune API tokens so they are easy to recognise in
// logs and secret scanners.
const apiTokenPrefix = "trb_"

// CreateAPIToken makes a bearer token for an account; only its hash is kept.
func (s *Service) CreateAPIToken(ctx context.Context, email, name string) (string, store.APIToken, error) {
	u, err := s.store.UserByEmail(ctx, email)
	if err != nil {
		return "", store.APIToken{}, err
	}
	if u.Deleted() {
		return "", store.APIToken{}, errors.New("the account is deleted")
	}
	raw, _ := secret.New()
	token := apiTokenPrefix + raw
	t, err := s.store.CreateAPIToken(ctx, u.ID, secret.Hash(token), name, s.now())
	return token, t, err
}

// RevokeAPIToken revokes a token given by id or by its value.
func (s *Service) RevokeAPIToken(ctx context.Context, idOrToken string) error {
	if strings.HasPrefix(idOrToken, apiTokenPrefix) {
		return s.store.RevokeAPIToken(ctx, "", secret.Hash(idOrToken), s.now())
	}
	return s.store.RevokeAPIToken(ctx, idOrToken, "", s.now())
}

// APITokens lists an account's tokens.
func (s *Service) APITokens(ctx context.Context, email string) ([]store.APIToken, error) {
	u, err := s.store.UserByEmail(ctx, email)
	if err != nil {
		return nil, err
	}
	return s.store.APITokens(ctx, u.ID)
}

// APIUser returns the account behind a bearer token.
func (s *Service) APIUser(ctx context.Context, token string) (store.User, error) {
	if !strings.HasPrefix(token, apiTokenPrefix) || len(token) > 100 {
		return store.User{}, ErrNoSession
	}
	_, u, err := s.store.APITokenUser(ctx, secret.Hash(token), s.now())
	if errors.Is(err, store.ErrNotFound) || (err == nil && u.Deleted()) {
		return u, ErrNoSession
	}
	return u, err
}
