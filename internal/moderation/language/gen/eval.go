package main

import (
	"context"
	"fmt"
	"slices"

	"tribune/internal/moderation"
	"tribune/internal/moderation/language"
	"tribune/internal/moderation/language/internal/corpus"
)

// evaluate measures the embedded profiles on the held-out fifth of the
// Tatoeba files and on testset.csv: identification accuracy, and how often
// the language rule fires on a site in the sentence's own language (a
// false positive) or in another Tatoeba language (a catch).
func evaluate(data string) error {
	d, err := language.New(language.Options{})
	if err != nil {
		return err
	}
	sents, err := corpus.Tatoeba(data)
	if err != nil {
		return err
	}
	var held []corpus.Sentence
	for _, s := range sents {
		if corpus.HeldOut(s.ID) {
			held = append(held, s)
		}
	}
	test, err := corpus.TestSet(data)
	if err != nil {
		return err
	}
	fmt.Printf("site languages: %v\n\n", d.Languages())
	fmt.Println("held-out fifth of the Tatoeba files:")
	measure(d, held)
	fmt.Println("\ntestset.csv (sentences the Tatoeba files do not hold):")
	measure(d, test)
	return nil
}

// crossValidate trains on four fifths of the Tatoeba files (plus the UDHR)
// and measures on the fifth left out, for each fifth in turn.
func crossValidate(data string, opts language.TrainOptions) error {
	sents, err := corpus.Tatoeba(data)
	if err != nil {
		return err
	}
	r := corpus.NewReport()
	for f := range corpus.Folds {
		samples, err := corpus.Samples(data, func(s corpus.Sentence) bool { return corpus.Fold(s.ID) != f })
		if err != nil {
			return err
		}
		b, err := language.Train(samples, opts)
		if err != nil {
			return err
		}
		d, err := language.New(language.Options{Profiles: b})
		if err != nil {
			return err
		}
		for _, s := range sents {
			if corpus.Fold(s.ID) == f {
				got, conf := d.Identify(s.Text)
				r.Add(corpus.Code(s.ISO3), got, conf, s.Text)
			}
		}
	}
	fmt.Printf("%d-fold cross-validation on the Tatoeba files:\n%s", corpus.Folds, r)
	return nil
}

// measure prints the identification report of d on sents and how often
// the language rule fires on sites in the Tatoeba languages.
func measure(d *language.Detector, sents []corpus.Sentence) {
	r := corpus.NewReport()
	sites := d.Languages()
	var flagged, other, caught int
	ctx := context.Background()
	for _, s := range sents {
		want := corpus.Code(s.ISO3)
		got, conf := d.Identify(s.Text)
		r.Add(want, got, conf, s.Text)
		if len(d.Detect(ctx, moderation.Input{Text: s.Text, Lang: want})) > 0 {
			flagged++
		}
		for _, iso := range corpus.TatoebaLangs {
			if code := corpus.Code(iso); code != want && slices.Contains(sites, code) {
				other++
				if len(d.Detect(ctx, moderation.Input{Text: s.Text, Lang: code})) > 0 {
					caught++
				}
			}
		}
	}
	fmt.Print(r.String())
	fmt.Printf("rule fired on own-language site: %d of %d (%.4f)\n", flagged, len(sents), float64(flagged)/float64(len(sents)))
	fmt.Printf("rule fired on other-language site: %d of %d (%.4f; short sentences are exempt)\n", caught, other, float64(caught)/float64(other))
}
