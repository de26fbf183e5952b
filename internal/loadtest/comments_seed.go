package loadtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
)

// seeder puts a given number of published comments under one article
// through the API, from several readers at once; about one in five is a
// reply to an earlier top-level comment, as in a real discussion.
type seeder struct {
	api    commentsAPI
	tokens []string
	slug   string

	claimed   atomic.Int64
	published atomic.Int64
	replies   atomic.Int64
	failures  atomic.Int64
	mu        sync.Mutex
	top       []string // top-level comment ids, for replies
	firstErr  string
}

// SeedResult is what seeding achieved.
type SeedResult struct {
	Published  int    `json:"published"`
	Replies    int    `json:"replies"`
	Failures   int    `json:"failures"`
	FirstError string `json:"first_error,omitempty"`
}

// run posts until n comments are published, or until failures pass a
// tenth of n.
func (s *seeder) run(ctx context.Context, n int) SeedResult {
	var wg sync.WaitGroup
	for i, token := range s.tokens {
		gen := NewTextGen(uint64(1000 + i))
		rng := rand.New(rand.NewPCG(uint64(i), 42))
		wg.Go(func() { s.worker(ctx, token, n, gen, rng) })
	}
	wg.Wait()
	return SeedResult{Published: int(s.published.Load()), Replies: int(s.replies.Load()),
		Failures: int(s.failures.Load()), FirstError: s.firstErr}
}

func (s *seeder) worker(ctx context.Context, token string, n int, gen *TextGen, rng *rand.Rand) {
	for ctx.Err() == nil && s.failures.Load() <= int64(n/10) && s.claimed.Add(1) <= int64(n) {
		parent := ""
		if rng.IntN(5) == 0 {
			s.mu.Lock()
			if len(s.top) > 0 {
				parent = s.top[rng.IntN(len(s.top))]
			}
			s.mu.Unlock()
		}
		p, err := s.api.post(ctx, token, s.slug, gen.Comment(), parent)
		switch {
		case err == nil && p.Status == http.StatusCreated && p.State == "published":
			s.published.Add(1)
			if parent != "" {
				s.replies.Add(1)
				continue
			}
			s.mu.Lock()
			s.top = append(s.top, p.ID)
			s.mu.Unlock()
			continue
		case err != nil:
			s.fail(err.Error())
		default:
			s.fail(fmt.Sprintf("status %d, comment %q: %s", p.Status, p.State, p.Error))
		}
		s.claimed.Add(-1) // not published: someone posts another
	}
}

func (s *seeder) fail(msg string) {
	s.failures.Add(1)
	s.mu.Lock()
	if s.firstErr == "" {
		s.firstErr = msg
	}
	s.mu.Unlock()
}
