package oauth_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"tribune/internal/oauth"
)

func TestDiscoveryFailure(t *testing.T) {
	for _, tc := range []struct {
		name    string
		handler http.HandlerFunc
		want    []string // in the error message
	}{
		{"not found", http.NotFound, []string{"discovery", "HTTP 404", "/.well-known/openid-configuration"}},
		{"not JSON", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<html>")) }, []string{"discovery", "not valid JSON"}},
		{"other issuer", func(w http.ResponseWriter, r *http.Request) {
			json.NewEncoder(w).Encode(map[string]string{
				"issuer": "https://elsewhere.example", "authorization_endpoint": "https://elsewhere.example/a", "token_endpoint": "https://elsewhere.example/t",
			})
		}, []string{"discovery", `names issuer "https://elsewhere.example"`}},
		{"no token endpoint", func(w http.ResponseWriter, r *http.Request) {
			json.NewEncoder(w).Encode(map[string]string{"issuer": "http://" + r.Host, "authorization_endpoint": "http://" + r.Host + "/a"})
		}, []string{"discovery", "no token_endpoint"}},
		{"plain http endpoint", func(w http.ResponseWriter, r *http.Request) {
			json.NewEncoder(w).Encode(map[string]string{
				"issuer": "http://" + r.Host, "authorization_endpoint": "http://idp.example/a", "token_endpoint": "http://idp.example/t",
			})
		}, []string{"discovery", "must use https"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(tc.handler)
			defer srv.Close()
			p, err := oauth.NewProvider(oauth.ProviderConfig{
				Name: "corp", Kind: oauth.KindOIDC, Issuer: srv.URL, ClientID: "id", ClientSecret: "secret",
			}, nil)
			if err != nil {
				t.Fatalf("NewProvider: %v", err)
			}
			_, _, err = p.Start(callback)
			if err == nil {
				t.Fatal("Start succeeded, want a discovery error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Start error = %q, want it to mention %q", err, w)
				}
			}
		})
	}
}

func TestDiscoveryUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	issuer := srv.URL
	srv.Close() // nothing listens there now
	p, err := oauth.NewProvider(oauth.ProviderConfig{
		Name: "corp", Kind: oauth.KindOIDC, Issuer: issuer, ClientID: "id", ClientSecret: "secret",
	}, nil)
	if err != nil {
		t.Fatalf("NewProvider: %v", err)
	}
	if _, _, err := p.Start(callback); err == nil || !strings.Contains(err.Error(), "discovery") || !strings.Contains(err.Error(), issuer) {
		t.Errorf("Start error = %v, want a discovery error naming %s", err, issuer)
	}
}

// A failed discovery is not cached: once the provider is back, logins work,
// and the good document is then fetched only once.
func TestDiscoveryRecovers(t *testing.T) {
	var up atomic.Bool
	var fetches atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fetches.Add(1)
		if !up.Load() {
			http.Error(w, "maintenance", http.StatusServiceUnavailable)
			return
		}
		base := "http://" + r.Host
		json.NewEncoder(w).Encode(map[string]string{
			"issuer": base, "authorization_endpoint": base + "/authorize", "token_endpoint": base + "/token",
		})
	}))
	defer srv.Close()
	p, err := oauth.NewProvider(oauth.ProviderConfig{
		Name: "corp", Kind: oauth.KindOIDC, Issuer: srv.URL, ClientID: "id", ClientSecret: "secret",
	}, nil)
	if err != nil {
		t.Fatalf("NewProvider: %v", err)
	}
	if _, _, err := p.Start(callback); err == nil || !strings.Contains(err.Error(), "HTTP 503") {
		t.Fatalf("Start while the provider is down: error %v, want HTTP 503", err)
	}
	up.Store(true)
	for range 2 {
		authURL, _, err := p.Start(callback)
		if err != nil || !strings.HasPrefix(authURL, srv.URL+"/authorize?") {
			t.Fatalf("Start after recovery = %q, %v; want %s/authorize?...", authURL, err, srv.URL)
		}
	}
	if n := fetches.Load(); n != 2 {
		t.Errorf("discovery fetches = %d, want 2 (one failed, one cached)", n)
	}
}
