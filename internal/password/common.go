package password

import (
	_ "embed" // for the common-password list
	"strings"
	"unicode"
)

// commonList is one password a line, lower case: the passwords that top
// every published breach ranking (password123, qwertyuiop, iloveyou,
// football...), keyboard walks, and the short words people pad with digits
// to reach a length rule. Written for Tribune from general knowledge of those
// rankings, not copied from a breach corpus. Read only.
//
//go:embed common.txt
var commonList string

// isCommon reports whether pw, or what is left of it once digits and symbols
// are stripped from its ends and letter swaps undone, is on the list.
func isCommon(pw string) bool {
	for _, v := range variants(pw) {
		if v != "" && listed(v) {
			return true
		}
	}
	return false
}

// variants returns the spellings of pw to look up: its forms, and each
// form with letter swaps undone.
func variants(pw string) []string {
	var out []string
	lower, stem, joined, joinedStem := forms(pw)
	for _, f := range []string{lower, stem, joined, joinedStem} {
		out = append(out, f)
		out = append(out, unleet(f)...)
	}
	return out
}

// forms returns pw lower-cased, its stem (digits and symbols stripped from
// both ends: "Password2024!" gives "password"), and the same two with word
// separators removed ("pass word", "pass-word").
func forms(pw string) (lower, stem, joined, joinedStem string) {
	notLetter := func(r rune) bool { return !unicode.IsLetter(r) }
	lower = strings.ToLower(pw)
	joined = strings.NewReplacer(" ", "", "-", "", "_", "", ".", "").Replace(lower)
	return lower, strings.TrimFunc(lower, notLetter), joined, strings.TrimFunc(joined, notLetter)
}

// listed reports whether w is a line of the list. The list is a few
// kilobytes and passwords change rarely, so a scan costs nothing worth a map
// kept in package state.
func listed(w string) bool {
	for line := range strings.Lines(commonList) {
		if strings.TrimRight(line, "\r\n") == w {
			return true
		}
	}
	return false
}
