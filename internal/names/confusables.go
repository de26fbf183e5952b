package names

// confusables maps a character, as it stands after Key has decomposed it,
// folded its case and dropped its accents, to the Latin letters it is
// mistaken for. A value of "" removes the character. The table is ours,
// written from the Unicode code charts named in each group's comment; it is
// deliberately small (Latin, Cyrillic, Greek, Armenian, digits and a few
// symbols) rather than a copy of Unicode's confusables.txt, whose many
// cross-script entries would make names in other scripts collide for no
// reason. Each entry names its code point, because look-alikes are exactly
// what a reader cannot tell apart in the source.
//
// Keys are lower case: Key folds case before it looks a character up, so a
// capital never reaches the table. TestConfusablesReachable checks that every
// key survives folding and decomposition.
//
// The map is a constant table: nothing writes to it after initialisation.
var confusables = map[rune]string{
	// Latin letters whose mark is fused into the letter (stroke, bar, hook, tail),
	// so decomposition cannot remove it, and the two common ligatures without a
	// compatibility decomposition. Reference: the Unicode code charts for Latin-1
	// Supplement, Latin Extended-A/B and IPA Extensions.
	'ø': "o",  // U+00F8 LATIN SMALL LETTER O WITH STROKE
	'đ': "d",  // U+0111 LATIN SMALL LETTER D WITH STROKE
	'ð': "d",  // U+00F0 LATIN SMALL LETTER ETH
	'ł': "l",  // U+0142 LATIN SMALL LETTER L WITH STROKE
	'ħ': "h",  // U+0127 LATIN SMALL LETTER H WITH STROKE
	'ŧ': "t",  // U+0167 LATIN SMALL LETTER T WITH STROKE
	'ƀ': "b",  // U+0180 LATIN SMALL LETTER B WITH STROKE
	'ɨ': "l",  // U+0268 LATIN SMALL LETTER I WITH STROKE
	'ʉ': "u",  // U+0289 LATIN SMALL LETTER U BAR
	'ƶ': "z",  // U+01B6 LATIN SMALL LETTER Z WITH STROKE
	'ɍ': "r",  // U+024D LATIN SMALL LETTER R WITH STROKE
	'ɏ': "y",  // U+024F LATIN SMALL LETTER Y WITH STROKE
	'ȼ': "c",  // U+023C LATIN SMALL LETTER C WITH STROKE
	'ɇ': "e",  // U+0247 LATIN SMALL LETTER E WITH STROKE
	'ǥ': "g",  // U+01E5 LATIN SMALL LETTER G WITH STROKE
	'ɉ': "j",  // U+0249 LATIN SMALL LETTER J WITH STROKE
	'ƚ': "l",  // U+019A LATIN SMALL LETTER L WITH BAR
	'ɫ': "l",  // U+026B LATIN SMALL LETTER L WITH MIDDLE TILDE
	'ɬ': "l",  // U+026C LATIN SMALL LETTER L WITH BELT
	'ɭ': "l",  // U+026D LATIN SMALL LETTER L WITH RETROFLEX HOOK
	'ƈ': "c",  // U+0188 LATIN SMALL LETTER C WITH HOOK
	'ɗ': "d",  // U+0257 LATIN SMALL LETTER D WITH HOOK
	'ɖ': "d",  // U+0256 LATIN SMALL LETTER D WITH TAIL
	'ƒ': "f",  // U+0192 LATIN SMALL LETTER F WITH HOOK
	'ɠ': "g",  // U+0260 LATIN SMALL LETTER G WITH HOOK
	'ɦ': "h",  // U+0266 LATIN SMALL LETTER H WITH HOOK
	'ƙ': "k",  // U+0199 LATIN SMALL LETTER K WITH HOOK
	'ɱ': "m",  // U+0271 LATIN SMALL LETTER M WITH HOOK
	'ɲ': "n",  // U+0272 LATIN SMALL LETTER N WITH LEFT HOOK
	'ɳ': "n",  // U+0273 LATIN SMALL LETTER N WITH RETROFLEX HOOK
	'ŋ': "n",  // U+014B LATIN SMALL LETTER ENG
	'ƥ': "p",  // U+01A5 LATIN SMALL LETTER P WITH HOOK
	'ʠ': "q",  // U+02A0 LATIN SMALL LETTER Q WITH HOOK
	'ɽ': "r",  // U+027D LATIN SMALL LETTER R WITH TAIL
	'ɾ': "r",  // U+027E LATIN SMALL LETTER R WITH FISHHOOK
	'ʂ': "s",  // U+0282 LATIN SMALL LETTER S WITH HOOK
	'ƭ': "t",  // U+01AD LATIN SMALL LETTER T WITH HOOK
	'ʈ': "t",  // U+0288 LATIN SMALL LETTER T WITH RETROFLEX HOOK
	'ʋ': "v",  // U+028B LATIN SMALL LETTER V WITH HOOK
	'ⱳ': "w",  // U+2C73 LATIN SMALL LETTER W WITH HOOK
	'ƴ': "y",  // U+01B4 LATIN SMALL LETTER Y WITH HOOK
	'ȥ': "z",  // U+0225 LATIN SMALL LETTER Z WITH HOOK
	'ʐ': "z",  // U+0290 LATIN SMALL LETTER Z WITH RETROFLEX HOOK
	'ɓ': "b",  // U+0253 LATIN SMALL LETTER B WITH HOOK
	'ƃ': "b",  // U+0183 LATIN SMALL LETTER B WITH TOPBAR
	'ɕ': "c",  // U+0255 LATIN SMALL LETTER C WITH CURL
	'ȡ': "d",  // U+0221 LATIN SMALL LETTER D WITH CURL
	'ȴ': "l",  // U+0234 LATIN SMALL LETTER L WITH CURL
	'ȵ': "n",  // U+0235 LATIN SMALL LETTER N WITH CURL
	'ȶ': "t",  // U+0236 LATIN SMALL LETTER T WITH CURL
	'ɼ': "r",  // U+027C LATIN SMALL LETTER R WITH LONG LEG
	'ʝ': "j",  // U+029D LATIN SMALL LETTER J WITH CROSSED-TAIL
	'ƞ': "n",  // U+019E LATIN SMALL LETTER N WITH LONG RIGHT LEG
	'ĸ': "k",  // U+0138 LATIN SMALL LETTER KRA
	'ı': "l",  // U+0131 LATIN SMALL LETTER DOTLESS I
	'ȷ': "j",  // U+0237 LATIN SMALL LETTER DOTLESS J
	'æ': "ae", // U+00E6 LATIN SMALL LETTER AE
	'œ': "oe", // U+0153 LATIN SMALL LIGATURE OE

	// Latin small capitals and IPA letters that read as ordinary letters.
	// Reference: the Phonetic Extensions and IPA Extensions code charts.
	'ɑ': "a", // U+0251 LATIN SMALL LETTER ALPHA
	'ᴀ': "a", // U+1D00 LATIN LETTER SMALL CAPITAL A
	'ʙ': "b", // U+0299 LATIN LETTER SMALL CAPITAL B
	'ᴄ': "c", // U+1D04 LATIN LETTER SMALL CAPITAL C
	'ᴅ': "d", // U+1D05 LATIN LETTER SMALL CAPITAL D
	'ᴇ': "e", // U+1D07 LATIN LETTER SMALL CAPITAL E
	'ꜰ': "f", // U+A730 LATIN LETTER SMALL CAPITAL F
	'ɢ': "g", // U+0262 LATIN LETTER SMALL CAPITAL G
	'ɡ': "g", // U+0261 LATIN SMALL LETTER SCRIPT G
	'ʜ': "h", // U+029C LATIN LETTER SMALL CAPITAL H
	'ɪ': "l", // U+026A LATIN LETTER SMALL CAPITAL I
	'ɩ': "l", // U+0269 LATIN SMALL LETTER IOTA
	'ᴊ': "j", // U+1D0A LATIN LETTER SMALL CAPITAL J
	'ᴋ': "k", // U+1D0B LATIN LETTER SMALL CAPITAL K
	'ʟ': "l", // U+029F LATIN LETTER SMALL CAPITAL L
	'ᴍ': "m", // U+1D0D LATIN LETTER SMALL CAPITAL M
	'ɴ': "n", // U+0274 LATIN LETTER SMALL CAPITAL N
	'ᴏ': "o", // U+1D0F LATIN LETTER SMALL CAPITAL O
	'ɵ': "o", // U+0275 LATIN SMALL LETTER BARRED O
	'ᴘ': "p", // U+1D18 LATIN LETTER SMALL CAPITAL P
	'ʀ': "r", // U+0280 LATIN LETTER SMALL CAPITAL R
	'ꜱ': "s", // U+A731 LATIN LETTER SMALL CAPITAL S
	'ᴛ': "t", // U+1D1B LATIN LETTER SMALL CAPITAL T
	'ᴜ': "u", // U+1D1C LATIN LETTER SMALL CAPITAL U
	'ᴠ': "v", // U+1D20 LATIN LETTER SMALL CAPITAL V
	'ᴡ': "w", // U+1D21 LATIN LETTER SMALL CAPITAL W
	'ʏ': "y", // U+028F LATIN LETTER SMALL CAPITAL Y
	'ᴢ': "z", // U+1D22 LATIN LETTER SMALL CAPITAL Z
	'ɛ': "e", // U+025B LATIN SMALL LETTER OPEN E

	// Latin i and its look-alikes: in most sans-serif faces capital I is the same
	// stroke as small l, and folding case turns I into i, so i, I and l must share
	// one representative. We pick l because 1 and | read as l too. This costs a
	// few honest pairs (Bill and Bili collide); a uniqueness check can afford that.
	'i': "l", // U+0069 LATIN SMALL LETTER I

	// Cyrillic letters that look Latin. Keys are lower case because Key folds case
	// first; the capital each one comes from is named where it is the reason for
	// the entry (В looks like B, so в must map to b or "ВОВ" and "вов" would differ).
	// Reference: the Cyrillic and Cyrillic Supplement code charts.
	'а': "a",  // U+0430 CYRILLIC SMALL LETTER A
	'в': "b",  // U+0432 CYRILLIC SMALL LETTER VE; capital В
	'г': "r",  // U+0433 CYRILLIC SMALL LETTER GHE
	'е': "e",  // U+0435 CYRILLIC SMALL LETTER IE
	'є': "e",  // U+0454 CYRILLIC SMALL LETTER UKRAINIAN IE
	'ԑ': "e",  // U+0511 CYRILLIC SMALL LETTER REVERSED ZE
	'і': "l",  // U+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I
	'ӏ': "l",  // U+04CF CYRILLIC SMALL LETTER PALOCHKA; capital Ӏ (palochka)
	'ј': "j",  // U+0458 CYRILLIC SMALL LETTER JE
	'к': "k",  // U+043A CYRILLIC SMALL LETTER KA; capital К
	'қ': "k",  // U+049B CYRILLIC SMALL LETTER KA WITH DESCENDER
	'ҡ': "k",  // U+04A1 CYRILLIC SMALL LETTER BASHKIR KA
	'м': "m",  // U+043C CYRILLIC SMALL LETTER EM; capital М
	'н': "h",  // U+043D CYRILLIC SMALL LETTER EN; capital Н
	'ң': "h",  // U+04A3 CYRILLIC SMALL LETTER EN WITH DESCENDER
	'һ': "h",  // U+04BB CYRILLIC SMALL LETTER SHHA
	'ђ': "h",  // U+0452 CYRILLIC SMALL LETTER DJE
	'ћ': "h",  // U+045B CYRILLIC SMALL LETTER TSHE
	'о': "o",  // U+043E CYRILLIC SMALL LETTER O
	'ө': "o",  // U+04E9 CYRILLIC SMALL LETTER BARRED O
	'ѳ': "o",  // U+0473 CYRILLIC SMALL LETTER FITA
	'п': "n",  // U+043F CYRILLIC SMALL LETTER PE
	'р': "p",  // U+0440 CYRILLIC SMALL LETTER ER
	'с': "c",  // U+0441 CYRILLIC SMALL LETTER ES
	'ҫ': "c",  // U+04AB CYRILLIC SMALL LETTER ES WITH DESCENDER
	'т': "t",  // U+0442 CYRILLIC SMALL LETTER TE; capital Т
	'ҭ': "t",  // U+04AD CYRILLIC SMALL LETTER TE WITH DESCENDER
	'у': "y",  // U+0443 CYRILLIC SMALL LETTER U
	'ү': "y",  // U+04AF CYRILLIC SMALL LETTER STRAIGHT U; capital Ү
	'ұ': "y",  // U+04B1 CYRILLIC SMALL LETTER STRAIGHT U WITH STROKE
	'х': "x",  // U+0445 CYRILLIC SMALL LETTER HA
	'ҳ': "x",  // U+04B3 CYRILLIC SMALL LETTER HA WITH DESCENDER
	'ѕ': "s",  // U+0455 CYRILLIC SMALL LETTER DZE
	'ԁ': "d",  // U+0501 CYRILLIC SMALL LETTER KOMI DE
	'ԛ': "q",  // U+051B CYRILLIC SMALL LETTER QA
	'ԝ': "w",  // U+051D CYRILLIC SMALL LETTER WE
	'ѡ': "w",  // U+0461 CYRILLIC SMALL LETTER OMEGA
	'ѵ': "v",  // U+0475 CYRILLIC SMALL LETTER IZHITSA
	'ԍ': "g",  // U+050D CYRILLIC SMALL LETTER KOMI SJE; capital Ԍ
	'ь': "b",  // U+044C CYRILLIC SMALL LETTER SOFT SIGN
	'ъ': "b",  // U+044A CYRILLIC SMALL LETTER HARD SIGN
	'ӕ': "ae", // U+04D5 CYRILLIC SMALL LIGATURE A IE

	// Greek letters that look Latin. As with Cyrillic, the capital decides when
	// the small letter looks like something else: Η is H, so η maps to h even though
	// it resembles n; Ν is N, so ν maps to n although it resembles v; Υ is Y, so υ
	// maps to y. Compatibility variants (ϐ ϑ ϰ ϱ ϵ ϒ) decompose to these letters;
	// the lunate sigma ϲ decomposes to σ, so its likeness to c is lost (Check
	// refuses it next to Latin letters anyway).
	// Reference: the Greek and Coptic code chart.
	'α': "a", // U+03B1 GREEK SMALL LETTER ALPHA
	'β': "b", // U+03B2 GREEK SMALL LETTER BETA; capital Β
	'γ': "y", // U+03B3 GREEK SMALL LETTER GAMMA
	'ε': "e", // U+03B5 GREEK SMALL LETTER EPSILON
	'ζ': "z", // U+03B6 GREEK SMALL LETTER ZETA; capital Ζ
	'η': "h", // U+03B7 GREEK SMALL LETTER ETA; capital Η
	'θ': "o", // U+03B8 GREEK SMALL LETTER THETA
	'ι': "l", // U+03B9 GREEK SMALL LETTER IOTA; capital Ι
	'κ': "k", // U+03BA GREEK SMALL LETTER KAPPA
	'μ': "m", // U+03BC GREEK SMALL LETTER MU; capital Μ
	'ν': "n", // U+03BD GREEK SMALL LETTER NU; capital Ν
	'ο': "o", // U+03BF GREEK SMALL LETTER OMICRON
	'π': "n", // U+03C0 GREEK SMALL LETTER PI
	'ρ': "p", // U+03C1 GREEK SMALL LETTER RHO
	'τ': "t", // U+03C4 GREEK SMALL LETTER TAU; capital Τ
	'υ': "y", // U+03C5 GREEK SMALL LETTER UPSILON; capital Υ
	'χ': "x", // U+03C7 GREEK SMALL LETTER CHI
	'ω': "w", // U+03C9 GREEK SMALL LETTER OMEGA
	'ϳ': "j", // U+03F3 GREEK LETTER YOT
	'ϝ': "f", // U+03DD GREEK SMALL LETTER DIGAMMA; digamma, capital Ϝ
	'ϻ': "m", // U+03FB GREEK SMALL LETTER SAN; san, capital Ϻ

	// Armenian letters that look Latin. Reference: the Armenian code chart.
	'օ': "o", // U+0585 ARMENIAN SMALL LETTER OH
	'ս': "u", // U+057D ARMENIAN SMALL LETTER SEH
	'ո': "n", // U+0578 ARMENIAN SMALL LETTER VO
	'հ': "h", // U+0570 ARMENIAN SMALL LETTER HO
	'զ': "q", // U+0566 ARMENIAN SMALL LETTER ZA
	'ց': "g", // U+0581 ARMENIAN SMALL LETTER CO

	// Digits. 0 and O, 1 and l are true look-alikes; the rest are the letters
	// digits stand for in names like "Adm1n" or "S4r4h". 2 and 6 are left alone
	// so that "Team 6" and "Team 8" stay apart. Digits of other scripts that are
	// a small circle read as o; the Arabic-Indic zero is a dot, ignored like one.
	'0': "o", // U+0030 DIGIT ZERO
	'1': "l", // U+0031 DIGIT ONE
	'3': "e", // U+0033 DIGIT THREE
	'4': "a", // U+0034 DIGIT FOUR
	'5': "s", // U+0035 DIGIT FIVE
	'7': "t", // U+0037 DIGIT SEVEN
	'8': "b", // U+0038 DIGIT EIGHT
	'9': "g", // U+0039 DIGIT NINE
	'١': "l", // U+0661 ARABIC-INDIC DIGIT ONE
	'۱': "l", // U+06F1 EXTENDED ARABIC-INDIC DIGIT ONE
	'٥': "o", // U+0665 ARABIC-INDIC DIGIT FIVE
	'०': "o", // U+0966 DEVANAGARI DIGIT ZERO
	'০': "o", // U+09E6 BENGALI DIGIT ZERO
	'૦': "o", // U+0AE6 GUJARATI DIGIT ZERO
	'٠': "",  // U+0660 ARABIC-INDIC DIGIT ZERO
	'۰': "",  // U+06F0 EXTENDED ARABIC-INDIC DIGIT ZERO

	// Symbols that stand in for letters: vertical bars read as l, currency and
	// other signs as the letter they resemble. Fullwidth forms, mathematical
	// letters, circled letters, Roman numerals and superscripts need no entry:
	// Key's compatibility decomposition (NFKD) already turns them into ASCII.
	'|': "l", // U+007C VERTICAL LINE
	'¦': "l", // U+00A6 BROKEN BAR
	'ǀ': "l", // U+01C0 LATIN LETTER DENTAL CLICK
	'∣': "l", // U+2223 DIVIDES
	'│': "l", // U+2502 BOX DRAWINGS LIGHT VERTICAL
	'❘': "l", // U+2758 LIGHT VERTICAL BAR
	'⏐': "l", // U+23D0 VERTICAL LINE EXTENSION
	'¡': "l", // U+00A1 INVERTED EXCLAMATION MARK
	'@': "a", // U+0040 COMMERCIAL AT
	'$': "s", // U+0024 DOLLAR SIGN
	'¢': "c", // U+00A2 CENT SIGN
	'€': "e", // U+20AC EURO SIGN
	'¥': "y", // U+00A5 YEN SIGN
	'©': "c", // U+00A9 COPYRIGHT SIGN
	'®': "r", // U+00AE REGISTERED SIGN
	'°': "o", // U+00B0 DEGREE SIGN
	'○': "o", // U+25CB WHITE CIRCLE
	'◯': "o", // U+25EF LARGE CIRCLE
	'℮': "e", // U+212E ESTIMATED SYMBOL
	'∂': "d", // U+2202 PARTIAL DIFFERENTIAL
	'∩': "n", // U+2229 INTERSECTION
	'∪': "u", // U+222A UNION
	'∨': "v", // U+2228 LOGICAL OR
	'×': "x", // U+00D7 MULTIPLICATION SIGN
}

// lookalikePairs are letter pairs that read as one letter at small sizes,
// replaced after the single characters have been mapped. "rn" for "m" is the
// classic (modern → modem); "vv" for "w" is the same trick.
var lookalikePairs = []struct{ pair, letter string }{
	{"rn", "m"},
	{"vv", "w"},
}
