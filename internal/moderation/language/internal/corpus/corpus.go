// Package corpus reads the shared language data (Tatoeba sentences and
// the UDHR translations) for the profile generator and the accuracy
// tests, and splits Tatoeba into training and held-out sentences the same
// way for both.
package corpus

import (
	"bufio"
	"fmt"
	"hash/fnv"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Language is one supported language: its ISO 639-1 code (639-3 where no
// two-letter code exists), its ISO 639-3 code, and the UDHR files used.
type Language struct {
	Code, ISO3 string
	UDHR       []string
}

// Languages are the supported languages: widely spoken languages the UDHR
// collection covers, plus the Tatoeba set (which adds Catalan and
// Galician). Close relatives that the data cannot tell apart reliably
// (Malay beside Indonesian, Serbian and Bosnian beside Croatian, Nynorsk
// beside Bokmål) are left out rather than guessed at.
var Languages = []Language{
	{"af", "afr", []string{"afr"}}, {"am", "amh", []string{"amh"}}, {"ar", "arb", []string{"arb"}},
	{"bg", "bul", []string{"bul"}}, {"bn", "ben", []string{"ben"}}, {"ca", "cat", []string{"cat"}},
	{"cs", "ces", []string{"ces"}}, {"da", "dan", []string{"dan"}}, {"de", "deu", []string{"deu_1996"}},
	{"el", "ell", []string{"ell_monotonic"}}, {"en", "eng", []string{"eng"}}, {"es", "spa", []string{"spa"}},
	{"fa", "pes", []string{"pes_1"}}, {"fi", "fin", []string{"fin"}}, {"fr", "fra", []string{"fra"}},
	{"gl", "glg", []string{"glg"}}, {"gu", "guj", []string{"guj"}}, {"ha", "hau", []string{"hau_NG"}},
	{"he", "heb", []string{"heb"}}, {"hi", "hin", []string{"hin"}}, {"hr", "hrv", []string{"hrv"}},
	{"hu", "hun", []string{"hun"}}, {"id", "ind", []string{"ind"}}, {"it", "ita", []string{"ita"}},
	{"ja", "jpn", []string{"jpn"}}, {"kn", "kan", []string{"kan"}}, {"ko", "kor", []string{"kor"}},
	{"lt", "lit", []string{"lit"}}, {"ml", "mal", []string{"mal"}}, {"mr", "mar", []string{"mar"}},
	{"nb", "nob", []string{"nob"}}, {"nl", "nld", []string{"nld"}}, {"pa", "pan", []string{"pan"}},
	{"pl", "pol", []string{"pol"}}, {"pt", "por", []string{"por_BR", "por_PT"}}, {"ro", "ron", []string{"ron_2006"}},
	{"ru", "rus", []string{"rus"}}, {"sk", "slk", []string{"slk"}}, {"sl", "slv", []string{"slv"}},
	{"sv", "swe", []string{"swe"}}, {"sw", "swh", []string{"swh"}}, {"ta", "tam", []string{"tam"}},
	{"te", "tel", []string{"tel"}}, {"th", "tha", []string{"tha"}}, {"tl", "tgl", []string{"tgl"}},
	{"tr", "tur", []string{"tur"}}, {"uk", "ukr", []string{"ukr"}}, {"ur", "urd", []string{"urd"}},
	{"vi", "vie", []string{"vie"}}, {"yo", "yor", []string{"yor"}}, {"zh", "cmn", []string{"cmn_hans", "cmn_hant"}},
}

// TatoebaLangs are the ISO 639-3 codes of the Tatoeba files.
var TatoebaLangs = []string{"cat", "cmn", "eng", "fra", "glg", "ita", "jpn", "kor", "por", "spa"}

// Sentence is one Tatoeba sentence.
type Sentence struct {
	ID, ISO3, Text string
}

// HeldOut reports whether a Tatoeba sentence belongs to the held-out
// fifth: a fixed hash of its id, so the split never changes.
func HeldOut(id string) bool {
	h := fnv.New32a()
	h.Write([]byte(id))
	return h.Sum32()%5 == 0
}

// Tatoeba reads the <iso3>_1000.csv files under dir (the moderation data
// folder).
func Tatoeba(dir string) ([]Sentence, error) {
	var out []Sentence
	for _, l := range TatoebaLangs {
		f, err := os.Open(filepath.Join(dir, "language-tatoeba", l+"_1000.csv"))
		if err != nil {
			return nil, fmt.Errorf("tatoeba: %w", err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			parts := strings.SplitN(sc.Text(), "\t", 3)
			if len(parts) == 3 {
				out = append(out, Sentence{ID: parts[0], ISO3: parts[1], Text: parts[2]})
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("tatoeba %s: %w", l, err)
		}
	}
	return out, nil
}

var (
	paraRE = regexp.MustCompile(`(?s)<(?:p|h[1-6]|li)\b[^>]*>(.*?)</(?:p|h[1-6]|li)>`)
	tagRE  = regexp.MustCompile(`<[^>]*>`)
	isoRE  = regexp.MustCompile(`data-iso6393="([a-z]+)"`)
)

// UDHR reads one declaration (file name without .html) and returns its
// ISO 639-3 code and its paragraphs as plain text.
func UDHR(dir, name string) (iso3 string, paras []string, err error) {
	b, err := os.ReadFile(filepath.Join(dir, "language-udhr", "declaration", name+".html"))
	if err != nil {
		return "", nil, fmt.Errorf("udhr: %w", err)
	}
	m := isoRE.FindSubmatch(b)
	if m == nil {
		return "", nil, fmt.Errorf("udhr %s: no data-iso6393", name)
	}
	for _, p := range paraRE.FindAllSubmatch(b, -1) {
		t := strings.TrimSpace(html.UnescapeString(tagRE.ReplaceAllString(string(p[1]), " ")))
		if t != "" {
			paras = append(paras, t)
		}
	}
	return string(m[1]), paras, nil
}
