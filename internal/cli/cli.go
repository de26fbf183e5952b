// Package cli is Tribune's command line: one file per subcommand, each with
// its own --help, all sharing the settings of package config.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"

	"tribune/internal/config"
	"tribune/internal/store"
)

// IO is what a command may read and write; tests pass buffers.
type IO struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv config.Env
}

// command is one subcommand. Run gets the arguments after its name.
type command struct {
	summary string
	run     func(ctx context.Context, sio IO, args []string) error
}

func commands() map[string]command {
	return map[string]command{
		"serve":      {"run the web server (the default)", runServe},
		"migrate":    {"apply database migrations and exit", runMigrate},
		"version":    {"print the version", runVersion},
		"articles":   {"manage articles: articles import FILE...", runArticles},
		"user":       {"manage accounts: user create|set-role|list", runUser},
		"token":      {"manage API tokens: token create|revoke|list", runToken},
		"moderate":   {"judge comments (JSON Lines on stdin) against the policy", runModerate},
		"moderation": {"moderation models and records: moderation train|eval|transparency|export-labels|export-dsa", runModeration},
	}
}

// errUsage marks an error already explained by a usage message.
var errUsage = errors.New("usage")

// Run executes the command line and returns the process exit code.
func Run(ctx context.Context, args []string, sio IO) int {
	cmds := commands()
	name := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	} else if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
		usage(sio.Stdout, cmds)
		return 0
	}
	if name == "help" {
		usage(sio.Stdout, cmds)
		return 0
	}
	cmd, ok := cmds[name]
	if !ok {
		fmt.Fprintf(sio.Stderr, "tribune: unknown command %q\n\n", name)
		usage(sio.Stderr, cmds)
		return 2
	}
	if err := cmd.run(ctx, sio, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		if errors.Is(err, errUsage) {
			return 2
		}
		fmt.Fprintf(sio.Stderr, "tribune %s: %v\n", name, err)
		return 1
	}
	return 0
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "Tribune: a self-hosted news site with a moderated community.")
	fmt.Fprintln(w, "\nUsage: tribune <command> [flags]\n\nCommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'tribune <command> --help' for the flags of a command.")
	fmt.Fprintln(w, "Every flag can also be set by its TRIBUNE_* environment variable (see docs/configuration.md).")
}

// newFlags makes a subcommand's flag set with the shared settings on it.
func newFlags(sio IO, name, synopsis string) (*flag.FlagSet, func() (*config.Config, error)) {
	fs := flag.NewFlagSet("tribune "+name, flag.ContinueOnError)
	fs.SetOutput(sio.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(sio.Stderr, "Usage: tribune %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs, config.FlagSet(fs, sio.Getenv)
}

// parse parses args and finishes the config, turning problems into errors
// that Run reports.
func parse(fs *flag.FlagSet, finish func() (*config.Config, error), args []string) (*config.Config, error) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, errUsage
	}
	return finish()
}

// openStore connects to the configured database and migrates it.
func openStore(ctx context.Context, cfg *config.Config, log *slog.Logger) (*store.Store, error) {
	st, err := store.Open(ctx, cfg.DSN())
	if err != nil {
		return nil, err
	}
	n, err := st.Migrate(ctx)
	if err != nil {
		st.Close()
		return nil, err
	}
	if n > 0 {
		log.Info("database migrated", "steps", n, "schema_version", store.SchemaVersion(), "dialect", st.Dialect().String())
	}
	return st, nil
}

// newLogger builds the process logger from the config.
func newLogger(cfg *config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.LogLevel)); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// StdIO is the process's own input and output.
func StdIO() IO {
	return IO{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
}
