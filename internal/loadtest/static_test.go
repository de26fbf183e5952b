package loadtest

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestServeStaticServesTheFileAndStops(t *testing.T) {
	dir := t.TempDir()
	page := []byte("<!doctype html><title>x</title><p>same bytes</p>")
	if err := os.WriteFile(filepath.Join(dir, staticFile), page, 0o644); err != nil {
		t.Fatal(err)
	}
	addr, err := freeAddr()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ServeStatic(ctx, dir, addr) }()

	url := "http://" + addr + "/" + staticFile
	client := &http.Client{Timeout: time.Second}
	var body []byte
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if body, err = fetchOK(context.Background(), client, url); err == nil {
			break
		}
		select {
		case err := <-done:
			t.Fatalf("ServeStatic() returned early: %v", err)
		case <-time.After(10 * time.Millisecond):
		}
	}
	if !bytes.Equal(body, page) {
		t.Errorf("GET %s = %q (err %v), want %q", url, body, err, page)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("ServeStatic() after cancel = %v, want nil", err)
	}
}
