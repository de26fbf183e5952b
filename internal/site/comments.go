package site

import (
	"bytes"
	"context"
	"html/template"
	"net/http"
	"strconv"

	"tribune/internal/comments"
	"tribune/internal/moderation"
	"tribune/internal/news"
	"tribune/internal/store"
)

// CommentStore reads what the comments section shows.
type CommentStore interface {
	Comments(ctx context.Context, p store.CommentPage) ([]store.Comment, error)
	CountComments(ctx context.Context, articleID string, topLevel bool) (int, error)
	Replies(ctx context.Context, rootIDs []string, viewer string, limit int) ([]store.Comment, error)
	CommentByID(ctx context.Context, id string) (store.Comment, error)
	LastCommentSeq(ctx context.Context) (int64, error)
	UserComments(ctx context.Context, userID string, limit int) ([]store.Comment, []string, error)
}

// SetComments turns the comments section on; call before Routes.
func (s *Site) SetComments(c *comments.Service) { s.comments = c }

const (
	threadsPerPage = 20
	repliesPerPage = 300
)

// commentView is one comment as the section renders it.
type commentView struct {
	store.Comment
	HTML     template.HTML
	Reasons  []moderation.Reason
	ReplyTo  string
	Children []*commentView
	Mine     bool
	ToMe     bool
	CanEdit  bool
	CanMod   bool
	Deleted  bool
}

// commentsSection is the data of the comments section of an article page.
type commentsSection struct {
	Slug     string
	Total    int
	Threads  []*commentView
	Sort     string
	Sorts    []sortLink
	Page     int
	MoreURL  string
	LastSeq  int64
	Viewer   *store.User
	CSRF     string
	Rules    []string
	Error    string
	Text     string
	Signed   bool
	Verified bool
	// Blocked readers see why and how to appeal instead of the forms.
	Blocked   bool
	Permanent bool
	LoginNext string
}

type sortLink struct {
	Key, Label, URL string
	Current         bool
}

// commentsHTML renders an article's comments section for this request:
// from the one-second cache for anonymous readers, fresh for signed-in ones
// (who see their own held comments and their controls).
func (s *Site) commentsHTML(w http.ResponseWriter, r *http.Request, articleID, slug string) []byte {
	if s.comments == nil {
		return nil
	}
	q := r.URL.Query()
	sort := q.Get("csort")
	if !store.ValidSort(sort) {
		sort = string(store.SortOldest)
	}
	page, err := strconv.Atoi(q.Get("cpage"))
	if err != nil || page < 1 || page > 10000 {
		page = 1
	}
	v := viewerOf(r)
	if v == nil {
		key := articleID + "|" + sort + "|" + strconv.Itoa(page) + "|" + strconv.FormatInt(s.comments.Version(articleID), 10)
		return s.fragments.Load(key, s.now(), func() ([]byte, bool) {
			return s.renderComments(w, r, articleID, slug, sort, page, nil)
		})
	}
	html, _ := s.renderComments(w, r, articleID, slug, sort, page, v)
	return html
}

// renderComments renders the section; ok is false when it shows an error
// instead (which is not cached).
func (s *Site) renderComments(w http.ResponseWriter, r *http.Request, articleID, slug, sort string, page int, v *viewer) ([]byte, bool) {
	data, err := s.loadComments(r.Context(), articleID, slug, sort, page, v)
	if err != nil {
		s.log.Error("load comments", "article_id", articleID, "err", err)
		return []byte(`<section class="comments" id="comments"><p class="empty">Comments could not be loaded just now. Please reload the page.</p></section>`), false
	}
	if v != nil {
		data.CSRF = s.csrfToken(w, r)
	}
	var buf bytes.Buffer
	if err := s.tmpl["article"].ExecuteTemplate(&buf, "comments", data); err != nil {
		s.log.Error("render comments", "err", err)
		return nil, false
	}
	return buf.Bytes(), true
}

func (s *Site) loadComments(ctx context.Context, articleID, slug, sort string, page int, v *viewer) (commentsSection, error) {
	data := commentsSection{Slug: slug, Sort: sort, Page: page, Rules: comments.Rules(), LoginNext: "/news/" + slug + "#comments"}
	viewerID := ""
	if v != nil {
		u := v.user
		data.Viewer, data.Signed, data.Verified, viewerID = &u, true, u.Verified() && !u.Blocked(), u.ID
		data.Blocked, data.Permanent = u.Blocked(), u.BlockPermanent
	}
	for _, so := range []sortLink{{Key: "oldest", Label: "Oldest"}, {Key: "newest", Label: "Newest"}, {Key: "replies", Label: "Most replied"}} {
		so.URL = "/news/" + slug + "?csort=" + so.Key + "#comments"
		so.Current = so.Key == sort
		data.Sorts = append(data.Sorts, so)
	}
	var err error
	if data.LastSeq, err = s.commentStore.LastCommentSeq(ctx); err != nil {
		return data, err
	}
	if data.Total, err = s.commentStore.CountComments(ctx, articleID, false); err != nil {
		return data, err
	}
	threads, err := s.commentStore.CountComments(ctx, articleID, true)
	if err != nil {
		return data, err
	}
	tops, err := s.commentStore.Comments(ctx, store.CommentPage{ArticleID: articleID, Sort: store.CommentSort(sort), TopLevel: true,
		Viewer: viewerID, Limit: threadsPerPage, Offset: (page - 1) * threadsPerPage})
	if err != nil {
		return data, err
	}
	if page*threadsPerPage < threads {
		data.MoreURL = "/news/" + slug + "?csort=" + sort + "&cpage=" + strconv.Itoa(page+1) + "#comments"
	}
	roots := make([]string, len(tops))
	for i, c := range tops {
		roots[i] = c.ID
	}
	replies, err := s.commentStore.Replies(ctx, roots, viewerID, repliesPerPage)
	if err != nil {
		return data, err
	}
	data.Threads = s.thread(tops, replies, v)
	return data, nil
}

// thread arranges replies under their parents. Replies deeper than the
// page nests are shown beside their parent, saying whom they answer.
func (s *Site) thread(tops, replies []store.Comment, v *viewer) []*commentView {
	byID := map[string]*commentView{}
	shownUnder := map[string]*commentView{}
	out := make([]*commentView, 0, len(tops))
	for _, c := range tops {
		cv := s.view(c, v)
		byID[c.ID] = cv
		shownUnder[c.ID] = cv
		out = append(out, cv)
	}
	for _, c := range replies {
		parent := byID[c.ParentID]
		if parent == nil {
			continue // its parent is hidden (held, another reader's)
		}
		cv := s.view(c, v)
		byID[c.ID] = cv
		holder := parent
		if parent.Depth >= 3 {
			holder = shownUnder[c.ParentID]
			cv.ReplyTo = c.ParentAuthorName
		}
		holder.Children = append(holder.Children, cv)
		if parent.Depth >= 3 {
			shownUnder[c.ID] = holder
		} else {
			shownUnder[c.ID] = cv
		}
	}
	return out
}

func (s *Site) view(c store.Comment, v *viewer) *commentView {
	cv := &commentView{Comment: c, Deleted: c.Status == store.CommentDeleted}
	if !cv.Deleted {
		cv.HTML = comments.RenderText(c.Body, s.cfg.CommentLinks)
	}
	if c.Status == store.CommentRejected || c.Status == store.CommentHeld {
		cv.Reasons = moderation.ParseReasons(c.Reasons)
	}
	if v != nil {
		cv.Mine = v.user.ID == c.AuthorID
		cv.ToMe = c.ParentAuthorID == v.user.ID && !cv.Mine
		cv.CanEdit = s.comments.CanEdit(v.user, c)
		cv.CanMod = v.user.Role == store.RoleModerator || v.user.Role == store.RoleAdmin
	}
	return cv
}

// newComments is the fragment "Show new comments" inserts: comments
// published after a stream position, oldest first, flat.
func (s *Site) newComments(w http.ResponseWriter, r *http.Request) error {
	art, err := s.store.ArticleBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return notFoundOr(err, "We could not find that article.")
	}
	after, _ := strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
	v := viewerOf(r)
	list, err := s.commentStore.Comments(r.Context(), store.CommentPage{ArticleID: art.ID, Sort: store.SortOldest, AfterSeq: after, Limit: 200})
	if err != nil {
		return err
	}
	data := commentsSection{Slug: art.Slug, Rules: comments.Rules()}
	if v != nil {
		u := v.user
		data.Viewer, data.Signed, data.Verified = &u, true, u.Verified() && !u.Blocked()
		data.Blocked, data.Permanent = u.Blocked(), u.BlockPermanent
		data.CSRF = s.csrfToken(w, r)
	}
	for _, c := range list {
		cv := s.view(c, v)
		if c.ParentAuthorName != "" {
			cv.ReplyTo = c.ParentAuthorName
		}
		data.Threads = append(data.Threads, cv)
		data.LastSeq = max(data.LastSeq, c.Seq)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Last-Seq", strconv.FormatInt(data.LastSeq, 10))
	return s.tmpl["article"].ExecuteTemplate(w, "comment-items", data)
}

// articleOf loads a published article by slug for a form.
func (s *Site) articleOf(ctx context.Context, slug string) (news.Article, error) {
	a, err := s.store.ArticleBySlug(ctx, slug)
	if err != nil {
		return a, notFoundOr(err, "We could not find that article.")
	}
	if a.PublishedAt.After(s.now()) {
		return a, notFoundOr(store.ErrNotFound, "We could not find that article.")
	}
	return a, nil
}
