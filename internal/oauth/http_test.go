package oauth

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestRequestTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select { // hang until the client gives up or the test ends
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	p := testProvider(t, KindOIDC, "https://sso.example", "")
	p.timeout = 50 * time.Millisecond
	var v map[string]any
	err := p.getJSON(t.Context(), srv.URL+"/slow?token=hidden", "", &v)
	if err == nil || !strings.Contains(err.Error(), "deadline exceeded") {
		t.Errorf("getJSON(slow server) error = %v, want a deadline error", err)
	}
	if err != nil && strings.Contains(err.Error(), "hidden") {
		t.Errorf("getJSON error %q shows the URL's query", err)
	}
}

func TestResponseSizeLimit(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"keys":"`))
		w.Write([]byte(strings.Repeat("a", maxBody)))
		w.Write([]byte(`"}`))
	}))
	defer srv.Close()
	p := testProvider(t, KindOIDC, "https://sso.example", "")
	var v map[string]any
	if err := p.getJSON(t.Context(), srv.URL, "", &v); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("getJSON(huge answer) error = %v, want a size error", err)
	}
}

func TestParseError(t *testing.T) {
	for _, tc := range []struct {
		body, code, desc string
		ok               bool
	}{
		{`{"error":"invalid_grant","error_description":"Code expired"}`, "invalid_grant", "Code expired", true},
		{`{"error":"invalid_client"}`, "invalid_client", "", true},
		{`{"error":{"message":"Invalid verification code format.","type":"OAuthException","code":100}}`, "OAuthException", "Invalid verification code format.", true},
		{`{"error":""}`, "", "", false},
		{`{"access_token":"x"}`, "", "", false},
		{`<html>502 Bad Gateway</html>`, "", "", false},
	} {
		code, desc, ok := parseError([]byte(tc.body))
		if code != tc.code || desc != tc.desc || ok != tc.ok {
			t.Errorf("parseError(%q) = %q, %q, %v; want %q, %q, %v", tc.body, code, desc, ok, tc.code, tc.desc, tc.ok)
		}
	}
}

func TestDecodeTokens(t *testing.T) {
	for _, tc := range []struct {
		ct, body string
		want     tokens
	}{
		{"application/json", `{"access_token":"a","token_type":"Bearer","id_token":"i"}`, tokens{"a", "Bearer", "i"}},
		{"application/x-www-form-urlencoded", `access_token=a&token_type=bearer`, tokens{"a", "bearer", ""}},
	} {
		got, err := decodeTokens(tc.ct, []byte(tc.body))
		if err != nil || got != tc.want {
			t.Errorf("decodeTokens(%q, %q) = %+v, %v; want %+v", tc.ct, tc.body, got, err, tc.want)
		}
	}
}
