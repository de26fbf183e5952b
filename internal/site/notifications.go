package site

import (
	"errors"
	"net/http"

	"tribune/internal/review"
	"tribune/internal/store"
)

// notificationsView lists a reader's notifications (statements of
// reasons, appeal outcomes).
type notificationsView struct {
	formPage
	Items []store.Notification
}

func (s *Site) notifications(w http.ResponseWriter, r *http.Request) error {
	v := requireViewer(w, r)
	if v == nil {
		return nil
	}
	f, err := s.newForm(w, r, "Notifications")
	if err != nil {
		return err
	}
	items, err := s.review.Notifications(r.Context(), v.user)
	if err != nil {
		return err
	}
	return s.page(w, r, http.StatusOK, "notifications", notificationsView{formPage: f, Items: items})
}

// appealView is the appeal form, or why there is none.
type appealView struct {
	formPage
	State   review.AppealState
	Subject string
	UserID  string
	Done    bool
}

func (s *Site) appealForm(w http.ResponseWriter, r *http.Request) error {
	v := requireViewer(w, r)
	if v == nil {
		return nil
	}
	return s.renderAppeal(w, r, v, http.StatusOK, "", "", r.URL.Query().Get("done") == "1")
}

func (s *Site) renderAppeal(w http.ResponseWriter, r *http.Request, v *viewer, status int, problem, text string, done bool) error {
	f, err := s.newForm(w, r, "Appeal a block")
	if err != nil {
		return err
	}
	st, err := s.review.State(r.Context(), v.user)
	if err != nil {
		return err
	}
	if problem != "" {
		f.Errors["explanation"] = problem
	}
	f.Values["explanation"] = text
	return s.page(w, r, status, "appeal", appealView{formPage: f, State: st, Subject: review.AppealSubject, UserID: v.user.ID, Done: done})
}

func (s *Site) appealSubmit(w http.ResponseWriter, r *http.Request) error {
	v := requireViewer(w, r)
	if v == nil {
		return nil
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	text := r.PostFormValue("explanation")
	if !s.csrfOK(r) {
		return s.renderAppeal(w, r, v, http.StatusForbidden, formExpired, text, false)
	}
	if _, err := s.review.Appeal(r.Context(), v.user, text); err != nil {
		var pr *review.Problem
		if errors.As(err, &pr) {
			return s.renderAppeal(w, r, v, http.StatusUnprocessableEntity, pr.Error(), text, false)
		}
		return err
	}
	http.Redirect(w, r, "/account/appeal?done=1", http.StatusSeeOther)
	return nil
}
