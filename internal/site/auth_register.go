package site

import (
	"errors"
	"net/http"
	"strings"

	"tribune/internal/accounts"
	"tribune/internal/captcha"
)

func (s *Site) registerForm(w http.ResponseWriter, r *http.Request) error {
	if viewerOf(r) != nil {
		http.Redirect(w, r, "/account", http.StatusSeeOther)
		return nil
	}
	f, err := s.newForm(w, r, "Create an account")
	if err != nil {
		return err
	}
	return s.renderRegister(w, r, http.StatusOK, f)
}

func (s *Site) renderRegister(w http.ResponseWriter, r *http.Request, status int, f formPage) error {
	var err error
	if f.Captcha, err = s.captcha.New(); err != nil {
		return err
	}
	return s.page(w, r, status, "register", f)
}

func (s *Site) registerSubmit(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	f, err := s.newForm(w, r, "Create an account")
	if err != nil {
		return err
	}
	f.Values["name"], f.Values["email"] = r.PostFormValue("name"), r.PostFormValue("email")
	if r.PostFormValue("consent") != "" {
		f.Values["consent"] = "yes"
	}
	if !s.csrfOK(r) {
		f.Errors[""] = formExpired
		return s.renderRegister(w, r, http.StatusForbidden, f)
	}
	err = s.captcha.Verify(r.Context(), r.PostFormValue("captcha_token"), r.PostFormValue("captcha_answer"), r.PostFormValue("pow_nonce"))
	if err != nil {
		if !captcha.IsReaderError(err) {
			return err
		}
		f.Errors["captcha"] = err.Error() + "."
		return s.renderRegister(w, r, http.StatusUnprocessableEntity, f)
	}
	_, err = s.accounts.Register(r.Context(), accounts.Registration{
		Name: f.Values["name"], Email: f.Values["email"], Password: r.PostFormValue("password"),
		Consent: f.Values["consent"] != "", IP: s.clientIP(r),
	})
	if err != nil {
		status, err := applyError(&f, err)
		if err != nil {
			return err
		}
		return s.renderRegister(w, r, status, f)
	}
	return s.notice(w, r, http.StatusOK, noticePage{Kicker: "One more step", Heading: "Check your email",
		Lines: []string{"We sent a link to " + strings.TrimSpace(f.Values["email"]) + ". Open it to confirm your address; then you can comment.",
			"No email after a few minutes? Look in your spam folder, or sign in and ask for a new link."}})
}

// verify uses an email confirmation link and signs the reader in.
func (s *Site) verify(w http.ResponseWriter, r *http.Request) error {
	u, err := s.accounts.VerifyEmail(r.Context(), r.URL.Query().Get("token"))
	if err != nil {
		return s.linkFailed(w, r, err, "/account", "Ask for a new link from your account page")
	}
	if v := viewerOf(r); v == nil || v.user.ID != u.ID {
		token, err := s.accounts.StartSession(r.Context(), u, s.clientIP(r), r.UserAgent())
		if err != nil {
			return err
		}
		s.setSession(w, token)
	}
	http.Redirect(w, r, "/account?notice=verified", http.StatusSeeOther)
	return nil
}

// linkFailed explains an expired, used or invalid link.
func (s *Site) linkFailed(w http.ResponseWriter, r *http.Request, err error, next, label string) error {
	if !readerError(err) {
		return err
	}
	return s.notice(w, r, http.StatusGone, noticePage{Kicker: "Link", Heading: "This link cannot be used",
		Lines: []string{err.Error()}, LinkURL: next, LinkLabel: label})
}

func (s *Site) resendVerification(w http.ResponseWriter, r *http.Request) error {
	v := viewerOf(r)
	if v == nil {
		http.Redirect(w, r, "/login?next=/account", http.StatusSeeOther)
		return nil
	}
	if !s.csrfOK(r) {
		return s.accountPage(w, r, http.StatusForbidden, map[string]string{"": formExpired}, nil, "")
	}
	if err := s.accounts.ResendVerification(r.Context(), v.user); err != nil {
		var le *accounts.LimitError
		if errors.As(err, &le) {
			return s.accountPage(w, r, http.StatusTooManyRequests, map[string]string{"": le.Error()}, nil, "")
		}
		return err
	}
	return s.accountPage(w, r, http.StatusOK, nil, nil, "We sent a new confirmation link to "+v.user.Email+".")
}
