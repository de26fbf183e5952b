package lexicon

// What the hate rule looks for before a group or alone: calls to drive it
// out, hatred declared in the first person, degrading adjectives and
// epithets, and slogans that need no group named.

// hateCall comes before a group: a call to drive it out or eliminate it.
var hateCall = compile(withDeterminers(
	"get rid of", "kick|throw|drive|chase|boot|force|smoke out", "round|lock|wipe|line up|out",
	"exterminate|eradicate|eliminate|purge|cull|gas|lynch|sterilise|sterilize|castrate|enslave|slaughter|massacre|nuke|cleanse|euthanise|euthanize",
	"never|dont trust|hire|employ|serve", "do not trust|hire|employ|serve",
)...)

// hateLoathe comes before a group: hatred declared in the first person
// ("i hate muslims"); a third person is too often reported ("bald men
// hate women").
var hateLoathe = compile(withDeterminers(
	"i|we|ya|yall hate|despise|detest|loathe",
	"i|we|ya|yall really|just|all|truly|honestly|fucking|do|absolutely|so hate|despise|detest|loathe",
)...)

// hateSlurCall comes before a slur: a call to kill (before a group it is
// the extremism rule's).
var hateSlurCall = compile(withDeterminers("kill|shoot|hang|burn|gas|lynch|murder")...)

// hateDenyCall comes before a group: deport it or ban it.
var hateDenyCall = compile(withDeterminers(
	"deport|expel|ban|bar|repatriate|register|exclude|remove", "send|ship|kick back|home|away", "keep out",
)...)

// hateEpithetGroup before hateEpithet is a group word followed by a
// dehumanising noun ("muslim scum"); hateFilthy before a group is a
// degrading adjective ("filthy jews").
const hateEpithetGroups = "muslim|moslem|jewish|jew|immigrant|migrant|refugee|gay|paki|gypsy|pikey|arab|mexican|islamic|foreign|tranny|" +
	"black|brown|pakistani|somali|romanian|polish|albanian"

var hateEpithetGroup = compile(hateEpithetGroups)

var hateEpithet = compile(
	"scum|vermin|filth|parasites|parasite|cockroaches|cockroach|savages|savage|subhumans|subhuman|hordes|horde|apes|ape|monkeys|monkey",
)

var hateFilthy = compile(
	"filthy|dirty|stinking|stinky|smelly|greasy|subhuman|savage|inbred|mongrel|verminous|parasitic|disgusting|degenerate|barbaric|uncivilised|uncivilized",
)

// hateSlogans are slogans of hatred and exclusion, racist conspiracy
// theories, Holocaust denial and the only-good-one formula.
var hateSlogans = compile(
	"only good "+groupSingular+"|immigrant|indian|black|gay|nigger|kike|paki|refugee|migrant|woman|homo|queer|tranny|faggot is a dead",
	"only good ones are dead",
	"white genocide", "great replacement", "jews|you will not replace us", "jewish question", "holohoax",
	"holocaust never happened", "holocaust didnt happen", "holocaust did not happen", "holocaust was|is a hoax|lie|myth|fraud|fake", "holocaust was faked",
	"six million lie|hoax|myth", "refugees|immigrants|migrants|muslims not welcome", "no more mosques", "ban islam",
	"go back to your|the jungle|cave|desert|shithole", "go back to your own country",
)

// hateWeak are exclusion slogans aimed at the reader or at migrants, and
// conspiracy tropes, which fire alone.
var hateWeak = compile(
	"go back to where you|they came from", "go back where you|they came from", "go back to your country",
	"send them back where they came from", "send them back to where they came from", "you dont belong in this|our country",
	"immigrants|migrants|refugees|foreigners|illegals go home", "go back to africa",
	"no jews|muslims|blacks|gays|mexicans|gypsies|immigrants|refugees|arabs|indians|pakis|niggers|queers|homos|fags|faggots allowed",
	"breed us out", "outbreed us", "outbreeding us", "race mixing", "mongrelisation|mongrelization",
	"jews|zionists control|run|own the media|banks|world|government|money|hollywood",
	"jewish people control|run|own the media|banks|world|government|money|hollywood",
)
