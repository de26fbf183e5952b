package links

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Link is a web address found in a text.
type Link struct {
	// Host is the lower-cased host name or IPv4 address, without "www."
	// stripped (allow-lists match subdomains anyway).
	Host string
	// Path is everything after the host (path, query), as written; it
	// starts with "/" when present.
	Path string
	// Explicit is true when the text marks the address as a link: a scheme
	// ("https://") or a "www." prefix.
	Explicit bool
	// IP is true when Host is an IPv4 address.
	IP bool
}

// Find returns the web addresses in text: URLs with a scheme (also the
// defanged "hxxp://" and "example[.]com" forms), "www." addresses and bare
// domains ending in a known top-level domain. Email addresses are not
// links and are skipped. Find is the shared scanner behind the advertising
// and malware detectors.
func Find(text string) []Link {
	var out []Link
	for i := 0; i < len(text); {
		if !isAlnum(text[i]) || !startsAfter(text, i) {
			i++
			continue
		}
		l, end, ok := parseAt(text, i)
		if ok {
			out = append(out, l)
		}
		if end <= i {
			end = i + 1
		}
		i = end
	}
	return out
}

// parseAt reads a link starting at text[i], returning it and where it
// ended.
func parseAt(text string, i int) (Link, int, bool) {
	var l Link
	if n := schemeLen(text[i:]); n > 0 {
		l.Explicit = true
		i += n
	}
	hostStart := i
	host, end := scanHost(text, i)
	if host == "" {
		return l, end, false
	}
	if end < len(text) && (text[end] == '@' || text[end] == '_') {
		return l, end, false // an email address or an identifier
	}
	if strings.HasPrefix(host, "www.") {
		l.Explicit = true
	}
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return l, end, false
	}
	for _, lb := range labels {
		if lb == "" || lb[0] == '-' || lb[len(lb)-1] == '-' || len(lb) > 63 {
			return l, end, false
		}
	}
	if isIPv4(labels) {
		l.IP = true
	} else {
		raw := text[hostStart:end]
		if !plausibleTLD(labels, raw, l.Explicit) {
			return l, end, false
		}
	}
	// Optional port.
	if end+1 < len(text) && text[end] == ':' && isDigit(text[end+1]) {
		j := end + 1
		for j < len(text) && isDigit(text[j]) {
			j++
		}
		if j == len(text) || !isAlnum(text[j]) {
			end = j
		}
	}
	if end < len(text) && isAlnum(text[end]) {
		return l, end, false
	}
	if end < len(text) && (text[end] == '/' || text[end] == '?' || text[end] == '#') {
		p := end
		for end < len(text) && !isSpace(text[end]) && !strings.ContainsRune("<>\"", rune(text[end])) {
			end++
		}
		end = trimTrailing(text, p, end)
		l.Path = text[p:end]
	}
	l.Host = host
	if _, known := shorteners[host]; !l.Explicit && !l.IP && !known && wordTLDs[labels[len(labels)-1]] && l.Path == "" {
		return l, end, false
	}
	return l, end, true
}

// scanHost reads dot-separated labels from text[i:], accepting the
// defanged separators "[.]" and "(.)", and returns the host lower-cased.
func scanHost(text string, i int) (string, int) {
	j := i
	for j < len(text) && (isAlnum(text[j]) || text[j] == '-') {
		j++
	}
	if j == len(text) || (text[j] != '.' && text[j] != '[' && text[j] != '(') {
		return "", j // a single word: the common case, no allocation
	}
	var b strings.Builder
	for {
		j := i
		for j < len(text) && (isAlnum(text[j]) || text[j] == '-') {
			j++
		}
		if j == i {
			return "", i
		}
		b.WriteString(strings.ToLower(text[i:j]))
		i = j
		if i+1 < len(text) && text[i] == '.' && isAlnum(text[i+1]) {
			b.WriteByte('.')
			i++
			continue
		}
		if i+3 < len(text) && (text[i:i+3] == "[.]" || text[i:i+3] == "(.)") && isAlnum(text[i+3]) {
			b.WriteByte('.')
			i += 3
			continue
		}
		return b.String(), i
	}
}

// plausibleTLD reports whether the last label is a top-level domain and
// the whole reads as a domain rather than, say, two sentences joined
// without a space ("there.It") or "ASP.NET".
func plausibleTLD(labels []string, raw string, explicit bool) bool {
	tld := labels[len(labels)-1]
	if !isTLD(tld) {
		return false
	}
	if explicit {
		return true
	}
	if strings.EqualFold(raw, "asp.net") || strings.EqualFold(raw, "vb.net") {
		return false
	}
	// The top-level domain as written must be lower case, unless the whole
	// host is written in capitals.
	rawTLD := raw[len(raw)-len(tld):]
	return rawTLD == tld || raw == strings.ToUpper(raw)
}

func isTLD(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	if len(s) == 2 {
		for i := 0; i+2 <= len(countryTLDs); i += 3 {
			if countryTLDs[i:i+2] == s {
				return true
			}
		}
		return false
	}
	return genericTLDs[s]
}

func isIPv4(labels []string) bool {
	if len(labels) != 4 {
		return false
	}
	for _, lb := range labels {
		if len(lb) > 3 {
			return false
		}
		n := 0
		for i := 0; i < len(lb); i++ {
			if !isDigit(lb[i]) {
				return false
			}
			n = n*10 + int(lb[i]-'0')
		}
		if n > 255 {
			return false
		}
	}
	return true
}

// schemeLen returns the length of a URL scheme prefix at the start of s.
func schemeLen(s string) int {
	for _, p := range [...]string{"https://", "http://", "hxxps://", "hxxp://", "ftp://"} {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			return len(p)
		}
	}
	return 0
}

// trimTrailing drops punctuation that ends the sentence rather than the
// URL, keeping a closing parenthesis that has its opening one.
func trimTrailing(text string, p, end int) int {
	for end > p {
		c := text[end-1]
		if c == ')' && strings.Count(text[p:end], "(") >= strings.Count(text[p:end], ")") {
			break
		}
		if !strings.ContainsRune(".,;:!?)]}'*", rune(c)) {
			break
		}
		end--
	}
	return end
}

func isAlnum(c byte) bool { return isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'z') }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// startsAfter reports whether a link may begin at text[i]: at the start or
// after a space or punctuation, but not inside a word, an email address or
// a path.
func startsAfter(text string, i int) bool {
	if i == 0 {
		return true
	}
	c := text[i-1]
	if c < utf8.RuneSelf {
		return !isAlnum(c) && !strings.ContainsRune(".-_@/\\", rune(c))
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
}
