package feeds

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strings"
	"testing"
	"time"
)

// parsedRSS mirrors the RSS output with full namespace names, so decoding
// also checks that the atom: and dc: prefixes are bound to the right URIs.
type parsedRSS struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel struct {
		// Self comes before Link: a field without a namespace matches
		// <link> in any namespace, and the decoder takes the first match.
		Self struct {
			Href string `xml:"href,attr"`
			Rel  string `xml:"rel,attr"`
			Type string `xml:"type,attr"`
		} `xml:"http://www.w3.org/2005/Atom link"`
		Title         string `xml:"title"`
		Link          string `xml:"link"`
		Description   string `xml:"description"`
		Language      string `xml:"language"`
		LastBuildDate string `xml:"lastBuildDate"`
		Items         []struct {
			Title string `xml:"title"`
			Link  string `xml:"link"`
			GUID  struct {
				IsPermaLink string `xml:"isPermaLink,attr"`
				Value       string `xml:",chardata"`
			} `xml:"guid"`
			Description string   `xml:"description"`
			Creator     string   `xml:"http://purl.org/dc/elements/1.1/ creator"`
			Categories  []string `xml:"category"`
			PubDate     string   `xml:"pubDate"`
			Enclosure   *struct {
				URL    string `xml:"url,attr"`
				Length string `xml:"length,attr"`
				Type   string `xml:"type,attr"`
			} `xml:"enclosure"`
		} `xml:"item"`
	} `xml:"channel"`
}

func writeAndParseRSS(t *testing.T, ch Channel, items []Item) parsedRSS {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteRSS(&buf, ch, items); err != nil {
		t.Fatalf("WriteRSS() error = %v", err)
	}
	if !strings.HasPrefix(buf.String(), `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Errorf("WriteRSS() output starts %q, want the XML declaration", buf.String()[:min(40, buf.Len())])
	}
	var got parsedRSS
	if err := xml.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("xml.Unmarshal(WriteRSS output) error = %v\n%s", err, buf.String())
	}
	return got
}

func TestWriteRSSChannel(t *testing.T) {
	updated := time.Date(2026, 3, 14, 15, 9, 26, 0, time.FixedZone("CET", 3600))
	ch := Channel{
		Title:       "Tribune",
		Link:        "https://example.com/",
		Description: "All the news",
		Language:    "en-gb",
		SelfURL:     "https://example.com/rss.xml",
		Updated:     updated,
	}
	got := writeAndParseRSS(t, ch, nil)
	c := got.Channel
	tests := []struct{ field, got, want string }{
		{"version", got.Version, "2.0"},
		{"title", c.Title, ch.Title},
		{"link", c.Link, ch.Link},
		{"description", c.Description, ch.Description},
		{"language", c.Language, ch.Language},
		{"lastBuildDate", c.LastBuildDate, "Sat, 14 Mar 2026 14:09:26 +0000"},
		{"atom:link href", c.Self.Href, ch.SelfURL},
		{"atom:link rel", c.Self.Rel, "self"},
		{"atom:link type", c.Self.Type, "application/rss+xml"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("WriteRSS() channel %s = %q, want %q", tt.field, tt.got, tt.want)
		}
	}
	if _, err := time.Parse(time.RFC1123Z, c.LastBuildDate); err != nil {
		t.Errorf("lastBuildDate %q is not RFC1123Z: %v", c.LastBuildDate, err)
	}
}

func TestWriteRSSItems(t *testing.T) {
	pub := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	items := []Item{
		{
			Title: "Full", Link: "https://example.com/news/full", Description: "<p>Body</p>",
			Author: "Ada Lovelace", Category: "World", Tags: []string{"Elections", "", "Europe"},
			Published: pub, ImageURL: "https://example.com/media/abc.jpg", ImageType: "image/jpeg", ImageLength: 12345,
		},
		{Title: "Own guid", Link: "https://example.com/news/own", GUID: "urn:uuid:1234"},
		{Title: "Guid is link", Link: "https://example.com/news/same", GUID: "https://example.com/news/same"},
	}
	got := writeAndParseRSS(t, Channel{Title: "T", Link: "https://example.com/"}, items)
	if len(got.Channel.Items) != len(items) {
		t.Fatalf("WriteRSS() wrote %d items, want %d", len(got.Channel.Items), len(items))
	}

	full := got.Channel.Items[0]
	checks := []struct{ field, got, want string }{
		{"title", full.Title, "Full"},
		{"link", full.Link, "https://example.com/news/full"},
		{"guid", full.GUID.Value, "https://example.com/news/full"},
		{"guid isPermaLink", full.GUID.IsPermaLink, "true"},
		{"description", full.Description, "<p>Body</p>"},
		{"dc:creator", full.Creator, "Ada Lovelace"},
		{"pubDate", full.PubDate, "Fri, 02 Jan 2026 03:04:05 +0000"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("WriteRSS() item %s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if want := []string{"World", "Elections", "Europe"}; !slices.Equal(full.Categories, want) {
		t.Errorf("WriteRSS() item categories = %q, want %q", full.Categories, want)
	}
	if e := full.Enclosure; e == nil {
		t.Errorf("WriteRSS() item has no enclosure, want one")
	} else if e.URL != items[0].ImageURL || e.Length != "12345" || e.Type != "image/jpeg" {
		t.Errorf("WriteRSS() enclosure = %+v, want url %q length 12345 type image/jpeg", *e, items[0].ImageURL)
	}

	guids := []struct {
		value, permaLink string
	}{
		{"urn:uuid:1234", "false"},
		{"https://example.com/news/same", "true"},
	}
	for i, want := range guids {
		it := got.Channel.Items[i+1]
		if it.GUID.Value != want.value || it.GUID.IsPermaLink != want.permaLink {
			t.Errorf("WriteRSS() item %q guid = %q isPermaLink=%q, want %q isPermaLink=%q",
				it.Title, it.GUID.Value, it.GUID.IsPermaLink, want.value, want.permaLink)
		}
		if it.Enclosure != nil || it.PubDate != "" || it.Creator != "" || len(it.Categories) != 0 {
			t.Errorf("WriteRSS() item %q has optional elements %+v, want none", it.Title, it)
		}
	}
}

func TestWriteRSSEscaping(t *testing.T) {
	tricky := []string{
		`Tom & Jerry <script>alert("x")</script>`,
		`"quoted" & 'single' ]]> end`,
		"line\nbreak",
	}
	for _, s := range tricky {
		ch := Channel{Title: s, Link: "https://example.com/?a=1&b=2", SelfURL: `https://example.com/rss.xml?q="x"&y=<z>`}
		items := []Item{{Title: s, Link: "https://example.com/news/a?x=1&y=2", Author: s, Category: s, Tags: []string{s}, Description: s}}
		var buf bytes.Buffer
		if err := WriteRSS(&buf, ch, items); err != nil {
			t.Fatalf("WriteRSS(title %q) error = %v", s, err)
		}
		if strings.Contains(buf.String(), "<script>") {
			t.Errorf("WriteRSS(title %q) output holds raw <script>:\n%s", s, buf.String())
		}
		got := writeAndParseRSS(t, ch, items)
		it := got.Channel.Items[0]
		for _, f := range []struct{ field, got, want string }{
			{"channel title", got.Channel.Title, s},
			{"channel link", got.Channel.Link, ch.Link},
			{"self href", got.Channel.Self.Href, ch.SelfURL},
			{"item title", it.Title, s},
			{"item link", it.Link, items[0].Link},
			{"item description", it.Description, s},
			{"item creator", it.Creator, s},
		} {
			if f.got != f.want {
				t.Errorf("WriteRSS(title %q) %s round trip = %q, want %q", s, f.field, f.got, f.want)
			}
		}
	}
}

func TestWriteRSSInvalidCharacters(t *testing.T) {
	// XML 1.0 cannot carry NUL or most control characters; the output must
	// stay well-formed, with such characters replaced.
	got := writeAndParseRSS(t, Channel{Title: "a\x00b\x1bc"}, []Item{{Title: "bad \xff utf8"}})
	if want := "a\uFFFDb\uFFFDc"; got.Channel.Title != want {
		t.Errorf("WriteRSS() title with control characters = %q, want %q", got.Channel.Title, want)
	}
	if want := "bad \uFFFD utf8"; got.Channel.Items[0].Title != want {
		t.Errorf("WriteRSS() title with invalid UTF-8 = %q, want %q", got.Channel.Items[0].Title, want)
	}
}
