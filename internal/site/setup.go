package site

import (
	"context"
	"errors"
	"net/http"
	"net/mail"
	"net/url"
	"strings"
	"time"

	"tribune/internal/names"
	"tribune/internal/password"
	"tribune/internal/secret"
	"tribune/internal/store"
	"tribune/internal/web"
)

// SetupStore is what the first-admin page needs.
type SetupStore interface {
	SetupTokenValid(ctx context.Context, hash string, now time.Time) (bool, error)
	CreateFirstAdmin(ctx context.Context, tokenHash string, u store.User, now time.Time) (store.User, error)
}

// setupPage is the data of the first-admin form.
type setupPage struct {
	page
	Email, Name string
	Errors      []string
	Done        bool
}

const setupGone = "This setup link has expired or was already used. If there is still no admin, restart Tribune to print a new link."

func (s *Site) setupForm(w http.ResponseWriter, r *http.Request) error {
	ok, err := s.setup.SetupTokenValid(r.Context(), secret.Hash(r.PathValue("token")), s.now())
	if err != nil {
		return err
	}
	if !ok {
		return web.NotFound(setupGone)
	}
	return s.renderSetup(w, r, http.StatusOK, setupPage{})
}

func (s *Site) setupSubmit(w http.ResponseWriter, r *http.Request) error {
	if !sameOrigin(r, s.cfg.BaseURL) {
		return web.Forbidden("This form must be sent from the site itself.")
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return web.BadRequest("The form could not be read.")
	}
	in := setupPage{Email: strings.TrimSpace(r.PostFormValue("email")), Name: strings.TrimSpace(r.PostFormValue("name"))}
	pw, pw2 := r.PostFormValue("password"), r.PostFormValue("password2")
	if _, err := mail.ParseAddress(in.Email); err != nil || strings.ContainsAny(in.Email, "<> ") {
		in.Errors = append(in.Errors, "Enter a valid email address, like name@example.org.")
	}
	if err := names.Check(names.Normalize(in.Name)); err != nil {
		in.Errors = append(in.Errors, "Choose another display name: "+err.Error())
	}
	if err := password.CheckWith(pw, s.cfg.SiteName, in.Name, in.Email); err != nil {
		in.Errors = append(in.Errors, err.Error())
	} else if pw != pw2 {
		in.Errors = append(in.Errors, "The two passwords differ.")
	}
	if len(in.Errors) > 0 {
		return s.renderSetup(w, r, http.StatusUnprocessableEntity, in)
	}
	hash, err := password.Hash(pw, password.Default)
	if err != nil {
		return err
	}
	name := names.Normalize(in.Name)
	_, err = s.setup.CreateFirstAdmin(r.Context(), secret.Hash(r.PathValue("token")),
		store.User{Email: in.Email, Name: name, NameKey: names.Key(name), PasswordHash: hash}, s.now())
	switch {
	case errors.Is(err, store.ErrNotFound), errors.Is(err, store.ErrConflict):
		return web.NotFound(setupGone)
	case err != nil:
		return err
	}
	s.log.Info("first admin account created", "email", in.Email)
	return s.renderSetup(w, r, http.StatusOK, setupPage{Done: true, Email: in.Email, Name: in.Name})
}

func (s *Site) renderSetup(w http.ResponseWriter, r *http.Request, status int, data setupPage) error {
	p, err := s.basePage(r.Context(), "Create the first admin account", r.URL.Path)
	if err != nil {
		return err
	}
	p.NoIndex = true
	p.Canonical = ""
	data.page = p
	return s.page(w, r, status, "setup", data)
}

// sameOrigin checks that a form post comes from this site: the Origin (or,
// failing that, the Referer) must match the site's own address or the host
// the request was sent to.
func sameOrigin(r *http.Request, baseURL string) bool {
	if r.Header.Get("Sec-Fetch-Site") == "same-origin" {
		return true
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		if ref, err := url.Parse(r.Referer()); err == nil && ref.Host != "" {
			origin = ref.Scheme + "://" + ref.Host
		}
	}
	if origin == "" {
		return false
	}
	u, err := url.Parse(origin)
	if err != nil {
		return false
	}
	return origin == baseURL || u.Host == r.Host
}
