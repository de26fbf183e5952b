package personaldata

import (
	"context"
	"strings"
	"testing"

	"tribune/internal/moderation"
)

func TestDetect(t *testing.T) {
	d := New()
	tests := []struct {
		text string
		want string // the kind named in the detail, "" for no finding
	}{
		// Emails.
		{"Write to jane.doe+news@example.co.uk if you know more.", "email"},
		{"her address is mark_92@gmail.com", "email"},
		{"contact him: john at example dot com", "email"},
		{"john[at]example[dot]org", "email"},
		{"reach me at j.smith (at) mailbox (dot) de", "email"},
		{"jane @ example . com", "email"},
		{"Meet me at the station at noon.", ""},
		{"We looked at the data, it is @ odds with the claim.", ""},
		{"@john you are wrong about the budget", ""},
		// Phones.
		{"Call him on +44 20 7946 0958 and ask.", "phone"},
		{"His number: +1 (555) 123-4567", "phone"},
		{"+33 6 12 34 56 78 is her mobile", "phone"},
		{"Ring 020 7946 0958 after six.", "phone"},
		{"her cell is 555-123-4567", "phone"},
		{"(555) 123-4567", "phone"},
		{"555.123.4567 is the office", "phone"},
		{"07700 900123", "phone"},
		{"06 12 34 56 78", "phone"},
		{"030 12345678 is the Berlin office", "phone"},
		{"call 555-1234 now", "phone"},
		{"whatsapp 4155552671", "phone"},
		{"Call 911 if you see him.", ""},
		{"In 2024 the 1,234,567 figure rose.", ""},
		{"The price is $19.99, or $1,299.99 for the pro model.", ""},
		{"ISBN 978-3-16-148410-0 is the book.", ""},
		{"see 978-0-306-40615-7", ""},
		{"ISBN 0-306-40615-2", ""},
		{"On 2025-11-27 at 10:30 the vote was held.", ""},
		{"27.11.2025 and 11/27/2025", ""},
		{"From 1990-2000 and 2010-2020 nothing changed.", ""},
		{"2019 2020 2021 were hard years", ""},
		{"Upgrade to version 10.2.3.4 now", ""},
		{"The server 192.168.100.200 was down", ""},
		{"Order #123-456-7890 never arrived", ""},
		{"order no. 0123 456 789", ""},
		{"The population is 8 123 456 people", ""},
		{"Between 1 234 567 and 2 345 678 voters", ""},
		{"article 12345678 of the code", ""},
		{"It grew by 3.5% to 12.345.678 tonnes.", ""},
		// Payment cards.
		{"my card 4111 1111 1111 1111 exp 12/27", "card"},
		{"5500-0000-0000-0004", "card"},
		{"amex 3782 822463 10005", "card"},
		{"6011111111111117", "card"},
		{"4111 1111 1111 1112", ""}, // Luhn fails
		{"1234 5678 9012 3456", ""},
		// IBANs.
		{"Send it to DE89 3704 0044 0532 0130 00 today", "iban"},
		{"GB82 WEST 1234 5698 7654 32", "iban"},
		{"iban: nl91abna0417164300", "iban"},
		{"FR14 2004 1010 0505 0001 3M02 606", "iban"},
		{"DE89 3704 0044 0532 0130 01", ""}, // check digits fail
		{"The U.S. and NATO, e.g. in Kosovo, acted in 1999.", ""},
		{"", ""},
	}
	kinds := map[string]string{"email": "an email address", "phone": "a phone number", "card": "a payment card number", "iban": "IBAN"}
	for _, tt := range tests {
		fs := d.Detect(context.Background(), moderation.Input{Text: tt.text})
		if tt.want == "" {
			if len(fs) != 0 {
				t.Errorf("Detect(%q) = %+v, want nothing", tt.text, fs)
			}
			continue
		}
		if len(fs) != 1 || fs[0].Rule != "personal-data" || !strings.Contains(fs[0].Detail, kinds[tt.want]) {
			t.Errorf("Detect(%q) = %+v, want %s", tt.text, fs, kinds[tt.want])
		}
	}
}

func TestDetailNeverEchoesData(t *testing.T) {
	text := "mail jane@example.com or call +44 20 7946 0958, card 4111 1111 1111 1111"
	fs := New().Detect(context.Background(), moderation.Input{Text: text})
	if len(fs) != 1 {
		t.Fatalf("Detect(%q) = %+v, want one finding", text, fs)
	}
	want := "an email address, a payment card number and a phone number"
	if fs[0].Detail != want {
		t.Errorf("Detect(%q).Detail = %q, want %q", text, fs[0].Detail, want)
	}
}

const comment300 = "I read the whole piece twice and I still think the council got this wrong. " +
	"The budget for the library was cut by 12% in 2024, while the new parking scheme cost " +
	"far more than promised. Residents asked for a public meeting in March and were ignored. " +
	"Who exactly benefits from these decisions? Not us."

func BenchmarkDetect(b *testing.B) {
	d := New()
	in := moderation.Input{Text: comment300}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		d.Detect(ctx, in)
	}
}
