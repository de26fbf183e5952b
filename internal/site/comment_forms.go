package site

import (
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"slices"
	"strconv"

	"tribune/internal/comments"
	"tribune/internal/moderation"
	"tribune/internal/news"
	"tribune/internal/store"
	"tribune/internal/web"
)

// commentFormPage shows a comment form again after a problem, with the
// reader's text kept and the reason next to it.
type commentFormPage struct {
	page
	Article  news.Article
	Action   string
	CSRF     string
	Text     string
	ParentID string
	Reason   string
	Version  int
	Error    string
	Heading  string
	Moderate bool
}

// commentProblem maps a comment rule's error to a status and a message,
// or returns the error when it is internal.
func commentProblem(err error) (int, string, error) {
	var te *comments.TextError
	var le *moderation.LimitError
	switch {
	case errors.As(err, &te):
		return http.StatusUnprocessableEntity, te.Error(), nil
	case errors.As(err, &le):
		return http.StatusTooManyRequests, le.Error(), nil
	case errors.Is(err, comments.ErrNotVerified), errors.Is(err, comments.ErrNotYours), errors.As(err, new(*comments.BlockedError)):
		return http.StatusForbidden, err.Error(), nil
	case errors.Is(err, comments.ErrNoParent), errors.Is(err, comments.ErrTooLate), errors.Is(err, comments.ErrDeleted),
		errors.Is(err, comments.ErrUnknownRule):
		return http.StatusUnprocessableEntity, err.Error(), nil
	case errors.Is(err, comments.ErrEditedMeanwhile), errors.Is(err, comments.ErrAlreadyReported):
		return http.StatusConflict, err.Error(), nil
	}
	return 0, "", err
}

func (s *Site) renderCommentForm(w http.ResponseWriter, r *http.Request, status int, f commentFormPage) error {
	p, err := s.basePage(r.Context(), f.Heading, r.URL.Path)
	if err != nil {
		return err
	}
	p.NoIndex, p.Canonical = true, ""
	f.page = p
	f.CSRF = s.csrfToken(w, r)
	return s.page(w, r, status, "comment_form", f)
}

// postComment is the plain form post of a comment or reply.
func (s *Site) postComment(w http.ResponseWriter, r *http.Request) error {
	art, err := s.articleOf(r.Context(), r.PathValue("slug"))
	if err != nil {
		return err
	}
	v := requireViewer(w, r)
	if v == nil {
		return nil
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	f := commentFormPage{Article: art, Action: "/news/" + art.Slug + "/comments", Text: r.PostFormValue("text"),
		ParentID: r.PostFormValue("parent_id"), Heading: "Your comment"}
	if !s.csrfOK(r) {
		f.Error = formExpired
		return s.renderCommentForm(w, r, http.StatusForbidden, f)
	}
	c, _, err := s.comments.Post(r.Context(), v.user, art, f.ParentID, f.Text)
	if err != nil {
		status, msg, err := commentProblem(err)
		if err != nil {
			return err
		}
		f.Error = msg
		return s.renderCommentForm(w, r, status, f)
	}
	http.Redirect(w, r, "/news/"+art.Slug+"?csort=newest#c-"+c.ID, http.StatusSeeOther)
	return nil
}

// loadOwnComment finds a comment and its article for a form action.
func (s *Site) loadOwnComment(r *http.Request) (store.Comment, news.Article, error) {
	c, err := s.commentStore.CommentByID(r.Context(), r.PathValue("id"))
	if err != nil {
		return c, news.Article{}, notFoundOr(err, "That comment does not exist.")
	}
	a, err := s.store.ArticleByID(r.Context(), c.ArticleID)
	return c, a, err
}

func (s *Site) editComment(w http.ResponseWriter, r *http.Request) error {
	v := requireViewer(w, r)
	if v == nil {
		return nil
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	c, art, err := s.loadOwnComment(r)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	f := commentFormPage{Article: art, Action: "/comments/" + c.ID + "/edit", Text: r.PostFormValue("text"), Version: version,
		Reason: r.PostFormValue("reason"), Heading: "Edit comment", Moderate: v.user.ID != c.AuthorID}
	if !s.csrfOK(r) {
		f.Error = formExpired
		return s.renderCommentForm(w, r, http.StatusForbidden, f)
	}
	if _, _, err := s.comments.Edit(r.Context(), v.user, c.ID, f.Text, f.Reason, version); err != nil {
		status, msg, err := commentProblem(err)
		if err != nil {
			return err
		}
		f.Error = msg
		return s.renderCommentForm(w, r, status, f)
	}
	if next := r.PostFormValue("next"); next == "/comments/"+c.ID+"/versions" {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return nil
	}
	http.Redirect(w, r, "/news/"+art.Slug+"#c-"+c.ID, http.StatusSeeOther)
	return nil
}

func (s *Site) deleteComment(w http.ResponseWriter, r *http.Request) error {
	v := requireViewer(w, r)
	if v == nil {
		return nil
	}
	c, art, err := s.loadOwnComment(r)
	if err != nil {
		return err
	}
	if !s.csrfOK(r) {
		return s.notice(w, r, http.StatusForbidden, noticePage{Heading: "Delete comment", Lines: []string{formExpired},
			Form: "/comments/" + c.ID + "/delete", FormLabel: "Delete the comment"})
	}
	if err := s.comments.Delete(r.Context(), v.user, c.ID); err != nil {
		status, msg, err := commentProblem(err)
		if err != nil {
			return err
		}
		return s.notice(w, r, status, noticePage{Heading: "Delete comment", Lines: []string{msg}})
	}
	http.Redirect(w, r, "/news/"+art.Slug+"#comments", http.StatusSeeOther)
	return nil
}

func (s *Site) reportComment(w http.ResponseWriter, r *http.Request) error {
	v := requireViewer(w, r)
	if v == nil {
		return nil
	}
	c, art, err := s.loadOwnComment(r)
	if err != nil {
		return err
	}
	back := "/news/" + art.Slug + "#c-" + c.ID
	if !s.csrfOK(r) {
		return s.notice(w, r, http.StatusForbidden, noticePage{Heading: "Report a comment", Lines: []string{formExpired}, LinkURL: back, LinkLabel: "Back to the comment"})
	}
	if err := s.comments.Report(r.Context(), v.user, c.ID, r.PostFormValue("rule"), r.PostFormValue("note")); err != nil {
		status, msg, err := commentProblem(err)
		if err != nil {
			return err
		}
		return s.notice(w, r, status, noticePage{Heading: "Report a comment", Lines: []string{msg}, LinkURL: back, LinkLabel: "Back to the comment"})
	}
	return s.notice(w, r, http.StatusOK, noticePage{Heading: "Thank you for your report",
		Lines:   []string{"When several readers report a comment, it goes to our moderators, who check it against the Community Standards."},
		LinkURL: back, LinkLabel: "Back to the discussion"})
}

// commentVersions shows moderators every version of a comment.
func (s *Site) commentVersions(w http.ResponseWriter, r *http.Request) error {
	v := requireViewer(w, r)
	if v == nil {
		return nil
	}
	if v.user.Role != store.RoleModerator && v.user.Role != store.RoleAdmin {
		return web.Forbidden("Only moderators can see the history of a comment.")
	}
	c, art, err := s.loadOwnComment(r)
	if err != nil {
		return err
	}
	vs, err := s.comments.Versions(r.Context(), c.ID)
	if err != nil {
		return err
	}
	p, err := s.basePage(r.Context(), "Comment history", r.URL.Path)
	if err != nil {
		return err
	}
	p.NoIndex = true
	var scores map[string]float64
	if c.Scores != "" {
		json.Unmarshal([]byte(c.Scores), &scores)
	}
	names := slices.Sorted(maps.Keys(scores))
	type score struct {
		Name  string
		Value float64
	}
	list := make([]score, len(names))
	for i, n := range names {
		list[i] = score{n, scores[n]}
	}
	return s.page(w, r, http.StatusOK, "versions", struct {
		page
		Article  news.Article
		Comment  store.Comment
		Versions []store.CommentVersion
		Reasons  []moderation.Reason
		Scores   []score
		CSRF     string
	}{p, art, c, vs, moderation.ParseReasons(c.Reasons), list, s.csrfToken(w, r)})
}
