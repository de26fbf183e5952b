package metrics

import (
	"io"
	"net/http"
)

// statusWriter remembers the status code a handler sends. It passes
// flushing and ReadFrom through, and Unwrap lets http.ResponseController
// reach the connection for deadlines, hijacking and full-duplex.
type statusWriter struct {
	http.ResponseWriter
	code int // final status; 0 until the header is sent
}

// WriteHeader records the first final status; 1xx informational responses
// (except 101 Switching Protocols) may precede it and are not recorded.
func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 && (code >= 200 || code == http.StatusSwitchingProtocols) {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(p)
}

// WriteString avoids a copy when the underlying writer can take a string,
// as net/http's can.
func (w *statusWriter) WriteString(s string) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return io.WriteString(w.ResponseWriter, s)
}

// Flush sends buffered data to the client, as Server-Sent Events need. It
// does nothing if the underlying writer cannot flush.
func (w *statusWriter) Flush() {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	_ = http.NewResponseController(w.ResponseWriter).Flush()
}

// ReadFrom lets io.Copy use the underlying writer's ReadFrom, which for
// net/http can send a file with sendfile(2).
func (w *statusWriter) ReadFrom(src io.Reader) (int64, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	if rf, ok := w.ResponseWriter.(io.ReaderFrom); ok {
		return rf.ReadFrom(src)
	}
	return io.Copy(w.ResponseWriter, src)
}

// Unwrap returns the wrapped writer, for http.ResponseController.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
