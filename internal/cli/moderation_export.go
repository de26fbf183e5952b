package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"tribune/internal/review"
)

// exportSynopsis is each subcommand's --help line.
func exportSynopsis(sub string) string {
	when := "[--since WHEN] [--until WHEN]"
	if sub == "export-dsa" {
		when = "[--format csv|json] " + when
	}
	return "moderation " + sub + " " + when + "\n\nWHEN is an RFC 3339 time, a date (2026-11-01) or a duration before now (720h, 30d);\n" +
		"--until defaults to now, --since to all history for export-labels and to 30 days before --until otherwise."
}

// runModerationExport runs the moderation subcommands that read the
// moderators' workspace: the exports and the transparency figures. Each
// opens the store, builds the workspace with the policy (--policy) and
// writes to standard output.
func runModerationExport(ctx context.Context, sio IO, sub string, args []string) error {
	fs, finish := newFlags(sio, "moderation "+sub, exportSynopsis(sub))
	since := fs.String("since", "", "start of the period: RFC 3339 time, date, or duration before now (720h, 30d)")
	until := fs.String("until", "", "end of the period, excluded (default now)")
	format := "csv"
	if sub == "export-dsa" {
		fs.StringVar(&format, "format", "csv", "csv or json (the bulk API's {\"statements\": [...]} payload)")
	}
	cfg, err := parse(fs, finish, args)
	if err != nil {
		return err
	}
	from, to, err := period(*since, *until, sub == "export-labels", time.Now().UTC())
	if err != nil {
		return err
	}
	if sub == "export-dsa" && format != "csv" && format != "json" {
		return fmt.Errorf("--format %q: want csv or json", format)
	}
	p, err := loadRules(cfg)
	if err != nil {
		return err
	}
	log := newLogger(cfg, sio.Stderr)
	st, err := openStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := review.New(review.Config{SiteName: cfg.SiteName, BaseURL: cfg.BaseURL}, st, p, nil, nil, log)
	switch sub {
	case "export-labels":
		n, err := svc.ExportLabels(ctx, sio.Stdout, from, to)
		if err != nil {
			return err
		}
		fmt.Fprintf(sio.Stderr, "%d labelled comments from %s to %s\n", n, stamp(from), stamp(to))
		return nil
	case "export-dsa":
		return svc.ExportDSA(ctx, sio.Stdout, format, from, to)
	case "transparency":
		rep, err := svc.Transparency(ctx, from, to)
		if err != nil {
			return err
		}
		q, err := svc.Quality(ctx, from, to)
		if err != nil {
			return err
		}
		return printTransparency(sio.Stdout, rep, q)
	}
	return errUsage
}

// period reads --since and --until; an empty --since is the beginning of
// history when all is true, else 30 days before --until.
func period(since, until string, all bool, now time.Time) (time.Time, time.Time, error) {
	to := now
	if until != "" {
		var err error
		if to, err = parseWhen(until, now); err != nil {
			return time.Time{}, time.Time{}, fmt.Errorf("--until: %w", err)
		}
	}
	from := to.Add(-30 * 24 * time.Hour)
	switch {
	case since != "":
		var err error
		if from, err = parseWhen(since, now); err != nil {
			return time.Time{}, time.Time{}, fmt.Errorf("--since: %w", err)
		}
	case all:
		from = time.Unix(0, 0).UTC()
	}
	if !from.Before(to) {
		return time.Time{}, time.Time{}, fmt.Errorf("the period is empty: --since %s is not before --until %s", stamp(from), stamp(to))
	}
	return from, to, nil
}

// parseWhen reads a point in time: RFC 3339, a date (midnight UTC), or a
// duration before now (Go's 720h, or whole days as 30d).
func parseWhen(v string, now time.Time) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, nil
	}
	if days, ok := strings.CutSuffix(v, "d"); ok {
		if n, err := strconv.Atoi(days); err == nil && n >= 0 {
			return now.Add(-time.Duration(n) * 24 * time.Hour), nil
		}
	}
	if d, err := time.ParseDuration(v); err == nil && d >= 0 {
		return now.Add(-d), nil
	}
	return time.Time{}, errors.New("want an RFC 3339 time, a date (2006-01-02) or a duration before now (720h, 30d): " + strconv.Quote(v))
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// printTransparency writes the report and the quality figures as tables.
func printTransparency(w io.Writer, rep review.Report, q []review.RuleQuality) error {
	fmt.Fprintf(w, "Transparency report %s to %s (policy %s)\n\n", stamp(rep.Since), stamp(rep.Until), rep.PolicyVersion)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tMACHINE HELD\tFLAGGED\tREJECTED\tMODERATORS REJECTED\tAPPROVED AFTER REVIEW\t")
	for _, r := range rep.Rules {
		name := r.Rule
		if name == review.ReportsRow {
			name = "(readers' reports)"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t\n", name, r.MachineHeld, r.MachineFlagged, r.MachineRejected, r.ModeratorRejected,
			r.ModeratorApproved)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nDecisions: %d automated, %d by moderators\n", rep.AutomatedDecisions, rep.HumanDecisions)
	fmt.Fprintf(w, "Blocks: %d automated, %d by moderators, %d of them permanent; %d lifted outside appeals\n",
		rep.Blocks.Automated, rep.Blocks.ByModerators, rep.Blocks.Permanent, rep.Blocks.Unblocked)
	fmt.Fprintf(w, "Appeals: %d received, %d restored, %d upheld\n\n", rep.Appeals.Received, rep.Appeals.Restored, rep.Appeals.Upheld)
	fmt.Fprintln(w, "Quality: moderators' review of the machine's holds and flags")
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tREVIEWED\tUPHELD\tSAME RULE\tOVERTURNED\tUPHELD RATE\t")
	for _, r := range q {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%.1f%%\t\n", r.Rule, r.Reviewed, r.Upheld, r.UpheldSameRule, r.Overturned, 100*r.UpheldRate)
	}
	return tw.Flush()
}
