package flashmob

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"tribune/internal/moderation"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

const mobText = "Stop the new bike lane on Main Street now, it is destroying local shops and nobody asked the residents what they think."

var mobVariants = []string{
	mobText,
	"stop the new bike lane on main street NOW!!! it is destroying local shops and nobody asked the residents what they think",
	"Nobody asked the residents what they think. Stop the new bike lane on Main Street now, it is destroying local shops.",
	"Stop the new bike lane on Main Stret now, it is destroying local shops and nobody asked residents what they think.",
	"Stop the new bike lane on Main Street now; it's destroying local shops and nobody asked the résidents what they think!",
	"Stop the bike lane new on Main Street now, it is destroying the local shops and nobody asked the residents what they think.",
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name    string
		authors []string
		texts   []string
		step    time.Duration
		want    []bool // whether each comment is reported
	}{
		{
			name:    "five accounts, small edits",
			authors: []string{"a", "b", "c", "d", "e", "f"},
			texts:   mobVariants,
			step:    time.Minute,
			want:    []bool{false, false, false, false, true, true},
		},
		{
			name:    "one account repeating itself",
			authors: []string{"a", "a", "a", "a", "a", "a"},
			texts:   mobVariants,
			step:    time.Minute,
			want:    []bool{false, false, false, false, false, false},
		},
		{
			name:    "spread beyond the window",
			authors: []string{"a", "b", "c", "d", "e", "f"},
			texts:   mobVariants,
			step:    4 * time.Minute,
			want:    []bool{false, false, false, false, false, false},
		},
		{
			name:    "short comments are exempt",
			authors: []string{"a", "b", "c", "d", "e", "f"},
			texts:   []string{"Great article!", "great article", "Great article.", "GREAT ARTICLE", "great, article", "Great article!!"},
			step:    time.Second,
			want:    []bool{false, false, false, false, false, false},
		},
		{
			name:    "same topic, different comments",
			authors: []string{"a", "b", "c", "d", "e", "f"},
			texts: []string{
				"The bike lane on Main Street is a disgrace and the shops are suffering badly.",
				"I cycle on Main Street every day and the new lane has made it so much safer.",
				"Main Street was always congested, the bike lane changes nothing about that.",
				"Who paid for the bike lane on Main Street? Council tax went up again this year.",
				"The shops on Main Street were closing long before any bike lane was planned.",
				"My kids can finally ride to school along Main Street thanks to the new lane.",
			},
			step: time.Second,
			want: []bool{false, false, false, false, false, false},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New(Options{})
			for i, text := range tt.texts {
				in := moderation.Input{Text: text, AuthorID: tt.authors[i], At: t0.Add(time.Duration(i) * tt.step)}
				got := d.Detect(context.Background(), in)
				if (len(got) > 0) != tt.want[i] {
					t.Errorf("Detect(%q by %s) = %v, want reported %v", text, tt.authors[i], got, tt.want[i])
				}
				for _, f := range got {
					if f.Rule != Rule {
						t.Errorf("Detect rule = %q, want %q", f.Rule, Rule)
					}
				}
			}
		})
	}
}

func TestMemoryBounded(t *testing.T) {
	d := New(Options{MaxEntries: 100})
	for i := range 1000 {
		in := moderation.Input{
			Text:     fmt.Sprintf("comment number %d about something else entirely %d", i, i*7),
			AuthorID: fmt.Sprint(i),
			At:       t0.Add(time.Duration(i) * time.Millisecond),
		}
		d.Detect(context.Background(), in)
	}
	if got := d.Len(); got > 100 {
		t.Errorf("Len() after 1000 comments with MaxEntries 100 = %d, want <= 100", got)
	}
	// time eviction: one comment an hour later leaves only itself
	d.Detect(context.Background(), moderation.Input{Text: mobText, AuthorID: "z", At: t0.Add(time.Hour)})
	if got := d.Len(); got != 1 {
		t.Errorf("Len() after an hour = %d, want 1", got)
	}
	d.mu.Lock()
	nb := len(d.buckets)
	d.mu.Unlock()
	if nb != bands {
		t.Errorf("after eviction buckets = %d, want %d", nb, bands)
	}
}

func TestRebuild(t *testing.T) {
	d := New(Options{})
	var recent []moderation.Input
	for i, text := range mobVariants[:4] {
		recent = append(recent, moderation.Input{Text: text, AuthorID: fmt.Sprint("r", i), At: t0.Add(time.Duration(4-i) * time.Minute)})
	}
	d.Rebuild(recent)
	got := d.Detect(context.Background(), moderation.Input{Text: mobVariants[4], AuthorID: "new", At: t0.Add(5 * time.Minute)})
	if len(got) == 0 {
		t.Errorf("Detect after Rebuild with 4 near-duplicates = none, want %s", Rule)
	}
}

func TestWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Café, CAFE!", "cafe cafe"},
		{"  it's   ÉLAN-vital ", "it s elan vital"},
		{"", ""},
	}
	for _, tt := range tests {
		got := fmt.Sprint(words(tt.in))
		if want := fmt.Sprint(fieldsOf(tt.want)); got != want {
			t.Errorf("words(%q) = %s, want %s", tt.in, got, want)
		}
	}
}

func fieldsOf(s string) []string {
	var out []string
	for _, w := range splitSpace(s) {
		out = append(out, w)
	}
	return out
}

func splitSpace(s string) []string {
	var out []string
	cur := ""
	for _, r := range s + " " {
		if r == ' ' {
			if cur != "" {
				out = append(out, cur)
			}
			cur = ""
			continue
		}
		cur += string(r)
	}
	return out
}

// TestOnGroup: when the fifth account completes a group, the hook names
// the four earlier members, once; later members are reported by Detect
// alone.
func TestOnGroup(t *testing.T) {
	d := New(Options{})
	var named [][]string
	d.OnGroup(func(ids []string) { named = append(named, ids) })
	ctx := context.Background()
	d.Detect(ctx, moderation.Input{ID: "other", Text: "The council should publish the full budget before the vote next week, not after it.", AuthorID: "z", At: t0})
	for i, text := range mobVariants {
		d.Detect(ctx, moderation.Input{ID: fmt.Sprint("m", i), Text: text, AuthorID: fmt.Sprint("u", i), At: t0.Add(time.Duration(i) * time.Minute)})
	}
	if len(named) != 1 {
		t.Fatalf("hook called %d times (%v), want once", len(named), named)
	}
	got := fmt.Sprint(sortedCopy(named[0]))
	if got != "[m0 m1 m2 m3]" {
		t.Errorf("named %s, want [m0 m1 m2 m3]", got)
	}
}

// TestObserve: comments judged on other nodes count, once each, and a
// group they complete is named whole.
func TestObserve(t *testing.T) {
	d := New(Options{})
	var named []string
	d.OnGroup(func(ids []string) { named = append(named, ids...) })
	ctx := context.Background()
	for i, text := range mobVariants[:3] {
		d.Detect(ctx, moderation.Input{ID: fmt.Sprint("m", i), Text: text, AuthorID: fmt.Sprint("u", i), At: t0.Add(time.Duration(i) * time.Second)})
	}
	// a comment this node judged comes back from the database: no change
	d.Observe(moderation.Input{ID: "m2", Text: mobVariants[2], AuthorID: "u2", At: t0.Add(2 * time.Second)})
	if d.Len() != 3 {
		t.Fatalf("Len = %d after a repeat, want 3", d.Len())
	}
	d.Observe(moderation.Input{ID: "r3", Text: mobVariants[3], AuthorID: "u3", At: t0.Add(3 * time.Second)})
	if len(named) != 0 {
		t.Fatalf("named %v with four accounts", named)
	}
	d.Observe(moderation.Input{ID: "r4", Text: mobVariants[4], AuthorID: "u4", At: t0.Add(4 * time.Second)})
	if got := fmt.Sprint(sortedCopy(named)); got != "[m0 m1 m2 r3 r4]" {
		t.Errorf("named %s, want all five", got)
	}
}

func sortedCopy(s []string) []string {
	c := append([]string(nil), s...)
	slices.Sort(c)
	return c
}
