package captcha

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// memSpent is a Spent in memory, as the store does it across nodes.
type memSpent struct {
	mu   sync.Mutex
	ids  map[string]time.Time
	fail error
}

func (m *memSpent) Spend(_ context.Context, id string, expires time.Time) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return false, m.fail
	}
	if _, ok := m.ids[id]; ok {
		return false, nil
	}
	m.ids[id] = expires
	return true, nil
}

// clock is a settable time for Options.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

var testKey = []byte("0123456789abcdef0123456789abcdef")

// newTest returns a Captcha on a fixed clock with an in-memory Spent;
// zero fields of opts get the test key and clock.
func newTest(t testing.TB, opts Options) (*Captcha, *clock) {
	t.Helper()
	clk := &clock{t: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}
	if opts.Key == nil {
		opts.Key = testKey
	}
	if opts.Now == nil {
		opts.Now = clk.now
	}
	c, err := New(opts, &memSpent{ids: map[string]time.Time{}})
	if err != nil {
		t.Fatalf("New(%+v) error: %v", opts, err)
	}
	return c, clk
}

// answerOf reads the answer sealed in a token, as only the server can.
func answerOf(t *testing.T, c *Captcha, token string) string {
	t.Helper()
	p, err := c.open(token)
	if err != nil {
		t.Fatalf("open(token) error: %v", err)
	}
	return p.answer
}

func TestNewOptions(t *testing.T) {
	spent := &memSpent{ids: map[string]time.Time{}}
	tests := []struct {
		name  string
		opts  Options
		spent Spent
		ok    bool
	}{
		{"defaults", Options{Key: testKey}, spent, true},
		{"short key", Options{Key: testKey[:16]}, spent, false},
		{"no key", Options{}, spent, false},
		{"no spent", Options{Key: testKey}, nil, false},
		{"difficulty too high", Options{Key: testKey, Difficulty: MaxDifficulty + 1}, spent, false},
		{"negative difficulty", Options{Key: testKey, Difficulty: -1}, spent, false},
		{"negative ttl", Options{Key: testKey, TTL: -time.Second}, spent, false},
		{"custom", Options{Key: testKey, Difficulty: 4, TTL: time.Minute}, spent, true},
	}
	for _, tt := range tests {
		_, err := New(tt.opts, tt.spent)
		if (err == nil) != tt.ok {
			t.Errorf("New(%s) error = %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
	c, _ := newTest(t, Options{})
	ch, err := c.New()
	if err != nil {
		t.Fatal(err)
	}
	if ch.Difficulty != DefaultDifficulty {
		t.Errorf("New().Difficulty = %d, want the default %d", ch.Difficulty, DefaultDifficulty)
	}
	if want := "/captcha/" + ch.Token + ".png"; ch.ImageURL != want {
		t.Errorf("New().ImageURL = %q, want %q", ch.ImageURL, want)
	}
}

func TestVerifyAnswer(t *testing.T) {
	c, _ := newTest(t, Options{})
	lower := func(s string) string {
		b := []byte(s)
		for i, x := range b {
			if x >= 'A' && x <= 'Z' {
				b[i] = x + 'a' - 'A'
			}
		}
		return string(b)
	}
	spaced := func(s string) string { return " " + s[:2] + " " + s[2:4] + "\t" + s[4:] + " " }
	tests := []struct {
		name   string
		answer func(right string) string
		want   error
	}{
		{"right", func(r string) string { return r }, nil},
		{"lower case", lower, nil},
		{"spaces", spaced, nil},
		{"wrong", func(r string) string { return r[:len(r)-1] + string(other(r[len(r)-1])) }, ErrWrong},
		{"too short", func(r string) string { return r[:len(r)-1] }, ErrWrong},
		{"too long", func(r string) string { return r + "A" }, ErrWrong},
		{"test hook off", func(string) string { return TestPass }, ErrWrong},
		{"empty", func(string) string { return "" }, ErrMissing},
	}
	for _, tt := range tests {
		ch, err := c.New()
		if err != nil {
			t.Fatal(err)
		}
		answer := tt.answer(answerOf(t, c, ch.Token))
		if err := c.Verify(t.Context(), ch.Token, answer, ""); !errors.Is(err, tt.want) {
			t.Errorf("Verify(%s: %q) = %v, want %v", tt.name, answer, err, tt.want)
		}
	}
}

// other returns a character of Alphabet that is not b.
func other(b byte) byte {
	if b == Alphabet[0] {
		return Alphabet[1]
	}
	return Alphabet[0]
}

func TestVerifyMissing(t *testing.T) {
	c, _ := newTest(t, Options{})
	ch, _ := c.New()
	right := answerOf(t, c, ch.Token)
	tests := []struct{ token, answer, nonce string }{
		{"", right, ""},
		{"", "", "123"},
		{ch.Token, "", ""},
		{ch.Token, "  ", " "},
	}
	for _, tt := range tests {
		if err := c.Verify(t.Context(), tt.token, tt.answer, tt.nonce); !errors.Is(err, ErrMissing) {
			t.Errorf("Verify(%.10q, %q, %q) = %v, want ErrMissing", tt.token, tt.answer, tt.nonce, err)
		}
	}
	// A missing answer does not use the challenge up.
	if err := c.Verify(t.Context(), ch.Token, right, ""); err != nil {
		t.Errorf("Verify(right answer after an empty try) = %v, want nil", err)
	}
}

func TestVerifyExpired(t *testing.T) {
	c, clk := newTest(t, Options{TTL: 10 * time.Minute})
	ch, _ := c.New()
	right := answerOf(t, c, ch.Token)
	clk.add(10 * time.Minute)
	if err := c.Verify(t.Context(), ch.Token, right, ""); !errors.Is(err, ErrExpired) {
		t.Errorf("Verify(right answer, 10 minutes later) = %v, want ErrExpired", err)
	}
	ch, _ = c.New()
	right = answerOf(t, c, ch.Token)
	clk.add(10*time.Minute - time.Second)
	if err := c.Verify(t.Context(), ch.Token, right, ""); err != nil {
		t.Errorf("Verify(right answer, 9m59s later) = %v, want nil", err)
	}
}

func TestVerifyReused(t *testing.T) {
	c, _ := newTest(t, Options{})
	ch, _ := c.New()
	right := answerOf(t, c, ch.Token)
	if err := c.Verify(t.Context(), ch.Token, right, ""); err != nil {
		t.Fatalf("Verify(first use) = %v, want nil", err)
	}
	if err := c.Verify(t.Context(), ch.Token, right, ""); !errors.Is(err, ErrReused) {
		t.Errorf("Verify(second use) = %v, want ErrReused", err)
	}
	// A wrong guess uses the challenge up too: one guess per challenge.
	ch, _ = c.New()
	right = answerOf(t, c, ch.Token)
	wrong := string(other(right[0])) + right[1:]
	if err := c.Verify(t.Context(), ch.Token, wrong, ""); !errors.Is(err, ErrWrong) {
		t.Fatalf("Verify(wrong guess %q) = %v, want ErrWrong", wrong, err)
	}
	if err := c.Verify(t.Context(), ch.Token, right, ""); !errors.Is(err, ErrReused) {
		t.Errorf("Verify(right answer after a wrong guess) = %v, want ErrReused", err)
	}
}

func TestVerifySpentFails(t *testing.T) {
	down := errors.New("database is down")
	c, err := New(Options{Key: testKey}, &memSpent{ids: map[string]time.Time{}, fail: down})
	if err != nil {
		t.Fatal(err)
	}
	ch, _ := c.New()
	err = c.Verify(t.Context(), ch.Token, answerOf(t, c, ch.Token), "")
	if !errors.Is(err, down) || IsReaderError(err) {
		t.Errorf("Verify(with Spent failing) = %v, want the wrapped store error, not a reader error", err)
	}
}

func TestVerifyTampered(t *testing.T) {
	c, _ := newTest(t, Options{})
	other, _ := newTest(t, Options{Key: []byte("another key, also thirty-two b..")})
	ch, _ := c.New()
	right := answerOf(t, c, ch.Token)
	flip := func(s string, i int) string {
		b := []byte(s)
		if b[i] == 'A' {
			b[i] = 'B'
		} else {
			b[i] = 'A'
		}
		return string(b)
	}
	foreign, _ := other.New()
	tests := []struct{ name, token string }{
		{"first byte", flip(ch.Token, 0)},
		{"middle byte", flip(ch.Token, len(ch.Token)/3)},
		{"signature byte", flip(ch.Token, len(ch.Token)-2)},
		{"no signature", ch.Token[:len(ch.Token)-44]},
		{"no dot", ch.Token[:len(ch.Token)-44] + ch.Token[len(ch.Token)-43:]},
		{"garbage", "not-a-token"},
		{"other key", foreign.Token},
		{"huge", ch.Token + string(make([]byte, maxTokenLen))},
	}
	for _, tt := range tests {
		if err := c.Verify(t.Context(), tt.token, right, ""); !errors.Is(err, ErrWrong) {
			t.Errorf("Verify(%s token, right answer) = %v, want ErrWrong", tt.name, err)
		}
	}
	if err := c.Verify(t.Context(), ch.Token, right, ""); err != nil {
		t.Errorf("Verify(untouched token) = %v, want nil: tampered copies must not use it up", err)
	}
}

func TestTestHook(t *testing.T) {
	tests := []struct {
		hook   bool
		answer string
		want   error
	}{
		{true, TestPass, nil},
		{true, " " + TestPass + " ", nil},
		{true, "test-pass", ErrWrong},
		{false, TestPass, ErrWrong},
	}
	for _, tt := range tests {
		c, clk := newTest(t, Options{TestHook: tt.hook})
		ch, _ := c.New()
		if err := c.Verify(t.Context(), ch.Token, tt.answer, ""); !errors.Is(err, tt.want) {
			t.Errorf("TestHook=%v: Verify(%q) = %v, want %v", tt.hook, tt.answer, err, tt.want)
		}
		if !tt.hook {
			continue
		}
		// The hook still needs a valid, unexpired, unused token.
		if err := c.Verify(t.Context(), ch.Token, TestPass, ""); err == nil {
			t.Errorf("TestHook=%v: Verify(%q) on a used token = nil, want an error", tt.hook, tt.answer)
		}
		if err := c.Verify(t.Context(), "forged.token", TestPass, ""); !errors.Is(err, ErrWrong) {
			t.Errorf("TestHook=%v: Verify(forged token) = %v, want ErrWrong", tt.hook, err)
		}
		ch, _ = c.New()
		clk.add(DefaultTTL)
		if err := c.Verify(t.Context(), ch.Token, TestPass, ""); !errors.Is(err, ErrExpired) {
			t.Errorf("TestHook=%v: Verify(expired token) = %v, want ErrExpired", tt.hook, err)
		}
	}
}
