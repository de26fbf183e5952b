package api

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"

	"tribune/internal/comments"
	"tribune/internal/moderation"
	"tribune/internal/news"
	"tribune/internal/store"
)

// Articles finds the article a comment URL names.
type Articles interface {
	ArticleBySlug(ctx context.Context, slug string) (news.Article, error)
}

// CommentStore reads what the comment endpoints list.
type CommentStore interface {
	Comments(ctx context.Context, p store.CommentPage) ([]store.Comment, error)
	CountComments(ctx context.Context, articleID string, topLevel bool) (int, error)
	CommentEventsAfter(ctx context.Context, articleID string, after int64, limit int) ([]store.CommentEvent, error)
	CommentByID(ctx context.Context, id string) (store.Comment, error)
}

func (a *API) commentRoutes(mux *http.ServeMux) {
	mux.Handle("POST /api/v1/articles/{slug}/comments", a.handle(a.postComment))
	mux.Handle("GET /api/v1/articles/{slug}/comments", a.handle(a.listComments))
	mux.Handle("GET /api/v1/articles/{slug}/comments/stream", a.handle(a.stream))
	mux.Handle("GET /api/v1/comments/{id}", a.handle(a.getComment))
	mux.Handle("PATCH /api/v1/comments/{id}", a.handle(a.editComment))
	mux.Handle("DELETE /api/v1/comments/{id}", a.handle(a.deleteComment))
	mux.Handle("POST /api/v1/comments/{id}/reports", a.handle(a.reportComment))
	mux.Handle("GET /api/v1/comments/{id}/versions", a.handle(a.commentVersions))
}

// articleTTL is how long an article looked up by slug is reused. Streams
// and posts only need its id and publication time, which rarely change;
// reusing them keeps thousands of readers connecting at once off the
// database.
const articleTTL = 5 * time.Second

type cachedArticle struct {
	art     news.Article
	expires time.Time
}

// article loads a published article or answers 404.
func (a *API) article(r *http.Request) (news.Article, error) {
	slug := r.PathValue("slug")
	now := time.Now()
	if v, ok := a.slugs.Load(slug); ok && now.Before(v.(cachedArticle).expires) {
		return a.published(v.(cachedArticle).art, nil)
	}
	art, err := a.articles.ArticleBySlug(r.Context(), slug)
	if err == nil {
		a.slugs.Store(slug, cachedArticle{art: art, expires: now.Add(articleTTL)})
	}
	return a.published(art, err)
}

func (a *API) published(art news.Article, err error) (news.Article, error) {
	if errors.Is(err, store.ErrNotFound) || (err == nil && art.PublishedAt.After(time.Now())) {
		return art, &Error{Status: http.StatusNotFound, Message: "no such article"}
	}
	return art, err
}

// decode reads a JSON body of at most 64 KiB into v.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	b, err := io.ReadAll(r.Body)
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return &Error{Status: http.StatusRequestEntityTooLarge, Message: "the request body is larger than 64 KiB"}
	}
	if err != nil {
		return &Error{Status: http.StatusBadRequest, Message: "the request body could not be read"}
	}
	if !utf8.Valid(b) { // encoding/json would silently turn it into U+FFFD
		return &Error{Status: http.StatusUnprocessableEntity, Message: "The text contains characters we cannot read; please retype it."}
	}
	if err := json.Unmarshal(b, v); err != nil {
		return &Error{Status: http.StatusBadRequest, Message: "the request body is not valid JSON: " + err.Error()}
	}
	return nil
}

// commentError maps the comment rules' errors to statuses; their text is
// written for people, so it is passed on.
func commentError(err error) error {
	var te *comments.TextError
	var le *moderation.LimitError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &te):
		return &Error{Status: http.StatusUnprocessableEntity, Message: te.Error()}
	case errors.As(err, &le):
		return &Error{Status: http.StatusTooManyRequests, Message: le.Error(), RetryAfter: le.Wait}
	case errors.Is(err, comments.ErrNotVerified), errors.Is(err, comments.ErrNotYours), errors.As(err, new(*comments.BlockedError)):
		return &Error{Status: http.StatusForbidden, Message: err.Error()}
	case errors.Is(err, comments.ErrNoParent), errors.Is(err, comments.ErrTooLate), errors.Is(err, comments.ErrUnknownRule),
		errors.Is(err, comments.ErrDeleted):
		return &Error{Status: http.StatusUnprocessableEntity, Message: err.Error()}
	case errors.Is(err, comments.ErrEditedMeanwhile), errors.Is(err, comments.ErrAlreadyReported):
		return &Error{Status: http.StatusConflict, Message: err.Error()}
	case errors.Is(err, store.ErrNotFound):
		return &Error{Status: http.StatusNotFound, Message: "no such comment"}
	}
	return err
}

type postBody struct {
	Text     string `json:"text"`
	ParentID string `json:"parent_id"`
}

// postResult is the answer to a post or an edit.
type postResult struct {
	ID      string                `json:"id"`
	Status  string                `json:"status"`
	Reasons []moderation.Reason   `json:"reasons"`
	Comment comments.EventComment `json:"comment"`
}

func result(c store.Comment, d moderation.Decision, links bool) postResult {
	reasons := d.Reasons
	if reasons == nil {
		reasons = []moderation.Reason{}
	}
	return postResult{ID: c.ID, Status: c.Status, Reasons: reasons, Comment: comments.ToEvent(c, links)}
}

func (a *API) postComment(w http.ResponseWriter, r *http.Request) error {
	u, err := a.User(r)
	if err != nil {
		return err
	}
	art, err := a.article(r)
	if err != nil {
		return err
	}
	var body postBody
	if err := decode(w, r, &body); err != nil {
		return err
	}
	c, d, err := a.comments.Post(r.Context(), u, art, body.ParentID, body.Text)
	if err != nil {
		return commentError(err)
	}
	WriteJSON(w, http.StatusCreated, result(c, d, a.links))
	return nil
}

// pageSize bounds list requests.
const pageSize, maxPageSize = 50, 200

func (a *API) listComments(w http.ResponseWriter, r *http.Request) error {
	art, err := a.article(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	sort := q.Get("sort")
	if sort == "" {
		sort = string(store.SortOldest)
	}
	if !store.ValidSort(sort) {
		return &Error{Status: http.StatusBadRequest, Message: "sort must be oldest, newest or replies"}
	}
	limit := pageSize
	if v := q.Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > maxPageSize {
			return &Error{Status: http.StatusBadRequest, Message: fmt.Sprintf("limit must be 1 to %d", maxPageSize)}
		}
	}
	offset, err := parseCursor(q.Get("cursor"))
	if err != nil {
		return err
	}
	viewer := ""
	if r.Header.Get("Authorization") != "" || hasSession(r) {
		if u, err := a.User(r); err == nil {
			viewer = u.ID
		}
	}
	if viewer == "" {
		// Everyone else sees the same list: answer from the short-lived
		// cache, keyed by the article's comment version.
		key := art.ID + "|" + sort + "|" + strconv.Itoa(limit) + "|" + strconv.Itoa(offset) + "|" +
			strconv.FormatInt(a.comments.Version(art.ID), 10)
		var failed error
		b := a.lists.Load(key, time.Now(), func() ([]byte, bool) {
			v, err := a.commentList(r.Context(), art.ID, sort, "", limit, offset)
			if err != nil {
				failed = err
				return nil, false
			}
			b, err := json.Marshal(v)
			return b, err == nil
		})
		if failed != nil {
			return failed
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Write(b)
		return nil
	}
	v, err := a.commentList(r.Context(), art.ID, sort, viewer, limit, offset)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, v)
	return nil
}

// commentList is one page of an article's comments as the API lists it.
func (a *API) commentList(ctx context.Context, articleID, sort, viewer string, limit, offset int) (map[string]any, error) {
	list, err := a.store.Comments(ctx, store.CommentPage{ArticleID: articleID, Sort: store.CommentSort(sort), Viewer: viewer,
		Limit: limit + 1, Offset: offset})
	if err != nil {
		return nil, err
	}
	next := ""
	if len(list) > limit {
		list, next = list[:limit], makeCursor(offset+limit)
	}
	total, err := a.store.CountComments(ctx, articleID, false)
	if err != nil {
		return nil, err
	}
	out := make([]comments.EventComment, len(list))
	for i, c := range list {
		out[i] = comments.ToEvent(c, a.links)
	}
	return map[string]any{"comments": out, "next_cursor": next, "total": total}, nil
}

// hasSession reports whether the request carries the site's session cookie.
func hasSession(r *http.Request) bool {
	_, err := r.Cookie("tribune_session")
	return err == nil
}

func makeCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o:" + strconv.Itoa(offset)))
}

func parseCursor(c string) (int, error) {
	if c == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil && len(b) > 2 && string(b[:2]) == "o:" {
		if n, err := strconv.Atoi(string(b[2:])); err == nil && n >= 0 && n < 10_000_000 {
			return n, nil
		}
	}
	return 0, &Error{Status: http.StatusBadRequest, Message: "invalid cursor; use next_cursor from the previous page"}
}

func (a *API) getComment(w http.ResponseWriter, r *http.Request) error {
	c, err := a.store.CommentByID(r.Context(), r.PathValue("id"))
	if err != nil {
		return commentError(err)
	}
	u, uerr := a.User(r)
	staff := uerr == nil && (u.Role == store.RoleModerator || u.Role == store.RoleAdmin)
	if c.Status != store.CommentPublished && c.Status != store.CommentDeleted && !staff && (uerr != nil || u.ID != c.AuthorID) {
		return &Error{Status: http.StatusNotFound, Message: "no such comment"}
	}
	reasons := moderation.ParseReasons(c.Reasons)
	if reasons == nil {
		reasons = []moderation.Reason{}
	}
	out := map[string]any{"comment": comments.ToEvent(c, a.links), "reasons": reasons}
	if staff {
		out["moderation"] = moderationView(c)
	}
	WriteJSON(w, http.StatusOK, out)
	return nil
}

// moderationView is what moderators see of the engine's judgement.
func moderationView(c store.Comment) map[string]any {
	scores := map[string]float64{}
	if c.Scores != "" {
		json.Unmarshal([]byte(c.Scores), &scores)
	}
	return map[string]any{"scores": scores, "policy_version": c.PolicyVersion, "needs_review": c.NeedsReview, "report_count": c.ReportCount}
}

type editBody struct {
	Text    string `json:"text"`
	Reason  string `json:"reason"`
	Version int    `json:"version"`
}

func (a *API) editComment(w http.ResponseWriter, r *http.Request) error {
	u, err := a.User(r)
	if err != nil {
		return err
	}
	var body editBody
	if err := decode(w, r, &body); err != nil {
		return err
	}
	c, d, err := a.comments.Edit(r.Context(), u, r.PathValue("id"), body.Text, body.Reason, body.Version)
	if err != nil {
		return commentError(err)
	}
	WriteJSON(w, http.StatusOK, result(c, d, a.links))
	return nil
}

func (a *API) deleteComment(w http.ResponseWriter, r *http.Request) error {
	u, err := a.User(r)
	if err != nil {
		return err
	}
	if err := a.comments.Delete(r.Context(), u, r.PathValue("id")); err != nil {
		return commentError(err)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type reportBody struct {
	Rule string `json:"rule"`
	Note string `json:"note"`
}

func (a *API) reportComment(w http.ResponseWriter, r *http.Request) error {
	u, err := a.User(r)
	if err != nil {
		return err
	}
	var body reportBody
	if err := decode(w, r, &body); err != nil {
		return err
	}
	if err := a.comments.Report(r.Context(), u, r.PathValue("id"), body.Rule, body.Note); err != nil {
		return commentError(err)
	}
	WriteJSON(w, http.StatusCreated, map[string]string{"status": "reported"})
	return nil
}

func (a *API) commentVersions(w http.ResponseWriter, r *http.Request) error {
	u, err := a.User(r)
	if err != nil {
		return err
	}
	if u.Role != store.RoleModerator && u.Role != store.RoleAdmin {
		return &Error{Status: http.StatusForbidden, Message: "only moderators can see a comment's versions"}
	}
	vs, err := a.comments.Versions(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	if len(vs) == 0 {
		return &Error{Status: http.StatusNotFound, Message: "no such comment"}
	}
	type version struct {
		Version   int       `json:"version"`
		Text      string    `json:"text"`
		Editor    string    `json:"editor"`
		EditorID  string    `json:"editor_id"`
		Reason    string    `json:"reason"`
		CreatedAt time.Time `json:"created_at"`
	}
	out := make([]version, len(vs))
	for i, v := range vs {
		out[i] = version{v.Version, v.Body, v.EditorName, v.EditorID, v.Reason, v.CreatedAt}
	}
	WriteJSON(w, http.StatusOK, map[string]any{"versions": out})
	return nil
}
