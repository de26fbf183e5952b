package markup

import (
	"reflect"
	"strings"
	"testing"
)

func TestRewriteImages(t *testing.T) {
	media := func(src string) string {
		if strings.HasPrefix(src, "https://") {
			return src
		}
		return "/media/" + strings.ReplaceAll(src, "/", "_")
	}
	tests := []struct {
		name, src, want string
	}{
		{"nothing to do", "text [link](a.png)", "text [link](a.png)"},
		{"inline and figure", "![a](pics/a.jpg \"Cap | Cred\")\n\nSee ![b](b.png).\n",
			"![a](/media/pics_a.jpg \"Cap | Cred\")\n\nSee ![b](/media/b.png).\n"},
		{"remote stays", "![a](https://cdn.example/a.jpg)", "![a](https://cdn.example/a.jpg)"},
		{"angle brackets", "![a](<my pic.png>)", "![a](</media/my%20pic.png>)"},
		{"escapes are decoded first", `![a](a\(1\).png)`, "![a](/media/a%281%29.png)"},
		{"reference definition", "![a][r] and ![b][r]\n\n[r]: r.png \"T\"\n", "![a][r] and ![b][r]\n\n[r]: /media/r.png \"T\"\n"},
		{"links untouched", "[x](a.png) ![y](a.png)", "[x](a.png) ![y](/media/a.png)"},
		{"inside quote and list", "> ![q](q.png)\n\n- ![l](l.png)", "> ![q](/media/q.png)\n\n- ![l](/media/l.png)"},
		{"code untouched", "`![a](a.png)`\n\n    ![b](b.png)", "`![a](a.png)`\n\n    ![b](b.png)"},
		{"unicode before", "Ünïcödé ![a](a.png)", "Ünïcödé ![a](/media/a.png)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RewriteImages(tt.src, media); got != tt.want {
				t.Errorf("RewriteImages(%q) = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestRewriteImagesRoundTrip(t *testing.T) {
	// Whatever fn returns must come back out of ImageSources unchanged.
	src := "![a](a.png) ![b](<b c.png>)"
	odd := map[string]string{"a.png": `x (1) <y> \z.png`, "b c.png": "/media/ok.png"}
	got := ImageSources(RewriteImages(src, func(s string) string { return odd[s] }))
	want := []string{"x%20%281%29%20%3Cy%3E%20%5Cz.png", "/media/ok.png"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ImageSources(RewriteImages(%q)) = %q, want %q", src, got, want)
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"all *fine* [x](https://a.example) ![i](p.png)", nil},
		{"ok\n\n<div>x</div>", []string{"line 3: raw HTML is not shown; use Markdown instead"}},
		{"a <b>b</b>", []string{`line 1: raw HTML "<b>" is not shown; use Markdown instead`, `line 1: raw HTML "</b>" is not shown; use Markdown instead`}},
		{"x\n\n[a](javascript:x)", []string{`line 3: link to "javascript:x" is shown as plain text: only http, https, mailto and tel links are allowed`}},
		{"![a](data:image/png;base64,AA)", []string{`line 1: image "data:image/png;base64,AA" is not shown: only http and https images or local files are allowed`}},
		{"see [[related:a]]", []string{"line 1: a [[related:slug]] marker must be alone in its paragraph and name a valid slug; it is shown as text"}},
		{"[[related:a]]", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range Check(tt.src) {
			got = append(got, p.String())
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Check(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}
