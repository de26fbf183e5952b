package flashmob

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// sigSize is the number of MinHash values per comment; bands × rows.
const (
	bands   = 16
	rows    = 4
	sigSize = bands * rows
)

// signature is a comment's MinHash signature.
type signature [sigSize]uint32

// words folds text to lowercase words without accents or punctuation:
// "Café, CAFE!" and "cafe cafe" give the same words.
func words(text string) []string {
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			text = norm.NFD.String(text)
			break
		}
	}
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Mn, r):
			// accents fold away
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur = append(cur, unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	return out
}

// mix is a 64-bit finaliser (splitmix64) spreading feature hashes.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// fnv64 hashes a string (FNV-1a).
func fnv64(s string, seed uint64) uint64 {
	h := uint64(14695981039346656037) ^ seed
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// features turns words into the set of shingles compared: every word and
// every character trigram inside a word (with word boundaries). Words
// alone make reordering harmless; the trigrams make a typo cost a little
// instead of a whole word. Sets, not sequences, so a moved sentence or
// swapped words change nothing.
func features(ws []string, dst []uint64) []uint64 {
	dst = dst[:0]
	var buf []byte
	for _, w := range ws {
		dst = append(dst, mix(fnv64(w, 1)))
		buf = append(buf[:0], '^')
		buf = append(buf, w...)
		buf = append(buf, '$')
		rs := []rune(string(buf))
		for i := 0; i+3 <= len(rs); i++ {
			dst = append(dst, mix(fnv64(string(rs[i:i+3]), 2)))
		}
	}
	return dst
}

// minhash computes the signature of a feature set. The i-th hash function
// is h1 + i·h2 over two independent hashes of the feature, a standard
// cheap family that behaves like independent permutations for MinHash.
func minhash(feats []uint64) signature {
	var sig signature
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	for _, f := range feats {
		h1 := uint32(f)
		h2 := uint32(f>>32) | 1
		for i := range sig {
			if v := h1 + uint32(i)*h2; v < sig[i] {
				sig[i] = v
			}
		}
	}
	return sig
}

// similarity estimates the Jaccard similarity of the two feature sets.
func similarity(a, b *signature) float64 {
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / sigSize
}

// bandKeys hashes each band of rows values into one bucket key.
func bandKeys(sig *signature) [bands]uint64 {
	var keys [bands]uint64
	for b := range bands {
		h := uint64(b) + 1
		for r := range rows {
			h = mix(h ^ uint64(sig[b*rows+r])<<8)
		}
		keys[b] = h
	}
	return keys
}
