package language

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"tribune/internal/moderation"
	"tribune/internal/moderation/language/internal/corpus"
)

func newDetector(t testing.TB) *Detector {
	t.Helper()
	d, err := New(Options{})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return d
}

func TestIdentify(t *testing.T) {
	d := newDetector(t)
	tests := []struct{ text, want string }{
		{"The council voted last night to close the library on Sundays.", "en"},
		{"Le conseil municipal a voté hier soir la fermeture de la bibliothèque.", "fr"},
		{"El ayuntamiento votó anoche cerrar la biblioteca los domingos.", "es"},
		{"Der Stadtrat hat gestern Abend beschlossen, die Bibliothek zu schließen.", "de"},
		{"Il consiglio comunale ha votato ieri sera la chiusura della biblioteca.", "it"},
		{"A câmara municipal votou ontem à noite o encerramento da biblioteca.", "pt"},
		{"Городской совет вчера вечером проголосовал за закрытие библиотеки.", "ru"},
		{"市议会昨晚投票决定周日关闭图书馆。", "zh"},
		{"市議会は昨夜、日曜日に図書館を閉鎖することを決めました。", "ja"},
		{"시의회는 어젯밤 일요일에 도서관을 닫기로 결정했습니다.", "ko"},
		{"De gemeenteraad heeft gisteravond besloten de bibliotheek te sluiten.", "nl"},
		{"O concello votou onte pechar a biblioteca os domingos.", "gl"},
		{"我的車是Toyota做的。", "zh"}, // a Latin name inside Chinese
		{"Η δημοτική επιτροπή αποφάσισε να κλείσει τη βιβλιοθήκη.", "el"},
	}
	for _, tt := range tests {
		if got, conf := d.Identify(tt.text); got != tt.want {
			t.Errorf("Identify(%q) = %q (%.2f), want %q", tt.text, got, conf, tt.want)
		}
	}
	for _, text := range []string{"123 !!! ...", "ᏣᎳᎩ ᎦᏬᏂᎯᏍᏗ"} { // no letters; Cherokee, which no profile knows
		if got, conf := d.Identify(text); got != "" || conf != 0 {
			t.Errorf("Identify(%q) = %q, %v, want \"\", 0", text, got, conf)
		}
	}
}

func TestLanguages(t *testing.T) {
	d := newDetector(t)
	got := d.Languages()
	for _, iso := range corpus.TatoebaLangs {
		if code := corpus.Code(iso); !slices.Contains(got, code) {
			t.Errorf("Languages() = %v, want it to hold %q", got, code)
		}
	}
	if !slices.IsSorted(got) {
		t.Errorf("Languages() = %v, want sorted", got)
	}
	if want := corpus.Sites(); !slices.Equal(got, want) {
		t.Errorf("Languages() = %v, want %v", got, want)
	}
}

func TestDetect(t *testing.T) {
	d := newDetector(t)
	tests := []struct {
		text, lang string
		want       bool
	}{
		{"The council voted last night to close the library on Sundays.", "en", false},
		{"The council voted last night to close the library on Sundays.", "en-GB", false},
		{"Le conseil municipal a voté hier soir la fermeture de la bibliothèque.", "en", true},
		{"Le conseil municipal a voté hier soir la fermeture de la bibliothèque.", "fr-CA", false},
		{"Merci beaucoup!", "en", false},                        // short: exempt
		{"Le conseil municipal a voté hier soir.", "xx", false}, // unknown site language
		{"Der Stadtrat hat gestern Abend beschlossen, die Bibliothek zu schließen.", "en", true},
		{"Der Stadtrat hat gestern Abend beschlossen, die Bibliothek zu schließen.", "de", false}, // recognised, not a site language
		{"ᏣᎳᎩ ᎦᏬᏂᎯᏍᏗ ᏣᎳᎩ ᎦᏬᏂᎯᏍᏗ ᏣᎳᎩ ᎦᏬᏂᎯᏍᏗ", "en", true},                                          // a script no profile knows
		{"Η δημοτική επιτροπή αποφάσισε να κλείσει τη βιβλιοθήκη.", "el", false},
		{"Η δημοτική επιτροπή αποφάσισε να κλείσει τη βιβλιοθήκη.", "fr", true},
	}
	for _, tt := range tests {
		got := d.Detect(context.Background(), moderation.Input{Text: tt.text, Lang: tt.lang})
		if (len(got) > 0) != tt.want {
			t.Errorf("Detect(%q, %q) = %v, want finding %v", tt.text, tt.lang, got, tt.want)
		}
		for _, f := range got {
			if f.Rule != Rule || f.Score < DefaultThreshold || f.Score > 1 {
				t.Errorf("Detect(%q, %q) finding = %+v, want rule %q with score in [%v, 1]", tt.text, tt.lang, f, Rule, DefaultThreshold)
			}
		}
	}
}

func TestBaseLang(t *testing.T) {
	for in, want := range map[string]string{"en": "en", "pt-BR": "pt", "en_US": "en", "ZH-Hant": "zh", "": ""} {
		if got := baseLang(in); got != want {
			t.Errorf("baseLang(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestHeldOutAccuracy measures the embedded profiles on the held-out
// Tatoeba fifth when the shared data is present beside the checkout.
func TestHeldOutAccuracy(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "..", "shared", "data", "moderation")
	if _, err := os.Stat(filepath.Join(dir, "language-tatoeba")); err != nil {
		t.Skip("shared data not present")
	}
	sents, err := corpus.Tatoeba(dir)
	if err != nil {
		t.Fatal(err)
	}
	byISO := map[string]string{}
	for _, l := range corpus.Languages {
		byISO[l.ISO3] = l.Code
	}
	d := newDetector(t)
	r := corpus.NewReport()
	for _, s := range sents {
		if corpus.HeldOut(s.ID) {
			got, conf := d.Identify(s.Text)
			r.Add(byISO[s.ISO3], got, conf, s.Text)
		}
	}
	all, long := r.Accuracy()
	t.Logf("held-out accuracy: all %.4f, sentences of >= %d letters %.4f", all, corpus.LongLetters, long)
	if all < 0.98 || long < 0.98 {
		t.Errorf("accuracy on held-out sentences = %.4f (%.4f of >= %d letters), want >= 0.98\n%s", all, long, corpus.LongLetters, r)
	}
}

func TestTrain(t *testing.T) {
	samples := map[string][]string{
		"aa": {"abc abd abe", "abba cab"},
		"bb": {"xyz xyw", "zyx wyx"},
		"cc": {"日本語の文", "本の文"},
	}
	opts := TrainOptions{Sites: []string{"aa", "cc"}}
	a, err := Train(samples, opts)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if b, _ := Train(samples, opts); !bytes.Equal(a, b) {
			t.Fatalf("Train is not deterministic")
		}
	}
	d, err := New(Options{Profiles: a})
	if err != nil {
		t.Fatalf("New(Train(...)): %v", err)
	}
	if got, want := d.Languages(), []string{"aa", "cc"}; !slices.Equal(got, want) {
		t.Errorf("Languages() = %v, want %v", got, want)
	}
	for text, want := range map[string]string{"abe cab": "aa", "xyw zyx": "bb", "本の語": "cc"} {
		if got, _ := d.Identify(text); got != want {
			t.Errorf("Identify(%q) = %q, want %q", text, got, want)
		}
	}
	if _, err := Train(samples, TrainOptions{Sites: []string{"dd"}}); err == nil {
		t.Errorf("Train with an unknown site language: no error")
	}
}

func TestLoadModelCorrupt(t *testing.T) {
	var raw bytes.Buffer
	zr, err := gzip.NewReader(bytes.NewReader(profiles))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.ReadFrom(zr); err != nil {
		t.Fatal(err)
	}
	b := raw.Bytes()
	for _, n := range []int{0, 3, len(profileMagic) + 1, len(profileMagic) + 9, len(b) / 3, len(b) - 1} {
		if _, err := decodeModel(b[:n]); err == nil {
			t.Errorf("decodeModel(first %d of %d bytes): no error", n, len(b))
		}
	}
	if _, err := loadModel([]byte("not gzip")); err == nil {
		t.Errorf("loadModel(not gzip): no error")
	}
}

// BenchmarkScore measures the model itself: Detect and Identify answer
// from the memo when asked about the same text again.
func BenchmarkScore(b *testing.B) {
	d := newDetector(b)
	text := "I have lived on this street for twenty years and the new bike lane has made the school run much safer, whatever the shop owners say."
	sc := d.s.pool.Get().(*scratch)
	b.ReportAllocs()
	for b.Loop() {
		d.s.posterior(sc, text)
	}
}

func BenchmarkDetect(b *testing.B) {
	d := newDetector(b)
	in := moderation.Input{
		Text: "I have lived on this street for twenty years and the new bike lane has made the school run much safer, whatever the shop owners say.",
		Lang: "en",
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		d.Detect(ctx, in)
	}
}
