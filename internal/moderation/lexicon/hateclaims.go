package lexicon

// What the hate rule looks for after a group: that it is vermin or a
// disease, that it is inferior or wicked by nature, that it should be
// driven out, wiped out, deported or denied its rights, that it disgusts
// the writer. Each list reads as the words that follow a group ("… are
// vermin", "… should be deported"); negations ("are not vermin") do not
// match because the words must follow one another.

// hateDehumanNouns are what a group is called to deny it humanity.
const hateDehumanNouns = "vermin|vermins|parasites|cockroaches|roaches|rats|rodents|animals|beasts|savages|subhumans|subhuman|" +
	"untermenschen|apes|monkeys|baboons|gorillas|pigs|swine|dogs|insects|maggots|lice|leeches|locusts|termites|snakes|" +
	"scum|filth|trash|garbage|mongrels|barbarians|cavemen|primates|orcs|invaders|infestation|pests"

// hateDehumanSingular are the same said of a group as a whole or of one
// of its members ("islam is a cancer", "every jew is a parasite").
const hateDehumanSingular = "disease|plague|cancer|virus|infection|infestation|pestilence|blight|scourge|tumour|tumor|" +
	"parasite|cockroach|rat|vermin|pest|animal|savage|subhuman|ape|monkey|pig|dog|leech|locust|snake|contagion|pox|cancerous"

// hateCopulas link a group to what it is said to be; hateModifiers may
// come between ("are all just", "are nothing but").
var hateCopulas = []string{"are|r|were|is|theyre"}

var hateModifiers = []string{
	"", "all|just|basically|literally|simply|truly|really|fucking|like|filthy|dirty|disgusting|stinking|such|the",
	"all just|fucking|like", "nothing but", "just like", "worse than", "nothing more than", "no better than", "a bunch|pack|horde of",
}

// hateDehuman says a group is vermin, a disease or animals.
var hateDehuman = compile(lists(
	prefixed(hateCopulas, hateModifiers, hateDehumanNouns),
	prefixed([]string{"is|are|theyre"}, []string{"a|an", "like a|an", "just a|an", "nothing but a|an", "basically a|an",
		"literally a|an", "a fucking"}, hateDehumanSingular),
	[]string{"breed|breeding|breeds|multiply|multiplying|multiplies like rats|rabbits|cockroaches|vermin|animals|flies|insects",
		"act|acting|acts|behave|behaving|behaves like animals|savages|beasts|apes|monkeys|vermin|rats",
		"infest|infesting|infests|outbreeding", "are|r infesting|overrunning|outbreeding",
		"are|r|is destroying|ruining|polluting|poisoning|invading|destroyin|ruinin our|this|the country|countries|nation|culture|race|society|way|towns|cities",
		"is|are not|arent|barely|hardly human", "is|are not even human", "is|are less than human", "is|are sub human"},
)...)

// hateInferiorWords say a group is lesser, wicked or dangerous by nature.
const hateInferiorWords = "inferior|stupid|dumb|dumber|stupider|retarded|lazy|primitive|backward|barbaric|filthy|smelly|stinky|greasy|" +
	"uncivilised|uncivilized|inbred|degenerate|degenerates|evil|demonic|satanic|devils|demons|unnatural|abnormal|" +
	"perverted|perverts|disgusting|worthless|untrustworthy|inhuman|terrorists|rapists|paedophiles|pedophiles|pedos|" +
	"paedos|groomers|deviants|freaks"

// hateInferior says a group is inferior, or all criminals, or not to be
// trusted.
var hateInferior = compile(append(prefixed(hateCopulas,
	[]string{"", "all|just|so|really|genetically|naturally|inherently|biologically|simply|basically|clearly|obviously|" +
		"born|fucking|mentally|intellectually|morally", "all just|so|fucking|born", "nothing but"},
	hateInferiorWords),
	"are|r|were all|mostly criminals|thieves|liars|crooks|murderers|killers|scroungers|thugs|savages|terrorists",
	"are|r|is less intelligent|evolved|civilised|civilized", "are|r|is a lower|lesser|inferior|subhuman|degenerate race|species|breed",
	"are|r lesser beings", "are|r the enemy|devil|devils", "are|r too stupid|dumb|primitive|inferior",
	"are|r|were thieves", "are|r|were all thieves",
	"is|was a|an terrorist|rapist|paedophile|pedophile|groomer|pervert|degenerate|savage|inferior|thief|parasite", "is|are a mental illness|disorder|perversion|abomination|sickness",
	"is|are an abomination|illness", "are|r mentally ill|defective", "is|are a death cult",
	"should|must|need to|needs to|have to|has to|better know|learn their place", "all look alike|the same",
	"cant|cannot|shouldnt be trusted", "should|will|can never be trusted", "can not be trusted", "are not to be trusted",
)...)

// hateAux make a call of the passive that follows ("should be", "must
// get"); hateThreat adds the forecasts that are threats when the verb is
// hostile ("will be driven out").
var hateAux = []string{
	"should|must|gotta", "should|must all|just|simply", "all should|must",
	"need|needs|ought|have|has|got|deserve|deserves to", "all need|deserve to",
}

var hateThreat = append([]string{"will", "will all", "are going to", "are all going to"}, hateAux...)

// hateHostile calls for driving out or eliminating a group ("should be
// driven out", "must be exterminated", "don't belong here").
var hateHostile = compile(lists(
	prefixed(hateThreat, []string{"be|get"},
		"exterminated|eradicated|eliminated|gassed|purged|culled|hanged|hung|shot|lynched|burned|burnt|killed|euthanised|"+
			"euthanized|executed|sterilised|sterilized|castrated|segregated|interned|enslaved|exiled|banished|cleansed|"+
			"nuked|slaughtered|massacred|caged"),
	prefixed(hateThreat, []string{"be|get"},
		"driven|kicked|thrown|chased|booted|forced|run|pushed|hounded|smoked|burned|wiped out|away|off"),
	prefixed(hateThreat, []string{"be|get"}, "rounded|locked|lined|strung|beaten|wiped up|out"),
	prefixed(hateThreat, []string{"be"}, "hunted|put|gunned|mowed down"),
	prefixed(hateThreat, []string{"be"}, "put in camps|cages|ovens"),
	[]string{
		"dont|never belong here|in|among|with", "will never belong here|in|among|with", "do not belong here|in|among|with",
		"have|has no place in|here|among", "should have no place|right|rights",
		"deserve no rights|place", "dont deserve rights|equal|any|human|respect|citizenship", "do not deserve rights|equal|any|human|respect|citizenship",
		"dont deserve to live|exist|vote", "do not deserve to live|exist|vote", "dont deserve the same rights", "do not deserve the same rights",
		"are|r not|arent welcome", "not welcome here|in",
		"go back to where they|you came from", "go back where they|you came from", "go back to the jungle|desert",
		"go back to your|their own country|countries", "should be sent back where", "should be sent back to where",
		"should not|never exist", "shouldnt exist", "have no right to exist|live", "have no right to be here",
	},
)...)

// hateDeny calls to deport or ban a group or to take away its rights;
// it fires for every group but migrants (see migrantNouns).
var hateDeny = compile(lists(
	prefixed(hateAux, []string{"be|get"},
		"deported|expelled|repatriated|removed|banned|barred|excluded"),
	prefixed(hateAux, []string{"be|get"}, "sent|shipped|kicked back|home|away|off|out"),
	prefixed([]string{"should|must not be", "should|must never be", "should|must no longer be"}, hateRights, ""),
	prefixed([]string{"shouldnt|mustnt|cant|cannot be"}, hateRights, ""),
	[]string{
		"should|must all|just go back|home", "should|must go back|home", "need|needs to go back|home", "need|needs to all go back|home",
	},
)...)

// hateRights are the rights a group is said to deserve no longer.
var hateRights = []string{
	"allowed|permitted to vote|marry|work|adopt|teach|serve|live|enter|stay|exist|breed|reproduce|have|own|hold|run|drive|" +
		"speak|pray|worship|build|come|immigrate|be|become|join|settle|buy|rent",
	"allowed|permitted in|near|into|around|here|anywhere|within",
}

// hateOut ends an exclusion slogan right after a group ("immigrants out
// of our country") and hateSlurOut right after a slur ("… go home").
var hateOut = compile(
	"out of our|my|this country|countries|land|nation|europe|britain|england|america|neighbourhood|neighborhood",
)

var hateSlurOut = compile("go home|back", "get out", "out of", "not welcome")

// hateLoathing follows a group: hatred declared ("gays disgust me").
var hateLoathing = compile(
	"disgust|disgusts me|us", "make|makes me|us sick|puke|vomit", "sicken|sickens me|us", "make|makes my skin crawl",
)
