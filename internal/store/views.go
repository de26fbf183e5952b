package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// AddViews adds batched page views, counted at time at, to the articles'
// totals and to the hourly buckets behind "most read". It returns the new
// totals. Unknown article ids are skipped.
func (s *Store) AddViews(ctx context.Context, counts map[string]int64, at time.Time) (map[string]int64, error) {
	totals := make(map[string]int64, len(counts))
	hour := millis(at.UTC().Truncate(time.Hour))
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for id, n := range counts {
			if n <= 0 {
				continue
			}
			var total int64
			err := tx.QueryRowContext(ctx, `UPDATE articles SET views = views + $1 WHERE id = $2 RETURNING views`, n, id).Scan(&total)
			if err == sql.ErrNoRows {
				continue
			}
			if err != nil {
				return fmt.Errorf("add views: %w", err)
			}
			totals[id] = total
			_, err = tx.ExecContext(ctx, `INSERT INTO article_views_hourly (article_id, hour, views) VALUES ($1, $2, $3)
				ON CONFLICT (article_id, hour) DO UPDATE SET views = article_views_hourly.views + excluded.views`, id, hour, n)
			if err != nil {
				return fmt.Errorf("add hourly views: %w", err)
			}
		}
		return nil
	})
	return totals, err
}

// PruneViewBuckets drops hourly view buckets older than a time; totals stay.
func (s *Store) PruneViewBuckets(ctx context.Context, before time.Time) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM article_views_hourly WHERE hour < $1`, millis(before)); err != nil {
		return fmt.Errorf("prune view buckets: %w", err)
	}
	return nil
}
