package lexicon

// The drugs rule is about promotion: offering, selling or asking to buy a
// drug, and explaining how to make, dose or take one. A drug named in a
// news sentence ("the drug trade grew", "police seized cocaine") does not
// fire: it needs a sale or how-to phrase close by, and the weaker pairs
// are ignored in sentences that read like reporting.

// drugNames are street and brand names of controlled drugs. Ambiguous
// words ("coke", "speed", "acid", "pot", "grass", "molly") are left out.
const drugNames = "cocaine|heroin|meth|methamphetamine|mdma|ecstasy|lsd|ketamine|fentanyl|" +
	"oxy|oxys|oxycodone|oxycontin|xanax|xans|percocet|percs|adderall|weed|marijuana|cannabis|kush|thc|" +
	"shrooms|psilocybin|dmt|ghb|opium|benzos|tramadol|codeine|amphetamine|amphetamines|mephedrone|" +
	"carfentanil|hashish"

var drugTerms = compile(
	drugNames,
	"magic mushrooms", "crack cocaine|rock|rocks|pipe", "crystal meth", "blotter tabs", "8 ball|eightball",
)

// drugSaleStrong are offers only a dealer makes.
var drugSaleStrong = compile(
	"dm|pm|inbox|message|text|contact me", "hmu", "hit me up", "my|your|a plug",
	"discreet|stealth delivery|shipping|packaging", "in stock", "price list", "wickr|telegram|snapchat|whatsapp",
	"how to make|cook|synthesize|synthesise|extract|grow", "recipe for", "step by step",
	"for sale", "wholesale", "free delivery", "next day delivery", "best prices",
)

// drugSaleWeak are words that make an offer, a purchase or a how-to when
// they stand next to a drug, but also occur in news.
var drugSaleWeak = compile(
	"buy|buying|sell|selling|ordered|cheap|delivery|deliver|ship|shipping|vendor|supplier",
	"order some|online|now|from|here", "where to get|buy|find", "where can i get|buy|find", "who has|sells|got", "get you", "hook you up",
	"cook|cooking|dose|dosage|dosing|snort|snorting|inject|injecting|microdose|microdosing", "shoot up",
	"gram|grams|g|oz|ounce|ounces|eighth of", "mg|ml of", "per gram|g|oz",
)

// drugGuard marks sentences about the law, the police, medicine or
// research, where a drug next to "sell" or "dose" is reporting.
var drugGuard = compile(
	"police|officers|arrest*|charged|seized|seizure|court|sentenced|convicted|accused|suspect*|prosecut*|trial|jailed",
	"trafficking|traffickers|cartel|cartels|smuggl*|crackdown|raid|raids",
	"government|ministry|minister|legalis*|legaliz*|regulat*|licensed|license|licence|law|laws|bill|policy",
	"study|studies|research*|report|reported|survey|data|statistics|according",
	"doctor|doctors|patient|patients|prescri*|hospital|pharmac*|clinical|treatment|overdoses",
	"lethal|fatal|deadly|died|death|deaths|killed|addiction|epidemic|crisis",
)

func drugsRule() *rule {
	return &rule{
		id:    "drugs",
		guard: drugGuard,
		pairs: []pair{
			{a: drugTerms, b: drugSaleStrong, window: 6, score: strongScore, guarded: true, detail: "offers a drug or explains how to make it"},
			{a: drugTerms, b: drugSaleWeak, window: 4, score: weakScore, guarded: true, detail: "may promote buying or using a drug"},
		},
	}
}
