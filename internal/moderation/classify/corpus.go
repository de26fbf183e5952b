package classify

import (
	"fmt"
	"math/rand/v2"
)

// split is one part (train, calibration or test) of a model's data, each
// row tagged with its source so results can be reported per dataset.
type split struct {
	texts  []string
	labels []bool
	source []string
	fold   []int // cross-fitting fold of each row (train only)
}

func (s *split) add(source, text string, y bool) { s.addFold(source, text, y, 0) }

func (s *split) addFold(source, text string, y bool, fold int) {
	s.texts = append(s.texts, text)
	s.labels = append(s.labels, y)
	s.source = append(s.source, source)
	s.fold = append(s.fold, fold)
}

// corpus is a model's data: train fits the weights, cal fits the Platt
// scaling and picks the threshold, test is only ever measured. With
// folds > 1 there is no cal: the Platt scaling and the threshold are fitted
// on out-of-fold scores of train (each fold scored by a model fitted on
// the others), and the shipped model is then fitted on all of train.
type corpus struct {
	train, cal, test split
	folds            int
}

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

// spamVideos are the YouTube Spam Collection's videos, in file order.
var spamVideos = []string{"Youtube01-Psy", "Youtube02-KatyPerry", "Youtube03-LMFAO", "Youtube04-Eminem", "Youtube05-Shakira"}

// spamTestVideo is the video the shipped spam model never sees.
const spamTestVideo = "Youtube05-Shakira"

// spamCorpus: SMS spam vs ham (80/20, duplicates kept in one part) plus
// YouTube comments split by video, so the test measures spam on a video
// never seen in training. The Platt scaling and the threshold are
// cross-fitted: each of the other videos is one fold, with a quarter of
// the SMS training rows, so they too are chosen on a video the scoring
// model never saw.
func spamCorpus(dataDir string, seed uint64, testVideo string) (corpus, error) {
	c := corpus{folds: len(spamVideos) - 1}
	sms, err := loadSMS(dataDir)
	if err != nil {
		return c, err
	}
	sp := newParter(len(sms), seed)
	first := make(map[string]int, len(sms))
	for i, r := range sms {
		key := Normalize(r.Text)
		j, seen := first[key]
		if !seen {
			j = i
			first[key] = i
		}
		if s := sp.of(&c, j); s == &c.test {
			c.test.add("sms", r.Text, r.Spam)
			continue
		}
		c.train.addFold("sms", r.Text, r.Spam, sp.perm[j]%c.folds)
	}
	yt, err := loadYouTube(dataDir)
	if err != nil {
		return c, err
	}
	fold := map[string]int{}
	for _, v := range spamVideos {
		if v != testVideo {
			fold[v] = len(fold)
		}
	}
	for _, r := range yt {
		if r.Video == testVideo {
			c.test.add("youtube", r.Text, r.Spam)
			continue
		}
		f, ok := fold[r.Video]
		if !ok {
			return c, fmt.Errorf("spam: unknown video %s", r.Video)
		}
		c.train.addFold("youtube", r.Text, r.Spam, f)
	}
	return c, nil
}
