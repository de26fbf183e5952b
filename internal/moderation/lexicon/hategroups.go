package lexicon

// The groups the hate rule protects, as people name them in comments:
// plural nouns ("muslims"), an adjective with a word for people ("gay
// people", "black men"), "the" with the nationalities that are also
// adjectives ("the chinese"), a singular noun after a determiner ("every
// jew") and the ideas a group is attacked through ("islam",
// "homosexuality"). Quantifiers ("all", "these") need no pattern of their
// own, since what the rule looks for follows the group; a determiner is
// part of a pattern only where it makes the group ("the chinese").

// groupNouns are plural nouns for religions, ethnicities, races,
// nationalities, sexual orientations, gender identities, disabilities,
// and women. Words with an everyday second sense ("poles", "travellers",
// "natives", "roma", "trans") are left out or need a word for people
// after them ("trans people").
const groupNouns = "muslims|moslems|jews|christians|catholics|hindus|sikhs|buddhists|mormons|atheists|" +
	"blacks|whites|negroes|asians|arabs|africans|latinos|latinas|hispanics|mexicans|indians|pakistanis|bangladeshis|" +
	"somalis|nigerians|syrians|afghans|afghanis|iraqis|iranians|turks|kurds|albanians|romanians|bulgarians|" +
	"gypsies|gipsies|gypsys|jamaicans|haitians|filipinos|koreans|russians|ukrainians|palestinians|israelis|" +
	"aborigines|aboriginals|americans|brits|germans|italians|greeks|europeans|" +
	"rohingya|uyghurs|uighurs|yazidis|tutsis|hutus|" +
	"gays|lesbians|homosexuals|homos|queers|bisexuals|transgenders|transsexuals|transvestites|lgbt|lgbtq|lgbtqia|" +
	"cripples|spastics|autists|mongoloids|" +
	"women|females"

// groupAdjectives name a group when a word for people follows
// ("jewish people", "gay men").
const groupAdjectives = "black|white|brown|asian|arab|african|jewish|muslim|moslem|islamic|christian|catholic|hindu|sikh|" +
	"gay|lesbian|bisexual|queer|trans|transgender|disabled|handicapped|autistic|" +
	"mexican|latino|hispanic|chinese|indian|pakistani|somali|nigerian|syrian|afghan|iraqi|iranian|turkish|kurdish|" +
	"albanian|romanian|polish|gypsy|roma|romani|jamaican|haitian|filipino|korean|vietnamese|japanese|russian|" +
	"ukrainian|palestinian|israeli|irish|french|english|scottish|welsh|british|german|italian|greek|european|american|" +
	"aboriginal|native|indigenous|nonwhite|homeless|poor|lgbt|lgbtq"

const groupPeople = "people|ppl|folk|folks|men|women|kids|children|families|population|persons|immigrants|migrants|refugees"

// groupTheNations are nationalities and other adjectives that name a
// group only after "the" ("the chinese", "the disabled").
const groupTheNations = "chinese|japanese|vietnamese|french|irish|english|dutch|british|swiss|welsh|scottish|" +
	"portuguese|lebanese|sudanese|congolese|jewish|disabled|handicapped|homeless"

// groupSingular are singular nouns, a group only after a determiner
// ("every muslim is…").
const groupSingular = "jew|muslim|moslem|arab|mexican|gypsy|negro|homosexual|lesbian|african|pakistani|somali"

const groupDeterminers = "the|every|any|each|a|an|one|that|this"

// migrantNouns name people by how they came rather than who they are.
// Deporting or refusing them rights is also an ordinary policy debate
// ("illegal immigrants should be deported"), so those calls count only
// for all of them ("all immigrants should be deported", "deport every
// refugee"); dehumanising them counts always.
const migrantNouns = "immigrants|migrants|refugees|foreigners|illegals|aliens"

// quantifiedMigrants are the migrant nouns that "all" turns into a
// group; "all illegals" stays a policy matter.
const quantifiedMigrants = "immigrants|migrants|refugees|foreigners"

// hateConcepts are the religions and identities attacked as ideas
// ("islam is a cancer").
var hateConcepts = compile(hateConceptPatterns...)

var hateConceptPatterns = []string{
	"islam|judaism|homosexuality|transgenderism|transsexualism|lgbtism|gayness",
	"being gay|trans|transgender|homosexual|lesbian|bisexual",
}

// hateSlurs are slurs for a group that have no innocent sense; alone they
// are the profanity detector's business, with a call or a dehumanising
// claim they are hate with certainty. "Nigga" is left out: it is mostly
// used within the group.
const hateSlurNouns = "nigger|niggers|kike|kikes|spics|wetback|wetbacks|raghead|ragheads|towelhead|towelheads|" +
	"sandnigger|sandniggers|gooks|beaner|beaners|paki|pakis|muzzie|muzzies|muzrat|muzrats|mudslime|mudslimes|" +
	"faggot|faggots|tranny|trannies|gyppo|gyppos|gypo|gypos|pikey|pikeys|kaffir|kaffirs|jigaboo|jigaboos|" +
	"zipperhead|zipperheads|shitskin|shitskins|negroid|negroids"

var hateSlurs = compile(hateSlurPatterns...)

var hateSlurPatterns = []string{hateSlurNouns, "sand nigger|niggers", "porch monkey|monkeys", "jungle bunny|bunnies"}

// hateGroups are all the protected groups, migrants included.
var hateGroups = compile(groupPatterns(true, true)...)

// hateIdentities are the groups for which a call to deport, ban or deny
// rights is discrimination as such: every group but migrants, plus
// "all" or "every" migrant.
var hateIdentities = compile(append(groupPatterns(false, true), quantifiedMigrantPatterns...)...)

// hateCallGroups and hateCallIdentities are the same without the forms
// that are also adjectives ("the chinese", "the muslim"): after a call
// they are mostly followed by a noun ("ban the chinese apps").
var (
	hateCallGroups     = compile(groupPatterns(true, false)...)
	hateCallIdentities = compile(append(groupPatterns(false, false), quantifiedMigrantPatterns...)...)
)

var quantifiedMigrantPatterns = []string{
	"all the " + quantifiedMigrants, "all|every " + quantifiedMigrants + "|immigrant|migrant|refugee|foreigner",
	"every single|last immigrant|migrant|refugee|foreigner", "all asylum seekers",
}

// groupPatterns returns the patterns of the protected groups, with or
// without migrants, and with or without a determiner before a singular
// noun or an adjective of nationality.
func groupPatterns(migrants, determiners bool) []string {
	pats := []string{
		groupNouns,
		groupAdjectives + " " + groupPeople,
		groupTheNations + " people|folk|folks",
		"people of colour|color",
	}
	if migrants {
		pats = append(pats, migrantNouns, "asylum seekers", "boat people", "foreign|immigrant|migrant|refugee "+groupPeople)
	}
	singular := groupSingular
	if migrants {
		singular += "|immigrant|migrant|refugee|foreigner"
	}
	if !determiners {
		return append(pats, "every|each|any "+singular)
	}
	pats = append(pats, "the mentally ill", groupDeterminers+"|all|these|those|most "+groupTheNations+"|"+singular)
	if migrants {
		pats = append(pats, "every single|last immigrant|migrant|refugee|foreigner")
	}
	return pats
}
