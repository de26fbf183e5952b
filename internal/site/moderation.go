package site

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"tribune/internal/moderation/policy"
	"tribune/internal/review"
	"tribune/internal/store"
	"tribune/internal/web"
)

// SetReview mounts the moderators' workspace and the readers' side of it
// (notifications, appeals). file is the policy of the file (or the shipped
// one), which admins may return to.
func (s *Site) SetReview(r *review.Service, file *policy.Policy) { s.review, s.filePolicy = r, file }

// moderationRoutes are the moderators' workspace pages.
func (s *Site) moderationRoutes(mux *http.ServeMux, h func(web.HandlerFunc) http.Handler) {
	mux.Handle("GET /moderation", h(s.modHome))
	mux.Handle("GET /moderation/queue/{queue}", h(s.modQueue))
	mux.Handle("GET /moderation/counts", h(s.modCounts))
	mux.Handle("POST /moderation/decide", h(s.modDecide))
	mux.Handle("POST /moderation/bulk", h(s.modBulk))
	mux.Handle("GET /moderation/appeals", h(s.modAppeals))
	mux.Handle("POST /moderation/appeals/{id}", h(s.modDecideAppeal))
	mux.Handle("GET /moderation/users/{id}", h(s.modUser))
	mux.Handle("POST /moderation/users/{id}/block", h(s.modBlock))
	mux.Handle("POST /moderation/users/{id}/unblock", h(s.modUnblock))
	mux.Handle("POST /moderation/users/{id}/notes", h(s.modNote))
	mux.Handle("POST /moderation/users/{id}/role", h(s.modRole))
	mux.Handle("GET /moderation/audit", h(s.modAudit))
	mux.Handle("GET /moderation/policy", h(s.modPolicy))
	mux.Handle("GET /moderation/quality", h(s.modQuality))
	mux.Handle("GET /moderation/export/dsa", h(s.modExportDSA))
	mux.Handle("GET /transparency", h(s.transparency))
	mux.Handle("POST /moderation/policy", h(s.modPolicySubmit))
	mux.Handle("GET /account/notifications", h(s.notifications))
	mux.Handle("GET /account/appeal", h(s.appealForm))
	mux.Handle("POST /account/appeal", h(s.appealSubmit))
}

// requireStaff lets moderators and admins through. Anonymous visitors are
// sent to sign in; signed-in readers get the not-found page: the
// workspace does not exist for them.
func (s *Site) requireStaff(w http.ResponseWriter, r *http.Request) (*viewer, error) {
	v := requireViewer(w, r)
	if v == nil {
		return nil, nil
	}
	if v.user.Role != store.RoleModerator && v.user.Role != store.RoleAdmin {
		return nil, s.notFound(w, r)
	}
	return v, nil
}

// modPage is the frame every workspace page shares: the queue tabs with
// their counts.
type modPage struct {
	formPage
	Counts  map[string]int
	Current string
	Notice  string
	Error   string
	Admin   bool
	// Back is the page's own address, where its forms return.
	Back string
}

func (s *Site) newModPage(w http.ResponseWriter, r *http.Request, v *viewer, title, current string) (modPage, error) {
	f, err := s.newForm(w, r, title)
	if err != nil {
		return modPage{}, err
	}
	counts, err := s.review.Counts(r.Context())
	if err != nil {
		return modPage{}, err
	}
	back := r.URL.Query()
	back.Del("done")
	path := r.URL.Path
	if len(back) > 0 {
		path += "?" + back.Encode()
	}
	return modPage{formPage: f, Counts: counts, Current: current, Admin: v.user.Role == store.RoleAdmin,
		Notice: modNotices[r.URL.Query().Get("done")], Back: path}, nil
}

// modNotices are the outcomes redirects report, by key.
var modNotices = map[string]string{
	"approved":  "Approved.",
	"rejected":  "Rejected; the author was sent a statement of reasons.",
	"bulk":      "Done: the selected comments were decided.",
	"blocked":   "The account is blocked; its owner was told why and how to appeal.",
	"unblocked": "The block is lifted; its owner was told.",
	"noted":     "Note saved.",
	"role":      "Role changed.",
	"restored":  "Appeal accepted: the account is restored and its owner was told.",
	"upheld":    "Appeal rejected: the block stays and its owner was told.",
	"policy":    "Policy saved: it is in force on this node now and on every node within seconds.",
}

func (s *Site) modHome(w http.ResponseWriter, r *http.Request) error {
	if v, err := s.requireStaff(w, r); v == nil {
		return err
	}
	http.Redirect(w, r, "/moderation/queue/held", http.StatusSeeOther)
	return nil
}

// queueView is a queue page.
type queueView struct {
	modPage
	Queue   string
	Title   string
	Items   []review.Item
	Total   int
	Filter  queueFilterView
	Rules   []ruleOption
	More    string
	Newest  string
	Checked []string
}

type queueFilterView struct {
	Rule, Article, Author, Since, Until, Sort string
	Page                                      int
}

type ruleOption struct{ ID, Title string }

var queueTitles = map[string]string{
	store.QueueHeld:     "Held by the machine",
	store.QueueReported: "Reported by readers",
	store.QueueFlagged:  "Published, flagged for review",
}

const queuePageSize = 50

// queueFilter reads a queue's filters from the query string.
func queueFilter(r *http.Request, queue string) (store.QueueFilter, queueFilterView) {
	q := r.URL.Query()
	fv := queueFilterView{Rule: q.Get("rule"), Article: q.Get("article"), Author: q.Get("author"), Since: q.Get("since"),
		Until: q.Get("until"), Sort: q.Get("sort")}
	fv.Page, _ = strconv.Atoi(q.Get("page"))
	fv.Page = max(fv.Page, 1)
	f := store.QueueFilter{Queue: queue, Rule: fv.Rule, ArticleID: fv.Article, AuthorID: fv.Author, Oldest: fv.Sort != "newest",
		Limit: queuePageSize, Offset: (fv.Page - 1) * queuePageSize}
	if t, err := time.Parse("2006-01-02", fv.Since); err == nil {
		f.Since = t
	}
	if t, err := time.Parse("2006-01-02", fv.Until); err == nil {
		f.Until = t.Add(24 * time.Hour)
	}
	return f, fv
}

func (s *Site) modQueue(w http.ResponseWriter, r *http.Request) error {
	v, err := s.requireStaff(w, r)
	if v == nil {
		return err
	}
	return s.renderQueue(w, r, v, http.StatusOK, "")
}

func (s *Site) renderQueue(w http.ResponseWriter, r *http.Request, v *viewer, status int, problem string) error {
	queue := r.PathValue("queue")
	title, ok := queueTitles[queue]
	if !ok {
		return s.notFound(w, r)
	}
	f, fv := queueFilter(r, queue)
	mp, err := s.newModPage(w, r, v, title+" · Moderation", queue)
	if err != nil {
		return err
	}
	mp.Error = problem
	pg, err := s.review.Queue(r.Context(), f)
	if err != nil {
		return err
	}
	data := queueView{modPage: mp, Queue: queue, Title: title, Items: pg.Items, Total: pg.Total, Filter: fv}
	for _, rule := range s.review.Policy().Rules {
		data.Rules = append(data.Rules, ruleOption{ID: rule.ID, Title: rule.Title})
	}
	if fv.Page*queuePageSize < pg.Total {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(fv.Page+1))
		data.More = r.URL.Path + "?" + q.Encode()
	}
	if r.Method == http.MethodPost {
		data.Checked = r.PostForm["id"]
	}
	return s.page(w, r, status, "moderation", data)
}

// modCounts answers the workspace's live poll: the queues' sizes, and the
// ids in a queue (so the page can say how many new items arrived).
func (s *Site) modCounts(w http.ResponseWriter, r *http.Request) error {
	v, err := s.requireStaff(w, r)
	if v == nil {
		return err
	}
	counts, err := s.review.Counts(r.Context())
	if err != nil {
		return err
	}
	out := map[string]any{"counts": counts}
	if queue := r.URL.Query().Get("queue"); queueTitles[queue] != "" {
		f, _ := queueFilter(r, queue)
		f.Offset, f.Limit = 0, 200
		f.Oldest = false
		ids, total, err := s.review.QueueIDs(r.Context(), f)
		if err != nil {
			return err
		}
		out["ids"], out["total"] = ids, total
	}
	w.Header().Set("Cache-Control", "no-store")
	web.WriteJSON(w, http.StatusOK, out)
	return nil
}

// wantsJSON: the workspace's script asks for JSON; forms get pages.
func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

// backTo is the page a form returns to: a workspace path, never elsewhere.
func backTo(r *http.Request, fallback string) string {
	next := r.PostFormValue("next")
	if u, err := url.Parse(next); err != nil || !strings.HasPrefix(next, "/moderation") || u.Host != "" || strings.HasPrefix(next, "//") {
		return fallback
	}
	return next
}

// withDone adds the outcome key to a return path.
func withDone(path, done string) string {
	u, _ := url.Parse(path)
	q := u.Query()
	q.Set("done", done)
	u.RawQuery = q.Encode()
	return u.String()
}

// decisionOf reads one decision from a form.
func decisionOf(r *http.Request, id string) review.CommentDecision {
	return review.CommentDecision{CommentID: id, ExpectStatus: r.PostFormValue("status"), ExpectReview: r.PostFormValue("review") == "1",
		Approve: r.PostFormValue("action") == "approve", Rule: r.PostFormValue("rule"), Note: r.PostFormValue("note")}
}

// decisionProblem maps a workspace error to a status and message, or
// returns the error when it is internal.
func decisionProblem(err error) (int, string, error) {
	var de *review.DecidedError
	var pr *review.Problem
	switch {
	case errors.As(err, &de):
		return http.StatusConflict, de.Error(), nil
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, "This item no longer exists.", nil
	case errors.Is(err, review.ErrNotStaff):
		return http.StatusForbidden, err.Error(), nil
	case errors.As(err, &pr):
		return http.StatusUnprocessableEntity, pr.Error(), nil
	}
	return 0, "", err
}

// modDecide approves or rejects one comment.
func (s *Site) modDecide(w http.ResponseWriter, r *http.Request) error {
	v, err := s.requireStaff(w, r)
	if v == nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if !s.csrfOK(r) {
		return s.modFail(w, r, v, http.StatusForbidden, formExpired)
	}
	d := decisionOf(r, r.PostFormValue("id"))
	if _, err := s.review.Decide(r.Context(), v.user, d); err != nil {
		status, msg, err := decisionProblem(err)
		if err != nil {
			return err
		}
		return s.modFail(w, r, v, status, msg)
	}
	done := "rejected"
	if d.Approve {
		done = "approved"
	}
	if wantsJSON(r) {
		web.WriteJSON(w, http.StatusOK, map[string]any{"ok": true, "message": modNotices[done]})
		return nil
	}
	http.Redirect(w, r, withDone(backTo(r, "/moderation/queue/held"), done), http.StatusSeeOther)
	return nil
}

// modFail answers a failed workspace action: JSON for the script, or the
// page the form came from with the message.
func (s *Site) modFail(w http.ResponseWriter, r *http.Request, v *viewer, status int, msg string) error {
	if wantsJSON(r) {
		web.WriteJSON(w, status, map[string]any{"error": msg})
		return nil
	}
	next := backTo(r, "/moderation/queue/held")
	u, _ := url.Parse(next)
	r2 := r.Clone(r.Context())
	r2.URL = u
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) == 3 && parts[1] == "queue" {
		r2.SetPathValue("queue", parts[2])
		return s.renderQueue(w, r2, v, status, msg)
	}
	return s.notice(w, r, status, noticePage{Heading: "That did not work", Lines: []string{msg}, LinkURL: next, LinkLabel: "Back"})
}

// modBulk applies one decision to the selected comments.
func (s *Site) modBulk(w http.ResponseWriter, r *http.Request) error {
	v, err := s.requireStaff(w, r)
	if v == nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if !s.csrfOK(r) {
		return s.modFail(w, r, v, http.StatusForbidden, formExpired)
	}
	ids := slices.Compact(slices.Sorted(slices.Values(r.PostForm["id"])))
	if len(ids) == 0 {
		return s.modFail(w, r, v, http.StatusUnprocessableEntity, "Select at least one comment.")
	}
	if len(ids) > 500 {
		return s.modFail(w, r, v, http.StatusUnprocessableEntity, "Select at most 500 comments at once.")
	}
	var ds []review.CommentDecision
	for _, id := range ids {
		d := decisionOf(r, id)
		// each item carries the state the moderator saw
		d.ExpectStatus, d.ExpectReview = r.PostFormValue("status-"+id), r.PostFormValue("review-"+id) == "1"
		ds = append(ds, d)
	}
	if r.PostFormValue("action") == "reject" {
		if _, ok := s.review.Policy().Rule(r.PostFormValue("rule")); !ok {
			return s.modFail(w, r, v, http.StatusUnprocessableEntity, review.ErrNoRule.Error())
		}
	}
	results := s.review.DecideMany(r.Context(), v.user, ds)
	var failed []string
	for _, res := range results {
		if res.Err != nil {
			_, msg, err := decisionProblem(res.Err)
			if err != nil {
				return err
			}
			failed = append(failed, msg)
		}
	}
	if wantsJSON(r) {
		out := map[string]any{"ok": len(failed) == 0, "decided": len(ds) - len(failed), "failed": failed}
		web.WriteJSON(w, http.StatusOK, out)
		return nil
	}
	if len(failed) > 0 {
		return s.modFail(w, r, v, http.StatusConflict, strconv.Itoa(len(ds)-len(failed))+" decided; "+strconv.Itoa(len(failed))+
			" not: "+strings.Join(slices.Compact(failed), " "))
	}
	http.Redirect(w, r, withDone(backTo(r, "/moderation/queue/held"), "bulk"), http.StatusSeeOther)
	return nil
}
