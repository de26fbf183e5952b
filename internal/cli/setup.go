package cli

import (
	"context"
	"fmt"
	"time"

	"tribune/internal/config"
	"tribune/internal/secret"
	"tribune/internal/store"
)

// setupTTL is how long a printed first-admin link stays valid.
const setupTTL = 24 * time.Hour

// announceSetup prints a one-time link that creates the first admin account,
// as long as the site has none.
func announceSetup(ctx context.Context, cfg *config.Config, st *store.Store, sio IO) error {
	n, err := st.CountUsers(ctx, store.RoleAdmin)
	if err != nil || n > 0 {
		return err
	}
	token, hash := secret.New()
	if err := st.AddSetupToken(ctx, hash, time.Now().Add(setupTTL)); err != nil {
		return err
	}
	fmt.Fprintf(sio.Stdout, "\nNo admin account yet. Create the first one (link valid for 24 hours, usable once):\n\n    %s/setup/%s\n\n", cfg.BaseURL, token)
	return nil
}
