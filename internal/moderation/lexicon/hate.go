package lexicon

// The hate rule is about promoting hatred of a group, or discrimination
// against it, for who its members are. A group (hategroups.go) alone is
// never hate: the rule needs, in the same sentence, what is said about it
// — that it is vermin or a disease, that it is inferior, that it should be
// driven out, wiped out or denied its rights. The claim must follow the
// group within three words ("immigrants are vermin", "muslims in this
// country should be deported"), or a call must come just before it
// ("get rid of the gypsies"), so that a comment that merely mentions a
// group near a hard word ("refugees fled rats and disease") does not
// fire. Sentences that report, quote, condemn or deny ("the MP was
// condemned for saying refugees are cockroaches", "it is a myth that
// immigrants are criminals"), that speak of attackers and victims ("the
// men who attacked the refugees are animals"), of institutions or teams,
// of history or of fiction are guarded.

// hateGuard marks sentences that report, quote, condemn or deny, speak
// of attackers or victims, of institutions or teams, of history or of
// fiction.
var hateGuard = compile(
	"police|officers|arrest*|charged|convicted|sentenced|court|courts|trial|judge|jury|investigat*|prosecut*|suspect*|jailed|fined|tribunal|inquiry|lawsuit|sued",
	"say|said|says|saying|claimed|claims|claiming|told|wrote|tweeted|posted|quoted|quote|quoting|according|reported|report|reports|reporting",
	"called|calling|labelled|labeled|labelling|labeling|described|describing|branded|referred|referring|compared|comparing|dubbed|likened",
	"remark|remarks|comment|comments|speech|rhetoric|language|slur|slurs|chant|chants|chanted|chanting|shouted|shouting|banner|banners|"+
		"placard|placards|graffiti|leaflet|leaflets|headline|headlines|tweet|tweets|meme|memes|poll|polls|survey|surveys|study|research*",
	"condemn*|denounc*|wrong|shameful|disgraceful|unacceptable|appalling|abhorrent|inexcusable|outrage*|backlash|apolog*|criticis*|criticiz*|resign*",
	"bigot|bigots|bigoted|bigotry|hatred|xenophob*|homophob*|transphob*|antisemit*|islamophob*|misogyn*|sexism|sexist|prejudice|prejudiced|"+
		"discriminat*|dehumanis*|dehumaniz*|stereotyp*|trope|tropes|myth|myths|untrue|falsely|debunk*|racism|conspiracy",
	"is|was|thats|its|sounds|so|how|very|deeply|openly racist",
	"racist remarks|comments|abuse|language|rhetoric|attack|attacks|slur|slurs|tweet|tweets|posts|chants|incident",
	"not all", "not true", "isnt true", "no one should|deserves|is|believes|thinks", "nobody should|deserves|is|believes|thinks",
	"dont|never think|believe|agree|say|call", "do not think|believe|agree|say|call", "stop saying|calling|treating",
	"how dare|can", "imagine thinking|saying|believing", "do you|u really|honestly|seriously|actually|truly believe|think",
	"do you|u believe|think",
	"who|whoever|whom|against|attacked|attacking|attackers|assaulted|abused|abusing|harassed|harassing|targeted|targeting|"+
		"murdered|bullied|bullying|threatened|threatening|vandalis*|vandaliz*",
	"treated|treat|treating|treatment|packed|caged|crammed|herded|housed|exploit*|persecut*|fleeing|fled|flee|victims|victim|"+
		"rescued|drowned|suffer*|help|helping|helped|support|supporting",
	"government|governments|regime|army|military|troops|soldiers|officials|authorities|embassy|state|team|teams|players|athletes|"+
		"olympic*|tournament|league|fans|club|party|parties|candidate|candidates|mp|mps|minister|senator|congressman|congresswoman",
	"why", "dont|never|didnt|doesnt hate|despise", "do not hate|despise",
	"season|game|games|match|matches|won|lost|lose|score*|goal|goals|playoff*|coach|referee|half|pitch|cards|penalty|penalties|stadium|supporters",
	"slogan|slogans|painted|sprayed|daubed|sign|signs|believe|believes|believed|belief|beliefs",
	"exhausted|hungry|journey|conditions", "idea|notion|nonsense|lie",
	"scrum|rugby|football|cricket|tackle|tackles|defence|defense|midfield",
	"egg|eggs|yolk|yolks|whisk|laundry|washing|bleach|darks|colours|colors",
	"drowning|dying|died|starving|deaths", "did|happened|done|doing|happening|do to",
	"able|safely|safe|once|until|hope|hopes|hoping|dream|dreams|visit|visiting|holiday|holidays|vacation|trip|roots",
	"history|historical|historically|historian*|nazi|nazis|nazism|propaganda|apartheid|slavery|segregation|colonial*|century|centuries|"+
		"medieval|ancient|empire|conquered|conquest|wartime|pogrom|pogroms|1930s|1940s",
	"film|movie|novel|character|characters|episode|sitcom|lyrics|fiction|satire|parody|sarcasm|sarcastic|story|stories|book|books|poem|tale",
	"policy|proposal|proposed|plan|plans|referendum|bill|law|laws|ruling|ruled",
)

// hateMentions are the groups, slurs and ideas one of which every pair
// needs: a comment without any is spared the pairs.
var hateMentions = []*set{hateGroups, hateSlurs, hateConcepts, hateEpithetGroup}

func hateRule() *rule {
	const (
		dehumanise = "may dehumanise a group for who its members are"
		inferior   = "may call a group inferior or dangerous by nature"
		exclude    = "may call for driving out or eliminating a group"
		deny       = "may call for deporting a group or denying its rights"
		loathe     = "may declare hatred of a group for who its members are"

		slurDehumanise = "attacks a group with a slur"
		slurExclude    = "calls for driving out or eliminating a group, with a slur"
		slurLoathe     = "declares hatred of a group with a slur"
	)
	return &rule{
		id:   "hate",
		gate: hateMentions,
		strong: []strongSet{
			{s: hateSlogans, guarded: true, detail: "a slogan of hatred against a group"},
		},
		weak:       hateWeak,
		weakDetail: "may be a slogan of exclusion or a hateful conspiracy theory",
		guard:      hateGuard,
		pairs: []pair{
			{a: hateGroups, b: hateDehuman, window: 3, ordered: true, score: weakScore, guarded: true, detail: dehumanise},
			{a: hateGroups, b: hateInferior, window: 3, ordered: true, score: weakScore, guarded: true, detail: inferior},
			{a: hateGroups, b: hateHostile, window: 3, ordered: true, score: weakScore, guarded: true, detail: exclude},
			{a: hateGroups, b: hateOut, window: 0, ordered: true, score: weakScore, guarded: true, detail: exclude},
			{a: hateGroups, b: hateLoathing, window: 2, ordered: true, score: weakScore, guarded: true, detail: loathe},
			{a: hateIdentities, b: hateDeny, window: 3, ordered: true, score: weakScore, guarded: true, detail: deny},
			{a: hateConcepts, b: hateDehuman, window: 1, ordered: true, score: weakScore, guarded: true, detail: dehumanise},
			{a: hateConcepts, b: hateInferior, window: 1, ordered: true, score: weakScore, guarded: true, detail: inferior},
			{a: hateFilthy, b: hateCallGroups, window: 0, ordered: true, score: weakScore, guarded: true, detail: dehumanise},
			{a: hateEpithetGroup, b: hateEpithet, window: 0, ordered: true, score: weakScore, guarded: true, detail: dehumanise},
			{a: hateCall, b: hateCallGroups, window: 0, ordered: true, score: weakScore, guarded: true, detail: exclude},
			{a: hateLoathe, b: hateCallGroups, window: 0, ordered: true, score: weakScore, guarded: true, detail: loathe},
			{a: hateDenyCall, b: hateCallIdentities, window: 0, ordered: true, score: weakScore, guarded: true, detail: deny},
			{a: hateSlurs, b: hateDehuman, window: 3, ordered: true, score: strongScore, guarded: true, detail: slurDehumanise},
			{a: hateSlurs, b: hateInferior, window: 3, ordered: true, score: strongScore, guarded: true, detail: slurDehumanise},
			{a: hateSlurs, b: hateLoathing, window: 3, ordered: true, score: strongScore, guarded: true, detail: slurLoathe},
			{a: hateSlurs, b: hateHostile, window: 3, ordered: true, score: strongScore, guarded: true, detail: slurExclude},
			{a: hateSlurs, b: hateDeny, window: 3, ordered: true, score: strongScore, guarded: true, detail: slurExclude},
			{a: hateSlurs, b: hateSlurOut, window: 1, ordered: true, score: strongScore, guarded: true, detail: slurExclude},
			{a: hateCall, b: hateSlurs, window: 0, ordered: true, score: strongScore, guarded: true, detail: slurExclude},
			{a: hateDenyCall, b: hateSlurs, window: 0, ordered: true, score: strongScore, guarded: true, detail: slurExclude},
			{a: hateSlurCall, b: hateSlurs, window: 0, ordered: true, score: strongScore, guarded: true, detail: slurExclude},
			{a: hateLoathe, b: hateSlurs, window: 0, ordered: true, score: strongScore, guarded: true, detail: slurLoathe},
		},
	}
}
