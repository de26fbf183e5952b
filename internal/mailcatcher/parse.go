package mailcatcher

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"net/textproto"
	"strings"
)

// maxDepth bounds nested multiparts.
const maxDepth = 8

// parseMessage fills r's Header, Subject, Text and HTML from the raw
// message. What it cannot parse it reports, leaving the rest filled.
func parseMessage(r *Received, raw []byte) error {
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return fmt.Errorf("read header: %w", err)
	}
	r.Header = msg.Header
	r.Subject = msg.Header.Get("Subject")
	dec := mime.WordDecoder{CharsetReader: charsetReader}
	if s, err := dec.DecodeHeader(r.Subject); err == nil {
		r.Subject = s
	}
	return walkPart(r, textproto.MIMEHeader(msg.Header), msg.Body, 0)
}

// walkPart keeps the first text/plain and the first text/html part found,
// depth first, and skips everything else (attachments, images).
func walkPart(r *Received, h textproto.MIMEHeader, body io.Reader, depth int) error {
	if depth > maxDepth {
		return errors.New("multipart nested too deeply")
	}
	ct := h.Get("Content-Type")
	if ct == "" {
		ct = "text/plain; charset=us-ascii"
	}
	mediaType, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return fmt.Errorf("content type %q: %w", ct, err)
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return fmt.Errorf("%s: %w", mediaType, err)
			}
			if err := walkPart(r, p.Header, p, depth+1); err != nil {
				return err
			}
		}
	}
	isText, isHTML := mediaType == "text/plain" && r.Text == "", mediaType == "text/html" && r.HTML == ""
	if (!isText && !isHTML) || strings.HasPrefix(strings.ToLower(h.Get("Content-Disposition")), "attachment") {
		return nil
	}
	b, err := io.ReadAll(transferDecoder(h.Get("Content-Transfer-Encoding"), body))
	if err != nil {
		return fmt.Errorf("%s body: %w", mediaType, err)
	}
	if cs := strings.ToLower(params["charset"]); cs == "iso-8859-1" || cs == "latin1" {
		b = latin1ToUTF8(b)
	}
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	if isText {
		r.Text = s
	} else {
		r.HTML = s
	}
	return nil
}

func transferDecoder(cte string, body io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(cte)) {
	case "quoted-printable":
		return quotedprintable.NewReader(body)
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, newlineSkipper{body})
	}
	return body
}

// newlineSkipper drops CR and LF, which base64 bodies are wrapped with.
type newlineSkipper struct{ r io.Reader }

func (n newlineSkipper) Read(p []byte) (int, error) {
	for {
		k, err := n.r.Read(p)
		j := 0
		for _, c := range p[:k] {
			if c != '\r' && c != '\n' {
				p[j] = c
				j++
			}
		}
		if j > 0 || err != nil {
			return j, err
		}
	}
}

// charsetReader lets RFC 2047 words in ISO-8859-1 decode too (UTF-8 and
// US-ASCII are built in).
func charsetReader(charset string, input io.Reader) (io.Reader, error) {
	if cs := strings.ToLower(charset); cs != "iso-8859-1" && cs != "latin1" {
		return nil, fmt.Errorf("unsupported charset %q", charset)
	}
	b, err := io.ReadAll(input)
	if err != nil {
		return nil, err
	}
	return bytes.NewReader(latin1ToUTF8(b)), nil
}

func latin1ToUTF8(b []byte) []byte {
	rs := make([]rune, len(b))
	for i, c := range b {
		rs[i] = rune(c)
	}
	return []byte(string(rs))
}
