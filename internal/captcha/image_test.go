package captcha

import (
	"bytes"
	"encoding/base64"
	"html/template"
	"image/png"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func serve(c *Captcha, method, token string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	c.ServeImage(w, httptest.NewRequest(method, "/captcha/"+token, nil), token)
	return w
}

func TestServeImage(t *testing.T) {
	c, _ := newTest(t, Options{})
	ch, _ := c.New()
	for _, token := range []string{ch.Token, ch.Token + ".png"} {
		w := serve(c, http.MethodGet, token)
		if w.Code != http.StatusOK {
			t.Fatalf("ServeImage(%.12q…) status = %d, want 200", token, w.Code)
		}
		if got := w.Header().Get("Content-Type"); got != "image/png" {
			t.Errorf("Content-Type = %q, want image/png", got)
		}
		if got := w.Header().Get("Cache-Control"); got != "no-store" {
			t.Errorf("Cache-Control = %q, want no-store", got)
		}
		img, err := png.Decode(bytes.NewReader(w.Body.Bytes()))
		if err != nil {
			t.Fatalf("png.Decode(ServeImage body) error: %v", err)
		}
		if b := img.Bounds(); b.Dx() != ImageWidth || b.Dy() != ImageHeight {
			t.Errorf("image size = %dx%d, want %dx%d", b.Dx(), b.Dy(), ImageWidth, ImageHeight)
		}
	}
	// The same token draws the same picture, so reloads show nothing new.
	a, b := serve(c, http.MethodGet, ch.Token), serve(c, http.MethodGet, ch.Token)
	if !bytes.Equal(a.Body.Bytes(), b.Body.Bytes()) {
		t.Error("ServeImage drew two different pictures for one token")
	}
	if other, _ := c.New(); bytes.Equal(a.Body.Bytes(), serve(c, http.MethodGet, other.Token).Body.Bytes()) {
		t.Error("ServeImage drew the same picture for two challenges")
	}
	if w := serve(c, http.MethodHead, ch.Token); w.Code != http.StatusOK || w.Body.Len() != 0 {
		t.Errorf("HEAD: status %d with %d bytes, want 200 with none", w.Code, w.Body.Len())
	}
}

func TestServeImageNotFound(t *testing.T) {
	c, clk := newTest(t, Options{})
	ch, _ := c.New()
	expired, _ := c.New()
	clk.add(DefaultTTL)
	fresh, _ := c.New()
	tests := []struct{ name, token string }{
		{"expired", expired.Token},
		{"tampered", "A" + ch.Token[1:]},
		{"empty", ""},
		{"garbage", "x.y.png"},
	}
	for _, tt := range tests {
		if w := serve(c, http.MethodGet, tt.token); w.Code != http.StatusNotFound {
			t.Errorf("ServeImage(%s) status = %d, want 404", tt.name, w.Code)
		}
	}
	if w := serve(c, http.MethodGet, fresh.Token); w.Code != http.StatusOK {
		t.Errorf("ServeImage(fresh) status = %d, want 200", w.Code)
	}
}

// TestTokenHidesAnswer decodes every part of many tokens and looks for the
// answer in any case, raw or in the token's own text.
func TestTokenHidesAnswer(t *testing.T) {
	c, _ := newTest(t, Options{})
	for range 50 {
		ch, _ := c.New()
		answer := answerOf(t, c, ch.Token)
		hay := [][]byte{[]byte(ch.Token), []byte(strings.ToLower(ch.Token))}
		for _, part := range strings.Split(ch.Token, ".") {
			raw, err := base64.RawURLEncoding.DecodeString(part)
			if err != nil {
				t.Fatalf("token part %q is not base64url: %v", part, err)
			}
			hay = append(hay, raw, bytes.ToLower(raw))
		}
		for _, h := range hay {
			if bytes.Contains(h, []byte(answer)) || bytes.Contains(h, []byte(strings.ToLower(answer))) {
				t.Fatalf("token %q reveals its answer %q", ch.Token, answer)
			}
		}
		if strings.Contains(ch.Seed, answer) {
			t.Fatalf("seed %q reveals the answer %q", ch.Seed, answer)
		}
	}
}

func TestAnswerAlphabet(t *testing.T) {
	c, _ := newTest(t, Options{})
	seen := map[rune]bool{}
	for range 200 {
		ch, _ := c.New()
		answer := answerOf(t, c, ch.Token)
		if len(answer) != answerLen {
			t.Errorf("answer %q has %d characters, want %d", answer, len(answer), answerLen)
		}
		for _, r := range answer {
			if !strings.ContainsRune(Alphabet, r) || strings.ContainsRune("0O1Il", r) {
				t.Errorf("answer %q has %q, outside the unambiguous alphabet", answer, r)
			}
			seen[r] = true
		}
	}
	for _, r := range Alphabet {
		if _, ok := glyphs[byte(r)]; !ok {
			t.Errorf("no glyph for %q", r)
		}
	}
	if len(seen) != len(Alphabet) {
		t.Errorf("200 answers used %d of the %d characters", len(seen), len(Alphabet))
	}
}

func TestGlyphs(t *testing.T) {
	for ch, g := range glyphs {
		for y, row := range g {
			if len(row) != glyphW || strings.Trim(row, "#.") != "" {
				t.Errorf("glyph %q row %d = %q, want %d cells of # and .", ch, y, row, glyphW)
			}
		}
		if !strings.ContainsRune(Alphabet, rune(ch)) {
			t.Errorf("glyph %q is not in Alphabet %q", ch, Alphabet)
		}
	}
}

func TestWidgetTemplate(t *testing.T) {
	c, _ := newTest(t, Options{})
	ch, _ := c.New()
	tpl := template.Must(template.New("form").Parse(WidgetTemplate + `{{template "captcha" .}}`))
	var b strings.Builder
	if err := tpl.Execute(&b, ch); err != nil {
		t.Fatalf("execute widget: %v", err)
	}
	html := b.String()
	for _, want := range []string{
		`data-captcha `,
		`data-seed="` + ch.Seed + `"`,
		`data-difficulty="16"`,
		`src="` + ch.ImageURL + `"`,
		`alt="Security check image: type the characters shown.`,
		`<label for="captcha_answer">Type the characters in the image</label>`,
		`name="captcha_answer"`,
		`name="captcha_token" value="` + ch.Token + `"`,
		`name="pow_nonce"`,
		`data-captcha-status`,
		`aria-live="polite"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("widget HTML lacks %s:\n%s", want, html)
		}
	}
}

func TestScript(t *testing.T) {
	js := string(Script())
	for _, want := range []string{"crypto.subtle", `digest("SHA-256"`, "[data-captcha]", "pow_nonce", "Verified automatically — no need to type the characters"} {
		if !strings.Contains(js, want) {
			t.Errorf("Script() lacks %q", want)
		}
	}
	Script()[0] = 'X'
	if Script()[0] == 'X' {
		t.Error("Script() shares its bytes between callers")
	}
}

func BenchmarkNewAndImage(b *testing.B) {
	c, _ := newTest(b, Options{})
	for b.Loop() {
		ch, err := c.New()
		if err != nil {
			b.Fatal(err)
		}
		if w := serve(c, http.MethodGet, ch.Token); w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
}
