package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"tribune/internal/moderation"
	"tribune/internal/moderation/classify"
	"tribune/internal/moderation/eval"
)

const moderationUsage = `Usage:
  tribune moderation train [--data DIR] [--out DIR] [--labels FILE]...   train the classifiers on the shared data (and the site's own labels)
  tribune moderation eval --data FILE.jsonl           measure the engine on labelled comments
  tribune moderation export-labels [--since WHEN] [--until WHEN]   moderators' decisions as labelled JSON Lines
  tribune moderation export-dsa [--format csv|json] [--since WHEN] [--until WHEN]   DSA statements of reasons
  tribune moderation transparency [--since WHEN] [--until WHEN]    transparency report and quality figures
`

func runModeration(ctx context.Context, sio IO, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(sio.Stderr, moderationUsage)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	sub, args := args[0], args[1:]
	switch sub {
	case "export-labels", "export-dsa", "transparency":
		return runModerationExport(ctx, sio, sub, args)
	}
	fs, finish := newFlags(sio, "moderation "+sub, "moderation "+sub+" [flags]")
	data := fs.String("data", "", "train: the moderation data folder (default ../shared/data/moderation); eval: labelled JSON Lines")
	out := fs.String("out", "internal/moderation/classify/weights", "train: where the weights files go")
	lang := fs.String("lang", "", "eval: the site's language (default --language)")
	var labels []string
	fs.Func("labels", "train: labelled JSON Lines to add (export-labels output; repeatable)", func(v string) error {
		labels = append(labels, v)
		return nil
	})
	cfg, err := parse(fs, finish, args)
	if err != nil {
		return err
	}
	switch sub {
	case "train":
		dir := *data
		if dir == "" {
			dir = filepath.Join("..", "shared", "data", "moderation")
		}
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return err
		}
		tc := classify.DefaultTrainConfig()
		for _, path := range labels {
			extra, err := readLabels(path)
			if err != nil {
				return err
			}
			tc.Extra = append(tc.Extra, extra...)
		}
		if len(labels) > 0 {
			fmt.Fprintf(sio.Stdout, "%d labelled examples added from %d file(s) (source \"site\" below)\n", len(tc.Extra), len(labels))
		}
		rep, err := classify.TrainAllConfig(dir, *out, tc)
		if err != nil {
			return err
		}
		fmt.Fprint(sio.Stdout, rep.String())
		fmt.Fprintf(sio.Stdout, "weights written to %s; rebuild tribune to embed them\n", *out)
		return nil
	case "eval":
		if *data == "" {
			return errors.New("--data FILE.jsonl is required")
		}
		f, err := os.Open(*data)
		if err != nil {
			return err
		}
		defer f.Close()
		examples, err := eval.Read(f)
		if err != nil {
			return fmt.Errorf("%s: %w", *data, err)
		}
		p, err := loadRules(cfg)
		if err != nil {
			return err
		}
		if *lang == "" {
			*lang = cfg.Language
		}
		e, err := newEngine(p, cfg, newLogger(cfg, sio.Stderr))
		if err != nil {
			return err
		}
		judged := make([]eval.Judgement, len(examples))
		for i, ex := range examples {
			r := e.Evaluate(ctx, moderation.Input{Text: ex.Text, Lang: *lang})
			j := eval.Judgement{Fired: map[string]bool{}, Scores: map[string]float64{}}
			for _, rule := range r.Rules {
				j.Fired[rule] = true
			}
			for _, k := range []string{"insult", "hate", "spam", "profanity"} {
				if v, ok := r.Scores[k]; ok {
					j.Scores[k] = v
				}
			}
			judged[i] = j
		}
		fmt.Fprintf(sio.Stdout, "%d examples, policy %s\n", len(examples), p.Version)
		eval.Format(sio.Stdout, eval.Measure(examples, judged))
		return nil
	}
	fmt.Fprint(sio.Stderr, moderationUsage)
	return errUsage
}

// labelModels maps the rules of labelled examples to the classifier that
// learns them.
var labelModels = map[string]string{"insult": classify.Insult, "trolling": classify.Insult, "hate": classify.Hate, "spam": classify.Spam}

// readLabels reads labelled JSON Lines (the eval format) as extra training
// examples for the classifiers whose rules they label.
func readLabels(path string) ([]classify.Labelled, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	examples, err := eval.Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []classify.Labelled
	for _, ex := range examples {
		seen := map[string]bool{}
		for rule, y := range ex.Labels {
			m, ok := labelModels[rule]
			if !ok || seen[m] {
				continue
			}
			seen[m] = true
			out = append(out, classify.Labelled{Model: m, Text: ex.Text, Label: y != 0})
		}
	}
	return out, nil
}
