package lexicon

// The extremism rule is about calls to violent or other illegal action and
// praise of extremists. Slogans and code words that only extremists use
// fire alone; calls to attack a place or group need the call and the
// target in one sentence, and do not fire in a sentence that reports.

// extremismSlogans are unambiguous slogans, code words and calls to join.
var extremismSlogans = compile(
	"join the jihad|caliphate|mujahideen", "join isis|isil|daesh|alqaeda", "join al qaeda",
	"race war", "racewar", "rahowa", "14 words", "fourteen words", "14 88", "1488",
	"heil hitler", "sieg heil", "gas the jews|kikes|muslims|gays|blacks", "day of the rope",
	"hitler was right", "hitler did nothing wrong", "saint tarrant|breivik|roof",
	"behead them", "behead|kill the|all|those infidels|kafir|kuffar|kafirs",
	"take up arms", "armed uprising", "overthrow the government by force",
	"hang the traitors|politicians|journalists|judges", "lone wolf attack", "martyrdom operation",
)

// extremismArson and extremismPlace make a call to attack a place when
// together ("burn down the mosque"); extremismKill and extremismGroup a
// call to kill a group ("death to the infidels").
var extremismArson = compile(
	"burn|torch|bomb|firebomb|storm|raze", "burn|blow|shoot down|up",
)

var extremismPlace = compile(
	"the|a|every|their|that|this|those mosque|mosques|synagogue|synagogues|church|churches|temple|temples",
	"the|a|every|their|that|this|those parliament|capitol|embassy|courthouse|clinic|shelter|shelters|hotel|camp|school",
	"the|a|every|their|that|this|those police station|stations",
)

var extremismKill = compile(
	"death to", "wipe out", "kill|exterminate|purge|gas|hang|shoot all|every|the", "kill|exterminate|purge|gas|hang|shoot",
)

var extremismGroup = compile(
	"the west", "america|israel|infidels|infidel|kuffar|kafir|kafirs|traitors|traitor",
	"jews|jew|muslims|muslim|christians|immigrants|immigrant|migrants|migrant|refugees|refugee|gays|blacks|whites|arabs|foreigners",
	"the jews|muslims|christians|immigrants|migrants|refugees|gays|blacks|whites|arabs|foreigners|infidels|traitors|kuffar|kafir",
)

// extremismPraise of an attacker, and the attackers it may be about.
var extremismPraise = compile(
	"was|is|are a|our hero|heroes|legend|legends|martyr|martyrs", "did nothing wrong", "was right", "deserves a statue",
	"should be celebrated", "we need more", "more like him|them",
)

var extremismAttacker = compile(
	"shooter|shooters|bomber|bombers|gunman|gunmen|terrorist|terrorists|attacker|attackers|mujahideen|jihadi|jihadis",
)

// extremismGuard marks reporting, condemnation and history.
var extremismGuard = compile(
	"police|arrest*|charged|convicted|sentenced|court|trial|suspect*|investigat*|prosecut*",
	"condemn*|denounc*|reported|report|according|said|says|chanted|chanting|shouted|protesters",
	"historian*|history|war|wartime|documentary|film|novel|museum|anniversary",
	"fire|fires|wildfire|blaze|firefighters|storm|storms|hurricane|flood",
	"victims|tackled|stopped|subdued|saved|rescued",
	"gesture|symbol|symbols|slogan|slogans|meme|memes",
)

func extremismRule() *rule {
	return &rule{
		id:         "extremism",
		strong:     []strongSet{{s: extremismSlogans, detail: "an extremist slogan or a call to join an extremist group"}},
		guard:      extremismGuard,
		weak:       compile("white power"),
		weakDetail: "may be an extremist slogan",
		pairs: []pair{
			{a: extremismArson, b: extremismPlace, window: 1, score: weakScore, guarded: true, detail: "may call for an attack on a place"},
			{a: extremismKill, b: extremismGroup, window: 1, score: weakScore, guarded: true, detail: "may call for violence against a group"},
			{a: extremismAttacker, b: extremismPraise, window: 4, score: weakScore, guarded: true, detail: "may praise an attacker"},
		},
	}
}
