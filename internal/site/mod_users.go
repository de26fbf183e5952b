package site

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"tribune/internal/review"
	"tribune/internal/store"
	"tribune/internal/web"
)

// userFileView is a moderator's view of one account.
type userFileView struct {
	modPage
	File     review.UserFile
	Comments []store.Comment
	Rules    []ruleOption
	Roles    []string
}

func (s *Site) modUser(w http.ResponseWriter, r *http.Request) error {
	v, err := s.requireStaff(w, r)
	if v == nil {
		return err
	}
	return s.renderUser(w, r, v, http.StatusOK, "")
}

func (s *Site) renderUser(w http.ResponseWriter, r *http.Request, v *viewer, status int, problem string) error {
	f, err := s.review.User(r.Context(), r.PathValue("id"))
	if errors.Is(err, store.ErrNotFound) {
		return s.notFound(w, r)
	}
	if err != nil {
		return err
	}
	mp, err := s.newModPage(w, r, v, f.Record.User.Name+" · Moderation", "")
	if err != nil {
		return err
	}
	mp.Error = problem
	data := userFileView{modPage: mp, File: f, Roles: []string{store.RoleReader, store.RoleModerator, store.RoleEditor, store.RoleAdmin}}
	if data.Comments, _, err = s.commentStore.UserComments(r.Context(), f.Record.User.ID, 30); err != nil {
		return err
	}
	for _, rule := range s.review.Policy().Rules {
		data.Rules = append(data.Rules, ruleOption{ID: rule.ID, Title: rule.Title})
	}
	return s.page(w, r, status, "mod_user", data)
}

// userAction runs one form of the user page.
func (s *Site) userAction(w http.ResponseWriter, r *http.Request, act func(v *viewer, id string) (string, error)) error {
	v, err := s.requireStaff(w, r)
	if v == nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if !s.csrfOK(r) {
		return s.renderUser(w, r, v, http.StatusForbidden, formExpired)
	}
	id := r.PathValue("id")
	done, err := act(v, id)
	if err != nil {
		status, msg, err := decisionProblem(err)
		if err != nil {
			return err
		}
		return s.renderUser(w, r, v, status, msg)
	}
	http.Redirect(w, r, "/moderation/users/"+id+"?done="+done, http.StatusSeeOther)
	return nil
}

func (s *Site) modBlock(w http.ResponseWriter, r *http.Request) error {
	return s.userAction(w, r, func(v *viewer, id string) (string, error) {
		_, err := s.review.Block(r.Context(), v.user, id, r.PostFormValue("rule"), r.PostFormValue("reason"))
		return "blocked", err
	})
}

func (s *Site) modUnblock(w http.ResponseWriter, r *http.Request) error {
	return s.userAction(w, r, func(v *viewer, id string) (string, error) {
		_, err := s.review.Unblock(r.Context(), v.user, id, r.PostFormValue("reason"))
		return "unblocked", err
	})
}

func (s *Site) modRole(w http.ResponseWriter, r *http.Request) error {
	return s.userAction(w, r, func(v *viewer, id string) (string, error) {
		_, err := s.review.SetRole(r.Context(), v.user, id, r.PostFormValue("role"), r.PostFormValue("reason"))
		return "role", err
	})
}

func (s *Site) modNote(w http.ResponseWriter, r *http.Request) error {
	return s.userAction(w, r, func(v *viewer, id string) (string, error) {
		_, err := s.review.AddNote(r.Context(), v.user, id, r.PostFormValue("note"))
		return "noted", err
	})
}

// appealsView lists appeals.
type appealsView struct {
	modPage
	Status  string
	Appeals []appealItem
}

type appealItem struct {
	store.Appeal
	User store.User
}

func (s *Site) modAppeals(w http.ResponseWriter, r *http.Request) error {
	v, err := s.requireStaff(w, r)
	if v == nil {
		return err
	}
	return s.renderAppeals(w, r, v, http.StatusOK, "")
}

func (s *Site) renderAppeals(w http.ResponseWriter, r *http.Request, v *viewer, status int, problem string) error {
	st := r.URL.Query().Get("status")
	if st != store.AppealRestored && st != store.AppealUpheld && st != "all" {
		st = store.AppealOpen
	}
	mp, err := s.newModPage(w, r, v, "Appeals · Moderation", store.QueueAppeals)
	if err != nil {
		return err
	}
	mp.Error = problem
	filter := st
	if st == "all" {
		filter = ""
	}
	as, err := s.review.Appeals(r.Context(), filter, 200)
	if err != nil {
		return err
	}
	data := appealsView{modPage: mp, Status: st}
	for _, a := range as {
		u, err := s.users.UserByID(r.Context(), a.UserID)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		data.Appeals = append(data.Appeals, appealItem{Appeal: a, User: u})
	}
	return s.page(w, r, status, "mod_appeals", data)
}

func (s *Site) modDecideAppeal(w http.ResponseWriter, r *http.Request) error {
	v, err := s.requireStaff(w, r)
	if v == nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if !s.csrfOK(r) {
		return s.renderAppeals(w, r, v, http.StatusForbidden, formExpired)
	}
	restore := r.PostFormValue("action") == "restore"
	if _, err := s.review.DecideAppeal(r.Context(), v.user, r.PathValue("id"), restore, r.PostFormValue("reason")); err != nil {
		status, msg, err := decisionProblem(err)
		if err != nil {
			return err
		}
		if wantsJSON(r) {
			web.WriteJSON(w, status, map[string]any{"error": msg})
			return nil
		}
		return s.renderAppeals(w, r, v, status, msg)
	}
	done := "upheld"
	if restore {
		done = "restored"
	}
	http.Redirect(w, r, "/moderation/appeals?done="+done, http.StatusSeeOther)
	return nil
}

// auditView is the audit log search.
type auditView struct {
	modPage
	Entries []store.AuditEntry
	Q       store.AuditFilter
	Query   string
	Older   string
	Actions []string
}

var auditActions = []string{store.ActionHold, store.ActionFlag, store.ActionReject, store.ActionApprove, store.ActionEdit,
	store.ActionStrike, store.ActionBlock, store.ActionUnblock, store.ActionNote, store.ActionRole, store.ActionAppeal,
	store.ActionRestore, store.ActionUphold, review.ActionPolicy}

func (s *Site) modAudit(w http.ResponseWriter, r *http.Request) error {
	v, err := s.requireStaff(w, r)
	if v == nil {
		return err
	}
	q := r.URL.Query()
	f := store.AuditFilter{Text: q.Get("q"), Action: q.Get("action"), ActorID: q.Get("actor"), SubjectID: q.Get("subject"),
		TargetID: q.Get("target"), Limit: 100}
	f.Before, _ = strconv.ParseInt(q.Get("before"), 10, 64)
	if t, err := time.Parse("2006-01-02", q.Get("since")); err == nil {
		f.Since = t
	}
	mp, err := s.newModPage(w, r, v, "Audit log · Moderation", "audit")
	if err != nil {
		return err
	}
	es, err := s.review.Audit(r.Context(), f)
	if err != nil {
		return err
	}
	data := auditView{modPage: mp, Entries: es, Q: f, Query: q.Get("since"), Actions: auditActions}
	if len(es) == f.Limit {
		q.Set("before", strconv.FormatInt(es[len(es)-1].Seq, 10))
		data.Older = "/moderation/audit?" + q.Encode()
	}
	return s.page(w, r, http.StatusOK, "mod_audit", data)
}
