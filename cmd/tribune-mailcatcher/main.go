// Command tribune-mailcatcher runs the test mail catcher (package
// internal/mailcatcher) as a process, so that scripts/test.sh can start one
// for the whole test suite and every package's tests deliver to it:
//
//	tribune-mailcatcher -smtp 127.0.0.1:0 -http 127.0.0.1:0 -addr-file FILE
//
// Once listening it prints "smtp=HOST:PORT" and "http=http://HOST:PORT",
// and writes the same lines to FILE, which appears whole (it is renamed into
// place) so a script can wait for it. SIGINT or SIGTERM stops it.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"tribune/internal/mailcatcher"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run starts the catcher and serves until ctx ends; it returns the exit
// status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("tribune-mailcatcher", flag.ContinueOnError)
	fs.SetOutput(stderr)
	smtpAddr := fs.String("smtp", "127.0.0.1:1025", "SMTP listen address (port 0 picks a free one)")
	httpAddr := fs.String("http", "127.0.0.1:8025", "HTTP API listen address (port 0 picks a free one)")
	addrFile := fs.String("addr-file", "", "write the chosen addresses to this file")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	srv, err := mailcatcher.Start(*smtpAddr, *httpAddr, log)
	if err != nil {
		log.Error("start", "err", err)
		return 1
	}
	defer srv.Close()
	addrs := fmt.Sprintf("smtp=%s\nhttp=%s\n", srv.SMTPAddr(), srv.HTTPURL())
	if *addrFile != "" {
		if err := writeAtomic(*addrFile, addrs); err != nil {
			log.Error("write address file", "err", err)
			return 1
		}
		defer os.Remove(*addrFile)
	}
	fmt.Fprint(stdout, addrs)
	log.Info("mail catcher listening", "smtp", srv.SMTPAddr(), "http", srv.HTTPURL())
	<-ctx.Done()
	log.Info("mail catcher stopping")
	return 0
}

// writeAtomic writes data under a temporary name and renames it to path, so
// a reader never sees half of it.
func writeAtomic(path, data string) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".addr-*")
	if err != nil {
		return err
	}
	_, err = f.WriteString(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
