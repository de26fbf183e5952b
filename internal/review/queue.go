package review

import (
	"context"
	"encoding/json"
	"errors"

	"tribune/internal/moderation"
	"tribune/internal/news"
	"tribune/internal/store"
)

// RuleHit is a rule that fired on a comment, as moderators see it.
type RuleHit struct {
	ID, Title, Action string
}

// Item is one comment in a queue with what a moderator needs to decide:
// its article and thread, its author's record, the rules and scores, and
// the readers' reports.
type Item struct {
	Comment store.Comment
	Article news.Article
	// Parent is the comment replied to; Root the thread's first comment
	// when that is another one.
	Parent, Root *store.Comment
	Author       store.AuthorRecord
	Rules        []RuleHit
	Scores       map[string]float64
	Reports      []store.Report
}

// Page is a queue page.
type Page struct {
	Items []Item
	Total int
}

// Queue lists a queue's items with their context.
func (s *Service) Queue(ctx context.Context, f store.QueueFilter) (Page, error) {
	cs, err := s.store.QueueComments(ctx, f)
	if err != nil {
		return Page{}, err
	}
	total, err := s.store.CountQueue(ctx, f)
	if err != nil {
		return Page{}, err
	}
	items, err := s.items(ctx, cs)
	return Page{Items: items, Total: total}, err
}

// QueueIDs lists the ids of a queue's comments and its size, without the
// context a page shows: what the workspace's live poll needs.
func (s *Service) QueueIDs(ctx context.Context, f store.QueueFilter) ([]string, int, error) {
	cs, err := s.store.QueueComments(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	total, err := s.store.CountQueue(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids, total, nil
}

// items puts comments in context.
func (s *Service) items(ctx context.Context, cs []store.Comment) ([]Item, error) {
	var ids, related, authors []string
	for _, c := range cs {
		ids = append(ids, c.ID)
		authors = append(authors, c.AuthorID)
		if c.ParentID != "" {
			related = append(related, c.ParentID)
		}
		if c.RootID != c.ID && c.RootID != c.ParentID {
			related = append(related, c.RootID)
		}
	}
	ctxComments := map[string]store.Comment{}
	if len(related) > 0 {
		rs, err := s.store.CommentsByIDs(ctx, related)
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			ctxComments[r.ID] = r
		}
	}
	reports, err := s.store.CommentReports(ctx, ids)
	if err != nil {
		return nil, err
	}
	byComment := map[string][]store.Report{}
	for _, r := range reports {
		byComment[r.CommentID] = append(byComment[r.CommentID], r)
	}
	records, err := s.store.AuthorRecords(ctx, authors)
	if err != nil {
		return nil, err
	}
	articles := map[string]news.Article{}
	out := make([]Item, 0, len(cs))
	for _, c := range cs {
		a, ok := articles[c.ArticleID]
		if !ok {
			a, err = s.store.ArticleByID(ctx, c.ArticleID)
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				return nil, err
			}
			articles[c.ArticleID] = a
		}
		it := Item{Comment: c, Article: a, Author: records[c.AuthorID], Reports: byComment[c.ID], Scores: map[string]float64{}}
		if p, ok := ctxComments[c.ParentID]; ok {
			it.Parent = &p
		}
		if r, ok := ctxComments[c.RootID]; ok && c.RootID != c.ParentID {
			it.Root = &r
		}
		for _, r := range moderation.ParseReasons(c.Reasons) {
			pr := s.rule(r.Rule)
			it.Rules = append(it.Rules, RuleHit{ID: r.Rule, Title: pr.Title, Action: string(pr.Action)})
		}
		if c.Scores != "" {
			json.Unmarshal([]byte(c.Scores), &it.Scores)
		}
		out = append(out, it)
	}
	return out, nil
}

// Counts are the queues' sizes.
func (s *Service) Counts(ctx context.Context) (map[string]int, error) {
	return s.store.QueueCounts(ctx)
}

// UserFile is what moderators see of one account.
type UserFile struct {
	Record  store.AuthorRecord
	Strikes []store.Strike
	Notes   []store.UserNote
	Audit   []store.AuditEntry
	Appeal  *store.Appeal
}

// User loads an account's file.
func (s *Service) User(ctx context.Context, id string) (UserFile, error) {
	rs, err := s.store.AuthorRecords(ctx, []string{id})
	if err != nil {
		return UserFile{}, err
	}
	r, ok := rs[id]
	if !ok {
		return UserFile{}, store.ErrNotFound
	}
	f := UserFile{Record: r}
	if f.Strikes, err = s.store.Strikes(ctx, id, 50); err != nil {
		return f, err
	}
	if f.Notes, err = s.store.UserNotes(ctx, id); err != nil {
		return f, err
	}
	if f.Audit, err = s.store.AuditLog(ctx, store.AuditFilter{SubjectID: id, Limit: 50}); err != nil {
		return f, err
	}
	if r.User.BlockCount > 0 {
		if a, err := s.store.UserAppeal(ctx, id, r.User.BlockCount); err == nil {
			f.Appeal = &a
		}
	}
	return f, nil
}

// Appeals lists appeals by status ("open", "restored", "upheld", or all).
func (s *Service) Appeals(ctx context.Context, status string, limit int) ([]store.Appeal, error) {
	return s.store.Appeals(ctx, status, limit)
}

// Audit searches the audit log.
func (s *Service) Audit(ctx context.Context, f store.AuditFilter) ([]store.AuditEntry, error) {
	return s.store.AuditLog(ctx, f)
}

// Notifications lists a reader's notifications, newest first, and marks
// them read.
func (s *Service) Notifications(ctx context.Context, u store.User) ([]store.Notification, error) {
	ns, err := s.store.Notifications(ctx, u.ID, 100)
	if err != nil {
		return nil, err
	}
	if err := s.store.MarkNotificationsRead(ctx, u.ID, s.now()); err != nil {
		return nil, err
	}
	return ns, nil
}

// Unread counts a reader's unread notifications.
func (s *Service) Unread(ctx context.Context, u store.User) (int, error) {
	return s.store.UnreadNotifications(ctx, u.ID)
}
