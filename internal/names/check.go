package names

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Bounds on a display name's length, in characters once trimmed: long enough
// to tell readers apart, short enough to fit beside a comment.
const (
	MinLength = 2
	MaxLength = 40
)

// maxMarks is the most combining marks one letter may carry. Real scripts
// need two or three (Vietnamese, Devanagari, Tibetan stacks); more is the
// "Zalgo" trick that spills a name over the comments around it.
const maxMarks = 4

// builtinReserved are names that would let a reader pass for the site's own
// staff or for a placeholder the site shows itself (a deleted account). They
// are compared by Key, so "Adm1n" and "ADMIN" are reserved too. A constant
// table: nothing writes to it.
var builtinReserved = [...]string{
	"admin", "administrator", "moderator", "tribune", "editor", "staff",
	"support", "system", "root", "null", "deleted", "anonymous",
}

// webSuffixes are the domain endings that make "example.com" read as a web
// address rather than a name. Only endings that are not common words, so
// "St.John" or "Anna.Smith" stay names.
const webSuffixes = " com net org info biz io co uk de fr ru nl eu ca au jp cn br pl es xyz app dev tv ly gg cc "

// Check validates a new display name and returns a message meant for the
// reader, or nil. Pass the name through Normalize first: Check refuses stray
// spaces instead of fixing them. reserved adds names to the built-in list,
// typically the site's own name. Its rules, in order:
//
//  1. 2 to 40 characters once trimmed.
//  2. No control, invisible or unusual space characters.
//  3. No space at either end, no two spaces in a row.
//  4. Not an email address or a web address.
//  5. Only letters and digits of any script, spaces and ' ’ . - _; accents
//     only on a letter, at most four on one.
//  6. At least one letter (so not only digits).
//  7. Not a mix of Latin, Cyrillic, Greek or Armenian letters, the alphabets
//     whose letters pass for one another.
//  8. Not a reserved name, compared by Key.
func Check(name string, reserved ...string) error {
	trimmed := norm.NFC.String(strings.TrimSpace(name))
	switch n := utf8.RuneCountInString(trimmed); {
	case n < MinLength:
		return fmt.Errorf("A display name needs at least %d characters.", MinLength)
	case n > MaxLength:
		return fmt.Errorf("A display name can have at most %d characters.", MaxLength)
	}
	for _, r := range name {
		if invisible(r) || (unicode.IsSpace(r) && r != ' ') {
			return errors.New("A display name cannot contain invisible characters, control characters or special spaces.")
		}
	}
	switch {
	case strings.HasPrefix(name, " ") || strings.HasSuffix(name, " "):
		return errors.New("A display name cannot start or end with a space.")
	case strings.Contains(name, "  "):
		return errors.New("A display name cannot contain two spaces in a row.")
	case looksLikeEmail(trimmed):
		return errors.New("A display name cannot be an email address.")
	case looksLikeWebAddress(trimmed):
		return errors.New("A display name cannot be a web address.")
	}
	if err := checkCharacters(trimmed); err != nil {
		return err
	}
	key := Key(trimmed)
	for _, list := range [][]string{builtinReserved[:], reserved} {
		for _, r := range list {
			if strings.TrimSpace(r) != "" && Key(r) == key {
				return errors.New("This name is reserved: please choose another.")
			}
		}
	}
	return nil
}

// checkCharacters applies rules 5 to 7 of Check to a trimmed, composed name.
func checkCharacters(name string) error {
	marks, letters := 0, 0
	var prev rune
	scripts := map[string]bool{}
	for _, r := range name {
		switch {
		case unicode.IsMark(r):
			if prev == 0 || !(unicode.IsLetter(prev) || unicode.IsDigit(prev) || unicode.IsMark(prev)) {
				return errors.New("An accent in a display name must sit on a letter.")
			}
			if marks++; marks > maxMarks {
				return errors.New("A display name cannot pile so many accents on one letter.")
			}
		case unicode.IsLetter(r):
			letters++
			marks = 0
			if s := lookalikeScript(r); s != "" {
				scripts[s] = true
			}
		case unicode.IsDigit(r) || strings.ContainsRune(" '’.-_", r):
			marks = 0
		default:
			return fmt.Errorf("A display name cannot contain “%c”: use letters, digits, spaces, apostrophes, dots, dashes or underscores.", r)
		}
		prev = r
	}
	if letters == 0 {
		return errors.New("A display name needs at least one letter.")
	}
	if len(scripts) > 1 {
		return errors.New("A display name cannot mix letters from different alphabets, such as Latin and Cyrillic.")
	}
	return nil
}

// lookalikeScript names the alphabet of r when it is one whose letters pass
// for another's, or "".
func lookalikeScript(r rune) string {
	switch {
	case unicode.Is(unicode.Latin, r):
		return "Latin"
	case unicode.Is(unicode.Cyrillic, r):
		return "Cyrillic"
	case unicode.Is(unicode.Greek, r):
		return "Greek"
	case unicode.Is(unicode.Armenian, r):
		return "Armenian"
	}
	return ""
}

// looksLikeEmail reports whether name has the shape local@domain.suffix.
func looksLikeEmail(name string) bool {
	at := strings.LastIndex(name, "@")
	return at > 0 && strings.Contains(name[at+1:], ".")
}

// looksLikeWebAddress reports whether name, or a word in it, reads as a link:
// a scheme, a "www." prefix, or dot-separated labels ending in a known suffix.
func looksLikeWebAddress(name string) bool {
	lower := strings.ToLower(name)
	if strings.Contains(lower, "://") || strings.HasPrefix(lower, "www.") {
		return true
	}
	for _, word := range strings.Fields(lower) {
		labels := strings.Split(strings.TrimPrefix(word, "www."), ".")
		if len(labels) < 2 || !strings.Contains(webSuffixes, " "+labels[len(labels)-1]+" ") {
			continue
		}
		domain := true
		for _, l := range labels {
			domain = domain && l != "" && strings.Trim(l, "abcdefghijklmnopqrstuvwxyz0123456789-") == ""
		}
		if domain {
			return true
		}
	}
	return false
}
