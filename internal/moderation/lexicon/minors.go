package lexicon

// The minors rule is about sexualising children and grooming: a sexual
// request or compliment together with an age under 18, sexual questions
// after "how old are you", and the secrecy phrases groomers use. The lists
// are deliberately generic; a held comment goes to a human. Reports about
// abuse cases ("charged with sending naked pictures to a 13-year-old")
// are guarded.

// childAges are numbers under 18 as ages are written.
const childAges = "5|6|7|8|9|10|11|12|13|14|15|16|17"

const childAgeWords = "five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"

var minorAge = compile(
	"im|youre|ur|shes|hes|age|aged|turning|turned "+childAges,
	"i|she|he|u|you am|is|are|r "+childAges,
	childAges+" yo|y", childAges+" yr|yrs|year|years old", childAgeWords+" yo", childAgeWords+" year|years old",
	"underage", "under age", "middle schooler|school", "7|8|9 th grade", "in year 7|8|9",
	"schoolgirl|schoolgirls|schoolboy|schoolboys|preteen|preteens|tween|tweens",
	"little|young girl|girls|boy|boys",
)

// minorSexual are sexual requests, compliments and acts.
var minorSexual = compile(
	"send|show|sned me|us pics|pic|pictures|picture|photos|photo|nudes|vids|videos",
	"send|show me|us a pic|picture|photo|video", "send nudes", "nudes",
	"naked|nude|sexy|sex|horny|boobs|tits|dick|cock|pussy|panties|lingerie|webcam|orgasm|blowjob",
	"touch yourself|urself", "take off your|ur", "hot body", "so hot", "make out", "hook up|hookup",
)

// minorContact are softer approaches that matter next to an age.
var minorContact = compile(
	"meet me", "meet up with me", "come over", "are you|u alone|home", "be my boyfriend|girlfriend", "date me", "kiss me",
	"cute|hot", "snapchat|kik|telegram|whatsapp|dm|pm", "private chat", "our secret",
)

var minorAsk = compile("how old are|r you|u", "hwo old are|r you|u", "whats your|ur age", "asl")

// minorSecret are grooming phrases that ask a child for secrecy.
var minorSecret = compile(
	"our little secret", "dont tell your|ur parents|mom|mum|dad|mommy|daddy|mother|father",
	"are your|ur parents home|around|awake", "delete our|these|my messages|chat|chats",
)

var minorStrong = compile("jailbait", "loli|lolis|lolicon|shota|shotacon", "child porn|pornography", "kiddie porn")

// minorGuard marks reporting and safety advice.
var minorGuard = compile(
	"police|officers|arrest*|charged|convicted|sentenced|court|trial|suspect*|investigat*|prosecut*|jailed|offender|offenders",
	"reported|report|according|said|says|allegedly|accused|victim|victims|abuse|inquiry",
	"warn*|safety|protect*|teach|campaign|charity", "parents should",
)

func minorsRule() *rule {
	return &rule{
		id:         "minors",
		strong:     []strongSet{{s: minorStrong, guarded: true, detail: "sexualises minors"}},
		weak:       minorSecret,
		weakDetail: "may be a grooming attempt",
		guard:      minorGuard,
		pairs: []pair{
			{a: minorAge, b: minorSexual, window: 20, anySentence: true, score: strongScore, guarded: true, detail: "sexualises minors"},
			{a: minorAsk, b: minorSexual, window: 20, anySentence: true, score: weakScore, guarded: true, detail: "may be a grooming attempt"},
			{a: minorAge, b: minorContact, window: 8, anySentence: true, score: weakScore, guarded: true, detail: "may be a grooming attempt"},
		},
	}
}
