package cli

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"

	"tribune/internal/store"
)

// Version is set at build time with -ldflags "-X tribune/internal/cli.Version=v1.2.3".
var Version = "dev"

func versionString() string {
	rev := ""
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				rev = " (" + s.Value[:12] + ")"
			}
		}
	}
	return fmt.Sprintf("tribune %s%s, schema %d, %s", Version, rev, store.SchemaVersion(), runtime.Version())
}

func runVersion(ctx context.Context, sio IO, args []string) error {
	fs, finish := newFlags(sio, "version", "version")
	if _, err := parse(fs, finish, args); err != nil {
		return err
	}
	fmt.Fprintln(sio.Stdout, versionString())
	return nil
}
