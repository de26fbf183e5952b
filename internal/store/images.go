package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"tribune/internal/news"
)

// SaveImage stores picture bytes once: saving the same bytes again returns
// the existing image. Images live in the database so that every node of a
// scaled-out site serves the same files.
func (s *Store) SaveImage(ctx context.Context, data []byte, contentType string, width, height int) (news.Image, error) {
	sum := sha256.Sum256(data)
	img := news.Image{SHA256: hex.EncodeToString(sum[:]), ContentType: contentType, Width: width, Height: height, Data: data}
	err := s.db.QueryRowContext(ctx, `SELECT id, created_at FROM images WHERE sha256 = $1`, img.SHA256).Scan(&img.ID, new(int64))
	if err == nil {
		return img, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return img, fmt.Errorf("find image: %w", err)
	}
	img.ID = NewID()
	img.CreatedAt = time.Now().UTC()
	_, err = s.db.ExecContext(ctx, `INSERT INTO images (id, sha256, content_type, width, height, data, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (sha256) DO NOTHING`,
		img.ID, img.SHA256, contentType, width, height, data, millis(img.CreatedAt))
	if err != nil {
		return img, fmt.Errorf("save image: %w", mapErr(err))
	}
	// A concurrent save of the same bytes may have won the insert.
	if err := s.db.QueryRowContext(ctx, `SELECT id FROM images WHERE sha256 = $1`, img.SHA256).Scan(&img.ID); err != nil {
		return img, fmt.Errorf("save image: %w", mapErr(err))
	}
	return img, nil
}

// ImageByID loads an image with its bytes.
func (s *Store) ImageByID(ctx context.Context, id string) (news.Image, error) {
	var img news.Image
	var created int64
	err := s.db.QueryRowContext(ctx, `SELECT id, sha256, content_type, width, height, data, created_at FROM images WHERE id = $1`, id).
		Scan(&img.ID, &img.SHA256, &img.ContentType, &img.Width, &img.Height, &img.Data, &created)
	if err != nil {
		return img, fmt.Errorf("image %q: %w", id, mapErr(err))
	}
	img.CreatedAt = fromMillis(created)
	return img, nil
}
