package profanity

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// sharedData is the shared moderation data beside the checkout (see
// ../shared/data/moderation/README.md for the formats).
const sharedData = "../../../../shared/data/moderation"

// needSharedData skips the test when the shared data is absent, except in CI,
// where the folder always sits beside the checkout and its absence fails.
func needSharedData(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(sharedData); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("shared data not found at %s: %v", sharedData, err)
		}
		t.Skipf("shared data not found at %s: %v", sharedData, err)
	}
}

// textSet is one labelled class of the shared data.
type textSet struct {
	name string
	load func(t *testing.T) []sample
}

// sample is one text of the shared data and its stable id ("olid:86426",
// "sms:12": source, then the source's own id or the row number).
type sample struct {
	id, text string
}

func readFile(t *testing.T, parts ...string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(append([]string{sharedData}, parts...)...))
	if err != nil {
		t.Fatalf("read shared data: %v", err)
	}
	return string(raw)
}

func readCSV(t *testing.T, parts ...string) [][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(readFile(t, parts...)))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("parse %s: %v", filepath.Join(parts...), err)
	}
	return recs
}

// tsvRows returns the tab-separated rows of a file, header skipped when asked.
func tsvRows(t *testing.T, header bool, parts ...string) [][]string {
	t.Helper()
	lines := strings.Split(strings.TrimRight(readFile(t, parts...), "\n"), "\n")
	if header {
		lines = lines[1:]
	}
	rows := make([][]string, 0, len(lines))
	for _, l := range lines {
		rows = append(rows, strings.Split(strings.TrimRight(l, "\r"), "\t"))
	}
	return rows
}

// smsHam returns the SMS Spam Collection's ham messages, by row number.
func smsHam(t *testing.T) []sample {
	var out []sample
	for n, f := range tsvRows(t, true, "spam-sms", "SMSSpamCollection.tsv") {
		if len(f) >= 2 && f[0] == "ham" {
			out = append(out, sample{"sms:" + strconv.Itoa(n+1), f[1]})
		}
	}
	return out
}

// youtubeHam returns the YouTube Spam Collection's ham comments, all videos.
func youtubeHam(t *testing.T) []sample {
	var out []sample
	for _, name := range []string{"Youtube01-Psy.csv", "Youtube02-KatyPerry.csv", "Youtube03-LMFAO.csv",
		"Youtube04-Eminem.csv", "Youtube05-Shakira.csv"} {
		for _, r := range readCSV(t, "spam-youtube", name)[1:] {
			if len(r) == 5 && r[4] == "0" {
				out = append(out, sample{"youtube:" + r[0], r[3]})
			}
		}
	}
	return out
}

// tatoebaEnglish returns Tatoeba's 1,000 English sentences.
func tatoebaEnglish(t *testing.T) []sample {
	var out []sample
	for _, f := range tsvRows(t, false, "language-tatoeba", "eng_1000.csv") {
		if len(f) == 3 {
			out = append(out, sample{"tatoeba:" + f[0], f[2]})
		}
	}
	return out
}

// davidsonClass returns Davidson's tweets of one class (0 hate, 1 offensive,
// 2 neither); with unanimous set, only those every annotator put there.
func davidsonClass(class string, unanimous bool) func(t *testing.T) []sample {
	return func(t *testing.T) []sample {
		var out []sample
		for _, r := range readCSV(t, "toxicity-davidson", "labeled_data.csv")[1:] {
			// ,count,hate_speech,offensive_language,neither,class,tweet
			votes := map[string]string{"0": r[2], "1": r[3], "2": r[4]}[class]
			if len(r) == 7 && r[5] == class && (!unanimous || votes == r[1]) {
				out = append(out, sample{"davidson:" + r[0], r[6]})
			}
		}
		return out
	}
}

// olid returns OLID's training and test tweets labelled label (NOT or OFF).
func olid(label string) func(t *testing.T) []sample {
	return func(t *testing.T) []sample {
		var out []sample
		for _, f := range tsvRows(t, true, "toxicity-olid", "olid-training-v1.0.tsv") {
			if len(f) >= 3 && f[2] == label {
				out = append(out, sample{"olid:" + f[0], f[1]})
			}
		}
		gold := map[string]string{}
		for _, r := range readCSV(t, "toxicity-olid", "labels-levela.csv")[1:] {
			if len(r) == 2 {
				gold[r[0]] = r[1]
			}
		}
		for _, f := range tsvRows(t, true, "toxicity-olid", "testset-levela.tsv") {
			if len(f) == 2 && gold[f[0]] == label {
				out = append(out, sample{"olid:" + f[0], f[1]})
			}
		}
		return out
	}
}

// cleanSets are the classes of the shared data labelled as not offensive.
var cleanSets = []textSet{
	{"olid-not", olid("NOT")},
	{"davidson-neither", davidsonClass("2", false)},
	{"davidson-unanimous", davidsonClass("2", true)},
	{"sms-ham", smsHam},
	{"youtube-ham", youtubeHam},
	{"tatoeba-eng", tatoebaEnglish},
}

// offensiveSets are the classes labelled offensive: they hold profanity, but
// also insults and hate written without a swear word.
var offensiveSets = []textSet{
	{"davidson-offensive", davidsonClass("1", false)},
	{"olid-off", olid("OFF")},
}
