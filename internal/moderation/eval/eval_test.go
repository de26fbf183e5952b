package eval

import (
	"math"
	"strings"
	"testing"
)

func TestAUC(t *testing.T) {
	tests := []struct {
		scores, ys []float64
		want       float64
	}{
		{[]float64{0.1, 0.2, 0.8, 0.9}, []float64{0, 0, 1, 1}, 1},
		{[]float64{0.9, 0.8, 0.2, 0.1}, []float64{0, 0, 1, 1}, 0},
		{[]float64{0.5, 0.5, 0.5, 0.5}, []float64{0, 1, 0, 1}, 0.5},
		{[]float64{0.1, 0.4, 0.35, 0.8}, []float64{0, 0, 1, 1}, 0.75},
	}
	for _, tt := range tests {
		if got := AUC(tt.scores, tt.ys); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("AUC(%v, %v) = %v, want %v", tt.scores, tt.ys, got, tt.want)
		}
	}
}

func TestMeasure(t *testing.T) {
	ex, err := Read(strings.NewReader(`{"text": "a", "labels": {"insult": 1}}
{"text": "b", "labels": {"insult": 0}}
{"text": "c", "labels": {"insult": 1, "spam": 0}}
{"text": "d", "labels": {"insult": 0}}`))
	if err != nil {
		t.Fatal(err)
	}
	judged := []Judgement{
		{Fired: map[string]bool{"insult": true}, Scores: map[string]float64{"insult": 0.9}},
		{Fired: map[string]bool{"insult": true}, Scores: map[string]float64{"insult": 0.7}},
		{Fired: map[string]bool{}, Scores: map[string]float64{"insult": 0.8}},
		{Fired: map[string]bool{}, Scores: map[string]float64{"insult": 0.1}},
	}
	rs := Measure(ex, judged)
	if len(rs) != 2 || rs[0].Rule != "insult" || rs[0].Precision != 0.5 || rs[0].Recall != 0.5 || rs[0].AUC != 1 {
		t.Errorf("Measure = %+v", rs)
	}
	if rs[1].Rule != "spam" || rs[1].AUC != -1 || rs[1].Negatives != 1 {
		t.Errorf("spam = %+v", rs[1])
	}
	if _, err := Read(strings.NewReader(`{"text": "x"}`)); err == nil {
		t.Error("a line without labels was accepted")
	}
}
