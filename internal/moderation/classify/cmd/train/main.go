// Command train rebuilds the embedded classifier weights from the shared
// moderation data and prints held-out figures:
//
//	go run ./internal/moderation/classify/cmd/train \
//	    -data ../shared/data/moderation -out internal/moderation/classify/weights
package main

import (
	"flag"
	"fmt"
	"os"

	"tribune/internal/moderation/classify"
)

func main() {
	cfg := classify.DefaultTrainConfig()
	data := flag.String("data", "../shared/data/moderation", "shared moderation data directory")
	out := flag.String("out", "internal/moderation/classify/weights", "where to write <model>.bin")
	flag.UintVar(&cfg.Bits, "bits", cfg.Bits, "hash into 2^bits buckets")
	flag.IntVar(&cfg.Epochs, "epochs", cfg.Epochs, "passes over the training data")
	flag.Float64Var(&cfg.Rate, "rate", cfg.Rate, "AdaGrad learning rate")
	flag.Float64Var(&cfg.L2, "l2", cfg.L2, "L2 penalty")
	flag.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "split and shuffle seed")
	flag.BoolVar(&cfg.HateOLIDGroups, "hate-olid-groups", cfg.HateOLIDGroups, "add OLID TIN+GRP to hate positives")
	flag.Parse()
	rep, err := classify.TrainAllConfig(*data, *out, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
	fmt.Print(rep)
}
