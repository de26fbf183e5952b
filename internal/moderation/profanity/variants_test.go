package profanity

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// disguises turn a listed word into a disguised spelling, one technique
// each, as people do to get past a filter.
var disguises = []struct {
	name string
	fn   func(string) string
}{
	{"leet", func(w string) string {
		r := strings.NewReplacer("a", "4", "e", "3", "i", "1", "o", "0", "s", "$", "t", "7")
		return r.Replace(w)
	}},
	{"leet-one", func(w string) string { // one substitution, the commonest form
		for i := 0; i < len(w); i++ {
			if s, ok := map[byte]string{'a': "@", 'e': "3", 'i': "!", 'o': "0", 's': "$"}[w[i]]; ok {
				return w[:i] + s + w[i+1:]
			}
		}
		return w
	}},
	{"spaces", func(w string) string { return interleave(w, " ") }},
	{"dots", func(w string) string { return interleave(w, ".") }},
	{"dashes", func(w string) string { return interleave(w, "-") }},
	{"underscores", func(w string) string { return interleave(w, "_") }},
	{"repeats", func(w string) string { return w[:2] + strings.Repeat(w[1:2], 4) + w[2:] }},
	{"mask-vowel", func(w string) string { // first inner vowel masked
		for i := 1; i < len(w)-1; i++ {
			if strings.IndexByte("aeiou", w[i]) >= 0 {
				return w[:i] + "*" + w[i+1:]
			}
		}
		return w[:1] + "*" + w[2:]
	}},
	{"accents", func(w string) string {
		r := strings.NewReplacer("a", "á", "e", "é", "i", "ï", "o", "ö", "u", "ü", "c", "ç", "n", "ñ")
		return r.Replace(w)
	}},
	{"homoglyphs", func(w string) string { // Cyrillic look-alikes
		r := strings.NewReplacer("a", "а", "e", "е", "o", "о", "c", "с", "p", "р", "x", "х", "y", "у")
		return r.Replace(w)
	}},
	{"fullwidth", func(w string) string {
		var b strings.Builder
		for _, r := range w {
			b.WriteRune(r + 0xFEE0)
		}
		return b.String()
	}},
	{"zero-width", func(w string) string { return interleave(w, "\u200b") }},
	{"upper", strings.ToUpper},
}

func interleave(w, sep string) string {
	parts := make([]string, 0, utf8.RuneCountInString(w))
	for _, r := range w {
		parts = append(parts, string(r))
	}
	return strings.Join(parts, sep)
}

// TestDisguisedRecall generates every disguise of every single-word, letters
// only entry of the lexicon (at least four letters, so a mask leaves enough
// of the word) and requires that at least 95% of them are caught, in a
// sentence, overall and for each technique.
func TestDisguisedRecall(t *testing.T) {
	d := newDetector(t)
	var words []string
	for _, e := range d.lx.entries {
		if len(e.words) == 1 && len(e.term) >= 4 && strings.Trim(e.term, "abcdefghijklmnopqrstuvwxyz") == "" {
			words = append(words, e.term)
		}
	}
	total, caught := 0, 0
	for _, dg := range disguises {
		n, c := 0, 0
		var missed []string
		for _, w := range words {
			v := dg.fn(w)
			n++
			if len(d.Matches("you are such a "+v+" today")) > 0 {
				c++
			} else if len(missed) < 5 {
				missed = append(missed, v)
			}
		}
		total, caught = total+n, caught+c
		rate := float64(c) / float64(n)
		t.Logf("%-12s %4d/%4d caught (%.1f%%), e.g. missed %q", dg.name, c, n, 100*rate, missed)
		if rate < 0.95 {
			t.Errorf("disguise %s: %.1f%% caught, want at least 95%%", dg.name, 100*rate)
		}
	}
	rate := float64(caught) / float64(total)
	t.Logf("overall %d/%d caught (%.2f%%)", caught, total, 100*rate)
	if rate < 0.95 {
		t.Errorf("disguises: %.2f%% caught, want at least 95%%", 100*rate)
	}
}
