package news

import "testing"

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Middle East", "middle-east"},
		{"  World > Europe ", "world-europe"},
		{"Café Crème", "cafe-creme"},
		{"2026: a year", "2026-a-year"},
		{"---", ""},
		{"Ünïcödé", "unicode"},
		{"日本", ""},
	}
	for _, tt := range tests {
		if got := Slugify(tt.in); got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValidSlug(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"harbour-reopens", true},
		{"a1", true},
		{"", false},
		{"Upper", false},
		{"double--dash", false},
		{"-lead", false},
		{"trail-", false},
		{"space here", false},
	}
	for _, tt := range tests {
		if got := ValidSlug(tt.in); got != tt.want {
			t.Errorf("ValidSlug(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestURLs(t *testing.T) {
	a := Article{Slug: "x", Lead: Lead{ImageID: "id", ContentType: "image/jpeg"}}
	if a.URL() != "/news/x" || a.Lead.URL() != "/media/id.jpg" || !a.HasImage() {
		t.Errorf("URLs = %q, %q", a.URL(), a.Lead.URL())
	}
	if (Lead{}).URL() != "" {
		t.Error("Lead{}.URL() is not empty")
	}
	s := Section{Name: "Middle East", Parent: &Section{Name: "World"}}
	if s.Path() != "World > Middle East" {
		t.Errorf("Path() = %q", s.Path())
	}
}
