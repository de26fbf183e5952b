package cli

import (
	"context"
	"fmt"
)

func runMigrate(ctx context.Context, sio IO, args []string) error {
	fs, finish := newFlags(sio, "migrate", "migrate [--database URL | --data-dir DIR]")
	cfg, err := parse(fs, finish, args)
	if err != nil {
		return err
	}
	log := newLogger(cfg, sio.Stderr)
	st, err := openStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	v, err := st.Version(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(sio.Stdout, "database (%s) is at schema version %d\n", st.Dialect(), v)
	return nil
}
