package password

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxBytes bounds a password so that hashing it stays cheap.
const maxBytes = 1024

// CheckWith is Check plus refusals of common or guessable passwords, with
// messages meant for the reader. context holds words the password must not
// be built from: the site name, the user's email local part and display
// name. Its rules, in order:
//
//  1. At least MinLength characters and at most 1024 bytes.
//  2. No context word of four or more letters or digits, ignoring case
//     ("Anna Smith" refuses any password containing "anna" or "smith").
//  3. Not on the embedded list of common passwords, ignoring case, and not
//     one once digits and symbols are stripped from its ends and common
//     letter swaps undone ("P@ssword2024!" is "password").
//  4. Not mostly one character, not a short chunk repeated, not a walk
//     along the alphabet, the digits or a keyboard row or column
//     ("aaaaaaaaaa", "ababababab", "abcdefghij", "0987654321", "qazwsxedc").
func CheckWith(pw string, context ...string) error {
	if utf8.RuneCountInString(pw) < MinLength {
		return fmt.Errorf("This password is too short: use at least %d characters, for example three or four unrelated words.", MinLength)
	}
	if len(pw) > maxBytes {
		return fmt.Errorf("This password is too long: use at most %d bytes.", maxBytes)
	}
	if w := contextWord(pw, context); w != "" {
		return fmt.Errorf("This password contains “%s”, which is part of your name, your email address or this site's name: choose something unrelated to you.", w)
	}
	if isCommon(pw) {
		return errors.New("This password is too common: choose something less predictable, like three or four unrelated words.")
	}
	if isGuessable(pw) {
		return errors.New("This password is too easy to guess: avoid repeated characters and sequences like abcd or 1234, and try three or four unrelated words.")
	}
	return nil
}

// contextWord returns the first word of context, lower-cased, that the
// password contains, or "". Context strings are split on anything that is not
// a letter or digit, and each one also counts joined up ("anna.smith" gives
// "anna", "smith" and "annasmith").
func contextWord(pw string, context []string) string {
	lower := strings.ToLower(pw)
	compact := keepLettersDigits(lower)
	haystacks := append([]string{lower, compact}, unleet(compact)...)
	for _, c := range context {
		words := strings.FieldsFunc(strings.ToLower(c), func(r rune) bool { return !isLetterDigit(r) })
		words = append(words, strings.Join(words, ""))
		for _, w := range words {
			if utf8.RuneCountInString(w) < 4 {
				continue
			}
			for _, h := range haystacks {
				if strings.Contains(h, w) {
					return w
				}
			}
		}
	}
	return ""
}

func isLetterDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// keepLettersDigits drops everything but letters and digits, so that
// "Anna Smith" and "anna-smith" are both "annasmith".
func keepLettersDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if isLetterDigit(r) {
			return r
		}
		return -1
	}, s)
}

// unleet undoes the letter swaps people use to dress up a word ("p@ssw0rd").
// "1" stands for both "i" and "l", so it returns two spellings.
func unleet(s string) []string {
	r := strings.NewReplacer("@", "a", "4", "a", "3", "e", "!", "i", "0", "o", "$", "s", "5", "s", "7", "t")
	s = r.Replace(s)
	return []string{strings.ReplaceAll(s, "1", "i"), strings.ReplaceAll(s, "1", "l")}
}
