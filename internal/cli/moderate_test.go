package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tribune/internal/config"
	"tribune/internal/moderation/policy"
)

// TestModerateCommand checks the exact input and output format outside
// tools rely on: one output line per input line, in order, errors inline.
func TestModerateCommand(t *testing.T) {
	in := strings.Join([]string{
		`{"id": "a", "text": "Thank you for this careful report on the harbour works."}`,
		`{"id": "b", "text": "You are a complete idiot and a moron.", "author": "u1", "time": "2026-11-27T10:00:00Z"}`,
		`not json`,
		`{"id": "d"}`,
		`{"id": "e", "text": "Write to me at someone@example.org for the full list."}`,
		`{"id": "f", "text": "ok", "time": "yesterday"}`,
	}, "\n")
	out := run(t, in, "moderate", "--data-dir", t.TempDir())
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 6 {
		t.Fatalf("got %d output lines, want 6:\n%s", len(lines), out)
	}
	type line struct {
		ID       string             `json:"id"`
		Decision string             `json:"decision"`
		Rules    []string           `json:"rules"`
		Scores   map[string]float64 `json:"scores"`
		Language string             `json:"language"`
		Error    string             `json:"error"`
	}
	var got []line
	for _, l := range lines {
		var x line
		if err := json.Unmarshal([]byte(l), &x); err != nil {
			t.Fatalf("output line %q is not JSON: %v", l, err)
		}
		got = append(got, x)
	}
	if got[0].ID != "a" || got[0].Decision != "publish" || len(got[0].Rules) != 0 || got[0].Language != "en" {
		t.Errorf("clean comment = %+v", got[0])
	}
	for _, k := range []string{"toxicity", "insult", "hate", "spam", "profanity"} {
		if _, ok := got[0].Scores[k]; !ok {
			t.Errorf("scores lack %q: %v", k, got[0].Scores)
		}
	}
	if got[1].Decision != "reject" || !strings.Contains(strings.Join(got[1].Rules, ","), "insult") {
		t.Errorf("insult = %+v", got[1])
	}
	if got[2].Error == "" || got[3].ID != "d" || got[3].Error == "" || got[5].Error == "" {
		t.Errorf("malformed lines = %+v / %+v / %+v", got[2], got[3], got[5])
	}
	if !strings.Contains(strings.Join(got[4].Rules, ","), "personal-data") {
		t.Errorf("email address = %+v", got[4])
	}
}

func TestModerationEvalCommand(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "labelled.jsonl")
	lines := `{"text": "You are a pathetic idiot and everyone knows it.", "labels": {"insult": 1}}
{"text": "Thank you for the clear explanation of the harbour plans.", "labels": {"insult": 0}}
{"text": "What a moron, go away.", "labels": {"insult": 1}}
{"text": "I would like to know how the cost was calculated.", "labels": {"insult": 0}}
`
	if err := os.WriteFile(data, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	out := run(t, "", "moderation", "eval", "--data-dir", dir, "--data", data)
	if !strings.Contains(out, "4 examples") || !strings.Contains(out, "insult") || !strings.Contains(out, "1.0000") {
		t.Errorf("eval printed:\n%s", out)
	}
}

// TestModerateFlashMob: the comments of an organised action posted before
// enough accounts had joined are reported too, and the output keeps the
// input's order.
func TestModerateFlashMob(t *testing.T) {
	texts := []string{
		"Stop the new bike lane on Main Street now, it is destroying local shops and nobody asked the residents.",
		"stop the new bike lane on main street NOW!!! it is destroying local shops and nobody asked the residents",
		"Nobody asked the residents. Stop the new bike lane on Main Street now, it is destroying local shops.",
		"Stop the new bike lane on Main Stret now, it is destroying local shops and nobody asked residents.",
		"Stop the new bike lane on Main Street now; it's destroying local shops and nobody asked the residents!",
	}
	var in []string
	for i, text := range texts {
		in = append(in, fmt.Sprintf(`{"id": "m%d", "text": %q, "author": "u%d", "time": "2026-11-27T10:0%d:00Z"}`, i, text, i, i))
		in = append(in, fmt.Sprintf(`{"id": "c%d", "text": "The harbour works are late again, as the article says.", "author": "x%d", "time": "2026-11-27T10:0%d:30Z"}`, i, i%2, i))
	}
	out := run(t, strings.Join(in, "\n"), "moderate", "--data-dir", t.TempDir())
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(in) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(in), out)
	}
	for i, l := range lines {
		var x struct {
			ID       string   `json:"id"`
			Decision string   `json:"decision"`
			Rules    []string `json:"rules"`
		}
		if err := json.Unmarshal([]byte(l), &x); err != nil {
			t.Fatal(err)
		}
		mob := slices.Contains(x.Rules, "flash-mob")
		wantID := fmt.Sprintf("c%d", i/2)
		if i%2 == 0 {
			wantID = fmt.Sprintf("m%d", i/2)
		}
		if x.ID != wantID {
			t.Errorf("line %d is %q, want %q (order kept)", i, x.ID, wantID)
		}
		if mob != (i%2 == 0) || (mob && x.Decision != "hold") {
			t.Errorf("line %d = %+v", i, x)
		}
	}
}

// TestModerateAnswersEachLine: a caller that writes a line and waits for
// its answer gets it without closing the input.
func TestModerateAnswersEachLine(t *testing.T) {
	m, err := newModerator(policy.Default(), &config.Config{BaseURL: "http://localhost", SiteName: "Tribune"}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- moderateStream(context.Background(), m.engine, m.mob, policy.Default(), "en", inR, outW)
		outW.Close()
	}()
	answers := bufio.NewScanner(outR)
	for i := range 3 {
		fmt.Fprintf(inW, `{"id": "q%d", "text": "A calm remark about the harbour works number %d."}`+"\n", i, i)
		if !answers.Scan() {
			t.Fatalf("no answer to line %d", i)
		}
		if !strings.Contains(answers.Text(), fmt.Sprintf(`"id":"q%d"`, i)) {
			t.Errorf("answer %d = %s", i, answers.Text())
		}
	}
	inW.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestReadLabels: exported labels become extra examples for the models
// that learn their rules; other rules are ignored.
func TestReadLabels(t *testing.T) {
	path := filepath.Join(t.TempDir(), "labels.jsonl")
	os.WriteFile(path, []byte(`{"text": "You idiot.", "labels": {"insult": 1}}
{"text": "Buy now.", "labels": {"spam": 1, "advertising": 1}}
{"text": "Kind words.", "labels": {"insult": 0, "trolling": 0}}
{"text": "Off topic.", "labels": {"off-topic": 1}}
`), 0o600)
	got, err := readLabels(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].Model != "insult" || !got[0].Label || got[1].Model != "spam" || got[2].Label {
		t.Errorf("readLabels = %+v", got)
	}
}
