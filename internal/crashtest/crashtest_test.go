package crashtest

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	rounds        = 3                       // kill/restart cycles per database
	budget        = 30 * time.Second        // no new round starts after this (setup not counted)
	readerCount   = 10                      // accounts, each with its own token
	posterCount   = 16                      // concurrent posters, sharing the accounts
	loadTime      = 1500 * time.Millisecond // the kill comes after this much load...
	enoughAcks    = 200                     // ...or after this many 201s, whichever is first
	firstAckLimit = 10 * time.Second        // a round with no 201 at all by then fails
)

// TestNoCommentLost posts comments under concurrent load, kills the server
// with SIGKILL mid-load, restarts it and checks that every comment
// acknowledged with 201 is listed exactly once with its text, and nothing
// the test did not send is. It repeats the cycle on the same data, so the
// comments of earlier rounds must survive later kills too.
func TestNoCommentLost(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills real servers; skipped with -short")
	}
	bin := buildTribune(t)
	t.Run("sqlite", func(t *testing.T) {
		crashRounds(t, &instance{bin: bin, dataDir: t.TempDir()})
	})
	t.Run("postgres", func(t *testing.T) {
		database := freshDatabase(t)
		crashRounds(t, &instance{bin: bin, dataDir: t.TempDir(), database: database})
	})
}

func crashRounds(t *testing.T, in *instance) {
	setup := time.Now()
	slugs := importArticles(t, in)
	tokens := createReaders(t, in)
	t.Logf("setup (2 articles, %d readers with tokens) took %v", readerCount, time.Since(setup).Round(time.Millisecond))
	began := time.Now()
	l := newLedger()
	srv := in.start(t)
	for n := 1; n <= rounds; n++ {
		if n > 1 && time.Since(began) > budget {
			t.Logf("stopping after %d rounds: %v spent, budget %v", n-1, time.Since(began).Round(time.Millisecond), budget)
			break
		}
		roundStart := time.Now()
		r := loadAndKill(t, srv, tokens, slugs, n)
		l.add(r)
		srv = in.start(t)
		lists := listAll(t, srv, slugs)
		client := &http.Client{Timeout: 30 * time.Second}
		f := l.check(t, lists, func(a ack) (listed, error) { return commentByID(t.Context(), client, srv.base, a) })
		t.Logf("round %d (%v): acked %d (%s), in flight at kill %d (of which %d refused), unexpected answers %d; "+
			"after restart: listed %d, acked so far %d published + %d held/rejected (read by id), in-flight found committed %d (%d new)",
			n, time.Since(roundStart).Round(time.Millisecond), len(r.acked), statusCounts(r.acked), len(r.unknown), r.refused, unexpectedCount(r),
			f.listed, f.acked, f.private, f.survivors, f.newlyFound)
		if f.acked+f.private == 0 {
			t.Errorf("round %d: no comment was acknowledged, so nothing was checked", n)
		}
		if t.Failed() {
			t.Logf("the last server's log ends:\n%s", srv.logTail(30))
			return
		}
	}
	t.Logf("%d comments checked in %v", len(l.acked), time.Since(began).Round(time.Millisecond))
}

// loadAndKill runs posterCount posters against srv and kills it with
// SIGKILL after loadTime or enoughAcks acknowledgements, whichever comes
// first; the posters end as their requests fail.
func loadAndKill(t *testing.T, srv *server, tokens, slugs []string, n int) *round {
	t.Helper()
	r := newRound(n)
	tr := &http.Transport{MaxIdleConnsPerHost: posterCount}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	var wg sync.WaitGroup
	for i := range posterCount {
		p := poster{id: i, token: tokens[i%len(tokens)], slug: slugs[i%len(slugs)], base: srv.base, client: client}
		wg.Go(func() { p.run(t.Context(), r) })
	}
	timer := time.NewTimer(loadTime)
	select {
	case <-r.enough:
	case <-timer.C:
	}
	timer.Stop()
	noAck := time.NewTimer(firstAckLimit)
	defer noAck.Stop()
	acked := true
	select {
	case <-r.first:
	case <-noAck.C:
		acked = false
	case <-srv.done:
	}
	killErr := srv.kill()
	wg.Wait()
	if killErr != nil {
		t.Fatalf("round %d: %v", n, killErr)
	}
	if !acked {
		t.Fatalf("round %d: no 201 within %v; answers: %s; the server's log ends:\n%s",
			n, firstAckLimit, unexpectedText(r), srv.logTail(30))
	}
	if len(r.unexpected) > 0 {
		t.Errorf("round %d: answers other than 201 under load: %s", n, unexpectedText(r))
	}
	return r
}

// listAll reads the public comment lists of all the test's articles.
func listAll(t *testing.T, srv *server, slugs []string) []listed {
	t.Helper()
	client := &http.Client{Timeout: 30 * time.Second}
	var all []listed
	for _, slug := range slugs {
		got, total, err := listComments(t.Context(), client, srv.base, slug)
		if err != nil {
			t.Fatalf("list comments: %v", err)
		}
		if total != len(got) {
			t.Errorf("comments of %s: total = %d, but the pages hold %d", slug, total, len(got))
		}
		all = append(all, got...)
	}
	return all
}

// importArticles imports two fresh articles to comment on and returns
// their slugs. Two, so that concurrent commits touch more than one
// article's counters.
func importArticles(t *testing.T, in *instance) []string {
	t.Helper()
	dir := t.TempDir()
	date := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	var files, slugs []string
	for i := 1; i <= 2; i++ {
		slug := fmt.Sprintf("crash-test-article-%d", i)
		text := fmt.Sprintf("---\ntitle: Crash test article %d\nslug: %s\nsection: News\ndate: %s\n---\n"+
			"Readers comment on this article while the server is killed.\n", i, slug, date)
		file := filepath.Join(dir, slug+".md")
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		files, slugs = append(files, file), append(slugs, slug)
	}
	in.run(t, append([]string{"articles", "import"}, files...)...)
	return slugs
}

// createReaders creates verified reader accounts with the CLI and returns
// an API token for each.
func createReaders(t *testing.T, in *instance) []string {
	t.Helper()
	var tokens []string
	for i := 1; i <= readerCount; i++ {
		email := fmt.Sprintf("crash-reader-%d@example.com", i)
		in.run(t, "user", "create", "--email", email, "--name", fmt.Sprintf("Crash Reader %d", i), "--role", "reader")
		token := strings.TrimSpace(in.run(t, "token", "create", "--email", email))
		if token == "" || strings.ContainsAny(token, " \n") {
			t.Fatalf("tribune token create printed %q, want one token", token)
		}
		tokens = append(tokens, token)
	}
	return tokens
}

func statusCounts(acks []ack) string {
	n := map[string]int{}
	for _, a := range acks {
		n[a.status]++
	}
	var parts []string
	for s, c := range n {
		parts = append(parts, fmt.Sprintf("%s %d", s, c))
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

func unexpectedCount(r *round) int {
	n := 0
	for _, c := range r.unexpected {
		n += c
	}
	return n
}

func unexpectedText(r *round) string {
	if len(r.unexpected) == 0 {
		return "none"
	}
	var parts []string
	for msg, c := range r.unexpected {
		parts = append(parts, fmt.Sprintf("%d× %.300s", c, msg))
	}
	sort.Strings(parts)
	return strings.Join(parts[:min(len(parts), 10)], "; ")
}
