package mailcatcher

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/smtp"
	"testing"
	"time"
)

// send delivers one small message through net/smtp, as real code does.
func send(t *testing.T, s *Server, to ...string) {
	t.Helper()
	msg := "Subject: test\r\n\r\nhello\r\n"
	if err := smtp.SendMail(s.SMTPAddr(), nil, "sender@example.test", to, []byte(msg)); err != nil {
		t.Fatalf("SendMail to %v: %v", to, err)
	}
}

func getJSON(t *testing.T, method, url string, out any) int {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	if out != nil && (resp.StatusCode < 400 || resp.StatusCode == http.StatusRequestTimeout) {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("%s %s: decode: %v", method, url, err)
		}
	}
	return resp.StatusCode
}

func TestHTTPAPI(t *testing.T) {
	s := startTest(t)
	base := s.HTTPURL() + "/api/messages"
	send(t, s, "a@example.test")
	send(t, s, "b@example.test", "A@example.test")

	var list []Received
	tests := []struct {
		method, url string
		status, n   int
	}{
		{"GET", base, 200, 2},
		{"GET", base + "?to=a@example.test", 200, 2},
		{"GET", base + "?to=b@example.test", 200, 1},
		{"GET", base + "?to=nobody@example.test", 200, 0},
		{"GET", base + "/wait?to=b@example.test", 200, 1},
		{"GET", base + "/wait?to=a@example.test&count=2&timeout=1s", 200, 2},
		{"GET", base + "/wait?to=b@example.test&count=2&timeout=20ms", 408, 1},
		{"GET", base + "/wait?count=0", 400, 0},
		{"GET", base + "/wait?timeout=forever", 400, 0},
		{"GET", base + "/wait?timeout=1h", 400, 0},
		{"POST", base, 405, 0},
	}
	for _, tt := range tests {
		list = nil
		var out any = &list
		if tt.status == 408 {
			out = &waitTimeout{}
		}
		status := getJSON(t, tt.method, tt.url, out)
		if w, ok := out.(*waitTimeout); ok {
			list = w.Messages
			if w.Error == "" {
				t.Errorf("%s %s: timeout body has no error", tt.method, tt.url)
			}
		}
		if status != tt.status || len(list) != tt.n {
			t.Errorf("%s %s = %d with %d messages, want %d with %d", tt.method, tt.url, status, len(list), tt.status, tt.n)
		}
	}

	if status := getJSON(t, "DELETE", base, nil); status != http.StatusNoContent {
		t.Errorf("DELETE %s = %d, want 204", base, status)
	}
	list = nil
	if status := getJSON(t, "GET", base, &list); status != 200 || list == nil || len(list) != 0 {
		t.Errorf("GET %s after DELETE = %d, %#v; want 200 and an empty list", base, status, list)
	}
}

// A wait that starts before the message is sent returns once it arrives.
func TestClientWait(t *testing.T) {
	s := startTest(t)
	c := Client{BaseURL: s.HTTPURL()}
	to := Address("wait")
	done := make(chan error, 1)
	var got []Received
	go func() {
		var err error
		got, err = c.Wait(t.Context(), to, 2)
		done <- err
	}()
	send(t, s, to)
	send(t, s, Address("other"))
	send(t, s, to)
	if err := <-done; err != nil {
		t.Fatalf("Wait(%s, 2): %v", to, err)
	}
	if len(got) != 2 || !got[0].SentTo(to) || !got[1].SentTo(to) || got[0].ID >= got[1].ID {
		t.Errorf("Wait(%s, 2) = %+v, want the two messages to it, oldest first", to, got)
	}
	if err := c.Clear(t.Context()); err != nil {
		t.Fatalf("Clear: %v", err)
	}
	if all, err := c.Messages(t.Context(), ""); err != nil || len(all) != 0 {
		t.Errorf("Messages after Clear = %d, %v; want 0, nil", len(all), err)
	}
}

func TestClientWaitTimeout(t *testing.T) {
	s := startTest(t)
	c := Client{BaseURL: s.HTTPURL()}
	to := Address("late")
	send(t, s, to)
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	got, err := c.Wait(ctx, to, 2)
	if !errors.Is(err, ErrTimeout) {
		t.Errorf("Wait(%s, 2) with one message = %v, want ErrTimeout", to, err)
	}
	if len(got) != 1 {
		t.Errorf("Wait(%s, 2) after a timeout returned %d messages, want the 1 that arrived", to, len(got))
	}
}

func TestClientUnreachable(t *testing.T) {
	s := startTest(t)
	url := s.HTTPURL()
	s.Close()
	if _, err := (Client{BaseURL: url}).Messages(t.Context(), ""); err == nil {
		t.Errorf("Messages from a closed catcher succeeded, want an error")
	}
}

// Close ends waiting requests and open SMTP sessions instead of hanging.
func TestClose(t *testing.T) {
	s, err := Start("127.0.0.1:0", "127.0.0.1:0", nil)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	d := dial(t, s)
	d.cmd(250, "EHLO c")
	done := make(chan error, 1)
	go func() {
		_, err := s.Wait(context.Background(), "never@example.test", 1)
		done <- err
	}()
	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := <-done; err == nil {
		t.Error("Wait returned no error after Close")
	}
	if _, _, err := d.tp.ReadResponse(0); err == nil {
		t.Error("an open SMTP session survived Close")
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}
