package loadtest

import (
	"bytes"
	"strconv"
)

// SSEEvent is one dispatched Server-Sent Event. ID is the last event ID in
// force when it was dispatched (it carries over from earlier events, as in
// the HTML specification), Event its type ("message" when none was given).
// Data is empty unless the parser keeps data.
type SSEEvent struct {
	ID    string
	Event string
	Data  string
}

// Seq is the event's ID read as the comment sequence number the stream
// sends, or -1 when the ID is not a number.
func (e SSEEvent) Seq() int64 {
	n, err := strconv.ParseInt(e.ID, 10, 64)
	if err != nil {
		return -1
	}
	return n
}

// maxSSELine bounds a line the parser buffers; a longer one is cut, so a
// misbehaving server cannot make the benchmark's memory grow without end.
const maxSSELine = 1 << 20

// SSEParser turns a text/event-stream body, fed in pieces of any size, into
// events. It is the benchmark's own minimal parser so that ten thousand
// subscribers cost little: with KeepData false (the default) it does not
// keep the data lines, only that there were some, and a subscriber pays
// for its event's ID and type alone. It follows the HTML standard's
// parsing rules: lines end in CR, LF or CRLF (also split across pieces), a
// blank line dispatches the event if it had data, lines starting with a
// colon are comments (Comments counts them: the server's pings), and one
// space after "field:" is dropped.
type SSEParser struct {
	// KeepData keeps each event's data lines, joined by "\n".
	KeepData bool
	// Comments counts comment lines seen, such as ": ping".
	Comments int

	line    []byte
	skipLF  bool
	started bool
	lastID  string
	event   string
	data    []byte
	hasData bool
}

// Feed parses the next piece of the stream and calls emit for every event
// it completes.
func (p *SSEParser) Feed(b []byte, emit func(SSEEvent)) {
	for len(b) > 0 {
		if p.skipLF {
			p.skipLF = false
			if b[0] == '\n' {
				b = b[1:]
				continue
			}
		}
		i := bytes.IndexAny(b, "\r\n")
		if i < 0 {
			p.appendLine(b)
			return
		}
		p.appendLine(b[:i])
		p.skipLF = b[i] == '\r'
		b = b[i+1:]
		p.endLine(emit)
	}
}

func (p *SSEParser) appendLine(b []byte) {
	if room := maxSSELine - len(p.line); len(b) > room {
		b = b[:max(room, 0)]
	}
	p.line = append(p.line, b...)
}

// endLine processes the complete line in p.line.
func (p *SSEParser) endLine(emit func(SSEEvent)) {
	line := p.line
	p.line = p.line[:0]
	if !p.started {
		p.started = true
		line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
	}
	if len(line) == 0 {
		p.dispatch(emit)
		return
	}
	if line[0] == ':' {
		p.Comments++
		return
	}
	field, value, found := bytes.Cut(line, []byte(":"))
	if found && len(value) > 0 && value[0] == ' ' {
		value = value[1:]
	}
	switch string(field) {
	case "event":
		p.event = string(value)
	case "data":
		if p.KeepData {
			if p.hasData {
				p.data = append(p.data, '\n')
			}
			p.data = append(p.data, value...)
		}
		p.hasData = true
	case "id":
		if bytes.IndexByte(value, 0) < 0 {
			p.lastID = string(value)
		}
	}
}

// dispatch emits the event gathered so far, if it had data, and starts the
// next one.
func (p *SSEParser) dispatch(emit func(SSEEvent)) {
	if p.hasData {
		ev := SSEEvent{ID: p.lastID, Event: p.event, Data: string(p.data)}
		if ev.Event == "" {
			ev.Event = "message"
		}
		emit(ev)
	}
	p.event, p.data, p.hasData = "", p.data[:0], false
}
