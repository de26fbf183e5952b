// Package web holds the HTTP plumbing every page and API handler shares:
// handlers that return errors, one place that turns an error into a status
// and a safe message, and the middleware around every request (security
// headers, panic recovery, access logs).
package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"
)

// Error is an error with the status and the message a visitor may see. The
// wrapped error, if any, is logged but never shown.
type Error struct {
	Status  int
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%d %s: %v", e.Status, e.Message, e.Err)
	}
	return fmt.Sprintf("%d %s", e.Status, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// NotFound is the error for a page or item that does not exist.
func NotFound(msg string) *Error { return &Error{Status: http.StatusNotFound, Message: msg} }

// BadRequest is the error for a request the visitor can correct.
func BadRequest(msg string) *Error { return &Error{Status: http.StatusBadRequest, Message: msg} }

// Forbidden is the error for a request the visitor may not make.
func Forbidden(msg string) *Error { return &Error{Status: http.StatusForbidden, Message: msg} }

// Status returns the status and public message for any error: an *Error
// speaks for itself, anything else is an internal error.
func Status(err error) (int, string) {
	var we *Error
	if errors.As(err, &we) {
		return we.Status, we.Message
	}
	return http.StatusInternalServerError, "Something went wrong on our side. Please try again in a moment."
}

// HandlerFunc is a handler that reports failure by returning an error.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// ErrorRenderer writes the page (or JSON) for a failed request.
type ErrorRenderer func(w http.ResponseWriter, r *http.Request, status int, message string)

// Adapter turns HandlerFuncs into http.Handlers, logging internal errors and
// rendering every error the same way.
type Adapter struct {
	Log    *slog.Logger
	Render ErrorRenderer
}

// Handle adapts h.
func (a Adapter) Handle(h HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		status, msg := Status(err)
		if status >= 500 {
			a.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		} else {
			a.Log.Debug("request refused", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
		}
		a.Render(w, r, status, msg)
	})
}

// SecurityHeaders sets the headers every response carries: a strict
// Content-Security-Policy with no inline scripts, no sniffing, a referrer
// policy, and no framing by other sites.
func SecurityHeaders(secure bool, next http.Handler) http.Handler {
	const csp = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
		"connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if secure {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

// Recover turns a panic in a handler into a logged 500 instead of a dropped
// connection.
func Recover(log *slog.Logger, render ErrorRenderer, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				log.Error("panic", "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				status, msg := Status(errors.New("panic"))
				render(w, r, status, msg)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// AccessLog logs each request at debug level; production runs at info, so
// the hot path pays only for the level check.
func AccessLog(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !log.Enabled(r.Context(), slog.LevelDebug) {
			next.ServeHTTP(w, r)
			return
		}
		start := time.Now()
		next.ServeHTTP(w, r)
		log.Debug("request", "method", r.Method, "path", r.URL.Path, "duration", time.Since(start))
	})
}

// WriteJSON writes v as a JSON response body with the status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}
