package language

import (
	"context"
	"os"
	"path/filepath"
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
	}
	for _, tt := range tests {
		if got, conf := d.Identify(tt.text); got != tt.want {
			t.Errorf("Identify(%q) = %q (%.2f), want %q", tt.text, got, conf, tt.want)
		}
	}
	if got, conf := d.Identify("123 !!! ..."); got != "" || conf != 0 {
		t.Errorf("Identify(no letters) = %q, %v, want \"\", 0", got, conf)
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
			got, _ := d.Identify(s.Text)
			r.Add(byISO[s.ISO3], got, s.Text)
		}
	}
	all, long := r.Accuracy()
	t.Logf("held-out accuracy: all %.4f, sentences of >= %d letters %.4f", all, corpus.LongLetters, long)
	if long < 0.98 {
		t.Errorf("accuracy on long held-out sentences = %.4f, want >= 0.98\n%s", long, r)
	}
	if all < 0.96 {
		t.Errorf("accuracy on all held-out sentences = %.4f, want >= 0.96\n%s", all, r)
	}
}

func TestTrainDeterministic(t *testing.T) {
	samples := map[string][]string{"aa": {"abc abd abe"}, "bb": {"xyz xyw"}}
	a, err := Train(samples, 100)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Train(samples, 100)
	if string(a) != string(b) {
		t.Errorf("Train is not deterministic")
	}
	m, err := loadModel(a)
	if err != nil {
		t.Fatalf("loadModel(Train(...)): %v", err)
	}
	if len(m.codes) != 2 {
		t.Errorf("loadModel codes = %v, want 2", m.codes)
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
