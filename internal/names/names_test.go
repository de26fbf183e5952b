package names

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

func TestKeyCollides(t *testing.T) {
	// Each group lists names a reader could mistake for the first one.
	groups := [][]string{
		{"Anna", "ANNA", "anna", "\u0410nna" /* Cyrillic А */, "A n n a", "Ánna", "A\u0301nna",
			"\u0410nn\u0430" /* Cyrillic А and а */, "An-na", "anna_", "An.na", "Ann'a", "ΑΝΝΑ" /* Greek */, "Ａｎｎａ",
			"An\u200bna", "An\u00adna", "\ufeffAnna", "An\u200dna", "Ann4", "Anna\u0308", "𝐀𝐧𝐧𝐚", "Ⓐⓝⓝⓐ", "Aⁿna", "An–na", "An‑na"},
		{"Bill", "BILL", "B1ll", "BIll", "Bi|l", "B|||", "bIlI", "Віll" /* Cyrillic В, і */, "ʙɪʟʟ", "Bi11", "Bīłł"},
		{"admin", "Adm1n", "ADMIN", "аdmin", "Αdmin", "ADM|N", "a d m i n", "ädmïn", "@dmin", "Adrnin"},
		{"Mark", "Rnark", "rnark", "MARK", "Мark", "Μark"},
		{"Wes", "VVes", "vves", "Ԝes", "Ωes"},
		{"José", "Jose", "JOSÉ", "Jos\u0065\u0301", "Јоsе"},
		{"Søren", "Soren", "SØREN", "Sören", "S0ren"},
		{"Straße", "Strasse", "STRASSE", "Straẞe"},
		{"Olivia", "0livia", "OLIVIA", "Οlivia", "Olivi@", "°livia"},
		{"Zoë", "Zoe", "ZOË", "ZOE", "Ζoe"},
		{"Νίκος", "ΝΙΚΟΣ", "νικος", "Νικος"},
		{"Иван", "ИВАН", "иван"},
		{"Paypal", "PayPaI", "Pаypаl", "P4yp4l", "PAYPAL"},
		{"Guðrún", "Gudrun", "GUÐRÚN"},
		{"Lee", "L33", "1ee", "Iee", "|ee", "ӀEE"},
		{"Beth", "8eth", "ВЕТН", "ΒΕΤΗ"},
		{"Anne Marie", "Anne-Marie", "AnneMarie", "anne_marie", "Anne  Marie", " Anne Marie "},
		{"Hong", "Нong", "Ηong", "Һong", "Հong"},
	}
	for _, g := range groups {
		want := Key(g[0])
		for _, name := range g[1:] {
			if got := Key(name); got != want {
				t.Errorf("Key(%q) = %q, want %q (the key of %q)", name, got, want, g[0])
			}
		}
	}
}

func TestKeyDistinct(t *testing.T) {
	pairs := [][2]string{
		{"Anna", "Anne"},
		{"John", "Joan"},
		{"Mark", "Marc"},
		{"Anna", "Hanna"},
		{"Maria", "Marie"},
		{"Dan", "Don"},
		{"Sam", "Pam"},
		{"Ruth", "Ruta"},
		{"Team 6", "Team 8"},
		{"Reader 2", "Reader 6"},
		{"Иван", "Ивон"},
		{"李小龍", "李小虎"},
		{"Νίκος", "Νίκας"},
		{"Anna", "Annas"},
		{"Kim", "Tim"},
		{"राम", "रम"},
	}
	for _, p := range pairs {
		if a, b := Key(p[0]), Key(p[1]); a == b {
			t.Errorf("Key(%q) = Key(%q) = %q, want different keys", p[0], p[1], a)
		}
	}
}

func TestKeyValues(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Anna", "anna"},
		{"Bill", "blll"},
		{"Adm1n", "admln"},
		{"Rnark", "mark"},
		{"", ""},
		{"   ", ""},
		{"李小龍", "李小龍"},
	}
	for _, tt := range tests {
		if got := Key(tt.name); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Anna", "Anna"},
		{"  Anna  ", "Anna"},
		{"Anna   Maria\tSmith", "Anna Maria Smith"},
		{"Anna\u00a0Maria", "Anna Maria"},
		{"Jos\u0065\u0301", "José"},
		{"", ""},
		{"An\u200bna", "An\u200bna"}, // invisible characters are Check's job
	}
	for _, tt := range tests {
		if got := Normalize(tt.name); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestConfusablesReachable checks that every key of the table can reach the
// lookup: a key that folding or decomposition changes, or that Key drops as
// ignorable, would be dead weight that looks like protection.
func TestConfusablesReachable(t *testing.T) {
	for r, to := range confusables {
		s := string(r)
		if got := norm.NFKD.String(cases.Fold().String(norm.NFKD.String(s))); got != s {
			t.Errorf("confusables key %q (%U) becomes %q before lookup, want it unchanged", s, r, got)
		}
		if ignorable(r) {
			t.Errorf("confusables key %q (%U) is ignorable, want it looked up", s, r)
		}
		for _, c := range to {
			if c < 'a' || c > 'z' {
				t.Errorf("confusables[%q] = %q, want lower-case ASCII letters", s, to)
			}
		}
		if utf8.RuneCountInString(to) > 2 {
			t.Errorf("confusables[%q] = %q, want at most two letters", s, to)
		}
	}
}

// TestKeyStable checks that a key is its own key, so keys can be compared
// with names already reduced and recomputed without drift.
func TestKeyStable(t *testing.T) {
	for _, name := range []string{"Anna", "Bill", "Straße", "Νίκος", "Иван", "Rnark", "Ａｎｎａ", "राम", "rrnn"} {
		k := Key(name)
		if got := Key(k); got != k {
			t.Errorf("Key(Key(%q)) = %q, want %q", name, got, k)
		}
	}
}
