// Command gen builds the embedded language profiles from the shared data
// (UDHR translations plus the Tatoeba sentences outside the held-out
// fifth) and measures them. Everything it does is deterministic.
//
//	go run ./internal/moderation/language/gen -data ../shared/data/moderation -out internal/moderation/language/profiles.bin.gz
//	go run ./internal/moderation/language/gen -data ../shared/data/moderation -eval   # the embedded profiles on the held-out fifth and testset.csv
//	go run ./internal/moderation/language/gen -data ../shared/data/moderation -cv     # five-fold cross-validation of the training recipe
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"

	"tribune/internal/moderation/language"
	"tribune/internal/moderation/language/internal/corpus"
)

func main() {
	data := flag.String("data", "../shared/data/moderation", "moderation data folder")
	out := flag.String("out", "profiles.bin.gz", "profile file to write")
	var opts language.TrainOptions
	flag.IntVar(&opts.MinCount, "min", language.DefaultMinCount, "uses an n-gram or word needs in a language to be kept")
	flag.Float64Var(&opts.Smoothing, "smooth", language.DefaultSmoothing, "count added to every character and word")
	eval := flag.Bool("eval", false, "measure the embedded profiles instead of training")
	cv := flag.Bool("cv", false, "cross-validate the training recipe on Tatoeba instead of training")
	flag.Parse()
	opts.Sites = corpus.Sites()
	var err error
	switch {
	case *eval:
		err = evaluate(*data)
	case *cv:
		err = crossValidate(*data, opts)
	default:
		err = train(*data, *out, opts)
	}
	if err != nil {
		slog.Error("language gen", "err", err)
		os.Exit(1)
	}
}

// train writes profiles learnt from the UDHR and the Tatoeba sentences
// outside the held-out fifth.
func train(data, out string, opts language.TrainOptions) error {
	samples, err := corpus.Samples(data, func(s corpus.Sentence) bool { return !corpus.HeldOut(s.ID) })
	if err != nil {
		return err
	}
	b, err := language.Train(samples, opts)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return fmt.Errorf("write profiles: %w", err)
	}
	fmt.Printf("%d languages (%d site languages), %d bytes written to %s\n", len(samples), len(opts.Sites), len(b), out)
	return nil
}
