// Package eval measures the moderation engine on labelled comments: per
// rule, the ROC-AUC of the rule's score and the precision, recall and F1 of
// the engine's decisions at the shipped thresholds. It backs `tribune
// moderation eval`, so a newsroom can check the engine on its own data.
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Example is one labelled line: {"text": ..., "labels": {"insult": 1, ...}}.
type Example struct {
	Text   string         `json:"text"`
	Labels map[string]int `json:"labels"`
}

// Judgement is what the engine said about one example.
type Judgement struct {
	// Fired are the rules the engine applied.
	Fired map[string]bool
	// Scores are continuous scores by rule, where a detector gives one.
	Scores map[string]float64
}

// Read parses JSON Lines of examples; bad lines are reported with their number.
func Read(r io.Reader) ([]Example, error) {
	var out []Example
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var e Example
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if len(e.Labels) == 0 {
			return nil, fmt.Errorf("line %d: no labels", n)
		}
		out = append(out, e)
	}
	return out, sc.Err()
}

// RuleResult is the measure of one rule.
type RuleResult struct {
	Rule                 string
	Positives, Negatives int
	// AUC is NaN-free: -1 when the rule has no continuous score or only one class.
	AUC       float64
	Precision float64
	Recall    float64
	F1        float64
}

// Measure compares judgements with labels for every labelled rule.
func Measure(examples []Example, judged []Judgement) []RuleResult {
	rules := map[string]bool{}
	for _, e := range examples {
		for r := range e.Labels {
			rules[r] = true
		}
	}
	names := make([]string, 0, len(rules))
	for r := range rules {
		names = append(names, r)
	}
	sort.Strings(names)
	var out []RuleResult
	for _, rule := range names {
		res := RuleResult{Rule: rule, AUC: -1}
		var tp, fp, fn int
		var scores, ys []float64
		hasScore := false
		for i, e := range examples {
			label, ok := e.Labels[rule]
			if !ok {
				continue
			}
			pos := label > 0
			if pos {
				res.Positives++
			} else {
				res.Negatives++
			}
			fired := judged[i].Fired[rule]
			switch {
			case fired && pos:
				tp++
			case fired && !pos:
				fp++
			case !fired && pos:
				fn++
			}
			s, ok := judged[i].Scores[rule]
			if ok {
				hasScore = true
			} else if fired {
				s = 1
			}
			scores = append(scores, s)
			y := 0.0
			if pos {
				y = 1
			}
			ys = append(ys, y)
		}
		if tp+fp > 0 {
			res.Precision = float64(tp) / float64(tp+fp)
		}
		if tp+fn > 0 {
			res.Recall = float64(tp) / float64(tp+fn)
		}
		if res.Precision+res.Recall > 0 {
			res.F1 = 2 * res.Precision * res.Recall / (res.Precision + res.Recall)
		}
		if hasScore && res.Positives > 0 && res.Negatives > 0 {
			res.AUC = AUC(scores, ys)
		}
		out = append(out, res)
	}
	return out
}

// AUC is the ROC-AUC of scores against 0/1 labels (ties count half).
func AUC(scores, ys []float64) float64 {
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return scores[idx[a]] < scores[idx[b]] })
	var pos, neg float64
	for _, y := range ys {
		if y > 0 {
			pos++
		} else {
			neg++
		}
	}
	// Sum of positive ranks, averaging ranks over ties.
	rankSum := 0.0
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && scores[idx[j]] == scores[idx[i]] {
			j++
		}
		avg := float64(i+j+1) / 2 // ranks i+1..j
		for k := i; k < j; k++ {
			if ys[idx[k]] > 0 {
				rankSum += avg
			}
		}
		i = j
	}
	return (rankSum - pos*(pos+1)/2) / (pos * neg)
}

// Format prints the results as a table.
func Format(w io.Writer, rs []RuleResult) {
	fmt.Fprintf(w, "%-18s %8s %8s %8s %9s %8s %8s\n", "rule", "pos", "neg", "ROC-AUC", "precision", "recall", "F1")
	for _, r := range rs {
		auc := "-"
		if r.AUC >= 0 {
			auc = fmt.Sprintf("%.4f", r.AUC)
		}
		fmt.Fprintf(w, "%-18s %8d %8d %8s %9.4f %8.4f %8.4f\n", r.Rule, r.Positives, r.Negatives, auc, r.Precision, r.Recall, r.F1)
	}
}
