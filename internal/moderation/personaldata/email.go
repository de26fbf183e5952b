package personaldata

import "strings"

// hasEmail reports whether text holds an email address, plain or
// obfuscated ("jane at example dot com", "jane[at]example[dot]com").
func hasEmail(text string) bool {
	for i := strings.IndexByte(text, '@'); i >= 0; {
		if plainEmailAt(text, i) {
			return true
		}
		j := strings.IndexByte(text[i+1:], '@')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return obfuscatedEmail(text)
}

// plainEmailAt checks the address around the "@" at text[at].
func plainEmailAt(text string, at int) bool {
	l := at
	for l > 0 && (isAlnum(text[l-1]) || strings.IndexByte("._%+-", text[l-1]) >= 0) {
		l--
	}
	if l == at {
		return false
	}
	labels := 0
	tld := ""
	i := at + 1
	for {
		j := i
		for j < len(text) && (isAlnum(text[j]) || text[j] == '-') {
			j++
		}
		if j == i {
			return false
		}
		labels++
		tld = text[i:j]
		if j+1 < len(text) && text[j] == '.' && isAlnum(text[j+1]) {
			i = j + 1
			continue
		}
		break
	}
	return labels >= 2 && isAlphaWord(tld) && len(tld) >= 2
}

func isAlphaWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isAlpha(s[i]) {
			return false
		}
	}
	return s != ""
}

// obfuscatedEmail looks for "local AT domain DOT tld" written with words
// or bracketed markers, tokenised on spaces and brackets.
func obfuscatedEmail(text string) bool {
	lower := strings.ToLower(text)
	if !strings.Contains(lower, "at") && !strings.Contains(lower, "@") {
		return false
	}
	words := strings.FieldsFunc(lower, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '[' || r == ']' || r == '(' || r == ')' || r == '{' || r == '}' || r == '<' || r == '>'
	})
	for i := 1; i+1 < len(words); i++ {
		if words[i] != "at" && words[i] != "@" {
			continue
		}
		if !isLocal(words[i-1]) {
			continue
		}
		if domainFrom(words[i+1:]) {
			return true
		}
	}
	return false
}

func isLocal(w string) bool {
	for i := 0; i < len(w); i++ {
		if !isAlnum(w[i]) && strings.IndexByte("._%+-", w[i]) < 0 {
			return false
		}
	}
	return w != ""
}

// domainFrom reports whether words start with "domain dot tld" (or a
// plain "domain.tld", when the "at" was the obfuscation).
func domainFrom(w []string) bool {
	if len(w) >= 1 && strings.Contains(w[0], ".") {
		parts := strings.Split(strings.TrimRight(w[0], ".,;:!?"), ".")
		return len(parts) >= 2 && isAlnumWord(parts[0]) && tldWord(parts[len(parts)-1])
	}
	if len(w) >= 3 && isAlnumWord(w[0]) && (w[1] == "dot" || w[1] == ".") {
		return tldWord(strings.TrimRight(w[2], ".,;:!?"))
	}
	return false
}

func isAlnumWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isAlnum(s[i]) && s[i] != '-' {
			return false
		}
	}
	return s != ""
}

// tldWord accepts the top-level domains an obfuscated address ends in:
// the common generic ones and any two-letter country code.
func tldWord(s string) bool {
	switch s {
	case "com", "net", "org", "info", "biz", "edu", "gov", "io", "me", "co", "mail", "email":
		return true
	}
	return len(s) == 2 && isAlphaWord(s)
}
