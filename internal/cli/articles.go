package cli

import (
	"context"
	"errors"
)

// runArticles is replaced by the importer work; see internal/importer.
func runArticles(ctx context.Context, sio IO, args []string) error {
	return errors.New("not built yet")
}
