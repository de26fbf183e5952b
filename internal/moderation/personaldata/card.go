package personaldata

// hasCard reports whether text holds a payment card number: 13 to 19
// digits, optionally grouped by single spaces or dashes, with a known
// issuer prefix and a valid Luhn check digit.
func hasCard(text string) bool {
	var digits [19]byte
	for i := 0; i < len(text); i++ {
		if !isDigit(text[i]) || (i > 0 && (isAlnum(text[i-1]) || text[i-1] == '+' || text[i-1] == '.' || text[i-1] == ',')) {
			continue
		}
		n, j := 0, i
		for j < len(text) && n < len(digits)+1 {
			if isDigit(text[j]) {
				if n == len(digits) {
					n++
					break
				}
				digits[n] = text[j]
				n++
				j++
				continue
			}
			if (text[j] == ' ' || text[j] == '-') && j+1 < len(text) && isDigit(text[j+1]) {
				j++
				continue
			}
			break
		}
		if n >= 13 && n <= 19 && (j == len(text) || !isAlnum(text[j])) && knownIssuer(digits[:n]) && luhn(digits[:n]) {
			return true
		}
		i = j
	}
	return false
}

// luhn checks the Luhn (mod 10) check digit.
func luhn(d []byte) bool {
	sum := 0
	for i := len(d) - 1; i >= 0; i-- {
		v := int(d[i] - '0')
		if (len(d)-1-i)%2 == 1 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return sum%10 == 0
}

// knownIssuer checks the issuer identification number prefix and length
// of the major card networks.
func knownIssuer(d []byte) bool {
	p := func(k int) int {
		v := 0
		for _, c := range d[:k] {
			v = v*10 + int(c-'0')
		}
		return v
	}
	n := len(d)
	switch {
	case d[0] == '4': // Visa
		return n == 13 || n == 16 || n == 19
	case p(2) >= 51 && p(2) <= 55, p(4) >= 2221 && p(4) <= 2720: // Mastercard
		return n == 16
	case p(2) == 34 || p(2) == 37: // American Express
		return n == 15
	case p(4) >= 2200 && p(4) <= 2204: // Mir
		return n >= 16
	case p(4) == 6011 || p(2) == 65 || (p(3) >= 644 && p(3) <= 649): // Discover
		return n >= 16
	case p(2) == 62: // UnionPay
		return n >= 16
	case p(4) >= 3528 && p(4) <= 3589: // JCB
		return n >= 16
	case p(2) == 36 || p(2) == 38 || p(2) == 39 || (p(3) >= 300 && p(3) <= 305): // Diners Club
		return n >= 14
	case p(2) == 50 || (p(2) >= 56 && p(2) <= 69): // Maestro
		return n >= 13
	}
	return false
}
