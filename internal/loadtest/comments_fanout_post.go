package loadtest

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// fanoutPoster is the one reader who comments while the others listen.
type fanoutPoster struct {
	api   commentsAPI
	token string
	slug  string
	gen   *TextGen
}

// fanoutPost is one posted comment: when its 201 came, how long the POST
// took, and why it does not count when it failed or was not published.
type fanoutPost struct {
	Posted
	took time.Duration
	err  error
}

// post posts one comment; only a published one is streamed, so anything
// else is an error here.
func (p fanoutPoster) post(ctx context.Context) (fanoutPost, error) {
	t0 := time.Now()
	res, err := p.api.post(ctx, p.token, p.slug, p.gen.Comment(), "")
	t1 := time.Now()
	q := fanoutPost{Posted: Posted{ID: res.ID, Seq: res.Seq, Ack: t1}, took: t1.Sub(t0)}
	switch {
	case err != nil:
		q.err = err
	case res.Status != http.StatusCreated:
		q.err = fmt.Errorf("status %d: %s", res.Status, res.Error)
	case res.State != "published":
		q.err = fmt.Errorf("comment %s was %s, not published", res.ID, res.State)
	}
	return q, q.err
}

// postEvery posts n comments, one per interval (or back to back when a
// POST takes longer than that).
func (p fanoutPoster) postEvery(ctx context.Context, n int, interval time.Duration) []fanoutPost {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	out := make([]fanoutPost, 0, n)
	for i := range n {
		if i > 0 {
			select {
			case <-tick.C:
			case <-ctx.Done():
				return out
			}
		}
		q, _ := p.post(ctx)
		out = append(out, q)
	}
	return out
}

// seqs fills in the stream sequence number of posts whose 201 did not carry
// one: from the events subscriber 0 decoded, else from the comment list.
func (a commentsAPI) seqs(ctx context.Context, slug string, posts []fanoutPost, ids map[int64]string) []fanoutPost {
	bySeq := make(map[string]int64, len(ids))
	for seq, id := range ids {
		bySeq[id] = seq
	}
	missing := false
	for i := range posts {
		if posts[i].err == nil && posts[i].Seq == 0 {
			posts[i].Seq = bySeq[posts[i].ID]
			missing = missing || posts[i].Seq == 0
		}
	}
	if !missing {
		return posts
	}
	l, err := a.list(ctx, slug, "newest", 200)
	if err != nil {
		return posts
	}
	for _, c := range l.Comments {
		bySeq[c.ID] = c.Seq
	}
	for i := range posts {
		if posts[i].err == nil && posts[i].Seq == 0 {
			posts[i].Seq = bySeq[posts[i].ID]
		}
	}
	return posts
}

// fill works out the figures from the subscribers' receipts.
// posts[0] is the probe, posted before the measured comments.
func (f *FanoutFigures) fill(st FleetStats, posts []fanoutPost, bound time.Duration) {
	f.Ended, f.Pings, f.Mismatches = st.Ended, st.Pings, st.Mismatch
	if f.FirstFailure == "" {
		f.FirstFailure = st.FirstFail
	}
	var measured []Posted
	var took []time.Duration
	for _, q := range posts[1:] {
		took = append(took, q.took)
		switch {
		case q.err != nil:
			f.PostErrors++
			if f.FirstPostError == "" {
				f.FirstPostError = q.err.Error()
			}
		case q.Seq == 0:
			f.PostErrors++
			if f.FirstPostError == "" {
				f.FirstPostError = fmt.Sprintf("no stream sequence number found for comment %s", q.ID)
			}
		default:
			measured = append(measured, q.Posted)
		}
	}
	f.Published = len(measured)
	slices.Sort(took)
	f.PostP50MS, f.PostMaxMS = millis(Percentile(took, 0.5)), millis(Percentile(took, 1))
	f.Delivery = SummarizeDeliveries(measured, st.Receipts, bound)
	if probe := posts[0]; probe.Seq != 0 {
		f.ProbeReached = SummarizeDeliveries([]Posted{probe.Posted}, st.Receipts, time.Hour).Delivered
	}
}

// splitLines splits text into lines.
func splitLines(s string) []string { return strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") }

// containsFold reports whether s contains sub, ignoring case.
func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}
