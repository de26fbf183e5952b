package personaldata

// ibanLengths is the IBAN length of each country in the SWIFT IBAN
// registry.
var ibanLengths = map[string]int{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22,
	"BH": 22, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22,
	"DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27,
	"GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28,
	"IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
	"LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27,
	"MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15,
	"PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24,
	"SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23,
	"TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}

// hasIBAN reports whether text holds an IBAN of the right length for its
// country with a valid mod-97 check, written solid or in groups separated
// by single spaces.
func hasIBAN(text string) bool {
	var buf [34]byte
	for i := 0; i+4 <= len(text); i++ {
		if !isAlpha(text[i]) || !isAlpha(text[i+1]) || !isDigit(text[i+2]) || !isDigit(text[i+3]) || (i > 0 && isAlnum(text[i-1])) {
			continue
		}
		want := ibanLengths[string([]byte{text[i] &^ 0x20, text[i+1] &^ 0x20})]
		if want == 0 {
			continue
		}
		n, j := 0, i
		for j < len(text) && n < want {
			c := text[j]
			switch {
			case isAlnum(c):
				buf[n] = c &^ 0x20
				if isDigit(c) {
					buf[n] = c
				}
				n++
			case c == ' ' && j+1 < len(text) && isAlnum(text[j+1]) && n > 0:
			default:
				j = len(text) + 1
				continue
			}
			j++
		}
		if n == want && (j >= len(text) || !isAlnum(text[j])) && mod97(buf[:n]) == 1 {
			return true
		}
	}
	return false
}

// mod97 computes the IBAN check: the first four characters moved to the
// end, letters as 10..35, the whole taken modulo 97.
func mod97(s []byte) int {
	r := 0
	for k := range s {
		c := s[(k+4)%len(s)]
		if isDigit(c) {
			r = (r*10 + int(c-'0')) % 97
		} else {
			r = (r*100 + int(c-'A'+10)) % 97
		}
	}
	return r
}
