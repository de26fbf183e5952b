package profanity

import "strings"

// sense describes the ordinary meaning of a listed word by the words around
// it: "pussy willow", "chink in the armour", "a packet of fags", "the
// tranny needs a new clutch", "Dick Cheney". A match whose neighbours show
// the ordinary sense is not profanity. The neighbours are compared in the
// detector's collapsed form, so "armour" also matches "armoooour" (and
// "butt" would match "but": such words are left out).
type sense struct {
	prev  []string // the word right before is one of these
	next  []string // the words right after are one of these (a phrase, or a word plus "s")
	near  []string // one of these is within nearWindow words either side
	after []string // the word counts only right after one of these ("you poof", not "and poof!")
	name  bool     // a capitalised word next to another is a name ("Dick Whitman", "Van Dyke")
}

// nearWindow is how many words either side a sense's near words are looked
// for.
const nearWindow = 6

// senses are the listed words with a common ordinary sense, by listed term
// (a root's sense applies to its derivatives too). Constant table, collapsed
// when the package loads, with each term's plural added.
var senses = collapseSenses(map[string]sense{
	"pussy": {next: []string{"cat", "willow", "foot", "footing", "footin", "footed", "hat", "galore"}, name: true},
	"honky": {next: []string{"tonk"}}, "honkey": {next: []string{"tonk"}},
	"gook": {prev: []string{"gobbledy", "gobbledey", "gobbledee", "de", "di", "dy"}},
	"chink": {near: []string{"armor", "armour", "light", "sunlight", "glass", "glasses", "coin", "coins",
		"wall", "curtain", "curtains", "door", "shutters"}},
	"chinks": {near: []string{"armor", "armour", "light", "sunlight", "wall", "curtains", "shutters"}},
	"spick":  {next: []string{"and span"}}, "spic": {next: []string{"and span"}},
	"kraut": {next: []string{"rock"}},
	// British English: a cigarette; a meatball.
	"fag": {next: []string{"end", "break", "packet", "paper"},
		near: []string{"smoke", "smokes", "smoking", "smoked", "smoker", "cigarette", "cigarettes", "cig",
			"cigs", "ciggie", "ciggies", "tobacco", "baccy", "lighter", "ashtray", "nicotine", "rollie"}},
	"faggot": {near: []string{"faggots", "peas", "gravy", "mash", "onion", "onions", "pork", "liver",
		"butcher", "meatball", "meatballs", "sticks", "firewood", "kindling"}},
	// A transmission; a transistor radio.
	"tranny": {near: []string{"transmission", "motor", "engine", "gearbox", "gear", "gears", "clutch",
		"manual", "auto", "automatic", "car", "truck", "fluid", "rebuild", "rebuilt", "axle", "mileage",
		"cvt", "shift", "shifting", "shifter", "torque", "diff", "mechanic", "radio"}},
	"tits": {prev: []string{"blue", "coal", "marsh", "willow", "crested", "tailed", "bearded"}},
	"cock": {prev: []string{"weather", "game", "turkey", "stop", "ball"},
		next: []string{"up", "a doodle", "crowed", "crows", "crowing", "and bull", "fight", "fighting",
			"fights", "robin", "sparrow", "pheasant"},
		near: []string{"rooster", "hen", "hens", "chicken", "chickens", "farmyard", "poultry", "pheasant",
			"pheasants", "feathers", "gun", "pistol", "rifle", "trigger", "hammer"},
		name: true},
	"cocks": {near: []string{"rooster", "roosters", "hen", "hens", "chicken", "chickens", "poultry", "crow", "crowing",
		"fight", "fighting", "pheasant", "pheasants"}},
	"bitch": {near: []string{"puppy", "puppies", "pup", "pups", "litter", "litters", "whelp", "whelped",
		"whelping", "breeder", "breeding", "kennel", "kennels", "sire", "spayed", "pedigree"}},
	"bastard": {next: []string{"son", "daughter", "child", "children", "sword", "file", "feudalism"}},
	"spastic": {next: []string{"paraplegia", "diplegia", "quadriplegia", "hemiplegia", "tetraplegia",
		"paralysis", "cerebral", "colon", "dysphonia", "dystonia", "muscle", "gait", "bladder"}, name: true},
	// The verb ("to retard growth"), and French and Catalan "late" ("en
	// retard", "té retard").
	"retard": {prev: []string{"to", "may", "might", "could", "would", "will", "can", "should", "must",
		"en", "du", "de", "un", "le", "ce", "mon", "son", "ton", "sans", "avec", "te", "amb"}},
	// Timing and physics: "retarded ignition", "retarded potential".
	"retarded": {next: []string{"growth", "potential", "time", "ignition", "timing", "spark"},
		near: []string{"ignition", "timing", "camshaft", "cam", "valve", "valves"}},
	"tosser":        {prev: []string{"coin", "caber", "pancake", "salad"}},
	"camel jockey":  {near: []string{"race", "races", "racing", "raced", "robot", "robots", "derby"}},
	"camel jockies": {near: []string{"race", "races", "racing", "raced", "robot", "robots", "derby"}},
	"dick":          {prev: []string{"moby", "k", "tricky", "private", "spotted"}, name: true},
	"dyke":          {prev: []string{"van", "offa", "devil"}, name: true},
	"slut":          {name: true}, // SlutWalk, "Slut Walk"
	"poof": {after: []string{"a", "you", "the", "that", "this", "those", "these", "some", "little", "big",
		"old", "bloody", "fucking", "dirty", "filthy", "such", "like", "them", "bunch", "of"}},
})

// ordinary reports whether the listed term matched at ws[i:i+span] is used
// in an ordinary sense there.
func ordinary(term string, ws []word, i, span int) bool {
	s, ok := senses[term]
	if !ok {
		return false
	}
	w := ws[i]
	if s.prev != nil && i > 0 && has(s.prev, ws[i-1]) {
		return true
	}
	for _, phrase := range s.next {
		if followedBy(ws, i+span, phrase) {
			return true
		}
	}
	for j := max(0, i-nearWindow); j < min(len(ws), i+span+nearWindow); j++ {
		if (j < i || j >= i+span) && has(s.near, ws[j]) {
			return true
		}
	}
	if s.after != nil && (i == 0 || !has(s.after, ws[i-1])) {
		return true
	}
	return s.name && w.title && (i+span < len(ws) && ws[i+span].title ||
		i > 0 && ws[i-1].title && !has(notNames, ws[i-1]))
}

// notNames are capitalised words that start a sentence or an insult rather
// than a name ("You Dick", "What a Dick"), in collapsed form.
var notNames = collapsed("you", "your", "ur", "u", "ya", "yo", "the", "a", "an", "what", "this", "that",
	"he", "she", "his", "her", "hes", "shes", "they", "im", "i", "is", "was", "such", "some", "like",
	"big", "little", "fat", "dumb", "stupid", "fucking", "old", "total", "stop", "being", "suck", "eat")

// has reports whether w is one of the collapsed words in list.
func has(list []string, w word) bool {
	for _, x := range list {
		if x == string(w.letters) {
			return true
		}
	}
	return false
}

// followedBy reports whether the words from ws[i] on spell phrase, its last
// word possibly with a plural "s".
func followedBy(ws []word, i int, phrase string) bool {
	for k, p := range strings.Fields(phrase) {
		if i+k >= len(ws) {
			return false
		}
		l := string(ws[i+k].letters)
		if l != p && l != p+"s" {
			return false
		}
	}
	return true
}

// collapsed returns the words in collapsed form.
func collapsed(ws ...string) []string {
	r := make([]string, len(ws))
	for i, w := range ws {
		var parts []string
		for _, p := range strings.Fields(w) {
			for k := range setOf(p) {
				parts = append(parts, k)
			}
		}
		r[i] = strings.Join(parts, " ")
	}
	return r
}

// collapseSenses writes every word of the table in collapsed form ("cool"
// as "col"), as the tokenizer does, and adds each term's plural.
func collapseSenses(m map[string]sense) map[string]sense {
	out := make(map[string]sense, 2*len(m))
	c := func(ws []string) []string {
		if ws == nil {
			return nil
		}
		return collapsed(ws...)
	}
	for term, s := range m {
		s = sense{prev: c(s.prev), next: c(s.next), near: c(s.near), after: c(s.after), name: s.name}
		out[term] = s
		if _, ok := m[term+"s"]; !ok {
			out[term+"s"] = s
		}
	}
	return out
}
