package classify

import (
	"math/rand/v2"
)

// split is one part (train, calibration or test) of a model's data, each
// row tagged with its source so results can be reported per dataset.
type split struct {
	texts  []string
	labels []bool
	source []string
}

func (s *split) add(source, text string, y bool) {
	s.texts = append(s.texts, text)
	s.labels = append(s.labels, y)
	s.source = append(s.source, source)
}

// corpus is a model's data: train fits the weights, cal fits the Platt
// scaling and picks the threshold, test is only ever measured.
type corpus struct{ train, cal, test split }

// part says which split row i of n goes to: a fixed-seed permutation puts
// 70% in train, 10% in cal and 20% in test.
type parter struct{ perm []int }

func newParter(n int, seed uint64) parter {
	return parter{perm: rand.New(rand.NewPCG(seed, 0xda7a)).Perm(n)}
}

func (p parter) of(c *corpus, i int) *split {
	r := p.perm[i] * 10 / len(p.perm)
	switch {
	case r < 7:
		return &c.train
	case r < 8:
		return &c.cal
	}
	return &c.test
}

// insultCorpus: OLID OFF vs NOT (OLID's own test split is the test;
// 15% of its training file calibrates) plus Davidson offensive or hate vs
// neither (70/10/20). Both sets call casual profanity offensive, so this
// model scores toxicity in general; the profanity rule has its own lexicon.
func insultCorpus(dataDir string, seed uint64) (corpus, error) {
	var c corpus
	olid, err := loadOLIDTrain(dataDir)
	if err != nil {
		return c, err
	}
	perm := newParter(len(olid), seed)
	for i, r := range olid {
		s := &c.train
		if perm.perm[i]*100/len(olid) < 15 {
			s = &c.cal
		}
		s.add("olid", r.Text, r.A == "OFF")
	}
	olidTest, err := loadOLIDTest(dataDir)
	if err != nil {
		return c, err
	}
	for _, r := range olidTest {
		c.test.add("olid", r.Text, r.A == "OFF")
	}
	dav, err := loadDavidson(dataDir)
	if err != nil {
		return c, err
	}
	dp := newParter(len(dav), seed)
	for i, r := range dav {
		dp.of(&c, i).add("davidson", r.Text, r.Class != 2)
	}
	return c, nil
}

// hateCorpus: Davidson hate speech vs offensive and neither, with the same
// Davidson split as insultCorpus, so no test tweet of one model trained
// the other. With olidGroups, OLID's targeted insults at groups (TIN+GRP)
// join the training positives and its other tweets the negatives.
func hateCorpus(dataDir string, seed uint64, olidGroups bool) (corpus, error) {
	var c corpus
	dav, err := loadDavidson(dataDir)
	if err != nil {
		return c, err
	}
	dp := newParter(len(dav), seed)
	for i, r := range dav {
		dp.of(&c, i).add("davidson", r.Text, r.Class == 0)
	}
	if !olidGroups {
		return c, nil
	}
	olid, err := loadOLIDTrain(dataDir)
	if err != nil {
		return c, err
	}
	for _, r := range olid {
		c.train.add("olid", r.Text, r.B == "TIN" && r.C == "GRP")
	}
	return c, nil
}

// spamCorpus: SMS spam vs ham (70/10/20) plus YouTube comments split by
// video, so the test measures spam on a video never seen in training.
func spamCorpus(dataDir string, seed uint64) (corpus, error) {
	var c corpus
	sms, err := loadSMS(dataDir)
	if err != nil {
		return c, err
	}
	sp := newParter(len(sms), seed)
	for i, r := range sms {
		sp.of(&c, i).add("sms", r.Text, r.Spam)
	}
	yt, err := loadYouTube(dataDir)
	if err != nil {
		return c, err
	}
	for _, r := range yt {
		switch r.Video {
		case "Youtube04-Eminem":
			c.cal.add("youtube", r.Text, r.Spam)
		case "Youtube05-Shakira":
			c.test.add("youtube", r.Text, r.Spam)
		default:
			c.train.add("youtube", r.Text, r.Spam)
		}
	}
	return c, nil
}
