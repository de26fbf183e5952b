// Command gen builds the embedded language profiles from the shared data
// (Tatoeba training sentences plus UDHR translations) and, with -eval,
// measures the embedded profiles on the held-out Tatoeba sentences.
//
//	go run ./internal/moderation/language/gen -data ../shared/data/moderation -out internal/moderation/language/profiles.bin.gz
//	go run ./internal/moderation/language/gen -data ../shared/data/moderation -eval
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"

	"tribune/internal/moderation"
	"tribune/internal/moderation/language"
	"tribune/internal/moderation/language/internal/corpus"
)

func main() {
	data := flag.String("data", "../shared/data/moderation", "moderation data folder")
	out := flag.String("out", "profiles.bin.gz", "profile file to write")
	topK := flag.Int("top", 8000, "n-grams kept per language")
	eval := flag.Bool("eval", false, "evaluate the embedded profiles instead of training")
	flag.Parse()
	var err error
	if *eval {
		err = evaluate(*data)
	} else {
		err = train(*data, *out, *topK)
	}
	if err != nil {
		slog.Error("language gen", "err", err)
		os.Exit(1)
	}
}

func train(data, out string, topK int) error {
	byISO := map[string]string{}
	samples := map[string][]string{}
	for _, l := range corpus.Languages {
		byISO[l.ISO3] = l.Code
		for _, name := range l.UDHR {
			iso, paras, err := corpus.UDHR(data, name)
			if err != nil {
				return err
			}
			if iso != l.ISO3 {
				return fmt.Errorf("udhr %s is %s, want %s", name, iso, l.ISO3)
			}
			samples[l.Code] = append(samples[l.Code], paras...)
		}
	}
	sents, err := corpus.Tatoeba(data)
	if err != nil {
		return err
	}
	for _, s := range sents {
		if code, ok := byISO[s.ISO3]; ok && !corpus.HeldOut(s.ID) {
			samples[code] = append(samples[code], s.Text)
		}
	}
	b, err := language.Train(samples, topK)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return fmt.Errorf("write profiles: %w", err)
	}
	fmt.Printf("%d languages, %d bytes written to %s\n", len(samples), len(b), out)
	return nil
}

func evaluate(data string) error {
	d, err := language.New(language.Options{})
	if err != nil {
		return err
	}
	byISO := map[string]string{}
	for _, l := range corpus.Languages {
		byISO[l.ISO3] = l.Code
	}
	sents, err := corpus.Tatoeba(data)
	if err != nil {
		return err
	}
	r := corpus.NewReport()
	// flagged counts held-out sentences the detector would report on a
	// site of their own language (false positives of the rule); caught
	// counts those it reports on a site in another Tatoeba language.
	var n, flagged, other, caught int
	ctx := context.Background()
	for _, s := range sents {
		if !corpus.HeldOut(s.ID) {
			continue
		}
		want := byISO[s.ISO3]
		got, _ := d.Identify(s.Text)
		r.Add(want, got, s.Text)
		n++
		if len(d.Detect(ctx, moderation.Input{Text: s.Text, Lang: want})) > 0 {
			flagged++
		}
		for _, iso := range corpus.TatoebaLangs {
			if code := byISO[iso]; code != want {
				other++
				if len(d.Detect(ctx, moderation.Input{Text: s.Text, Lang: code})) > 0 {
					caught++
				}
			}
		}
	}
	fmt.Print(r.String())
	fmt.Printf("rule fired on own-language site: %d of %d (%.4f)\n", flagged, n, float64(flagged)/float64(n))
	fmt.Printf("rule fired on other-language site: %d of %d (%.4f; short sentences are exempt)\n", caught, other, float64(caught)/float64(other))
	return nil
}
