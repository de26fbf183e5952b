package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"tribune/internal/news"
)

// ArticleInput is what an import or an editor supplies for one article. The
// store creates the section path, author and tags it names when missing.
type ArticleInput struct {
	Slug     string
	Headline string
	Summary  string
	Body     string
	Language string
	TopStory bool
	// SectionPath names the section from the top, e.g. ["World", "Middle East"].
	SectionPath []string
	AuthorName  string
	Tags        []string
	LeadImageID string
	LeadCaption string
	LeadCredit  string
	// Related lists explicit related picks by slug, in order.
	Related     []string
	PublishedAt time.Time
	UpdatedAt   time.Time
}

// Validate reports the first problem that keeps the input from being saved.
func (in *ArticleInput) Validate() error {
	switch {
	case !news.ValidSlug(in.Slug):
		return fmt.Errorf("slug %q must be lower-case letters, digits and dashes", in.Slug)
	case strings.TrimSpace(in.Headline) == "":
		return errors.New("headline is required")
	case len(in.SectionPath) == 0 || strings.TrimSpace(in.SectionPath[0]) == "":
		return errors.New("section is required")
	case len(in.SectionPath) > 2:
		return errors.New("a section path has at most two levels, e.g. World > Middle East")
	case in.PublishedAt.IsZero():
		return errors.New("published time is required")
	}
	for _, r := range in.Related {
		if r == in.Slug {
			return errors.New("an article cannot be related to itself")
		}
	}
	return nil
}

// SaveArticle creates the article with in.Slug, or updates it when the slug
// exists; created tells which. Short codes are made once and never change.
func (s *Store) SaveArticle(ctx context.Context, in ArticleInput) (id string, created bool, err error) {
	if err := in.Validate(); err != nil {
		return "", false, err
	}
	if in.Language == "" {
		in.Language = "en"
	}
	if in.UpdatedAt.Before(in.PublishedAt) {
		in.UpdatedAt = in.PublishedAt
	}
	now := time.Now().UTC()
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		sectionID, err := ensureSectionPath(ctx, tx, in.SectionPath)
		if err != nil {
			return err
		}
		var authorID sql.NullString
		if name := strings.TrimSpace(in.AuthorName); name != "" {
			id, err := ensureNamed(ctx, tx, "authors", name)
			if err != nil {
				return err
			}
			authorID = sql.NullString{String: id, Valid: true}
		}
		lead := sql.NullString{String: in.LeadImageID, Valid: in.LeadImageID != ""}
		err = tx.QueryRowContext(ctx, `SELECT id FROM articles WHERE slug = $1`, in.Slug).Scan(&id)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			created = true
			id = NewID()
			code, err := uniqueShortCode(ctx, tx)
			if err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO articles
				(id, slug, short_code, headline, summary, body, language, top_story, section_id, author_id,
				 lead_image_id, lead_caption, lead_credit, published_at, updated_at, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
				id, in.Slug, code, in.Headline, in.Summary, in.Body, in.Language, boolInt(in.TopStory), sectionID, authorID,
				lead, in.LeadCaption, in.LeadCredit, millis(in.PublishedAt), millis(in.UpdatedAt), millis(now))
			if err != nil {
				return fmt.Errorf("insert article: %w", mapErr(err))
			}
		case err != nil:
			return fmt.Errorf("find article: %w", err)
		default:
			_, err = tx.ExecContext(ctx, `UPDATE articles SET headline = $2, summary = $3, body = $4, language = $5,
				top_story = $6, section_id = $7, author_id = $8, lead_image_id = $9, lead_caption = $10,
				lead_credit = $11, published_at = $12, updated_at = $13 WHERE id = $1`,
				id, in.Headline, in.Summary, in.Body, in.Language, boolInt(in.TopStory), sectionID, authorID,
				lead, in.LeadCaption, in.LeadCredit, millis(in.PublishedAt), millis(in.UpdatedAt))
			if err != nil {
				return fmt.Errorf("update article: %w", mapErr(err))
			}
		}
		if err := replaceTags(ctx, tx, id, in.Tags); err != nil {
			return err
		}
		if err := replaceRelated(ctx, tx, id, in.Related); err != nil {
			return err
		}
		return bumpContentVersion(ctx, tx)
	})
	return id, created, err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// shortCodeAlphabet leaves out look-alikes (0/O, 1/l/I) so codes survive
// being read aloud or retyped.
const shortCodeAlphabet = "23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"

func uniqueShortCode(ctx context.Context, tx *sql.Tx) (string, error) {
	for length := 6; length <= 8; length++ {
		for try := 0; try < 5; try++ {
			code := randomCode(length)
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles WHERE short_code = $1`, code).Scan(&n); err != nil {
				return "", fmt.Errorf("short code: %w", err)
			}
			if n == 0 {
				return code, nil
			}
		}
	}
	return "", errors.New("short code: no free code found")
}

func randomCode(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	for i := range b {
		b[i] = shortCodeAlphabet[int(b[i])%len(shortCodeAlphabet)]
	}
	return string(b)
}

func ensureSectionPath(ctx context.Context, tx *sql.Tx, path []string) (string, error) {
	parent := ""
	for i, name := range path {
		name = strings.TrimSpace(name)
		slug := news.Slugify(name)
		if slug == "" {
			return "", fmt.Errorf("section name %q has no letters or digits", name)
		}
		var id string
		var pid sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT id, parent_id FROM sections WHERE slug = $1`, slug).Scan(&id, &pid)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			id = NewID()
			p := sql.NullString{String: parent, Valid: parent != ""}
			var pos int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM sections`).Scan(&pos); err != nil {
				return "", err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO sections (id, slug, name, parent_id, position) VALUES ($1, $2, $3, $4, $5)`,
				id, slug, name, p, pos); err != nil {
				return "", fmt.Errorf("create section %q: %w", name, mapErr(err))
			}
		case err != nil:
			return "", fmt.Errorf("find section: %w", err)
		case pid.String != parent:
			if i == 0 {
				return "", fmt.Errorf("section %q exists below another section; name its parent too", name)
			}
			return "", fmt.Errorf("section %q already exists under another parent", name)
		}
		parent = id
	}
	return parent, nil
}

// ensureNamed finds or creates a row of an id/slug/name table (authors, tags).
func ensureNamed(ctx context.Context, tx *sql.Tx, table, name string) (string, error) {
	slug := news.Slugify(name)
	if slug == "" {
		return "", fmt.Errorf("%s name %q has no letters or digits", strings.TrimSuffix(table, "s"), name)
	}
	var id string
	err := tx.QueryRowContext(ctx, `SELECT id FROM `+table+` WHERE slug = $1`, slug).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		id = NewID()
		_, err = tx.ExecContext(ctx, `INSERT INTO `+table+` (id, slug, name) VALUES ($1, $2, $3)`, id, slug, strings.TrimSpace(name))
	}
	if err != nil {
		return "", fmt.Errorf("%s %q: %w", table, name, mapErr(err))
	}
	return id, nil
}

func replaceTags(ctx context.Context, tx *sql.Tx, articleID string, tags []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM article_tags WHERE article_id = $1`, articleID); err != nil {
		return fmt.Errorf("clear tags: %w", err)
	}
	seen := map[string]bool{}
	for i, name := range tags {
		if strings.TrimSpace(name) == "" || seen[news.Slugify(name)] {
			continue
		}
		seen[news.Slugify(name)] = true
		tagID, err := ensureNamed(ctx, tx, "tags", name)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_tags (article_id, tag_id, position) VALUES ($1, $2, $3)`, articleID, tagID, i); err != nil {
			return fmt.Errorf("tag article: %w", mapErr(err))
		}
	}
	return nil
}

func replaceRelated(ctx context.Context, tx *sql.Tx, articleID string, slugs []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM article_related WHERE article_id = $1`, articleID); err != nil {
		return fmt.Errorf("clear related: %w", err)
	}
	seen := map[string]bool{}
	for i, slug := range slugs {
		if slug == "" || seen[slug] {
			continue
		}
		seen[slug] = true
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_related (article_id, related_slug, position) VALUES ($1, $2, $3)`, articleID, slug, i); err != nil {
			return fmt.Errorf("relate article: %w", mapErr(err))
		}
	}
	return nil
}

// articleColumns is the select list scanArticle reads, joined with section,
// parent section, author and lead image.
const articleColumns = `a.id, a.slug, a.short_code, a.headline, a.summary, a.body, a.language, a.top_story,
	a.published_at, a.updated_at, a.views, a.comment_count, a.lead_caption, a.lead_credit,
	COALESCE(i.id, ''), COALESCE(i.content_type, ''), COALESCE(i.width, 0), COALESCE(i.height, 0),
	s.id, s.slug, s.name, COALESCE(p.id, ''), COALESCE(p.slug, ''), COALESCE(p.name, ''),
	COALESCE(au.id, ''), COALESCE(au.slug, ''), COALESCE(au.name, ''), COALESCE(au.bio, '')`

const articleJoins = ` FROM articles a
	JOIN sections s ON s.id = a.section_id
	LEFT JOIN sections p ON p.id = s.parent_id
	LEFT JOIN authors au ON au.id = a.author_id
	LEFT JOIN images i ON i.id = a.lead_image_id`

type scanner interface{ Scan(dest ...any) error }

func scanArticle(row scanner) (news.Article, error) {
	var (
		a        news.Article
		top      int
		pub, upd int64
		parent   news.Section
	)
	err := row.Scan(&a.ID, &a.Slug, &a.ShortCode, &a.Headline, &a.Summary, &a.Body, &a.Language, &top,
		&pub, &upd, &a.Views, &a.CommentCount, &a.Lead.Caption, &a.Lead.Credit,
		&a.Lead.ImageID, &a.Lead.ContentType, &a.Lead.Width, &a.Lead.Height,
		&a.Section.ID, &a.Section.Slug, &a.Section.Name, &parent.ID, &parent.Slug, &parent.Name,
		&a.Author.ID, &a.Author.Slug, &a.Author.Name, &a.Author.Bio)
	if err != nil {
		return a, mapErr(err)
	}
	a.TopStory = top != 0
	a.PublishedAt, a.UpdatedAt = fromMillis(pub), fromMillis(upd)
	if parent.ID != "" {
		a.Section.ParentID = parent.ID
		a.Section.Parent = &parent
	}
	return a, nil
}

// ArticleBySlug loads one article with its tags and explicit related slugs,
// published or not; callers decide what readers may see.
func (s *Store) ArticleBySlug(ctx context.Context, slug string) (news.Article, error) {
	a, err := scanArticle(s.db.QueryRowContext(ctx, `SELECT `+articleColumns+articleJoins+` WHERE a.slug = $1`, slug))
	if err != nil {
		return a, fmt.Errorf("article %q: %w", slug, err)
	}
	return a, s.loadDetails(ctx, &a)
}

// ArticleByID loads one article by id (without tags and picks).
func (s *Store) ArticleByID(ctx context.Context, id string) (news.Article, error) {
	a, err := scanArticle(s.db.QueryRowContext(ctx, `SELECT `+articleColumns+articleJoins+` WHERE a.id = $1`, id))
	if err != nil {
		return a, fmt.Errorf("article %q: %w", id, err)
	}
	return a, nil
}

// ArticleByShortCode finds the article a short link points to.
func (s *Store) ArticleByShortCode(ctx context.Context, code string) (news.Article, error) {
	a, err := scanArticle(s.db.QueryRowContext(ctx, `SELECT `+articleColumns+articleJoins+` WHERE a.short_code = $1`, code))
	if err != nil {
		return a, fmt.Errorf("short code %q: %w", code, err)
	}
	return a, nil
}

func (s *Store) loadDetails(ctx context.Context, a *news.Article) error {
	tags, err := s.tagsOf(ctx, []string{a.ID})
	if err != nil {
		return err
	}
	a.Tags = tags[a.ID]
	rows, err := s.db.QueryContext(ctx, `SELECT related_slug FROM article_related WHERE article_id = $1 ORDER BY position`, a.ID)
	if err != nil {
		return fmt.Errorf("related of %q: %w", a.Slug, err)
	}
	defer rows.Close()
	a.RelatedSlugs = nil
	for rows.Next() {
		var slug string
		if err := rows.Scan(&slug); err != nil {
			return err
		}
		a.RelatedSlugs = append(a.RelatedSlugs, slug)
	}
	return rows.Err()
}

// tagsOf loads the tags of several articles at once, in their given order.
func (s *Store) tagsOf(ctx context.Context, ids []string) (map[string][]news.Tag, error) {
	out := map[string][]news.Tag{}
	if len(ids) == 0 {
		return out, nil
	}
	ph, args := placeholders(1, ids)
	rows, err := s.db.QueryContext(ctx, `SELECT at.article_id, t.id, t.slug, t.name FROM article_tags at
		JOIN tags t ON t.id = at.tag_id WHERE at.article_id IN (`+ph+`) ORDER BY at.article_id, at.position`, args...)
	if err != nil {
		return nil, fmt.Errorf("tags: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var aid string
		var t news.Tag
		if err := rows.Scan(&aid, &t.ID, &t.Slug, &t.Name); err != nil {
			return nil, err
		}
		out[aid] = append(out[aid], t)
	}
	return out, rows.Err()
}

// placeholders returns "$n, $n+1, ..." for the values and the values as args.
func placeholders(start int, values []string) (string, []any) {
	var b strings.Builder
	args := make([]any, len(values))
	for i, v := range values {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "$%d", start+i)
		args[i] = v
	}
	return b.String(), args
}
