package loadtest

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"sync/atomic"
	"syscall"
	"testing"
)

// fakeEnv, when set, makes the test binary play a child of the benchmark
// instead of running tests: the static server (-serve-static), or a tiny
// stand-in for tribune ("serve", "articles import") that honours the
// contract the benchmark relies on. The end-to-end test runs the whole
// benchmark against it.
const fakeEnv = "LOADTEST_FAKE_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(fakeEnv) == "" {
		os.Exit(m.Run())
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	args := os.Args[1:]
	var err error
	switch {
	case len(args) > 0 && args[0] == "serve":
		err = fakeServe(ctx, args[1:])
	case len(args) > 1 && args[0] == "articles" && args[1] == "import":
		err = fakeImport(args[2:])
	case len(args) > 1 && (args[0] == "user" || args[0] == "token"):
		err = fakeAccountCLI(args)
	default:
		os.Exit(Main(ctx, args, os.Stdout, os.Stderr))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// fakeArgs reads "--addr A --data-dir D [FILE]".
func fakeArgs(args []string) (addr, dataDir string, rest []string) {
	for i := 0; i < len(args); i++ {
		switch args[i] {
		case "--addr":
			i++
			addr = args[i]
		case "--data-dir":
			i++
			dataDir = args[i]
		default:
			rest = append(rest, args[i])
		}
	}
	return addr, dataDir, rest
}

var fakeTitle = regexp.MustCompile(`(?m)^title: "(.*)"$`)
var fakeSlug = regexp.MustCompile(`(?m)^slug: (\S+)$`)

func fakeImport(args []string) error {
	_, dataDir, files := fakeArgs(args)
	for _, f := range files {
		if err := fakeImportOne(dataDir, f); err != nil {
			return err
		}
	}
	return nil
}

func fakeImportOne(dataDir, file string) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	slug := fakeSlug.FindSubmatch(src)
	if slug == nil {
		return errors.New("no slug")
	}
	dir := filepath.Join(dataDir, "articles")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp := filepath.Join(dir, ".tmp")
	if err := os.WriteFile(tmp, src, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, string(slug[1])+".md"))
}

func fakeServe(ctx context.Context, args []string) error {
	addr, dataDir, _ := fakeArgs(args)
	var views atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {})
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<a href="/news">All news</a> <a href="/news/demo-story">Demo</a>`)
	})
	mux.HandleFunc("GET /news/demo-story", func(w http.ResponseWriter, r *http.Request) {
		n := views.Add(1)
		fmt.Fprintf(w, `<h1>Demo</h1><span class="view-count" data-views="%d">%d views</span><p>body</p>`, n, n)
	})
	mux.HandleFunc("GET /news/{slug}", func(w http.ResponseWriter, r *http.Request) {
		src, err := os.ReadFile(filepath.Join(dataDir, "articles", r.PathValue("slug")+".md"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		title := fakeTitle.FindSubmatch(src)
		fmt.Fprintf(w, "<h1>%s</h1>", html.EscapeString(string(title[1])))
	})
	if err := fakeCommentRoutes(ctx, mux, dataDir); err != nil {
		return err
	}
	srv := &http.Server{Addr: addr, Handler: mux}
	go func() {
		<-ctx.Done()
		srv.Shutdown(context.Background())
	}()
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
