// Package captcha is Tribune's own check that a registration comes from a
// person, with no third-party service to leak readers to. A challenge can be
// passed two ways, either one enough: type the characters of a distorted
// image (works without JavaScript), or let the browser find a proof of work
// (the accessible path: it needs no sight and no puzzle, and it costs a bot
// CPU time). Challenges are stateless sealed tokens, so any node can check a
// challenge another node made; only the ids of used challenges are stored,
// through Spent, so each challenge can be used once.
package captcha

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"image/png"
	"sync"
	"time"
)

// Spent records challenge ids until they expire so each can be used once,
// across nodes. Spend reports first=true only to the first caller for an id.
type Spent interface {
	Spend(ctx context.Context, id string, expires time.Time) (first bool, err error)
}

// Sentinel errors of Verify. Their text is written for readers (hence the
// capitals), so a form can show err.Error() as is next to a fresh challenge;
// Verify returns them unwrapped. Any other error is internal (the database).
var (
	// ErrExpired means the challenge is older than its TTL.
	ErrExpired = errors.New("The check expired: please try again")
	// ErrWrong means neither the typed characters nor the proof of work
	// matched, or the token was not one we made.
	ErrWrong = errors.New("The characters did not match")
	// ErrReused means the challenge was already used once.
	ErrReused = errors.New("This check was already used: please try again")
	// ErrMissing means the form came without a token or without any answer.
	ErrMissing = errors.New("Please type the characters in the image")
)

// Defaults used when Options leaves a field zero.
const (
	// DefaultDifficulty is the proof-of-work target in leading zero bits:
	// 2^16 hashes on average. Browsers hash through crypto.subtle at about
	// 170,000 digests a second (headless Chromium, docs/captcha.md), so 16
	// bits takes about 0.4 s on average where 18 would take 1.5 s, and
	// several times that on a slow phone.
	DefaultDifficulty = 16
	// DefaultTTL is how long a challenge stays valid.
	DefaultTTL = 10 * time.Minute
	// MaxDifficulty bounds Options.Difficulty so no setting can make the
	// accessible path take more than a minute or so.
	MaxDifficulty = 24
	// TestPass is the answer the test hook accepts for any valid token.
	TestPass = "TEST-PASS"
)

// Options configure a Captcha.
type Options struct {
	// Key is 32 secret bytes shared by all nodes; tokens made with one key
	// are checked with the same key.
	Key []byte
	// Difficulty is the proof-of-work target in leading zero bits
	// (DefaultDifficulty when 0, at most MaxDifficulty).
	Difficulty int
	// TTL is how long a challenge stays valid (DefaultTTL when 0).
	TTL time.Duration
	// TestHook makes Verify accept TestPass as the answer, so browser tests
	// can register without solving. Never enable it in production: the CLI
	// turns it on only with --captcha-test-hook and refuses it over https.
	TestHook bool
	// Now is the clock (time.Now when nil); tests pass a fixed one.
	Now func() time.Time
}

// Captcha makes and checks challenges. It is safe for concurrent use.
type Captcha struct {
	aead       cipher.AEAD
	macKey     []byte
	imageKey   []byte
	difficulty int
	ttl        time.Duration
	testHook   bool
	now        func() time.Time
	spent      Spent
	encoder    png.Encoder
}

// New checks the options and returns a Captcha that records used
// challenges in spent.
func New(opts Options, spent Spent) (*Captcha, error) {
	if len(opts.Key) != 32 {
		return nil, fmt.Errorf("captcha: key is %d bytes, want 32", len(opts.Key))
	}
	if spent == nil {
		return nil, errors.New("captcha: no Spent store for replay protection")
	}
	c := &Captcha{
		difficulty: opts.Difficulty,
		ttl:        opts.TTL,
		testHook:   opts.TestHook,
		now:        opts.Now,
		spent:      spent,
		encoder:    png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: &encoderPool{}},
	}
	switch {
	case c.difficulty == 0:
		c.difficulty = DefaultDifficulty
	case c.difficulty < 0 || c.difficulty > MaxDifficulty:
		return nil, fmt.Errorf("captcha: difficulty %d out of range 1..%d", c.difficulty, MaxDifficulty)
	}
	switch {
	case c.ttl == 0:
		c.ttl = DefaultTTL
	case c.ttl < 0:
		return nil, fmt.Errorf("captcha: negative TTL %v", c.ttl)
	}
	if c.now == nil {
		c.now = time.Now
	}
	// One key, three jobs: derive a separate key for each.
	block, err := aes.NewCipher(subkey(opts.Key, "seal"))
	if err != nil {
		return nil, fmt.Errorf("captcha: %w", err)
	}
	if c.aead, err = cipher.NewGCM(block); err != nil {
		return nil, fmt.Errorf("captcha: %w", err)
	}
	c.macKey = subkey(opts.Key, "mac")
	c.imageKey = subkey(opts.Key, "image")
	return c, nil
}

// subkey derives the key for one purpose from the shared key.
func subkey(key []byte, purpose string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("tribune captcha " + purpose))
	return m.Sum(nil)
}

// encoderPool lets image requests reuse the PNG encoder's compression
// buffers, most of what drawing an image would otherwise allocate.
type encoderPool struct{ pool sync.Pool }

func (p *encoderPool) Get() *png.EncoderBuffer {
	b, _ := p.pool.Get().(*png.EncoderBuffer)
	return b
}

func (p *encoderPool) Put(b *png.EncoderBuffer) { p.pool.Put(b) }
