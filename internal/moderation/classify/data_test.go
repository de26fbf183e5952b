package classify

import "testing"

func TestStripTags(t *testing.T) {
	tests := []struct{ in, want string }{
		{"line one<br />line two", "line one line two"},
		{`see <a href="http://adf.ly">http://adf.ly</a> now`, "see  http://adf.ly  now"},
		{"1 < 2 and 3 > 2", "1 < 2 and 3 > 2"},
		{"<3 you", "<3 you"},
		{"no tags", "no tags"},
	}
	for _, tt := range tests {
		if got := stripTags(tt.in); got != tt.want {
			t.Errorf("stripTags(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestClassWeights(t *testing.T) {
	// Source 0: 1 positive, 3 negatives; source 1: 2 and 2.
	xs := []example{{y: 1}, {y: 0}, {y: 0}, {y: 0}, {y: 1, group: 1}, {y: 1, group: 1}, {group: 1}, {group: 1}}
	if got := classWeights(xs, false); got != nil {
		t.Errorf("classWeights(bySource=false) = %v, want nil", got)
	}
	w := classWeights(xs, true)
	total := make([]float64, len(w))
	for _, x := range xs {
		total[2*x.group+int(x.y)] += w[2*x.group+int(x.y)]
	}
	for c, v := range total {
		if v != 2 {
			t.Errorf("classWeights cell %d totals %v, want 2 (every cell equal, sum = rows)", c, v)
		}
	}
}
