// Command train rebuilds the embedded classifier weights from the shared
// moderation data and prints held-out figures (for spam also each YouTube
// video held out in turn; -at 0.8 adds the figures at a policy threshold):
//
//	go run ./internal/moderation/classify/cmd/train \
//	    -data ../shared/data/moderation -out internal/moderation/classify/weights
//
// Training is deterministic: the same data and flags give the same files.
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
	flag.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "split and shuffle seed")
	flag.BoolVar(&cfg.HateOLIDGroups, "hate-olid-groups", cfg.HateOLIDGroups, "add OLID TIN+GRP to hate positives")
	flag.BoolVar(&cfg.HeldOutVideos, "held-out-videos", cfg.HeldOutVideos, "also hold out each YouTube video in turn and report the spam model on it")
	flag.Float64Var(&cfg.ReportAt, "at", cfg.ReportAt, "also report precision, recall and F1 at this probability (e.g. a policy threshold)")
	for _, m := range []struct {
		name string
		fc   *classify.FitConfig
	}{{classify.Insult, &cfg.Insult}, {classify.Hate, &cfg.Hate}, {classify.Spam, &cfg.Spam}} {
		flag.IntVar(&m.fc.Epochs, m.name+"-epochs", m.fc.Epochs, m.name+": passes over the training data")
		flag.Float64Var(&m.fc.Rate, m.name+"-rate", m.fc.Rate, m.name+": AdaGrad learning rate")
		flag.Float64Var(&m.fc.L2, m.name+"-l2", m.fc.L2, m.name+": L2 penalty per update of a feature")
		flag.Float64Var(&m.fc.Decay, m.name+"-decay", m.fc.Decay, m.name+": share of every weight taken away before each pass")
		flag.BoolVar(&m.fc.BalanceSources, m.name+"-balance-sources", m.fc.BalanceSources, m.name+": weight every source's classes equally")
	}
	flag.Parse()
	rep, err := classify.TrainAllConfig(*data, *out, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
	fmt.Print(rep)
}
