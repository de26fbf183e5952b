package webhooks_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"tribune/internal/webhooks"
)

func TestSignKnownValue(t *testing.T) {
	// Computed independently with:
	//   printf '%s' '1700000000.{"id":"1"}' | openssl dgst -sha256 -hmac 'test-secret-0123456789' -hex
	const want = "t=1700000000,v1=7c64e5d552c77e0ef0f3036029268c83c302845b3d3bf908424eab66f8e5ce46"
	got := webhooks.Sign("test-secret-0123456789", time.Unix(1700000000, 0), []byte(`{"id":"1"}`))
	if got != want {
		t.Errorf("Sign() = %q, want %q", got, want)
	}
}

func TestVerify(t *testing.T) {
	const secret = "s3cret-s3cret-s3cret"
	body := []byte(`{"id":"0190","type":"comment.held","created_at":"2026-01-02T15:04:05Z","data":{}}`)
	now := time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC)
	signed := webhooks.Sign(secret, now, body)
	ts := "t=" + strconv.FormatInt(now.Unix(), 10)
	otherSig := strings.TrimPrefix(webhooks.Sign("another-secret-entirely", now, body), ts+",")
	goodSig := strings.TrimPrefix(signed, ts+",")

	tests := []struct {
		name      string
		secret    string
		header    string
		body      []byte
		now       time.Time
		tolerance time.Duration
		want      error // nil, a sentinel, or errAny
	}{
		{"valid", secret, signed, body, now, 0, nil},
		{"valid with spaces", secret, ts + ", " + goodSig, body, now, 0, nil},
		{"received 4m later, default tolerance", secret, signed, body, now.Add(4 * time.Minute), 0, nil},
		{"several v1, second matches (rotation)", secret, ts + "," + otherSig + "," + goodSig, body, now, 0, nil},
		{"unknown schemes ignored", secret, ts + ",v0=abc," + goodSig + ",v2=zz", body, now, 0, nil},
		{"tampered body", secret, signed, append([]byte(nil), strings.Replace(string(body), "held", "hold", 1)...), now, 0, webhooks.ErrBadSignature},
		{"body with extra byte", secret, signed, append(append([]byte(nil), body...), '\n'), now, 0, webhooks.ErrBadSignature},
		{"wrong secret", "not-the-right-secret", signed, body, now, 0, webhooks.ErrBadSignature},
		{"only other secret's signature", secret, ts + "," + otherSig, body, now, 0, webhooks.ErrBadSignature},
		{"timestamp changed", secret, "t=" + strconv.FormatInt(now.Unix()+1, 10) + "," + goodSig, body, now, 0, webhooks.ErrBadSignature},
		{"non-hex signature", secret, ts + ",v1=zz" + goodSig[5:], body, now, 0, webhooks.ErrBadSignature},
		{"stale: 6m old, default tolerance", secret, signed, body, now.Add(6 * time.Minute), 0, webhooks.ErrStaleSignature},
		{"stale: from the future", secret, signed, body, now.Add(-6 * time.Minute), 0, webhooks.ErrStaleSignature},
		{"stale: custom tolerance", secret, signed, body, now.Add(31 * time.Second), 30 * time.Second, webhooks.ErrStaleSignature},
		{"fresh: custom tolerance", secret, signed, body, now.Add(29 * time.Second), 30 * time.Second, nil},
		{"empty header", secret, "", body, now, 0, webhooks.ErrMalformedSignature},
		{"no timestamp", secret, goodSig, body, now, 0, webhooks.ErrMalformedSignature},
		{"no signature", secret, ts, body, now, 0, webhooks.ErrMalformedSignature},
		{"bad timestamp", secret, "t=soon," + goodSig, body, now, 0, webhooks.ErrMalformedSignature},
		{"two timestamps", secret, ts + "," + ts + "," + goodSig, body, now, 0, webhooks.ErrMalformedSignature},
		{"empty secret", "", signed, body, now, 0, errAny},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := webhooks.Verify(tc.secret, tc.header, tc.body, tc.now, tc.tolerance)
			switch {
			case tc.want == nil && err != nil:
				t.Errorf("Verify(%q) = %v, want nil", tc.header, err)
			case tc.want == errAny && err == nil:
				t.Errorf("Verify(%q) = nil, want an error", tc.header)
			case tc.want != nil && tc.want != errAny && !errors.Is(err, tc.want):
				t.Errorf("Verify(%q) = %v, want %v", tc.header, err, tc.want)
			}
		})
	}
}

// errAny stands for "some error" in tables.
var errAny = errors.New("any error")
