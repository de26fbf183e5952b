package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"strings"
	"text/tabwriter"

	"tribune/internal/accounts"
	"tribune/internal/config"
	"tribune/internal/store"
)

// adminService opens the store and an accounts service for CLI commands;
// emails they cause go to the jobs queue, which a running server delivers.
func adminService(ctx context.Context, cfg *config.Config, log *slog.Logger) (*accounts.Service, *store.Store, error) {
	st, err := openStore(ctx, cfg, log)
	if err != nil {
		return nil, nil, err
	}
	acc, err := newAccounts(ctx, cfg, st, log)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return acc.service, st, nil
}

// adminCommand runs one subcommand of an operator command (user, token):
// it prints usage when asked, parses the shared flags plus those flags
// adds, opens the accounts service and calls do.
func adminCommand(ctx context.Context, sio IO, name, usage string, args []string,
	flags func(fs *flag.FlagSet), do func(sub string, fs *flag.FlagSet, svc *accounts.Service) error) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(sio.Stderr, usage)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	sub, args := args[0], args[1:]
	fs, finish := newFlags(sio, name+" "+sub, name+" "+sub+" [flags]")
	flags(fs)
	cfg, err := parse(fs, finish, args)
	if err != nil {
		return err
	}
	svc, st, err := adminService(ctx, cfg, newLogger(cfg, sio.Stderr))
	if err != nil {
		return err
	}
	defer st.Close()
	return do(sub, fs, svc)
}

func runUser(ctx context.Context, sio IO, args []string) error {
	var email, name, role *string
	var pwStdin *bool
	return adminCommand(ctx, sio, "user", userUsage, args, func(fs *flag.FlagSet) {
		email = fs.String("email", "", "the account's email")
		name = fs.String("name", "", "display name (create)")
		role = fs.String("role", store.RoleReader, "reader, moderator, editor or admin")
		pwStdin = fs.Bool("password-stdin", false, "read the password from standard input (create); otherwise one is generated and printed once")
	}, func(sub string, fs *flag.FlagSet, svc *accounts.Service) error {
		return userSub(ctx, sio, sub, svc, *email, *name, *role, *pwStdin)
	})
}

func userSub(ctx context.Context, sio IO, sub string, svc *accounts.Service, email, name, role string, pwStdin bool) error {
	switch sub {
	case "create":
		if email == "" || name == "" {
			return errors.New("--email and --name are required")
		}
		pw := ""
		if pwStdin {
			line, err := bufio.NewReader(sio.Stdin).ReadString('\n')
			if err != nil && line == "" {
				return fmt.Errorf("read password from stdin: %w", err)
			}
			pw = strings.TrimRight(line, "\r\n")
		}
		u, generated, err := svc.CreateUser(ctx, email, name, role, pw)
		if err != nil {
			return err
		}
		fmt.Fprintf(sio.Stdout, "created %s %s <%s> id %s\n", u.Role, u.Name, u.Email, u.ID)
		if generated != "" {
			fmt.Fprintf(sio.Stdout, "password (shown once): %s\n", generated)
		}
	case "set-role":
		if email == "" {
			return errors.New("--email is required")
		}
		u, err := svc.SetRole(ctx, email, role)
		if err != nil {
			return err
		}
		fmt.Fprintf(sio.Stdout, "%s <%s> is now %s\n", u.Name, u.Email, u.Role)
	case "list":
		users, err := svc.Users(ctx, 10000, 0)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(sio.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tEMAIL\tNAME\tROLE\tVERIFIED\tSTATE\tCREATED")
		for _, u := range users {
			state := "active"
			if u.Deleted() {
				state = "deleted"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%v\t%s\t%s\n", u.ID, u.Email, u.Name, u.Role, u.Verified(), state, u.CreatedAt.Format("2006-01-02"))
		}
		return tw.Flush()
	default:
		fmt.Fprint(sio.Stderr, userUsage)
		return errUsage
	}
	return nil
}

const userUsage = `Usage:
  tribune user create --email E --name N [--role R] [--password-stdin]
  tribune user set-role --email E --role R
  tribune user list
Roles: reader, moderator, editor, admin. Without --password-stdin a random
password is generated and printed once.
`

func runToken(ctx context.Context, sio IO, args []string) error {
	var email, name *string
	return adminCommand(ctx, sio, "token", tokenUsage, args, func(fs *flag.FlagSet) {
		email = fs.String("email", "", "the account's email (create, list)")
		name = fs.String("name", "cli", "a label for the token (create)")
	}, func(sub string, fs *flag.FlagSet, svc *accounts.Service) error {
		return tokenSub(ctx, sio, sub, fs, svc, *email, *name)
	})
}

func tokenSub(ctx context.Context, sio IO, sub string, fs *flag.FlagSet, svc *accounts.Service, email, name string) error {
	switch sub {
	case "create":
		if email == "" {
			return errors.New("--email is required")
		}
		token, t, err := svc.CreateAPIToken(ctx, email, name)
		if err != nil {
			return err
		}
		fmt.Fprintln(sio.Stdout, token)
		fmt.Fprintf(sio.Stderr, "token %s for %s: shown once, stored hashed; revoke with 'tribune token revoke %s'\n", t.ID, email, t.ID)
	case "revoke":
		if fs.NArg() != 1 {
			return errors.New("give the token's id or the token itself")
		}
		if err := svc.RevokeAPIToken(ctx, fs.Arg(0)); err != nil {
			return err
		}
		fmt.Fprintln(sio.Stdout, "revoked")
	case "list":
		if email == "" {
			return errors.New("--email is required")
		}
		tokens, err := svc.APITokens(ctx, email)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(sio.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tCREATED\tLAST USED\tREVOKED")
		for _, t := range tokens {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", t.ID, t.Name, day(t.CreatedAt), day(t.LastUsedAt), day(t.RevokedAt))
		}
		return tw.Flush()
	default:
		fmt.Fprint(sio.Stderr, tokenUsage)
		return errUsage
	}
	return nil
}

const tokenUsage = `Usage:
  tribune token create --email E [--name LABEL]   prints a bearer token for the JSON API, once
  tribune token revoke ID|TOKEN
  tribune token list --email E
`

func day(t interface {
	IsZero() bool
	Format(string) string
}) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format("2006-01-02 15:04")
}
