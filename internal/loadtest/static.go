package loadtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// staticFile is the name the page's bytes are saved under in the static
// server's folder.
const staticFile = "article.html"

// ServeStatic is the baseline server: the standard library's file server on
// dir, with nothing else in the way. The benchmark runs it as its own process
// (the benchmark binary re-executed) so that it is measured exactly like
// tribune: a separate process with its own memory, over loopback. It serves
// until ctx ends and then shuts down gracefully.
func ServeStatic(ctx context.Context, dir, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("static server: %w", err)
	}
	srv := &http.Server{
		Handler:           http.FileServer(http.Dir(dir)),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("static server: %w", err)
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("static server shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("static server: %w", err)
	}
	return nil
}
