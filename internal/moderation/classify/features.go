package classify

// Feature hashing. Every word unigram, word bigram and character 3-, 4-
// and 5-gram of the normalised text is hashed (FNV-1a, with a different
// seed per kind so a word and a character n-gram with the same bytes do
// not collide by construction) into one of 2^bits buckets. All models share
// the hashing, so a comment's features are computed once and scored by
// every model.

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619

	seedWord   = 0x9e3779b9
	seedBigram = 0x85ebca6b
	seedChar   = 0xc2b2ae35
)

// minGram and maxGram bound the character n-grams.
const (
	minGram = 3
	maxGram = 5
)

// hashBytes is FNV-1a over s[i:j] starting from seed.
func hashBytes(seed uint32, s string) uint32 {
	h := uint32(fnvOffset) ^ seed
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= fnvPrime
	}
	return h
}

// finalize spreads the low bits, which FNV leaves weak, before masking.
func finalize(h uint32) uint32 {
	h ^= h >> 16
	h *= 0x7feb352d
	h ^= h >> 15
	h *= 0x846ca68b
	h ^= h >> 16
	return h
}

// appendFeatures appends the bucket of every feature of the normalised
// text norm to dst and returns it. Repeated features appear repeatedly.
func appendFeatures(dst []uint32, norm string, bits uint) []uint32 {
	mask := uint32(1)<<bits - 1
	// Words and bigrams: words are separated by exactly one space in a
	// normalised text, so a bigram is the substring spanning two words.
	prevStart := -1
	start := 0
	for i := 0; i <= len(norm); i++ {
		if i < len(norm) && norm[i] != ' ' {
			continue
		}
		if i > start {
			dst = append(dst, finalize(hashBytes(seedWord, norm[start:i]))&mask)
			if prevStart >= 0 {
				dst = append(dst, finalize(hashBytes(seedBigram, norm[prevStart:i]))&mask)
			}
			prevStart = start
		}
		start = i + 1
	}
	// Character n-grams over the text padded with a space at each end,
	// so word beginnings and endings are features of their own. One
	// pass per start position extends the hash from 1 to maxGram bytes.
	n := len(norm) + 2
	at := func(i int) byte {
		if i == 0 || i == n-1 {
			return ' '
		}
		return norm[i-1]
	}
	for i := 0; i+minGram <= n; i++ {
		h := uint32(fnvOffset) ^ seedChar
		for k := 0; k < maxGram && i+k < n; k++ {
			h ^= uint32(at(i + k))
			h *= fnvPrime
			if k+1 >= minGram {
				dst = append(dst, finalize(h^uint32(k))&mask)
			}
		}
	}
	return dst
}
