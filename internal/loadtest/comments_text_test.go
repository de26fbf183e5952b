package loadtest

import (
	"strings"
	"testing"
	"unicode"
)

func TestTextGenComment(t *testing.T) {
	g := NewTextGen(1)
	seen := make(map[string]bool)
	for i := range 3000 {
		c := g.Comment()
		if n := len(c); n < minCommentLen || n > maxCommentLen {
			t.Errorf("Comment() #%d has %d characters, want %d to %d: %q", i, n, minCommentLen, maxCommentLen, c)
		}
		if !unicode.IsUpper(rune(c[0])) || !strings.ContainsAny(c[len(c)-1:], ".?") {
			t.Errorf("Comment() #%d = %q, want a capital first letter and a full stop or question mark last", i, c)
		}
		if strings.Contains(c, "{") || strings.Contains(c, "  ") {
			t.Errorf("Comment() #%d = %q, want every slot filled and single spaces", i, c)
		}
		for _, w := range strings.Fields(c) {
			if len(w) > 1 && strings.ToUpper(w) == w && strings.ToLower(w) != w {
				t.Errorf("Comment() #%d has the all-capitals word %q: %q", i, w, c)
			}
		}
		if seen[c] {
			t.Errorf("Comment() #%d repeats an earlier comment: %q", i, c)
		}
		seen[c] = true
	}
}

func TestTextGenDeterministic(t *testing.T) {
	a, b, other := NewTextGen(7), NewTextGen(7), NewTextGen(8)
	for i := range 50 {
		x, y, z := a.Comment(), b.Comment(), other.Comment()
		if x != y {
			t.Errorf("Comment() #%d with seed 7 = %q then %q, want the same text", i, x, y)
		}
		if x == z {
			t.Errorf("Comment() #%d with seeds 7 and 8 both = %q, want different texts", i, x)
		}
	}
}

func TestTextGenSlots(t *testing.T) {
	for _, tmpl := range commentTemplates {
		for rest := tmpl; ; {
			i := strings.IndexByte(rest, '{')
			if i < 0 {
				break
			}
			j := strings.IndexByte(rest, '}')
			if name := rest[i+1 : j]; len(commentSlots[name]) == 0 {
				t.Errorf("template %q uses the slot {%s}, which has no words", tmpl, name)
			}
			rest = rest[j+1:]
		}
	}
}
