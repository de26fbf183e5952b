package lexicon

// The extremism rule is about calls to violent or other illegal action and
// praise of extremists. Slogans and code words that only extremists use
// fire alone; calls to attack a place or group need the call and the
// target in one sentence, and do not fire in a sentence that reports.

// extremismSlogans are unambiguous slogans, code words and calls to join.
var extremismSlogans = compile(
	"join the jihad|caliphate|mujahideen", "join isis|isil|daesh|al qaeda|alqaeda",
	"race war", "racewar", "rahowa", "14 words", "fourteen words", "14 88", "1488",
	"heil hitler", "sieg heil", "white power", "gas the", "day of the rope",
	"hitler was right", "hitler did nothing wrong", "saint tarrant|breivik|roof",
	"behead them|the infidels|the kafir|the kuffar", "kill all the infidels|kuffar|kafirs",
	"take up arms", "armed uprising", "overthrow the government by force",
	"hang the traitors|politicians|journalists|judges", "lone wolf attack", "martyrdom operation",
)

// extremismCall and extremismTarget make a call to attack when together.
var extremismCall = compile(
	"burn down|burn|torch|bomb|firebomb|blow up|shoot up|storm|attack|raid|destroy|smash",
	"death to", "kill all|every", "wipe out", "exterminate", "purge",
)

var extremismTarget = compile(
	"the|a|every|their|that|this mosque|mosques|synagogue|synagogues|church|churches|temple|temples",
	"the|a|every|their|that|this parliament|capitol|embassy|police station|courthouse|clinic|shelter|hotel|camp|school",
	"the government|state|police|infidels|kuffar|jews|muslims|christians|immigrants|migrants|refugees|blacks|whites|gays",
	"america|israel|the west|the jews|the infidels|the traitors|the kafir|the kuffar|the migrants|the immigrants",
	"jews|muslims|christians|immigrants|migrants|refugees|gays|infidels|traitors",
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
)

func extremismRule() *rule {
	return &rule{
		id:           "extremism",
		strong:       extremismSlogans,
		strongDetail: "an extremist slogan or a call to join an extremist group",
		guard:        extremismGuard,
		pairs: []pair{
			{a: extremismCall, b: extremismTarget, window: 1, score: weakScore, guarded: true, detail: "may call for violence against a place or group"},
			{a: extremismAttacker, b: extremismPraise, window: 4, score: weakScore, guarded: true, detail: "may praise an attacker"},
		},
	}
}
