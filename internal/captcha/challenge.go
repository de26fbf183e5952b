package captcha

import (
	"crypto/rand"
	"fmt"
)

// Alphabet is the characters an image may show: capitals and digits
// without the pairs people mix up, in print or once distorted (0/O/Q/D,
// 1/I/l, 2/Z, 5/S, 8/B, 6/G, U/V).
const Alphabet = "ACDEFHJKLMNPRTUWXY34679"

// answerLen is how many characters an image shows: 23^6 ≈ 1.5e8 answers.
const answerLen = 6

// Challenge is what a form renders: Token goes in the hidden field
// captcha_token, ImageURL in the <img>, and Seed and Difficulty in the
// widget's data-seed and data-difficulty attributes for the proof of work.
type Challenge struct {
	Token      string
	Seed       string
	Difficulty int
	// ImageURL is "/captcha/" + Token + ".png", the path the site routes to
	// ServeImage.
	ImageURL string
}

// New makes a fresh challenge. Nothing is stored: everything needed to
// check it later is sealed inside the token.
func (c *Captcha) New() (Challenge, error) {
	p := payload{
		expires:    c.now().Add(c.ttl),
		difficulty: c.difficulty,
	}
	rand.Read(p.id[:]) // never fails on supported platforms
	rand.Read(p.seed[:])
	answer, err := randomAnswer()
	if err != nil {
		return Challenge{}, err
	}
	p.answer = answer
	tok := c.seal(p)
	return Challenge{Token: tok, Seed: p.seedString(), Difficulty: p.difficulty, ImageURL: "/captcha/" + tok + ".png"}, nil
}

// randomAnswer picks answerLen characters of Alphabet uniformly, drawing
// bytes again where a plain modulo would favour the first characters.
func randomAnswer() (string, error) {
	const limit = 256 - 256%len(Alphabet)
	out := make([]byte, 0, answerLen)
	buf := make([]byte, 2*answerLen)
	for tries := 0; len(out) < answerLen; tries++ {
		if tries == 100 {
			return "", fmt.Errorf("captcha: random source keeps failing")
		}
		rand.Read(buf)
		for _, b := range buf {
			if int(b) < limit && len(out) < answerLen {
				out = append(out, Alphabet[int(b)%len(Alphabet)])
			}
		}
	}
	return string(out), nil
}
