package site

import (
	"net/http"
	"net/url"
	"strconv"

	"tribune/internal/accounts"
	"tribune/internal/comments"
	"tribune/internal/store"
	"tribune/internal/web"
)

// accountView is the data of the account page.
type accountView struct {
	formPage
	User        store.User
	SessionID   string
	Sessions    []store.Session
	Providers   []providerStatus
	HasPassword bool
	Notice      string
	MyComments  []myComment
	Unread      int
	// Workspace: the moderation workspace is mounted (notifications, appeals).
	Workspace bool
}

// myComment is one of the reader's own comments on the account page.
type myComment struct {
	store.Comment
	Slug    string
	Excerpt string
}

type providerStatus struct {
	Name, DisplayName string
	Linked            bool
}

// requireViewer sends readers who are not signed in to the sign-in page.
func requireViewer(w http.ResponseWriter, r *http.Request) *viewer {
	v := viewerOf(r)
	if v == nil {
		target := "/account"
		if r.Method == http.MethodGet {
			target = r.URL.RequestURI()
		}
		http.Redirect(w, r, "/login?next="+url.QueryEscape(target), http.StatusSeeOther)
	}
	return v
}

func (s *Site) account(w http.ResponseWriter, r *http.Request) error {
	if requireViewer(w, r) == nil {
		return nil
	}
	return s.accountPage(w, r, http.StatusOK, nil, nil, accountNotices[r.URL.Query().Get("notice")])
}

// accountNotices are the messages other pages redirect to the account page
// with, by key, so no text from the URL reaches the page.
var accountNotices = map[string]string{
	"verified":       "Thank you: your email address is confirmed and you can now comment.",
	"password-reset": "Your new password is saved. You are signed in here and signed out everywhere else.",
}

// accountPage renders the account page with messages and kept values.
func (s *Site) accountPage(w http.ResponseWriter, r *http.Request, status int, errs, values map[string]string, notice string) error {
	v := viewerOf(r)
	f, err := s.newForm(w, r, "Your account")
	if err != nil {
		return err
	}
	for k, val := range errs {
		f.Errors[k] = val
	}
	for k, val := range values {
		f.Values[k] = val
	}
	data := accountView{formPage: f, User: v.user, SessionID: v.session.ID, HasPassword: v.user.PasswordHash != "", Notice: notice}
	if data.Sessions, err = s.accounts.Sessions(r.Context(), v.user); err != nil {
		return err
	}
	if s.review != nil {
		data.Workspace = true
		if data.Unread, err = s.review.Unread(r.Context(), v.user); err != nil {
			return err
		}
	}
	if s.comments != nil {
		cs, slugs, err := s.commentStore.UserComments(r.Context(), v.user.ID, 50)
		if err != nil {
			return err
		}
		for i, c := range cs {
			data.MyComments = append(data.MyComments, myComment{Comment: c, Slug: slugs[i], Excerpt: comments.Excerpt(c.Body, 140)})
		}
	}
	ids, err := s.accounts.Identities(r.Context(), v.user)
	if err != nil {
		return err
	}
	for _, p := range s.socialLinks() {
		st := providerStatus{Name: p.Name, DisplayName: p.DisplayName}
		for _, id := range ids {
			st.Linked = st.Linked || id.Provider == p.Name
		}
		data.Providers = append(data.Providers, st)
	}
	return s.page(w, r, status, "account", data)
}

// accountAction runs one account form: it checks the viewer and the CSRF
// token, calls act, and shows the account page with the outcome.
func (s *Site) accountAction(w http.ResponseWriter, r *http.Request, keep []string, act func(v *viewer) (string, error)) error {
	v := requireViewer(w, r)
	if v == nil {
		return nil
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	values := map[string]string{}
	for _, k := range keep {
		values[k] = r.PostFormValue(k)
	}
	if !s.csrfOK(r) {
		return s.accountPage(w, r, http.StatusForbidden, map[string]string{"": formExpired}, values, "")
	}
	notice, err := act(v)
	if err != nil {
		f := formPage{Errors: map[string]string{}}
		status, err := applyError(&f, err)
		if err != nil {
			return err
		}
		return s.accountPage(w, r, status, f.Errors, values, "")
	}
	return s.accountPage(w, r, http.StatusOK, nil, nil, notice)
}

func (s *Site) changeName(w http.ResponseWriter, r *http.Request) error {
	return s.accountAction(w, r, []string{"name"}, func(v *viewer) (string, error) {
		u, err := s.accounts.ChangeName(r.Context(), v.user, r.PostFormValue("name"))
		if err != nil {
			return "", err
		}
		v.user = u
		return "Your display name is now " + u.Name + ".", nil
	})
}

func (s *Site) changeEmail(w http.ResponseWriter, r *http.Request) error {
	return s.accountAction(w, r, []string{"email"}, func(v *viewer) (string, error) {
		email := r.PostFormValue("email")
		err := s.accounts.RequestEmailChange(r.Context(), v.user, email, r.PostFormValue("current_password"))
		if fe, ok := err.(*accounts.FormError); ok {
			if msg, ok := fe.Fields["current_password"]; ok {
				delete(fe.Fields, "current_password")
				fe.Fields["email_current_password"] = msg
			}
		}
		if err != nil {
			return "", err
		}
		return "We sent a confirmation link to " + email + ". Your email changes when you open it.", nil
	})
}

func (s *Site) confirmEmail(w http.ResponseWriter, r *http.Request) error {
	u, err := s.accounts.ConfirmEmailChange(r.Context(), r.URL.Query().Get("token"))
	if err != nil {
		return s.linkFailed(w, r, err, "/account", "Go to your account")
	}
	return s.notice(w, r, http.StatusOK, noticePage{Heading: "Email changed",
		Lines: []string{"Your account's email address is now " + u.Email + "."}, LinkURL: "/account", LinkLabel: "Go to your account"})
}

func (s *Site) changePassword(w http.ResponseWriter, r *http.Request) error {
	return s.accountAction(w, r, nil, func(v *viewer) (string, error) {
		err := s.accounts.ChangePassword(r.Context(), v.user, v.session.ID, r.PostFormValue("current_password"), r.PostFormValue("new_password"))
		if err != nil {
			return "", err
		}
		return "Your password was changed, and your other devices were signed out.", nil
	})
}

func (s *Site) exportData(w http.ResponseWriter, r *http.Request) error {
	v := requireViewer(w, r)
	if v == nil {
		return nil
	}
	b, err := s.accounts.ExportData(r.Context(), v.user)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="tribune-data-`+v.user.ID+`.json"`)
	h.Set("Cache-Control", "no-store")
	w.Write(b)
	return nil
}

func (s *Site) deleteAccount(w http.ResponseWriter, r *http.Request) error {
	v := requireViewer(w, r)
	if v == nil {
		return nil
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if !s.csrfOK(r) {
		return s.accountPage(w, r, http.StatusForbidden, map[string]string{"": formExpired}, nil, "")
	}
	if err := s.accounts.Delete(r.Context(), v.user, r.PostFormValue("confirm")); err != nil {
		f := formPage{Errors: map[string]string{}}
		status, err := applyError(&f, err)
		if err != nil {
			return err
		}
		return s.accountPage(w, r, status, f.Errors, nil, "")
	}
	s.clearSession(w)
	return s.notice(w, r, http.StatusOK, noticePage{Heading: "Your account was deleted",
		Lines: []string{"You are signed out and your profile is no longer visible.",
			"We sent a link to " + v.user.Email + " that restores the account, exactly as it was, within 30 days. After that, your personal data is erased for good."},
		LinkURL: "/", LinkLabel: "Go to the front page"})
}

func (s *Site) restoreForm(w http.ResponseWriter, r *http.Request) error {
	token := r.URL.Query().Get("token")
	u, err := s.accounts.CheckRestoreToken(r.Context(), token)
	if err != nil {
		return s.linkFailed(w, r, err, "/", "Go to the front page")
	}
	return s.notice(w, r, http.StatusOK, noticePage{Heading: "Restore your account",
		Lines: []string{"Restore the account of " + u.Name + " (" + u.Email + ") exactly as it was before you deleted it?"},
		Form:  "/account/restore", FormLabel: "Restore my account", Hidden: map[string]string{"token": token}})
}

func (s *Site) restoreSubmit(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	token := r.PostFormValue("token")
	if !s.csrfOK(r) {
		return s.notice(w, r, http.StatusForbidden, noticePage{Heading: "Restore your account", Lines: []string{formExpired},
			Form: "/account/restore", FormLabel: "Restore my account", Hidden: map[string]string{"token": token}})
	}
	u, err := s.accounts.Restore(r.Context(), token)
	if err != nil {
		return s.linkFailed(w, r, err, "/", "Go to the front page")
	}
	return s.notice(w, r, http.StatusOK, noticePage{Heading: "Welcome back",
		Lines:   []string{"The account of " + u.Name + " is restored exactly as it was. Sign in to continue."},
		LinkURL: "/login", LinkLabel: "Sign in"})
}

// readerProfile is a reader's public page; deleted accounts have none.
func (s *Site) readerProfile(w http.ResponseWriter, r *http.Request) error {
	u, err := s.users.UserByID(r.Context(), r.PathValue("id"))
	if err != nil {
		return notFoundOr(err, "There is no such reader.")
	}
	if u.Deleted() {
		return web.NotFound("There is no such reader.")
	}
	p, err := s.basePage(r.Context(), u.Name, "/readers/"+u.ID)
	if err != nil {
		return err
	}
	p.NoIndex = true
	return s.page(w, r, http.StatusOK, "reader", struct {
		page
		Reader store.User
	}{p, u})
}

func itoa(n int) string { return strconv.Itoa(n) }
