package relevance

import (
	_ "embed"
	"math"
	"strconv"
	"strings"
)

// dfTable holds how many of ~44,000 short public texts (tweets and SMS
// from the shared moderation data; see NOTICE) contain each content-word
// stem, for stems seen at least four times. Rebuild it with
//
//	go test ./internal/moderation/relevance -run TestGenerateDF -gendf "$PWD/../shared/data/moderation"
//
// after changing the stop words, synonyms or stemmer.
//
//go:embed df.txt
var dfTable string

// minIDFWeight keeps the most common words from counting for nothing.
const minIDFWeight = 0.1

// loadIDF turns the table into word weights: log((N+1)/(df+1)) scaled so
// that a word never seen in the table weighs 1. Everyday words ("night",
// "work", "money") weigh about 0.35–0.45, topical ones ("cycle",
// "traffic") about 0.7.
func loadIDF(table string) map[string]float64 {
	m := make(map[string]float64, 20000)
	n := 0.0
	for line := range strings.Lines(table) {
		line = strings.TrimSuffix(line, "\n")
		k, v, ok := strings.Cut(line, "\t")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		c, err := strconv.Atoi(v)
		if err != nil {
			continue
		}
		if k == "=docs" {
			n = float64(c)
			continue
		}
		m[k] = float64(c)
	}
	if n == 0 {
		return nil
	}
	top := math.Log(n + 1)
	for k, c := range m {
		m[k] = max(minIDFWeight, math.Log((n+1)/(c+1))/top)
	}
	return m
}
