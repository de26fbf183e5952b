package corpus

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"
)

const dataDir = "../../../../../../shared/data/moderation"

func needData(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dataDir, "language-udhr")); err != nil {
		t.Skip("shared data not present")
	}
}

// TestSiteLanguages checks the rule Languages states: a site language has
// Tatoeba sentences or a script no other language's declaration uses.
func TestSiteLanguages(t *testing.T) {
	needData(t)
	script := scriptNamer()
	scripts := map[string]map[string]float64{} // language -> script -> share of its letters
	for _, l := range Languages {
		counts := map[string]int{}
		total := 0
		for _, name := range l.UDHR {
			_, paras, err := UDHR(dataDir, name)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range strings.Join(paras, " ") {
				if unicode.IsLetter(r) {
					counts[script(r)]++
					total++
				}
			}
		}
		scripts[l.Code] = map[string]float64{}
		for s, n := range counts {
			scripts[l.Code][s] = float64(n) / float64(total)
		}
	}
	for _, l := range Languages {
		if !l.Site || slices.Contains(TatoebaLangs, l.ISO3) {
			continue
		}
		main, share := "", 0.0
		for s, v := range scripts[l.Code] {
			if v > share {
				main, share = s, v
			}
		}
		for _, o := range Languages {
			if o.Code != l.Code && scripts[o.Code][main] > 0.01 {
				t.Errorf("site language %s writes %s, as %s does (%.3f of its letters)", l.Code, main, o.Code, scripts[o.Code][main])
			}
		}
	}
}

// scriptNamer returns a function that names the Unicode script of a
// rune, remembering its answers.
func scriptNamer() func(rune) string {
	names := make([]string, 0, len(unicode.Scripts))
	for name := range unicode.Scripts {
		names = append(names, name)
	}
	sort.Strings(names)
	known := map[rune]string{}
	return func(r rune) string {
		if s, ok := known[r]; ok {
			return s
		}
		s := "unknown"
		for _, name := range names {
			if unicode.Is(unicode.Scripts[name], r) {
				s = name
				break
			}
		}
		known[r] = s
		return s
	}
}

func TestFolds(t *testing.T) {
	needData(t)
	sents, err := Tatoeba(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	var n [Folds]int
	for _, s := range sents {
		n[Fold(s.ID)]++
	}
	for f, c := range n {
		if c < len(sents)/Folds*9/10 || c > len(sents)/Folds*11/10 {
			t.Errorf("fold %d holds %d of %d sentences, want about a fifth", f, c, len(sents))
		}
	}
	test, err := TestSet(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, s := range sents {
		ids[s.ID] = true
	}
	for _, s := range test {
		if ids[s.ID] {
			t.Errorf("TestSet holds sentence %s of the Tatoeba files", s.ID)
		}
	}
	if len(test) < 1800 {
		t.Errorf("TestSet = %d sentences, want about 1,900", len(test))
	}
}
