package webhooks

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DefaultTolerance is how far a signature's timestamp may be from the
// receiver's clock when Verify is given no tolerance: long enough for clock
// skew and a slow network, short enough that a captured request cannot be
// replayed much later.
const DefaultTolerance = 5 * time.Minute

// Errors Verify returns, so a receiver can tell a misconfiguration (no
// signature, wrong secret) from an attack or a skewed clock (stale).
var (
	ErrMalformedSignature = errors.New("malformed signature header")
	ErrStaleSignature     = errors.New("signature timestamp outside the tolerance")
	ErrBadSignature       = errors.New("no signature matches")
)

// Sign returns the X-Tribune-Signature value for a body sent at t:
// "t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>". Signing the
// timestamp with the body lets receivers refuse replays of old requests.
func Sign(secret string, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + hex.EncodeToString(mac(secret, ts, body))
}

func mac(secret, ts string, body []byte) []byte {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}

// Verify checks an X-Tribune-Signature header against the raw request body,
// for receivers: it returns nil when one of the header's v1 signatures is
// the HMAC of its timestamp and body under secret, and the timestamp is
// within tolerance of now (DefaultTolerance when tolerance <= 0). Several v1
// values are allowed, so a sender may sign with an old and a new secret
// while they are rotated; other schemes (v0, v2...) are ignored. The
// comparison takes constant time.
func Verify(secret string, header string, body []byte, now time.Time, tolerance time.Duration) error {
	if secret == "" {
		return errors.New("verify webhook signature: empty secret")
	}
	if tolerance <= 0 {
		tolerance = DefaultTolerance
	}
	ts, sigs, err := parseSignature(header)
	if err != nil {
		return err
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return fmt.Errorf("%w: timestamp %q", ErrMalformedSignature, ts)
	}
	if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
		return fmt.Errorf("%w: signed at %s, %s from now", ErrStaleSignature, time.Unix(sec, 0).UTC().Format(time.RFC3339), d.Round(time.Second))
	}
	want := mac(secret, ts, body)
	ok := false
	for _, s := range sigs {
		got, err := hex.DecodeString(s)
		if err == nil && hmac.Equal(got, want) {
			ok = true // no early return: the time taken does not depend on which one matched
		}
	}
	if !ok {
		return ErrBadSignature
	}
	return nil
}

// parseSignature splits "t=...,v1=...,v1=..." into the timestamp and the v1
// signatures.
func parseSignature(header string) (ts string, v1 []string, err error) {
	for part := range strings.SplitSeq(header, ",") {
		k, v, found := strings.Cut(strings.TrimSpace(part), "=")
		if !found {
			continue
		}
		switch k {
		case "t":
			if ts != "" {
				return "", nil, fmt.Errorf("%w: two timestamps", ErrMalformedSignature)
			}
			ts = v
		case "v1":
			v1 = append(v1, v)
		}
	}
	if ts == "" {
		return "", nil, fmt.Errorf("%w: no timestamp (t=)", ErrMalformedSignature)
	}
	if len(v1) == 0 {
		return "", nil, fmt.Errorf("%w: no v1 signature", ErrMalformedSignature)
	}
	return ts, v1, nil
}
