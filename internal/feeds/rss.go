package feeds

import (
	"encoding/xml"
	"fmt"
	"io"
	"time"
)

// Channel describes the feed as a whole: the site, or one section of it.
type Channel struct {
	Title       string
	Link        string // the HTML page the feed mirrors
	Description string
	Language    string // e.g. "en" or "en-gb"; omitted when empty
	// SelfURL is the feed's own address, written as atom:link rel="self"
	// so readers and validators know the canonical feed URL.
	SelfURL string
	// Updated becomes lastBuildDate; omitted when zero.
	Updated time.Time
}

// Item is one story in the feed.
type Item struct {
	Title string
	Link  string
	// GUID identifies the item forever. When empty, Link is used. The guid
	// is marked isPermaLink="true" only when it equals Link.
	GUID        string
	Description string
	Author      string // written as dc:creator: RSS <author> wants an e-mail
	Category    string // the section; written as the first <category>
	Published   time.Time
	// ImageURL, ImageType and ImageLength become the <enclosure> carrying the
	// lead photo; no enclosure is written when ImageURL is empty. RSS wants
	// the length in bytes; 0 means unknown.
	ImageURL    string
	ImageType   string
	ImageLength int64
	// Tags are written as one <category> each, after Category.
	Tags []string
}

type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	DC      string     `xml:"xmlns:dc,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language,omitempty"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Self          *atomLink `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string        `xml:"title"`
	Link        string        `xml:"link"`
	GUID        rssGUID       `xml:"guid"`
	Description string        `xml:"description,omitempty"`
	Creator     string        `xml:"dc:creator,omitempty"`
	Categories  []string      `xml:"category"`
	PubDate     string        `xml:"pubDate,omitempty"`
	Enclosure   *rssEnclosure `xml:"enclosure"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

type rssEnclosure struct {
	URL    string `xml:"url,attr"`
	Length int64  `xml:"length,attr"`
	Type   string `xml:"type,attr"`
}

// WriteRSS writes an RSS 2.0 document for ch with items in the given order.
// Dates are RFC 1123 with a numeric zone, in UTC.
func WriteRSS(w io.Writer, ch Channel, items []Item) error {
	doc := rssDoc{
		Version: "2.0",
		Atom:    nsAtom,
		DC:      nsDC,
		Channel: rssChannel{
			Title:       ch.Title,
			Link:        ch.Link,
			Description: ch.Description,
			Language:    ch.Language,
			Items:       make([]rssItem, 0, len(items)),
		},
	}
	if !ch.Updated.IsZero() {
		doc.Channel.LastBuildDate = rssTime(ch.Updated)
	}
	if ch.SelfURL != "" {
		doc.Channel.Self = &atomLink{Href: ch.SelfURL, Rel: "self", Type: "application/rss+xml"}
	}
	for _, it := range items {
		doc.Channel.Items = append(doc.Channel.Items, rssItemFor(it))
	}
	enc, err := newEncoder(w)
	if err != nil {
		return fmt.Errorf("write rss: %w", err)
	}
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write rss: %w", err)
	}
	if err := finish(w, enc); err != nil {
		return fmt.Errorf("write rss: %w", err)
	}
	return nil
}

// rssItemFor maps an Item to its XML shape, choosing the guid and the
// categories as documented on Item.
func rssItemFor(it Item) rssItem {
	guid := it.GUID
	if guid == "" {
		guid = it.Link
	}
	out := rssItem{
		Title:       it.Title,
		Link:        it.Link,
		GUID:        rssGUID{IsPermaLink: guid == it.Link, Value: guid},
		Description: it.Description,
		Creator:     it.Author,
	}
	if it.Category != "" {
		out.Categories = append(out.Categories, it.Category)
	}
	for _, t := range it.Tags {
		if t != "" {
			out.Categories = append(out.Categories, t)
		}
	}
	if !it.Published.IsZero() {
		out.PubDate = rssTime(it.Published)
	}
	if it.ImageURL != "" {
		out.Enclosure = &rssEnclosure{URL: it.ImageURL, Length: it.ImageLength, Type: it.ImageType}
	}
	return out
}
