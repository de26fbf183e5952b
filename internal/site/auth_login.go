package site

import (
	"net/http"
	"net/url"
)

func (s *Site) loginForm(w http.ResponseWriter, r *http.Request) error {
	next := safeNext(r.URL.Query().Get("next"))
	if viewerOf(r) != nil {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return nil
	}
	f, err := s.newForm(w, r, "Sign in")
	if err != nil {
		return err
	}
	f.Values["next"], f.Next = next, url.QueryEscape(next)
	return s.page(w, r, http.StatusOK, "login", f)
}

func (s *Site) loginSubmit(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	f, err := s.newForm(w, r, "Sign in")
	if err != nil {
		return err
	}
	next := safeNext(r.PostFormValue("next"))
	f.Values["email"], f.Values["next"], f.Next = r.PostFormValue("email"), next, url.QueryEscape(next)
	if !s.csrfOK(r) {
		f.Errors[""] = formExpired
		return s.page(w, r, http.StatusForbidden, "login", f)
	}
	_, token, err := s.accounts.Login(r.Context(), f.Values["email"], r.PostFormValue("password"), s.clientIP(r), r.UserAgent())
	if err != nil {
		status, err := applyError(&f, err)
		if err != nil {
			return err
		}
		if status == http.StatusUnprocessableEntity {
			status = http.StatusUnauthorized
		}
		return s.page(w, r, status, "login", f)
	}
	// A session from before sign-in (fixation) is never reused: the cookie
	// gets the new session's token.
	if v := viewerOf(r); v != nil {
		s.accounts.Logout(r.Context(), v.token)
	}
	s.setSession(w, token)
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

func (s *Site) logout(w http.ResponseWriter, r *http.Request) error {
	v := viewerOf(r)
	if v == nil {
		s.clearSession(w)
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	if !s.csrfOK(r) {
		return s.notice(w, r, http.StatusForbidden, noticePage{Heading: "Sign out", Lines: []string{formExpired},
			Form: "/logout", FormLabel: "Sign out"})
	}
	if err := s.accounts.Logout(r.Context(), v.token); err != nil {
		return err
	}
	s.clearSession(w)
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}

func (s *Site) logoutEverywhere(w http.ResponseWriter, r *http.Request) error {
	v := viewerOf(r)
	if v == nil {
		http.Redirect(w, r, "/login?next=/account", http.StatusSeeOther)
		return nil
	}
	if !s.csrfOK(r) {
		return s.accountPage(w, r, http.StatusForbidden, map[string]string{"": formExpired}, nil, "")
	}
	n, err := s.accounts.LogoutEverywhere(r.Context(), v.user)
	if err != nil {
		return err
	}
	s.clearSession(w)
	return s.notice(w, r, http.StatusOK, noticePage{Heading: "Signed out everywhere",
		Lines:   []string{"All your sessions were ended (" + itoa(n) + "), including this one."},
		LinkURL: "/login", LinkLabel: "Sign in again"})
}

func (s *Site) forgotForm(w http.ResponseWriter, r *http.Request) error {
	f, err := s.newForm(w, r, "Reset your password")
	if err != nil {
		return err
	}
	return s.page(w, r, http.StatusOK, "forgot", f)
}

func (s *Site) forgotSubmit(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	f, err := s.newForm(w, r, "Reset your password")
	if err != nil {
		return err
	}
	f.Values["email"] = r.PostFormValue("email")
	if !s.csrfOK(r) {
		f.Errors[""] = formExpired
		return s.page(w, r, http.StatusForbidden, "forgot", f)
	}
	if err := s.accounts.RequestReset(r.Context(), f.Values["email"], s.clientIP(r)); err != nil {
		status, err := applyError(&f, err)
		if err != nil {
			return err
		}
		return s.page(w, r, status, "forgot", f)
	}
	return s.notice(w, r, http.StatusOK, noticePage{Heading: "Check your email",
		Lines: []string{"If there is an account for " + f.Values["email"] + ", we sent it a link to choose a new password. The link works for one hour."}})
}

func (s *Site) resetForm(w http.ResponseWriter, r *http.Request) error {
	token := r.URL.Query().Get("token")
	if err := s.accounts.CheckResetToken(r.Context(), token); err != nil {
		return s.linkFailed(w, r, err, "/account/forgot", "Ask for a new link")
	}
	f, err := s.newForm(w, r, "Choose a new password")
	if err != nil {
		return err
	}
	f.Values["token"] = token
	return s.page(w, r, http.StatusOK, "reset", f)
}

func (s *Site) resetSubmit(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	f, err := s.newForm(w, r, "Choose a new password")
	if err != nil {
		return err
	}
	f.Values["token"] = r.PostFormValue("token")
	if !s.csrfOK(r) {
		f.Errors[""] = formExpired
		return s.page(w, r, http.StatusForbidden, "reset", f)
	}
	_, token, err := s.accounts.ResetPassword(r.Context(), f.Values["token"], r.PostFormValue("password"), s.clientIP(r), r.UserAgent())
	if err != nil {
		if readerError(err) {
			return s.linkFailed(w, r, err, "/account/forgot", "Ask for a new link")
		}
		status, err := applyError(&f, err)
		if err != nil {
			return err
		}
		return s.page(w, r, status, "reset", f)
	}
	s.setSession(w, token)
	http.Redirect(w, r, "/account?notice=password-reset", http.StatusSeeOther)
	return nil
}
