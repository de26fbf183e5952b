package links

import (
	"context"
	"reflect"
	"testing"

	"tribune/internal/moderation"
)

func TestFind(t *testing.T) {
	tests := []struct {
		text string
		want []string // host+path of each link
	}{
		{"see https://Example.com/a/b?c=1.", []string{"example.com/a/b?c=1"}},
		{"go to www.shop-deals.org now", []string{"www.shop-deals.org"}},
		{"cheap stuff at example.com, trust me", []string{"example.com"}},
		{"bit.ly/3xYz and tinyurl.com/abc", []string{"bit.ly/3xYz", "tinyurl.com/abc"}},
		{"defanged hxxp://evil[.]ru/payload.exe", []string{"evil.ru/payload.exe"}},
		{"(see en.wikipedia.org/wiki/Foo_(bar))", []string{"en.wikipedia.org/wiki/Foo_(bar)"}},
		{"join t.me/freemoney", []string{"t.me/freemoney"}},
		{"youtu.be/abc", []string{"youtu.be/abc"}},
		{"http://192.168.1.20:8080/x", []string{"192.168.1.20/x"}},
		{"VISIT WWW.CASINO.COM", []string{"www.casino.com"}},
		{"mail me at john.doe@example.com", nil},
		{"e.g. the U.S. and i.e. NATO", nil},
		{"version 1.2.3 and 3.5bn dollars", nil},
		{"I went home.It was late", nil},
		{"that's it.so what", nil},
		{"built with ASP.NET and Node.js", nil},
		{"at 10 a.m. on 2025-11-27", nil},
		{"Ph.D. students", nil},
		{"the dot com bubble", nil},
		{"about.me/jane", []string{"about.me/jane"}},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, l := range Find(tt.text) {
			got = append(got, l.Host+l.Path)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestAdvertising(t *testing.T) {
	d := New(WithAllowed("tribune.example", "www.dailynews.com"))
	tests := []struct {
		text string
		want bool
	}{
		{"Great article! More at https://www.mysupplements.com/offer", true},
		{"Read the full report on reuters.com before judging.", true},
		{"bit.ly/free-iphone", true},
		{"Earlier story: https://tribune.example/news/123", false},
		{"See also dailynews.com/politics and news.dailynews.com", false},
		{"The U.S. and the E.U. disagree, e.g. on tariffs.", false},
		{"In 2024 the 1,234,567 figure rose 3.5% to $19.99.", false},
		{"Version 2.0.1 fixed it; see section 4.2.", false},
		{"I went there.It was closed, so I left.", false},
		{"Email me: jane.doe@gmail.com", false},
		{"Server at 10.0.0.1 was down", false},
		{"This was obvious from the start.Now what?", false},
	}
	for _, tt := range tests {
		got := hasRule(d.Detect(context.Background(), moderation.Input{Text: tt.text}), "advertising")
		if got != tt.want {
			t.Errorf("advertising(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestPromotion(t *testing.T) {
	d := New()
	tests := []struct {
		text string
		want bool
	}{
		{"DM me for the details, guys", true},
		{"Contact me on WhatsApp for investment advice", true},
		{"Text me at +1 555 123 4567 for a free consultation", true},
		{"WhatsApp +44 7700 900123", true},
		{"Telegram @cryptoking_77", true},
		{"Please visit my profile, I post every day", true},
		{"Check out my channel, new video every week!", true},
		{"subscribe to my youtube for more", true},
		{"Follow me on Instagram", true},
		{"link in bio", true},
		{"I earn $500 a day working from home, no experience needed", true},
		{"My neighbour makes 8000$ per month online, ask me how", true},
		{"Earn money from home with this one trick", true},
		{"Use my referral code ABC123 to get 20% off", true},
		{"Hot singles in your area", true},
		{"Click here to claim your prize", true},
		{"hit me up on snapchat", true},
		{"Nurses in the city make $300 a day and deserve more.", false},
		{"Call 911 if you see him.", false},
		{"Call me old-fashioned, but I liked the print edition.", false},
		{"Check my math: 3 times 4 is 12.", false},
		{"Line 5 of the budget is wrong.", false},
		{"The 5G signal 5 bars claim is nonsense.", false},
		{"I'll follow the story closely. Thanks for reporting.", false},
		{"The U.S. and NATO met in 2024; prices rose to $19.99.", false},
		{"Workers earn $15 an hour; that is not enough.", false},
		{"My grandmother worked from home for years as a seamstress.", false},
		{"He sent a message to the council at 5pm.", false},
	}
	for _, tt := range tests {
		got := hasRule(d.Detect(context.Background(), moderation.Input{Text: tt.text}), "promotion")
		if got != tt.want {
			t.Errorf("promotion(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func hasRule(fs []moderation.Finding, rule string) bool {
	for _, f := range fs {
		if f.Rule == rule {
			return true
		}
	}
	return false
}

// comment300 is a typical 300-character comment with nothing to report.
const comment300 = "I read the whole piece twice and I still think the council got this wrong. " +
	"The budget for the library was cut by 12% in 2024, while the new parking scheme cost " +
	"far more than promised. Residents asked for a public meeting in March and were ignored. " +
	"Who exactly benefits from these decisions? Not us."

func BenchmarkDetect(b *testing.B) {
	d := New(WithAllowed("tribune.example"))
	in := moderation.Input{Text: comment300}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		d.Detect(ctx, in)
	}
}
