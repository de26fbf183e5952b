package classify

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// One loader per dataset in ../shared/data/moderation; see its README.md
// for the sources and licences.

// davidsonRow is a tweet from Davidson et al. (2017).
type davidsonRow struct {
	Text  string
	Class int // 0 hate speech, 1 offensive, 2 neither
}

// loadDavidson reads toxicity-davidson/labeled_data.csv.
func loadDavidson(dataDir string) ([]davidsonRow, error) {
	recs, err := readCSV(filepath.Join(dataDir, "toxicity-davidson", "labeled_data.csv"))
	if err != nil {
		return nil, err
	}
	var out []davidsonRow
	for _, r := range recs[1:] {
		if len(r) < 7 {
			continue
		}
		c, err := strconv.Atoi(r[5])
		if err != nil {
			return nil, fmt.Errorf("davidson: class %q: %w", r[5], err)
		}
		out = append(out, davidsonRow{Text: cleanTweet(r[6]), Class: c})
	}
	return out, nil
}

// olidRow is a tweet from OLID (Zampieri et al. 2019).
type olidRow struct {
	Text string
	A    string // OFF or NOT
	B    string // TIN, UNT or NULL
	C    string // IND, GRP, OTH or NULL
}

// loadOLIDTrain reads toxicity-olid/olid-training-v1.0.tsv.
func loadOLIDTrain(dataDir string) ([]olidRow, error) {
	lines, err := readLines(filepath.Join(dataDir, "toxicity-olid", "olid-training-v1.0.tsv"))
	if err != nil {
		return nil, err
	}
	var out []olidRow
	for _, l := range lines[1:] {
		f := strings.Split(l, "\t")
		if len(f) < 5 {
			continue
		}
		out = append(out, olidRow{Text: cleanTweet(unquoteTSV(f[1])), A: f[2], B: f[3], C: f[4]})
	}
	return out, nil
}

// loadOLIDTest reads the level-A test tweets and their gold labels.
func loadOLIDTest(dataDir string) ([]olidRow, error) {
	dir := filepath.Join(dataDir, "toxicity-olid")
	lines, err := readLines(filepath.Join(dir, "testset-levela.tsv"))
	if err != nil {
		return nil, err
	}
	labels, err := readLines(filepath.Join(dir, "labels-levela.csv"))
	if err != nil {
		return nil, err
	}
	gold := make(map[string]string, len(labels))
	for _, l := range labels {
		if id, lab, ok := strings.Cut(l, ","); ok {
			gold[id] = strings.TrimSpace(lab)
		}
	}
	var out []olidRow
	for _, l := range lines[1:] {
		id, text, ok := strings.Cut(l, "\t")
		if lab, found := gold[id]; ok && found {
			out = append(out, olidRow{Text: cleanTweet(unquoteTSV(text)), A: lab})
		}
	}
	return out, nil
}

// smsRow is a message from the SMS Spam Collection.
type smsRow struct {
	Text string
	Spam bool
}

// loadSMS reads spam-sms/SMSSpamCollection.tsv (header line first).
func loadSMS(dataDir string) ([]smsRow, error) {
	lines, err := readLines(filepath.Join(dataDir, "spam-sms", "SMSSpamCollection.tsv"))
	if err != nil {
		return nil, err
	}
	var out []smsRow
	for _, l := range lines[1:] {
		lab, text, ok := strings.Cut(l, "\t")
		if !ok {
			continue
		}
		out = append(out, smsRow{Text: text, Spam: lab == "spam"})
	}
	return out, nil
}

// youTubeRow is a comment from the YouTube Spam Collection.
type youTubeRow struct {
	Video string // file name, e.g. Youtube01-Psy
	Text  string
	Spam  bool
}

// loadYouTube reads spam-youtube/Youtube0N-*.csv in name order.
func loadYouTube(dataDir string) ([]youTubeRow, error) {
	files, err := filepath.Glob(filepath.Join(dataDir, "spam-youtube", "Youtube0*.csv"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("youtube: no files in %s: %v", dataDir, err)
	}
	var out []youTubeRow
	for _, f := range files {
		recs, err := readCSV(f)
		if err != nil {
			return nil, err
		}
		video := strings.TrimSuffix(filepath.Base(f), ".csv")
		for _, r := range recs[1:] {
			if len(r) < 5 {
				continue
			}
			text := html.UnescapeString(stripTags(r[3]))
			out = append(out, youTubeRow{Video: video, Text: text, Spam: strings.TrimSpace(r[4]) == "1"})
		}
	}
	return out, nil
}

// cleanTweet removes Twitter artefacts that would teach the models the
// source rather than the content: HTML entities, retweet markers and
// OLID's "URL" placeholder (turned into a link the normaliser knows).
func cleanTweet(s string) string {
	s = html.UnescapeString(html.UnescapeString(s))
	f := strings.Fields(s)
	out := f[:0]
	for _, w := range f {
		switch w {
		case "RT", "rt":
			continue
		case "URL":
			w = "http://url"
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// stripTags replaces the HTML tags YouTube left in comments (line breaks,
// links, hashtags) with spaces, keeping the text between them; a link's
// text is its address, so the link survives.
func stripTags(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 || !isTagStart(s[i+1:]) {
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteByte(' ')
		s = s[i+j+1:]
	}
	b.WriteString(s)
	return b.String()
}

// isTagStart reports whether s (what follows a '<') opens or closes a tag.
func isTagStart(s string) bool {
	if strings.HasPrefix(s, "/") {
		s = s[1:]
	}
	return s != "" && (s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z')
}

// unquoteTSV undoes OLID's loose CSV-style quoting of some tweets.
func unquoteTSV(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	return strings.ReplaceAll(s, `""`, `"`)
}

func readCSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read dataset: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(recs) < 2 {
		return nil, fmt.Errorf("read %s: no rows", path)
	}
	return recs, nil
}

func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read dataset: %w", err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		lines = append(lines, strings.TrimRight(sc.Text(), "\r"))
	}
	if err := sc.Err(); err != nil && err != io.EOF {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(lines) < 2 {
		return nil, fmt.Errorf("read %s: no rows", path)
	}
	return lines, nil
}
