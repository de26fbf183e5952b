package flood

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"tribune/internal/moderation"
	"tribune/internal/moderation/language"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func model(t testing.TB) *language.Detector {
	t.Helper()
	m, err := language.New(language.Options{})
	if err != nil {
		t.Fatalf("language.New: %v", err)
	}
	return m
}

func TestIncoherence(t *testing.T) {
	m := model(t)
	tests := []struct {
		text string
		want bool
	}{
		{"The council voted last night to close the library on Sundays.", false},
		{"I think this is a great idea, well done to everyone involved.", false},
		{"Le conseil municipal a voté hier soir la fermeture de la bibliothèque.", false},
		{"市议会昨晚投票决定周日关闭图书馆。", false},
		{"ok", false},
		{"lol", false},
		{"Brexit, NHS, UKIP and the MPs again.", false},
		{"asdfghjkl asdfgh", true},
		{"qwertyuiop qwerty", true},
		{"aaaaaaaaaaaaaaaaaaaa", true},
		{"hahahahahahahahahaha", true},
		{"spam spam spam spam spam spam spam", true},
		{"xkcd vbnm zxcv qwpo lkjh", true},
		{"fjdkslaeiruty ghdjskal", true},
	}
	for _, tt := range tests {
		if got, why := incoherence(tt.text, m); (got > 0) != tt.want {
			t.Errorf("incoherence(%q) = %.2f (%s), want incoherent %v", tt.text, got, why, tt.want)
		}
	}
}

func TestRate(t *testing.T) {
	d := New(Options{})
	ctx := context.Background()
	for i := range 12 {
		in := moderation.Input{Text: fmt.Sprintf("A perfectly reasonable comment number %d.", i), AuthorID: "a", At: t0.Add(time.Duration(i) * 10 * time.Second)}
		got := d.Detect(ctx, in)
		if want := i >= DefaultMaxPerWindow; (len(got) > 0) != want {
			t.Errorf("Detect(comment %d within %v) = %v, want reported %v", i+1, time.Duration(i)*10*time.Second, got, want)
		}
	}
	// another author is unaffected; the first is fine again much later
	if got := d.Detect(ctx, moderation.Input{Text: "Hello there", AuthorID: "b", At: t0.Add(2 * time.Minute)}); len(got) > 0 {
		t.Errorf("Detect(other author) = %v, want none", got)
	}
	if got := d.Detect(ctx, moderation.Input{Text: "Hello there", AuthorID: "a", At: t0.Add(time.Hour)}); len(got) > 0 {
		t.Errorf("Detect(an hour later) = %v, want none", got)
	}
}

func TestIncoherentRun(t *testing.T) {
	d := New(Options{Model: model(t)})
	ctx := context.Background()
	texts := []string{"asdfghjkl asdf", "The library should stay open on Sundays.", "qwertyuiop qwe", "zxcvbnm zxcvbnm", "hjkl hjkl hjkl hjkl hjkl hjkl"}
	want := []bool{false, false, false, true, true}
	for i, text := range texts {
		got := d.Detect(ctx, moderation.Input{Text: text, AuthorID: "a", At: t0.Add(time.Duration(i) * time.Minute)})
		if (len(got) > 0) != want[i] {
			t.Errorf("Detect(%q) = %v, want reported %v", text, got, want[i])
		}
	}
	// spread over more than the window: never three at once
	d = New(Options{})
	for i, text := range []string{"asdfghjkl asdf", "qwertyuiop qwe", "zxcvbnm zxcvbnm"} {
		if got := d.Detect(ctx, moderation.Input{Text: text, AuthorID: "a", At: t0.Add(time.Duration(i) * 6 * time.Minute)}); len(got) > 0 {
			t.Errorf("Detect(%q, %d minutes in) = %v, want none", text, i*6, got)
		}
	}
}

func TestBounded(t *testing.T) {
	d := New(Options{MaxAuthors: 50})
	ctx := context.Background()
	for i := range 1000 {
		d.Detect(ctx, moderation.Input{Text: "hi", AuthorID: fmt.Sprint(i), At: t0.Add(time.Duration(i) * time.Second)})
	}
	if got := d.Len(); got > 50 {
		t.Errorf("Len() with MaxAuthors 50 = %d, want <= 50", got)
	}
	d = New(Options{})
	for i := range 100 {
		d.Detect(ctx, moderation.Input{Text: "hi", AuthorID: fmt.Sprint(i), At: t0})
	}
	d.Detect(ctx, moderation.Input{Text: "hi", AuthorID: "late", At: t0.Add(time.Hour)})
	if got := d.Len(); got != 1 {
		t.Errorf("Len() an hour later = %d, want 1", got)
	}
}

func TestConcurrent(t *testing.T) {
	d := New(Options{})
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 500 {
				d.Detect(context.Background(), moderation.Input{Text: "a comment", AuthorID: fmt.Sprint(g, "-", i%20), At: t0.Add(time.Duration(i) * time.Second)})
			}
		})
	}
	wg.Wait()
	if got := d.Len(); got == 0 || got > 80 {
		t.Errorf("Len() after concurrent use = %d, want 1..80", got)
	}
}

// TestCleanSentences measures how often ordinary sentences (the Tatoeba
// files of the shared data, when present) look incoherent.
func TestCleanSentences(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "..", "shared", "data", "moderation", "language-tatoeba")
	files, _ := filepath.Glob(filepath.Join(dir, "*_1000.csv"))
	if len(files) == 0 {
		t.Skip("shared data not present")
	}
	m := model(t)
	n, bad := 0, 0
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			parts := strings.SplitN(sc.Text(), "\t", 3)
			if len(parts) < 3 {
				continue
			}
			n++
			if s, why := incoherence(parts[2], m); s > 0 {
				bad++
				if bad <= 5 {
					t.Logf("incoherent (%s): %q", why, parts[2])
				}
			}
		}
		fh.Close()
	}
	rate := float64(bad) / float64(n)
	t.Logf("clean sentences judged incoherent: %d of %d (%.4f)", bad, n, rate)
	if rate > 0.005 {
		t.Errorf("incoherent rate on clean sentences = %.4f, want <= 0.005", rate)
	}
}

func BenchmarkDetect(b *testing.B) {
	d := New(Options{Model: model(b)})
	ctx := context.Background()
	in := moderation.Input{
		Text: "I have lived on this street for twenty years and the new bike lane has made the school run much safer.",
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		in.AuthorID = fmt.Sprint(i % 1000)
		in.At = t0.Add(time.Duration(i) * time.Second)
		d.Detect(ctx, in)
		i++
	}
}

// TestObserve: comments posted through other nodes count towards the
// rate, each once, without being judged themselves.
func TestObserve(t *testing.T) {
	d := New(Options{})
	ctx := context.Background()
	for i := range DefaultMaxPerWindow {
		in := moderation.Input{ID: fmt.Sprint("r", i), Text: fmt.Sprintf("A perfectly reasonable comment number %d.", i), AuthorID: "a", At: t0.Add(time.Duration(i) * time.Second)}
		d.Observe(in)
		d.Observe(in) // seen twice (the database lists it again): counted once
	}
	local := moderation.Input{ID: "l1", Text: "One more perfectly reasonable comment.", AuthorID: "a", At: t0.Add(20 * time.Second)}
	if got := d.Detect(ctx, local); len(got) == 0 {
		t.Fatalf("the %dth comment within the window was not reported", DefaultMaxPerWindow+1)
	}
	// this node's own comment, read back from the database, is not counted again
	d.Observe(local)
	d2 := New(Options{})
	for i := range DefaultMaxPerWindow - 2 {
		d2.Observe(moderation.Input{ID: fmt.Sprint("r", i), Text: "Fine words here.", AuthorID: "b", At: t0})
	}
	d2.Detect(ctx, moderation.Input{ID: "x", Text: "Fine words here.", AuthorID: "b", At: t0})
	d2.Observe(moderation.Input{ID: "x", Text: "Fine words here.", AuthorID: "b", At: t0})
	if got := d2.Detect(ctx, moderation.Input{ID: "y", Text: "Fine words here.", AuthorID: "b", At: t0}); len(got) != 0 {
		t.Errorf("a repeat was counted: %v", got)
	}
}
