package accounts

import (
	"context"
	"encoding/json"
	"time"

	"tribune/internal/store"
)

// Export is everything Tribune keeps about a reader, for the "download
// your data" button (GDPR art. 15 and 20).
type Export struct {
	ExportedAt time.Time        `json:"exported_at"`
	Account    exportAccount    `json:"account"`
	Logins     []exportIdentity `json:"social_logins"`
	Sessions   []exportSession  `json:"sessions"`
	APITokens  []exportToken    `json:"api_tokens"`
	Comments   []exportComment  `json:"comments"`
}

type exportComment struct {
	ID        string     `json:"id"`
	Article   string     `json:"article"`
	ParentID  string     `json:"parent_id,omitempty"`
	Text      string     `json:"text"`
	Status    string     `json:"status"`
	CreatedAt time.Time  `json:"created_at"`
	EditedAt  *time.Time `json:"edited_at"`
}

type exportAccount struct {
	ID              string     `json:"id"`
	Email           string     `json:"email"`
	DisplayName     string     `json:"display_name"`
	Role            string     `json:"role"`
	CreatedAt       time.Time  `json:"created_at"`
	EmailVerifiedAt *time.Time `json:"email_verified_at"`
	ConsentAt       *time.Time `json:"privacy_consent_at"`
	ConsentVersion  string     `json:"privacy_policy_version"`
}

type exportIdentity struct {
	Provider  string    `json:"provider"`
	Email     string    `json:"email"`
	CreatedAt time.Time `json:"linked_at"`
}

type exportSession struct {
	CreatedAt  time.Time `json:"signed_in_at"`
	LastSeenAt time.Time `json:"last_seen_at"`
	IP         string    `json:"ip"`
	UserAgent  string    `json:"user_agent"`
}

type exportToken struct {
	Name      string     `json:"name"`
	CreatedAt time.Time  `json:"created_at"`
	RevokedAt *time.Time `json:"revoked_at"`
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// ExportData gathers the reader's data as indented JSON.
func (s *Service) ExportData(ctx context.Context, u store.User) ([]byte, error) {
	e := Export{ExportedAt: s.now(), Account: exportAccount{
		ID: u.ID, Email: u.Email, DisplayName: u.Name, Role: u.Role, CreatedAt: u.CreatedAt,
		EmailVerifiedAt: timePtr(u.EmailVerifiedAt), ConsentAt: timePtr(u.ConsentAt), ConsentVersion: u.ConsentVersion,
	}, Logins: []exportIdentity{}, Sessions: []exportSession{}, APITokens: []exportToken{}, Comments: []exportComment{}}
	ids, err := s.store.UserIdentities(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		e.Logins = append(e.Logins, exportIdentity{Provider: id.Provider, Email: id.Email, CreatedAt: id.CreatedAt})
	}
	sessions, err := s.store.UserSessions(ctx, u.ID, s.now())
	if err != nil {
		return nil, err
	}
	for _, se := range sessions {
		e.Sessions = append(e.Sessions, exportSession{CreatedAt: se.CreatedAt, LastSeenAt: se.LastSeenAt, IP: se.IP, UserAgent: se.UserAgent})
	}
	tokens, err := s.store.APITokens(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	for _, t := range tokens {
		e.APITokens = append(e.APITokens, exportToken{Name: t.Name, CreatedAt: t.CreatedAt, RevokedAt: timePtr(t.RevokedAt)})
	}
	cs, slugs, err := s.store.UserComments(ctx, u.ID, 100000)
	if err != nil {
		return nil, err
	}
	for i, c := range cs {
		e.Comments = append(e.Comments, exportComment{ID: c.ID, Article: s.cfg.BaseURL + "/news/" + slugs[i], ParentID: c.ParentID,
			Text: c.Body, Status: c.Status, CreatedAt: c.CreatedAt, EditedAt: timePtr(c.EditedAt)})
	}
	return json.MarshalIndent(e, "", "  ")
}
