package password

import (
	"strings"
	"unicode/utf8"
)

// sequences are the runs people type without thinking: the alphabet, the
// digits (twice, so that runs through 9 to 0 count: "7890123"), the rows of
// QWERTY, QWERTZ and AZERTY keyboards with their punctuation, the shifted
// digit row, and the QWERTY columns. A walk may follow one forwards or
// backwards. A constant table: nothing writes to it.
var sequences = [...]string{
	"abcdefghijklmnopqrstuvwxyz", "01234567890123456789",
	"qwertyuiop[]", "asdfghjkl;'", "zxcvbnm,./", "qwertzuiop", "yxcvbnm", "azertyuiop", "qsdfghjklm", "wxcvbn,;:!",
	"!@#$%^&*()_+", "1qaz", "2wsx", "3edc", "4rfv", "5tgb", "6yhn", "7ujm", "8ik,", "9ol.", "0p;/",
}

// minRun is the shortest piece of a sequence a walk is made of: shorter
// pieces ("ab", "no") occur in ordinary words.
const minRun = 3

// isGuessable reports whether pw is mostly one character, a short chunk
// repeated, or a walk along sequences. Repetitions and walks are also looked
// for in its letters once digits and symbols are stripped from the ends, if
// six or more are left ("abcdef2024", "qwerty!!").
func isGuessable(pw string) bool {
	lower, stem, joined, joinedStem := forms(pw)
	if mostlyOne(lower) {
		return true
	}
	for _, s := range []string{lower, joined, stem, joinedStem} {
		if utf8.RuneCountInString(s) >= 6 && (repeated(s) || walk(s)) {
			return true
		}
	}
	return false
}

// mostlyOne reports whether a single character makes up half of s or more.
func mostlyOne(s string) bool {
	counts := map[rune]int{}
	n := 0
	for _, r := range s {
		counts[r]++
		n++
	}
	for _, c := range counts {
		if 2*c >= n {
			return true
		}
	}
	return false
}

// repeated reports whether s is a chunk written at least twice over, the
// last copy possibly cut short ("ababababab", "passpasspa").
func repeated(s string) bool {
	rs := []rune(s)
	for p := 1; p <= len(rs)/2; p++ {
		same := true
		for i := p; i < len(rs) && same; i++ {
			same = rs[i] == rs[i-p]
		}
		if same {
			return true
		}
	}
	return false
}

// walk reports whether s splits into pieces of minRun or more characters,
// each found in one of the sequences read forwards or backwards:
// "qwertyasdfgh" is two rows, "zaq12wsx" two columns, the first upwards.
func walk(s string) bool {
	n := len(s)
	if n < minRun {
		return false
	}
	// ok[i] reports whether s[i:] splits into such pieces. A piece that is
	// not in a sequence cannot become one by growing, so each inner loop
	// stops at the first miss.
	ok := make([]bool, n+1)
	ok[n] = true
	for i := n - minRun; i >= 0; i-- {
		for k := i + minRun; k <= n && inSequence(s[i:k]); k++ {
			if ok[k] {
				ok[i] = true
				break
			}
		}
	}
	return ok[0]
}

// inSequence reports whether w appears in a sequence, forwards or backwards.
func inSequence(w string) bool {
	b := []byte(w)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	backwards := string(b)
	for _, seq := range sequences {
		if strings.Contains(seq, w) || strings.Contains(seq, backwards) {
			return true
		}
	}
	return false
}
