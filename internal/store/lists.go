package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"tribune/internal/news"
)

// ArticleFilter selects published articles for a listing. Zero fields do not
// filter. Only articles published at or before Now are listed, so scheduled
// articles appear on their own when their time comes.
type ArticleFilter struct {
	Now time.Time
	// SectionID lists the section and its child sections.
	SectionID string
	TagID     string
	AuthorID  string
	TopOnly   bool
	Since     time.Time
	Limit     int
	Offset    int
}

// Articles lists published articles, newest first, with their tags.
func (s *Store) Articles(ctx context.Context, f ArticleFilter) ([]news.Article, error) {
	where, args := f.where()
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 20
	}
	args = append(args, limit, max(f.Offset, 0))
	q := `SELECT ` + articleColumns + articleJoins + where +
		fmt.Sprintf(` ORDER BY a.published_at DESC, a.id DESC LIMIT $%d OFFSET $%d`, len(args)-1, len(args))
	return s.queryArticles(ctx, q, args...)
}

// CountArticles counts what Articles would list without limit and offset.
func (s *Store) CountArticles(ctx context.Context, f ArticleFilter) (int, error) {
	where, args := f.where()
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles a JOIN sections s ON s.id = a.section_id`+where, args...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	return n, nil
}

func (f ArticleFilter) where() (string, []any) {
	now := f.Now
	if now.IsZero() {
		now = time.Now()
	}
	conds := []string{"a.published_at <= $1"}
	args := []any{millis(now)}
	add := func(cond string, v any) {
		args = append(args, v)
		conds = append(conds, strings.ReplaceAll(cond, "?", fmt.Sprintf("$%d", len(args))))
	}
	if f.SectionID != "" {
		add("(a.section_id = ? OR s.parent_id = ?)", f.SectionID) // both markers name one argument
	}
	if f.TagID != "" {
		add("a.id IN (SELECT article_id FROM article_tags WHERE tag_id = ?)", f.TagID)
	}
	if f.AuthorID != "" {
		add("a.author_id = ?", f.AuthorID)
	}
	if f.TopOnly {
		conds = append(conds, "a.top_story = 1")
	}
	if !f.Since.IsZero() {
		add("a.published_at >= ?", millis(f.Since))
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

func (s *Store) queryArticles(ctx context.Context, q string, args ...any) ([]news.Article, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	defer rows.Close()
	var out []news.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	ids := make([]string, len(out))
	for i := range out {
		ids[i] = out[i].ID
	}
	tags, err := s.tagsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Tags = tags[out[i].ID]
	}
	return out, nil
}

// ArticlesBySlugs loads published articles by slug, in the order given,
// skipping slugs that name nothing published (teasers and related picks
// must never point readers at a missing or unpublished page).
func (s *Store) ArticlesBySlugs(ctx context.Context, now time.Time, slugs []string) ([]news.Article, error) {
	if len(slugs) == 0 {
		return nil, nil
	}
	ph, args := placeholders(2, slugs)
	found, err := s.queryArticles(ctx, `SELECT `+articleColumns+articleJoins+
		` WHERE a.published_at <= $1 AND a.slug IN (`+ph+`)`, append([]any{millis(now)}, args...)...)
	if err != nil {
		return nil, err
	}
	bySlug := make(map[string]news.Article, len(found))
	for _, a := range found {
		bySlug[a.Slug] = a
	}
	out := make([]news.Article, 0, len(found))
	for _, slug := range slugs {
		if a, ok := bySlug[slug]; ok {
			out = append(out, a)
			delete(bySlug, slug)
		}
	}
	return out, nil
}

// RelatedArticles returns up to limit articles for a's related list: its
// explicit picks first, then published articles sharing a tag or the
// section, most recent first. The article itself is never included.
func (s *Store) RelatedArticles(ctx context.Context, now time.Time, a news.Article, limit int) ([]news.Article, error) {
	picks, err := s.ArticlesBySlugs(ctx, now, a.RelatedSlugs)
	if err != nil {
		return nil, err
	}
	out := make([]news.Article, 0, limit)
	seen := map[string]bool{a.ID: true}
	for _, p := range picks {
		if len(out) < limit && !seen[p.ID] {
			out = append(out, p)
			seen[p.ID] = true
		}
	}
	if len(out) >= limit {
		return out, nil
	}
	auto, err := s.queryArticles(ctx, `SELECT `+articleColumns+articleJoins+`
		WHERE a.published_at <= $1 AND a.id <> $2
		AND (a.section_id = $3 OR a.id IN (SELECT at.article_id FROM article_tags at
			WHERE at.tag_id IN (SELECT tag_id FROM article_tags WHERE article_id = $2)))
		ORDER BY a.published_at DESC, a.id DESC LIMIT $4`, millis(now), a.ID, a.Section.ID, limit+len(seen))
	if err != nil {
		return nil, err
	}
	for _, p := range auto {
		if len(out) < limit && !seen[p.ID] {
			out = append(out, p)
			seen[p.ID] = true
		}
	}
	return out, nil
}

// MostRead lists the published articles with the most views since a time.
func (s *Store) MostRead(ctx context.Context, now, since time.Time, limit int) ([]news.Article, error) {
	return s.queryArticles(ctx, `SELECT `+articleColumns+articleJoins+`
		JOIN (SELECT article_id, SUM(views) AS recent FROM article_views_hourly WHERE hour >= $2 GROUP BY article_id) v
		ON v.article_id = a.id
		WHERE a.published_at <= $1
		ORDER BY v.recent DESC, a.published_at DESC LIMIT $3`, millis(now), millis(since.Truncate(time.Hour)), limit)
}

// Sections lists every section, top-level ones in order, each followed by its children.
func (s *Store) Sections(ctx context.Context) ([]news.Section, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, slug, name, COALESCE(parent_id, '') FROM sections ORDER BY position, name`)
	if err != nil {
		return nil, fmt.Errorf("sections: %w", err)
	}
	defer rows.Close()
	var all []news.Section
	for rows.Next() {
		var sec news.Section
		if err := rows.Scan(&sec.ID, &sec.Slug, &sec.Name, &sec.ParentID); err != nil {
			return nil, err
		}
		all = append(all, sec)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	byID := map[string]*news.Section{}
	for i := range all {
		byID[all[i].ID] = &all[i]
	}
	var out []news.Section
	for _, top := range all {
		if top.ParentID != "" {
			continue
		}
		out = append(out, top)
		for _, child := range all {
			if child.ParentID == top.ID {
				c := child
				c.Parent = byID[top.ID]
				out = append(out, c)
			}
		}
	}
	return out, nil
}

// SectionBySlug finds a section with its parent.
func (s *Store) SectionBySlug(ctx context.Context, slug string) (news.Section, error) {
	var sec news.Section
	var p news.Section
	err := s.db.QueryRowContext(ctx, `SELECT s.id, s.slug, s.name, COALESCE(p.id, ''), COALESCE(p.slug, ''), COALESCE(p.name, '')
		FROM sections s LEFT JOIN sections p ON p.id = s.parent_id WHERE s.slug = $1`, slug).
		Scan(&sec.ID, &sec.Slug, &sec.Name, &p.ID, &p.Slug, &p.Name)
	if err != nil {
		return sec, fmt.Errorf("section %q: %w", slug, mapErr(err))
	}
	if p.ID != "" {
		sec.ParentID = p.ID
		sec.Parent = &p
	}
	return sec, nil
}

// TagBySlug finds a tag.
func (s *Store) TagBySlug(ctx context.Context, slug string) (news.Tag, error) {
	var t news.Tag
	err := s.db.QueryRowContext(ctx, `SELECT id, slug, name FROM tags WHERE slug = $1`, slug).Scan(&t.ID, &t.Slug, &t.Name)
	if err != nil {
		return t, fmt.Errorf("tag %q: %w", slug, mapErr(err))
	}
	return t, nil
}

// AuthorBySlug finds an author.
func (s *Store) AuthorBySlug(ctx context.Context, slug string) (news.Author, error) {
	var a news.Author
	err := s.db.QueryRowContext(ctx, `SELECT id, slug, name, bio FROM authors WHERE slug = $1`, slug).Scan(&a.ID, &a.Slug, &a.Name, &a.Bio)
	if err != nil {
		return a, fmt.Errorf("author %q: %w", slug, mapErr(err))
	}
	return a, nil
}
