// Package comments holds reader comments and replies: posting through the
// moderation step with durable, batched writes, editing with versions,
// deletion that keeps a thread's shape, reports, listings, and the live
// hub that streams newly published comments to readers on every node.
package comments

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"tribune/internal/moderation"
	"tribune/internal/news"
	"tribune/internal/store"
)

// Store is the persistence comments need.
type Store interface {
	InsertComments(ctx context.Context, cs []store.Comment) ([]store.Comment, error)
	CommentByID(ctx context.Context, id string) (store.Comment, error)
	Comments(ctx context.Context, p store.CommentPage) ([]store.Comment, error)
	CountComments(ctx context.Context, articleID string, topLevel bool) (int, error)
	Replies(ctx context.Context, rootIDs []string, viewer string, limit int) ([]store.Comment, error)
	EditComment(ctx context.Context, e store.CommentEdit) (store.Comment, error)
	DeleteComment(ctx context.Context, id string) error
	ReportComment(ctx context.Context, commentID, reporterID, rule, note string, at time.Time, threshold int) (int, error)
	CommentVersions(ctx context.Context, commentID string) ([]store.CommentVersion, error)
	CommentEventsAfter(ctx context.Context, articleID string, after int64, limit int) ([]store.CommentEvent, error)
	CommentsByIDs(ctx context.Context, ids []string) ([]store.Comment, error)
	LastCommentSeq(ctx context.Context) (int64, error)
	UserComments(ctx context.Context, userID string, limit int) ([]store.Comment, []string, error)
	MarkComment(ctx context.Context, id, reasons string, hold bool) (store.Comment, bool, error)
}

// Moderator is the moderation step every new or edited comment passes.
// A *moderation.LimitError means "too fast": nothing is stored.
type Moderator interface {
	Moderate(ctx context.Context, s moderation.Submission) (moderation.Decision, error)
}

// Config holds the comment rules an operator may tune.
type Config struct {
	// EditWindow is how long authors may edit their own comments.
	EditWindow time.Duration
	// ReportThreshold is how many readers' reports send a comment to the
	// moderators.
	ReportThreshold int
	// Links renders URLs in comments as links.
	Links bool
	// Writers is how many batches may commit at once (1 for SQLite).
	Writers int
	Now     func() time.Time
}

// Service applies the comment rules.
type Service struct {
	cfg    Config
	store  Store
	mod    Moderator
	log    *slog.Logger
	writer *writer
	Hub    *Hub
	// versions counts local changes per article (*atomic.Int64), so page
	// caches on this node see a change at once.
	versions sync.Map
	rec      Recorder
}

// Recorder records the machine's decisions on new comments: Prepare
// attaches what to store with the comment (audit entry, statement of
// reasons, strike), Written follows up once it is stored (email,
// webhooks, the aftermath of a block). The moderators' workspace.
type Recorder interface {
	Prepare(c *store.Comment, d moderation.Decision)
	Written(ctx context.Context, c store.Comment, author store.User)
	// Marked follows a rule found after publication (MarkLater).
	Marked(ctx context.Context, c store.Comment, reason moderation.Reason)
}

// SetRecorder sets the recorder of machine decisions; call before Run.
func (s *Service) SetRecorder(r Recorder) { s.rec = r }

// Changed tells this node's page caches that an article's comments
// changed (a moderator's decision made elsewhere).
func (s *Service) Changed(articleID string) { s.changed(articleID) }

// Version is a number that changes whenever a comment of the article is
// posted, edited or deleted on this node, or one published on another
// node reaches this node's hub.
func (s *Service) Version(articleID string) int64 {
	local := int64(0)
	if v, ok := s.versions.Load(articleID); ok {
		local = v.(*atomic.Int64).Load()
	}
	return local + s.Hub.Last()<<20
}

func (s *Service) changed(articleID string) {
	v, _ := s.versions.LoadOrStore(articleID, new(atomic.Int64))
	v.(*atomic.Int64).Add(1)
}

// New builds the service; Run starts its writer and live hub.
func New(cfg Config, st Store, mod Moderator, log *slog.Logger) *Service {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.EditWindow == 0 {
		cfg.EditWindow = 15 * time.Minute
	}
	if cfg.ReportThreshold == 0 {
		cfg.ReportThreshold = 1
	}
	if cfg.Writers <= 0 {
		cfg.Writers = 1
	}
	s := &Service{cfg: cfg, store: st, mod: mod, log: log}
	s.writer = newWriter(st, cfg.Writers)
	s.Hub = newHub(st, log, cfg.Links)
	return s
}

// Run runs the batch writer and the live hub until ctx ends.
func (s *Service) Run(ctx context.Context) {
	done := make(chan struct{})
	go func() { s.Hub.Run(ctx); close(done) }()
	s.writer.run(ctx)
	<-done
}

// BlockedError refuses a blocked reader, saying why and what they can do.
type BlockedError struct {
	Reason    string
	Permanent bool
}

func (e *BlockedError) Error() string {
	msg := "Your account is blocked: you can read the site but not comment or report comments."
	if e.Reason != "" {
		msg += " Reason: " + e.Reason
	}
	if e.Permanent {
		return msg + " This block is permanent and cannot be appealed."
	}
	return msg + " You may appeal the block once from your account page (/account/appeal)."
}

func blockedError(u store.User) error {
	return &BlockedError{Reason: u.BlockReason, Permanent: u.BlockPermanent}
}

// Errors readers see; their text is the message.
var (
	ErrNotVerified     = errors.New("Please confirm your email address before commenting: use the link we sent you, or ask for a new one on your account page.")
	ErrNoParent        = errors.New("The comment you are replying to is no longer available.")
	ErrNotYours        = errors.New("You can only change your own comments.")
	ErrTooLate         = errors.New("Comments can be edited for 15 minutes after posting; this one can no longer be changed.")
	ErrEditedMeanwhile = errors.New("This comment was changed by someone else meanwhile; reload and try again.")
	ErrAlreadyReported = errors.New("You have already reported this comment.")
	ErrUnknownRule     = errors.New("Choose the rule of the Community Standards that the comment breaks.")
	ErrDeleted         = errors.New("This comment was deleted.")
)

// maxDepth is the deepest nesting shown; deeper replies are shown at this
// level with "replying to NAME".
const maxDepth = 3

// Post moderates and durably stores a new comment or reply. The returned
// decision says whether it was published, held or rejected, and why.
func (s *Service) Post(ctx context.Context, author store.User, article news.Article, parentID, text string) (store.Comment, moderation.Decision, error) {
	if !author.Verified() {
		return store.Comment{}, moderation.Decision{}, ErrNotVerified
	}
	if author.Blocked() {
		return store.Comment{}, moderation.Decision{}, blockedError(author)
	}
	clean, err := CleanText(text)
	if err != nil {
		return store.Comment{}, moderation.Decision{}, err
	}
	// Stored times keep milliseconds; answer with what will be stored.
	now := s.cfg.Now().UTC().Truncate(time.Millisecond)
	c := store.Comment{ID: store.NewID(), ArticleID: article.ID, AuthorID: author.ID, AuthorName: author.Name, Body: clean, CreatedAt: now}
	c.RootID = c.ID
	parentText := ""
	if parentID != "" {
		p, err := s.store.CommentByID(ctx, parentID)
		if err != nil || p.ArticleID != article.ID || p.Status != store.CommentPublished {
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				return c, moderation.Decision{}, err
			}
			return c, moderation.Decision{}, ErrNoParent
		}
		c.ParentID, c.RootID, c.Depth = p.ID, p.RootID, min(p.Depth+1, maxDepth)
		c.ParentAuthorID, c.ParentAuthorName = p.AuthorID, p.AuthorName
		parentText = p.Body
	}
	d, err := s.mod.Moderate(ctx, moderation.Submission{ID: c.ID, AuthorID: author.ID, ArticleID: article.ID, ParentID: parentID,
		Text: clean, ArticleText: article.Headline + "\n" + article.Summary + "\n" + article.Body, ParentText: parentText,
		IsModerator: isModerator(author), At: now})
	if err != nil {
		return c, d, err
	}
	c.Status, c.Reasons = status(d.Action), d.ReasonsJSON()
	c.NeedsReview = d.Action == moderation.Flag
	c.Scores, c.PolicyVersion = d.ScoresJSON(), d.PolicyVersion
	if s.rec != nil {
		s.rec.Prepare(&c, d)
	}
	saved, err := s.writer.write(ctx, c)
	if err != nil {
		return c, d, err
	}
	if s.rec != nil && saved.Machine != nil {
		s.rec.Written(ctx, saved, author)
	}
	s.changed(article.ID)
	if saved.Status == store.CommentPublished {
		s.Hub.Kick()
	}
	return saved, d, nil
}

func status(a moderation.Action) string {
	switch a {
	case moderation.Hold:
		return store.CommentHeld
	case moderation.Reject:
		return store.CommentRejected
	}
	return store.CommentPublished
}

func isModerator(u store.User) bool {
	return u.Role == store.RoleModerator || u.Role == store.RoleAdmin
}

// CanEdit reports whether u may edit c now: moderators always, authors
// within the edit window.
func (s *Service) CanEdit(u store.User, c store.Comment) bool {
	if c.Status == store.CommentDeleted {
		return false
	}
	if isModerator(u) {
		return true
	}
	return u.ID == c.AuthorID && s.cfg.Now().Sub(c.CreatedAt) < s.cfg.EditWindow
}

// Edit saves a new version of a comment. Authors edit within the window;
// moderators edit any comment and must give a reason. The new text goes
// through the moderation step again.
func (s *Service) Edit(ctx context.Context, editor store.User, id, text, reason string, version int) (store.Comment, moderation.Decision, error) {
	c, err := s.store.CommentByID(ctx, id)
	if err != nil {
		return c, moderation.Decision{}, err
	}
	if c.Status == store.CommentDeleted {
		return c, moderation.Decision{}, ErrDeleted
	}
	byMod := editor.ID != c.AuthorID
	switch {
	case byMod && !isModerator(editor):
		return c, moderation.Decision{}, ErrNotYours
	case !byMod && editor.Blocked():
		return c, moderation.Decision{}, blockedError(editor)
	case !byMod && !s.CanEdit(editor, c):
		return c, moderation.Decision{}, ErrTooLate
	case byMod && len(reason) < 3:
		return c, moderation.Decision{}, &TextError{Message: "Moderators must say why they edit a comment."}
	}
	clean, err := CleanText(text)
	if err != nil {
		return c, moderation.Decision{}, err
	}
	if version == 0 {
		version = c.Version
	}
	now := s.cfg.Now().UTC().Truncate(time.Millisecond)
	d, err := s.mod.Moderate(ctx, moderation.Submission{ID: c.ID, AuthorID: c.AuthorID, ArticleID: c.ArticleID, ParentID: c.ParentID,
		Text: clean, IsEdit: true, IsModerator: byMod, At: now})
	if err != nil {
		return c, d, err
	}
	st := status(d.Action)
	if byMod && st != store.CommentPublished {
		// A moderator's own wording is not second-guessed by the machine.
		st, d = c.Status, moderation.Decision{Action: moderation.Publish}
	}
	edited, err := s.store.EditComment(ctx, store.CommentEdit{ID: id, Body: clean, Status: st, Reasons: d.ReasonsJSON(),
		EditorID: editor.ID, Reason: reason, ByModerator: byMod, At: now, Version: version,
		Scores: d.ScoresJSON(), PolicyVersion: d.PolicyVersion})
	if errors.Is(err, store.ErrConflict) {
		return c, d, ErrEditedMeanwhile
	}
	if err == nil {
		s.changed(c.ArticleID)
		if edited.Status == store.CommentPublished && c.Seq == 0 {
			s.Hub.Kick()
		}
	}
	return edited, d, err
}

// MarkLater applies a rule found after comments were judged (the first
// comments of an organised action, recognised once enough accounts had
// joined): each named comment gets the reason added and, with hold, is
// taken down to wait for a moderator, or else marked for review. It
// returns the ids not found (perhaps still being written) to try again.
func (s *Service) MarkLater(ctx context.Context, ids []string, reason moderation.Reason, hold bool) ([]string, error) {
	cs, err := s.store.CommentsByIDs(ctx, ids)
	if err != nil {
		return ids, err
	}
	found := map[string]bool{}
	for _, c := range cs {
		found[c.ID] = true
		rs := moderation.ParseReasons(c.Reasons)
		if slices.ContainsFunc(rs, func(r moderation.Reason) bool { return r.Rule == reason.Rule }) {
			continue
		}
		rs = append(rs, reason)
		d := moderation.Decision{Reasons: rs}
		marked, changed, err := s.store.MarkComment(ctx, c.ID, d.ReasonsJSON(), hold)
		if err != nil {
			return nil, err
		}
		if changed {
			s.changed(c.ArticleID)
			if s.rec != nil {
				s.rec.Marked(ctx, marked, reason)
			}
		}
	}
	var missing []string
	for _, id := range ids {
		if !found[id] {
			missing = append(missing, id)
		}
	}
	return missing, nil
}

// Delete removes a comment (its author or a moderator); replies stay.
func (s *Service) Delete(ctx context.Context, u store.User, id string) error {
	c, err := s.store.CommentByID(ctx, id)
	if err != nil {
		return err
	}
	if u.ID != c.AuthorID && !isModerator(u) {
		return ErrNotYours
	}
	if err := s.store.DeleteComment(ctx, id); err != nil {
		return err
	}
	s.changed(c.ArticleID)
	return nil
}

// Report records a reader's report under a rule; enough reports send the
// comment to the moderators.
func (s *Service) Report(ctx context.Context, u store.User, id, rule, note string) error {
	if !u.Verified() {
		return ErrNotVerified
	}
	if u.Blocked() {
		return blockedError(u)
	}
	if !KnownRule(rule) {
		return ErrUnknownRule
	}
	if len(note) > 1000 {
		note = note[:1000]
	}
	c, err := s.store.CommentByID(ctx, id)
	if err != nil {
		return err
	}
	if c.Status == store.CommentDeleted {
		return ErrDeleted
	}
	_, err = s.store.ReportComment(ctx, id, u.ID, rule, note, s.cfg.Now().UTC(), s.cfg.ReportThreshold)
	if errors.Is(err, store.ErrConflict) {
		return ErrAlreadyReported
	}
	return err
}

// Versions lists a comment's versions (for moderators).
func (s *Service) Versions(ctx context.Context, id string) ([]store.CommentVersion, error) {
	return s.store.CommentVersions(ctx, id)
}

// Rules are the Community Standards rule ids readers can report under.
var rules = []string{"off-topic", "hate", "minors", "extremism", "insult", "publisher-insult", "personal-data", "violence",
	"suicide", "advertising", "promotion", "profanity", "spam", "drugs", "malware", "flash-mob", "flood", "trolling",
	"shouting", "run-on", "language"}

// Rules lists the rule ids in the Community Standards' order.
func Rules() []string { return append([]string(nil), rules...) }

// KnownRule reports whether id is a rule of the Community Standards.
func KnownRule(id string) bool {
	for _, r := range rules {
		if r == id {
			return true
		}
	}
	return false
}
