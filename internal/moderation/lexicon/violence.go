package lexicon

// The violence rule is about graphic descriptions of violence and cruelty
// to animals, written as a wish, an instruction or relish. Threats to
// other users are the insult classifier's job. News reports ("a man was
// beaten to death, police said") do not fire: past-tense passive forms are
// not listed and reporting sentences are guarded.

// violenceGraphic are graphic acts against a person.
var violenceGraphic = compile(
	"slit|cut|slash|slice his|her|their|your|its throat|throats",
	"beat|kick|stomp|stab|bludgeon|club|choke|strangle him|her|them|you to death",
	"curb stomp|stomp", "gouge his|her|their|your eyes|eyeballs out", "gouge out his|her|their|your eyes",
	"rip|tear his|her|their|your guts|heart|intestines|throat out", "rip|tear out his|her|their|your guts|heart|intestines|throat",
	"skin|burn|boil him|her|them|you|it alive", "disembowel|dismember|decapitate him|her|them|you",
	"cut his|her|their|your head|heads off", "cut off his|her|their|your head|heads|fingers",
	"smash his|her|their|your skull|head|face in",
)

// violenceAnimal is cruelty to animals.
var violenceAnimal = compile(
	"torture|torturing|skin|skinning|drown|drowning|burn|burning|kick|kicking|strangle|strangling|hang|hanging|mutilate|mutilating|"+
		"poison|poisoning|stab|stabbing "+
		"the|a|that|this|my|his|her|their|your|those|these|some dog|dogs|cat|cats|puppy|puppies|kitten|kittens|animal|animals|horse|horses|pet|pets|rabbit|rabbits|bird|birds",
	"torture|torturing|skin|skinning|drown|drowning|kick|kicking|mutilate|mutilating|poison|poisoning|strangle|strangling dogs|cats|puppies|kittens|animals|horses|pets",
	"set the|a|that|this|my dog|cat|puppy|kitten|animal on fire", "set fire to the|a|that|this|my dog|dogs|cat|cats|puppy|kitten|animal|animals", "skin it|them alive",
)

// violenceGore and violenceGoreVerb make a graphic scene when together.
var violenceGore = compile(
	"blood|guts|entrails|brains|eyeballs|intestines",
)

var violenceGoreVerb = compile(
	"splatter*|spray*|gush*|dripping|everywhere", "rip*|gouge* out",
)

// violenceGuard marks reporting and fiction.
var violenceGuard = compile(
	"police|officers|arrest*|charged|convicted|sentenced|court|trial|suspect*|investigat*|prosecut*|jury",
	"reported|report|according|said|says|witnesses|allegedly|accused|victim",
	"film|movie|novel|series|episode|game|documentary|book|horror|scene",
	"rspca|shelter|vet|rescued|welfare",
)

func violenceRule() *rule {
	return &rule{
		id: "violence",
		strong: []strongSet{
			{s: violenceGraphic, guarded: true, detail: "describes graphic violence"},
			{s: violenceAnimal, guarded: true, detail: "describes cruelty to animals"},
		},
		guard: violenceGuard,
		pairs: []pair{
			{a: violenceGore, b: violenceGoreVerb, window: 3, score: weakScore, guarded: true, detail: "may describe a violent scene in graphic detail"},
		},
	}
}
