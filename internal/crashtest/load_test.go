package crashtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"syscall"
)

// ack is a comment the server answered 201 for: from then on it must be
// there after any crash.
type ack struct {
	id     string
	slug   string
	text   string
	status string // published, held or rejected, as the 201 said
	token  string // the author's, which may read the comment even when held
	round  int
	// inFlight marks a comment whose POST got no answer (the kill came
	// first) but which a later check found committed.
	inFlight bool
}

// round is what one burst of load saw, up to and including the kill.
type round struct {
	number int
	acks   atomic.Int64
	first  chan struct{} // closed at the first acknowledgement
	enough chan struct{} // closed once enoughAcks have been acknowledged
	once   [2]sync.Once

	mu         sync.Mutex
	acked      []ack
	unknown    []ack          // sent, but no complete 201: in flight at the kill
	refused    int            // of unknown: the connection was refused, so never delivered
	unexpected map[string]int // other answers, "STATUS: BODY", with how often
}

func newRound(number int) *round {
	return &round{number: number, first: make(chan struct{}), enough: make(chan struct{}), unexpected: map[string]int{}}
}

// poster is one reader posting comments on one article as fast as the
// server answers.
type poster struct {
	id     int
	token  string
	slug   string
	base   string
	client *http.Client
}

// run posts until a request fails at the transport level, which is what
// the kill does to every poster: those in the middle of a request lose
// the answer, the others find the port closed.
func (p poster) run(ctx context.Context, r *round) {
	for seq := 0; ; seq++ {
		c := ack{slug: p.slug, text: commentText(r.number, p.id, seq), token: p.token, round: r.number}
		status, body, err := p.post(ctx, c.text)
		if err != nil {
			r.record(c, err)
			return
		}
		var reply struct {
			ID     string `json:"id"`
			Status string `json:"status"`
		}
		switch {
		case status != http.StatusCreated:
			// Keep the load on: a poster that gave up would only hide
			// how often this happens.
			r.record(c, &answerError{fmt.Sprintf("%d: %s", status, bytes.TrimSpace(body))})
		case json.Unmarshal(body, &reply) != nil || reply.ID == "":
			r.record(c, &answerError{fmt.Sprintf("201 without an id: %s", bytes.TrimSpace(body))})
		default:
			c.id, c.status = reply.ID, reply.Status
			r.record(c, nil)
		}
	}
}

// post sends one comment and reads the whole answer.
func (p poster) post(ctx context.Context, text string) (int, []byte, error) {
	payload, _ := json.Marshal(map[string]string{"text": text})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.base+"/api/v1/articles/"+p.slug+"/comments", bytes.NewReader(payload))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+p.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := p.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	// A body cut off by the kill is a transport error like any other:
	// the comment's fate is unknown.
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, body, err
}

// record files the outcome of one POST: err is nil for a 201 with an id,
// an *answerError for any other answer, and a transport error when the
// connection failed or was cut. Both kinds of error leave the comment's
// fate unknown: a transport error at the kill may have come after the
// commit, and a comment committed before a 500 must not be taken for a
// phantom.
func (r *round) record(c ack, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err == nil {
		r.acked = append(r.acked, c)
		n := r.acks.Add(1)
		r.once[0].Do(func() { close(r.first) })
		if n >= enoughAcks {
			r.once[1].Do(func() { close(r.enough) })
		}
		return
	}
	r.unknown = append(r.unknown, c)
	var answer *answerError
	switch {
	case errors.As(err, &answer):
		r.unexpected[answer.msg]++
	case errors.Is(err, syscall.ECONNREFUSED):
		r.refused++
	}
}

// answerError is an answer from the server other than a 201 with an id.
type answerError struct{ msg string }

func (e *answerError) Error() string { return e.msg }

// phrases vary the comments' wording, so that no spam or duplicate rule
// has a reason to hold them: the test is about durability, not moderation.
var phrases = [...]string{
	"the figures on the new timetable match what the council published last spring.",
	"my neighbours and I went to the hearing and the report is a fair summary.",
	"good to see the follow-up questions answered in the second half of the piece.",
	"the map in the middle of the article made the route much easier to follow.",
	"I would like to read more about how the costs were estimated.",
	"this is the clearest account of the decision I have found so far.",
	"the quote from the engineer explains the delay better than the press release did.",
	"we will see whether the promised dates hold once the work actually starts.",
}

// commentText is unique per round, poster and sequence number, so that a
// comment found after a restart can be traced to the request that sent it.
func commentText(round, poster, seq int) string {
	return fmt.Sprintf("Round %d, reader %d, note %d: %s", round, poster, seq, phrases[(poster+seq)%len(phrases)])
}
