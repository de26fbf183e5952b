package classify

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// synthetic builds a tiny separable dataset: positives mention "awful".
func synthetic(n int) ([]string, []bool) {
	words := []string{"river", "budget", "train", "school", "garden", "music", "weather", "vote"}
	var texts []string
	var labels []bool
	for i := range n {
		t := fmt.Sprintf("the %s and the %s today", words[i%len(words)], words[(i*3+1)%len(words)])
		pos := i%3 == 0
		if pos {
			t += " you awful clown"
		}
		texts = append(texts, t)
		labels = append(labels, pos)
	}
	return texts, labels
}

func TestFitDeterministic(t *testing.T) {
	cfg := FitConfig{Epochs: 3, Rate: 0.2, L2: 1e-5, Decay: 0.01, BalanceSources: true}
	const bits, seed = 12, 7
	texts, labels := synthetic(120)
	w1, b1 := fit(featurize(texts, labels, bits), cfg, bits, seed)
	w2, b2 := fit(featurize(texts, labels, bits), cfg, bits, seed)
	if b1 != b2 {
		t.Errorf("fit bias = %v then %v, want equal", b1, b2)
	}
	for i := range w1 {
		if w1[i] != w2[i] {
			t.Fatalf("fit weight %d = %v then %v, want equal", i, w1[i], w2[i])
		}
	}
	scale, q := quantize(w1)
	m := &Model{Name: "t", Bits: bits, Scale: scale, Q: q, Bias: b1, PlattA: -1}
	bad := appendFeatures(nil, Normalize("the vote you awful clown"), bits)
	good := appendFeatures(nil, Normalize("the vote and the river today"), bits)
	if m.margin(bad) <= m.margin(good) {
		t.Errorf("margin(positive) = %v, want above margin(negative) = %v", m.margin(bad), m.margin(good))
	}
}

func TestModelRoundTrip(t *testing.T) {
	w := make([]float32, 1<<10)
	for i := range w {
		if i%7 == 0 {
			w[i] = float32(math.Sin(float64(i))) * 3
		}
	}
	scale, q := quantize(w)
	m := &Model{Name: "insult", Bits: 10, Scale: scale, Q: q, Bias: -0.25, PlattA: -1.5, PlattB: 0.3, Threshold: 0.42}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatalf("WriteTo: %v", err)
	}
	first := append([]byte(nil), buf.Bytes()...)
	got, err := ReadModel(&buf)
	if err != nil {
		t.Fatalf("ReadModel: %v", err)
	}
	if got.Name != m.Name || got.Bits != m.Bits || got.Scale != m.Scale || got.Bias != m.Bias ||
		got.PlattA != m.PlattA || got.PlattB != m.PlattB || got.Threshold != m.Threshold {
		t.Errorf("ReadModel header = %+v, want %+v", *got, *m)
	}
	for i := range w {
		if got.Q[i] != q[i] {
			t.Fatalf("ReadModel Q[%d] = %d, want %d", i, got.Q[i], q[i])
		}
		if d := math.Abs(float64(got.Q[i])*float64(got.Scale) - float64(w[i])); d > float64(scale)/2+1e-6 {
			t.Errorf("dequantised w[%d] off by %v, want within %v", i, d, scale/2)
		}
	}
	var again bytes.Buffer
	if _, err := got.WriteTo(&again); err != nil || !bytes.Equal(again.Bytes(), first) {
		t.Errorf("WriteTo(ReadModel(x)) differs from x (err %v)", err)
	}
	if _, err := ReadModel(bytes.NewReader([]byte("not gzip"))); err == nil {
		t.Errorf("ReadModel(garbage) error = nil, want an error")
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hello, World!", "hello world"},
		{"Sooooo GOOOD", "soo good"},
		{"call 0800-123 456 now", "call _num_ _num_ _num_ now"},
		{"see https://x.example/a?b and www.foo.com", "see _url_ and _url_"},
		{"@someone you're ｆｕｌｌ", "you're full"},
		{"  ", ""},
		{"Call 09061701461 or text 87121", "call _longnum_ or text _longnum_"},
		{"WIN £1,000 cash or $5.50!", "win _money_ _num_ cash or _money_ _num_"},
		{"mail Jo.Bloggs@example.co.uk today", "mail _email_ today"},
		{`see <a href="http://adf.ly">here`, "see a href _url_"},
		{"go to Bit.ly/x1 or (example.com) or youtu.be/abc", "go to _url_ or _url_ or _url_"},
		{"reply.Be quick, prize.to claim 2.5 a.m.", "reply be quick prize to claim _num_ a m"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMetrics(t *testing.T) {
	ys := []float64{0, 0, 1, 1}
	tests := []struct {
		scores []float64
		want   float64
	}{
		{[]float64{0.1, 0.2, 0.8, 0.9}, 1},
		{[]float64{0.9, 0.8, 0.2, 0.1}, 0},
		{[]float64{0.5, 0.5, 0.5, 0.5}, 0.5},
	}
	for _, tt := range tests {
		if got := rocAUC(tt.scores, ys); got != tt.want {
			t.Errorf("rocAUC(%v) = %v, want %v", tt.scores, got, tt.want)
		}
	}
	if got := prfAt([]float64{0.1, 0.6, 0.8, 0.9}, ys, 0.7); got.F1 != 1 {
		t.Errorf("prfAt F1 = %v, want 1", got.F1)
	}
}

func TestPlattFit(t *testing.T) {
	var ms, ys []float64
	for i := range 200 {
		m := float64(i-100) / 20
		ms = append(ms, m)
		y := 0.0
		if (i*7919)%100 < i/2 { // positives grow more likely with m
			y = 1
		}
		ys = append(ys, y)
	}
	a, _ := plattFit(ms, ys)
	if a >= 0 {
		t.Errorf("plattFit slope A = %v, want negative (higher margin, higher p)", a)
	}
}

// TestTrainAll retrains on the shared data when TRIBUNE_MODERATION_DATA
// names it, writing to a temporary folder, and logs the report:
//
//	TRIBUNE_MODERATION_DATA=../shared/data/moderation go test ./internal/moderation/classify -run TestTrainAll -v
func TestTrainAll(t *testing.T) {
	dir := os.Getenv("TRIBUNE_MODERATION_DATA")
	if dir == "" {
		t.Skip("set TRIBUNE_MODERATION_DATA to the shared moderation data to train")
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join("..", "..", "..", dir) // relative to the module root
	}
	out := t.TempDir()
	rep, err := TrainAll(dir, out)
	if err != nil {
		t.Fatalf("TrainAll: %v", err)
	}
	t.Log("\n" + rep.String())
	for _, name := range modelNames {
		f, err := os.Open(filepath.Join(out, name+".bin"))
		if err != nil {
			t.Fatalf("open %s: %v", name, err)
		}
		if _, err := ReadModel(f); err != nil {
			t.Errorf("ReadModel(%s): %v", name, err)
		}
		f.Close()
	}
}
