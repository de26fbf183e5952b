package site

import (
	"errors"
	"net/http"

	"tribune/internal/accounts"
	"tribune/internal/captcha"
)

// formPage is the data of every account form: what the reader typed (never
// passwords), the messages per field ("" is the whole form) and the token.
type formPage struct {
	page
	CSRF     string
	Values   map[string]string
	Errors   map[string]string
	Captcha  captcha.Challenge
	Social   []socialLink
	Next     string
	Provider string
}

// noticePage is a short message, optionally with one button.
type noticePage struct {
	page
	Kicker, Heading string
	Lines           []string
	CSRF            string
	Form, FormLabel string
	Hidden          map[string]string
	LinkURL         string
	LinkLabel       string
}

// formExpired is what a reader sees when the CSRF check fails: usually a
// form left open across a sign-in in another tab.
const formExpired = "This form expired or was sent from another site. Please check it and submit it again."

// newForm prepares a form page with its token.
func (s *Site) newForm(w http.ResponseWriter, r *http.Request, title string) (formPage, error) {
	p, err := s.basePage(r.Context(), title, r.URL.Path)
	if err != nil {
		return formPage{}, err
	}
	p.NoIndex, p.Canonical = true, ""
	return formPage{page: p, CSRF: s.csrfToken(w, r), Values: map[string]string{}, Errors: map[string]string{}, Social: s.socialLinks()}, nil
}

// notice renders a message page.
func (s *Site) notice(w http.ResponseWriter, r *http.Request, status int, n noticePage) error {
	p, err := s.basePage(r.Context(), n.Heading, r.URL.Path)
	if err != nil {
		return err
	}
	p.NoIndex, p.Canonical = true, ""
	n.page = p
	if n.Form != "" {
		n.CSRF = s.csrfToken(w, r)
	}
	return s.page(w, r, status, "notice", n)
}

// applyError puts an account error on the form: field messages next to
// their fields, limits and reader-facing errors at the top. It returns the
// status to answer with, or the error itself when it is internal.
func applyError(f *formPage, err error) (int, error) {
	var fe *accounts.FormError
	var le *accounts.LimitError
	switch {
	case errors.As(err, &fe):
		for k, v := range fe.Fields {
			f.Errors[k] = v
		}
		return http.StatusUnprocessableEntity, nil
	case errors.As(err, &le):
		f.Errors[""] = le.Error()
		return http.StatusTooManyRequests, nil
	case readerError(err):
		f.Errors[""] = err.Error()
		return http.StatusUnprocessableEntity, nil
	}
	return 0, err
}

// readerError reports whether err's text is written for readers.
func readerError(err error) bool {
	var unverified accounts.ErrUnverifiedSocialEmail
	for _, e := range []error{accounts.ErrBadCredentials, accounts.ErrDeletedAccount, accounts.ErrLinkExpired,
		accounts.ErrLinkUsed, accounts.ErrLinkInvalid} {
		if errors.Is(err, e) {
			return true
		}
	}
	return errors.As(err, &unverified)
}
