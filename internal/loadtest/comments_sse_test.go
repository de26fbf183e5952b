package loadtest

import (
	"reflect"
	"testing"
)

// feedAll feeds the pieces in order and returns the events and comments.
func feedAll(keep bool, pieces ...string) ([]SSEEvent, int) {
	p := &SSEParser{KeepData: keep}
	var got []SSEEvent
	for _, s := range pieces {
		p.Feed([]byte(s), func(e SSEEvent) { got = append(got, e) })
	}
	return got, p.Comments
}

func TestSSEParser(t *testing.T) {
	comment := `{"id":"c1","seq":7}`
	tests := []struct {
		name     string
		keep     bool
		pieces   []string
		want     []SSEEvent
		comments int
	}{
		{"one event", true, []string{"id: 7\nevent: comment\ndata: " + comment + "\n\n"},
			[]SSEEvent{{"7", "comment", comment}}, 0},
		{"without data kept", false, []string{"id: 7\nevent: comment\ndata: " + comment + "\n\n"},
			[]SSEEvent{{"7", "comment", ""}}, 0},
		{"split at every byte", true, splitBytes("id: 8\r\nevent: comment\r\ndata: x\r\n\r\n"),
			[]SSEEvent{{"8", "comment", "x"}}, 0},
		{"CR only line ends", true, []string{"id: 9\revent: comment\rdata: y\r\r"},
			[]SSEEvent{{"9", "comment", "y"}}, 0},
		{"CRLF split between pieces", true, []string{"data: a\r", "\n\r", "\n"},
			[]SSEEvent{{"", "message", "a"}}, 0},
		{"pings are comments", true, []string{": ping\n\n: ping\n\n"}, nil, 2},
		{"several data lines", true, []string{"data: a\ndata:b\ndata:  c\n\n"},
			[]SSEEvent{{"", "message", "a\nb\n c"}}, 0},
		{"no data, no event", true, []string{"id: 3\nevent: comment\n\n"}, nil, 0},
		{"id carries over, type does not", true, []string{"id: 4\nevent: comment\ndata: a\n\ndata: b\n\n"},
			[]SSEEvent{{"4", "comment", "a"}, {"4", "message", "b"}}, 0},
		{"incomplete event waits", true, []string{"id: 5\ndata: a\n"}, nil, 0},
		{"byte order mark at the start", true, []string{"\xef\xbb\xbfdata: a\n\n"},
			[]SSEEvent{{"", "message", "a"}}, 0},
		{"field without colon", true, []string{"data\n\n"}, []SSEEvent{{"", "message", ""}}, 0},
		{"unknown fields ignored", true, []string{"retry: 100\nfoo: bar\ndata: a\n\n"},
			[]SSEEvent{{"", "message", "a"}}, 0},
	}
	for _, tt := range tests {
		got, comments := feedAll(tt.keep, tt.pieces...)
		if !reflect.DeepEqual(got, tt.want) || comments != tt.comments {
			t.Errorf("%s: Feed(%q) = %+v, %d comments; want %+v, %d", tt.name, tt.pieces, got, comments, tt.want, tt.comments)
		}
	}
}

func splitBytes(s string) []string {
	out := make([]string, len(s))
	for i := range s {
		out[i] = s[i : i+1]
	}
	return out
}

func TestSSEEventSeq(t *testing.T) {
	tests := []struct {
		id   string
		want int64
	}{
		{"42", 42}, {"0", 0}, {"", -1}, {"abc", -1}, {"01HX", -1},
	}
	for _, tt := range tests {
		if got := (SSEEvent{ID: tt.id}).Seq(); got != tt.want {
			t.Errorf("SSEEvent{ID: %q}.Seq() = %d, want %d", tt.id, got, tt.want)
		}
	}
}
