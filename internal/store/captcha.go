package store

import (
	"context"
	"fmt"
	"time"
)

// Spend records that the captcha challenge id has been used, until it
// expires. It reports true only to the first caller for an id, on any node,
// which is what makes each stateless challenge single-use.
func (s *Store) Spend(ctx context.Context, id string, expires time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, `INSERT INTO captcha_used (nonce, expires_at) VALUES ($1, $2)
		ON CONFLICT (nonce) DO NOTHING`, id, millis(expires))
	if err != nil {
		return false, fmt.Errorf("spend captcha %q: %w", id, mapErr(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("spend captcha %q: %w", id, err)
	}
	return n == 1, nil
}

// PruneCaptcha deletes the used challenges that expired at or before now:
// an expired challenge is refused for its age, so its id need not be kept.
// It returns how many rows went.
func (s *Store) PruneCaptcha(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM captcha_used WHERE expires_at <= $1`, millis(now))
	if err != nil {
		return 0, fmt.Errorf("prune captcha: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("prune captcha: %w", err)
	}
	return n, nil
}
