package metrics

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestEscapeLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{`back\slash`, `back\\slash`},
		{`say "hi"`, `say \"hi\"`},
		{"two\nlines", `two\nlines`},
		{"\\\"\n", `\\\"\n`},
		{"tab\tstays", "tab\tstays"},
		{"ünïcode", "ünïcode"},
	}
	for _, tt := range tests {
		if got := escapeLabel(tt.in); got != tt.want {
			t.Errorf("escapeLabel(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEscapeHelp(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{`back\slash`, `back\\slash`},
		{`quotes "stay"`, `quotes "stay"`},
		{"two\nlines", `two\nlines`},
	}
	for _, tt := range tests {
		if got := escapeHelp(tt.in); got != tt.want {
			t.Errorf("escapeHelp(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatFloat(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0"},
		{1, "1"},
		{0.0005, "0.0005"},
		{2.5, "2.5"},
		{-3, "-3"},
		{1e-9, "1e-09"},
		{math.Inf(1), "+Inf"},
		{math.Inf(-1), "-Inf"},
		{math.NaN(), "NaN"},
	}
	for _, tt := range tests {
		if got := formatFloat(tt.in); got != tt.want {
			t.Errorf("formatFloat(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFamilies(t *testing.T) {
	r := New(Options{Version: "test"})
	c := r.Counter("tribune_comments_posted_total", "Comments posted.")
	c.Add(3)
	c.Inc()
	v := r.CounterVec("tribune_moderation_decisions_total", "Moderation decisions by outcome.", "outcome", "detector")
	v.With("reject", `links "spam"`).Add(2)
	v.With("approve", "none").Inc()
	v.With("reject", "a\\b\nc").Inc()
	v.With("approve", "none").Inc()
	g := r.Gauge("tribune_queue_length", "Jobs waiting.\nSecond line with a \\.")
	g.Set(5)
	g.Add(-1.5)
	r.GaugeFunc("tribune_views_buffered", "Views not yet flushed.", func() float64 { return 42 })

	text := scrape(t, r)
	tests := []struct {
		name string
		want []string
	}{
		{"tribune_comments_posted_total", []string{
			"# HELP tribune_comments_posted_total Comments posted.",
			"# TYPE tribune_comments_posted_total counter",
			"tribune_comments_posted_total 4",
		}},
		{"tribune_moderation_decisions_total", []string{
			"# HELP tribune_moderation_decisions_total Moderation decisions by outcome.",
			"# TYPE tribune_moderation_decisions_total counter",
			`tribune_moderation_decisions_total{outcome="approve",detector="none"} 2`,
			`tribune_moderation_decisions_total{outcome="reject",detector="a\\b\nc"} 1`,
			`tribune_moderation_decisions_total{outcome="reject",detector="links \"spam\""} 2`,
		}},
		{"tribune_queue_length", []string{
			`# HELP tribune_queue_length Jobs waiting.\nSecond line with a \\.`,
			"# TYPE tribune_queue_length gauge",
			"tribune_queue_length 3.5",
		}},
		{"tribune_views_buffered", []string{
			"# HELP tribune_views_buffered Views not yet flushed.",
			"# TYPE tribune_views_buffered gauge",
			"tribune_views_buffered 42",
		}},
	}
	for _, tt := range tests {
		if got := familyLines(text, tt.name); !slices.Equal(got, tt.want) {
			t.Errorf("exposition of %s =\n%s\nwant\n%s", tt.name, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
	}
}

func TestHistogramBuckets(t *testing.T) {
	r := New(Options{})
	rs := r.http.route("GET /news/{slug}")
	for _, d := range []time.Duration{
		0,                      // first bucket
		500 * time.Microsecond, // exactly on a bound: le is inclusive
		501 * time.Microsecond, // next bucket
		3 * time.Millisecond,
		2 * time.Second,
		20 * time.Second, // above the last bound: only +Inf
	} {
		rs.observe(200, d)
	}
	const (
		b = `tribune_http_request_duration_seconds_bucket{route="GET /news/{slug}",le=`
		n = `{route="GET /news/{slug}"}`
	)
	want := []string{
		"# HELP tribune_http_request_duration_seconds Time from receiving an HTTP request to its handler returning, by route pattern.",
		"# TYPE tribune_http_request_duration_seconds histogram",
		b + `"0.0005"} 2`,
		b + `"0.001"} 3`,
		b + `"0.0025"} 3`,
		b + `"0.005"} 4`,
		b + `"0.01"} 4`,
		b + `"0.025"} 4`,
		b + `"0.05"} 4`,
		b + `"0.1"} 4`,
		b + `"0.25"} 4`,
		b + `"0.5"} 4`,
		b + `"1"} 4`,
		b + `"2.5"} 5`,
		b + `"5"} 5`,
		b + `"10"} 5`,
		b + `"+Inf"} 6`,
		"tribune_http_request_duration_seconds_sum" + n + " 22.004001",
		"tribune_http_request_duration_seconds_count" + n + " 6",
	}
	got := familyLines(scrape(t, r), "tribune_http_request_duration_seconds")
	if !slices.Equal(got, want) {
		t.Errorf("histogram exposition =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// sampleLine is the line syntax the brief and Prometheus' parser demand.
var sampleLine = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? [0-9eE+.\-]+(Inf)?$|NaN`)

// helpLine and typeLine match the two comment lines the writer produces.
var (
	helpLine = regexp.MustCompile(`^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*$`)
	typeLine = regexp.MustCompile(`^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram)$`)
)

// labelPair matches one label pair with a correctly escaped value.
var labelPair = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*"`)

// TestExpositionSyntax checks the whole output of a busy registry line by
// line: sample syntax, label escaping, one TYPE per family before its
// samples, and no duplicated series.
func TestExpositionSyntax(t *testing.T) {
	r := New(Options{Version: `v1 "quoted" \ back`, DBStats: fakeDBStats})
	r.http.route(`GET /odd/"quote"/\back`).observe(200, time.Millisecond)
	r.http.route("").observe(404, time.Millisecond)
	r.CounterVec("tribune_test_total", "Help with \\ and \n.", "value").With("new\nline").Inc()
	r.GaugeFunc("tribune_nan", "Not a number.", func() float64 { return math.NaN() })
	r.GaugeFunc("tribune_inf", "Infinite.", func() float64 { return math.Inf(-1) })
	text := scrape(t, r)

	if !strings.HasSuffix(text, "\n") {
		t.Errorf("exposition does not end with a line feed")
	}
	typed := map[string]bool{}
	seen := map[string]bool{}
	for line := range strings.Lines(text) {
		line = strings.TrimSuffix(line, "\n")
		if m := typeLine.FindStringSubmatch(line); m != nil {
			if typed[m[1]] {
				t.Errorf("second TYPE line for %s", m[1])
			}
			typed[m[1]] = true
			continue
		}
		if strings.HasPrefix(line, "#") {
			if !helpLine.MatchString(line) {
				t.Errorf("comment line %q is neither a valid HELP nor TYPE line", line)
			}
			continue
		}
		if !sampleLine.MatchString(line) {
			t.Errorf("sample line %q does not match %v", line, sampleLine)
			continue
		}
		name := line[:strings.IndexAny(line, "{ ")]
		base := name
		for _, s := range []string{"_bucket", "_sum", "_count"} {
			if b, ok := strings.CutSuffix(name, s); ok && typed[b] {
				base = b
			}
		}
		if !typed[base] {
			t.Errorf("sample %q comes before any TYPE line for %s", line, base)
		}
		if labels, ok := strings.CutPrefix(line[len(name):], "{"); ok {
			for {
				m := labelPair.FindString(labels)
				if m == "" {
					t.Errorf("sample %q: bad label syntax at %q", line, labels)
					break
				}
				labels = labels[len(m):]
				if rest, ok := strings.CutPrefix(labels, ","); ok {
					labels = rest
					continue
				}
				if !strings.HasPrefix(labels, "} ") {
					t.Errorf("sample %q: labels not closed at %q", line, labels)
				}
				break
			}
		}
		key := line[:strings.LastIndexByte(line, ' ')]
		if seen[key] {
			t.Errorf("series %s appears twice", key)
		}
		seen[key] = true
	}
}
