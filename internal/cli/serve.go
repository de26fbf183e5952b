package cli

import (
	"context"
	"errors"
)

func runServe(ctx context.Context, sio IO, args []string) error {
	return errors.New("not built yet")
}
