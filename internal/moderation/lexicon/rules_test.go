package lexicon

import "testing"

func TestDrugs(t *testing.T) {
	runCases(t, New(), lexRules, []lexCase{
		// Promotion, sale and how-to.
		{"DM me for cocaine, fast delivery", "drugs", 1},
		{"got the best xanax, hit me up on telegram", "drugs", 1},
		{"hmu if u need weed", "drugs", 1},
		{"Selling c0caine and MDMA, discreet shipping", "drugs", 1},
		{"how to make meth at home, easy guide", "drugs", 1},
		{"here's how to cook crystal meth step by step", "drugs", 1},
		{"where can i buy ketamine around here", "drugs", 0.6},
		{"cheap oxycontin, no questions", "drugs", 0.6},
		{"just snort the ketamine off a key", "drugs", 0.6},
		{"5g of weed for 40 bucks", "drugs", 0.6},
		{"Who sells shrooms in this town?", "drugs", 0.6},
		{"my plug has heroin in stock", "drugs", 1},
		{"order fentanyl online from my vendor", "drugs", 0.6},
		{"buyyy cocaaaine", "drugs", 0.6},
		{"microdosing psilocybin changed my life, start with a low dose", "drugs", 0.6},
		// News and debate.
		{"The drug trade grew last year.", "", 0},
		{"Police seized cocaine worth millions at the port.", "", 0},
		{"Police arrested two men suspected of selling heroin.", "", 0},
		{"The government plans to sell cannabis in licensed shops.", "", 0},
		{"A lethal dose of fentanyl is tiny.", "", 0},
		{"Doctors prescribe a low dose of oxycodone after surgery.", "", 0},
		{"The cartel smuggled tonnes of cocaine to buy influence.", "", 0},
		{"Cocaine use among young people is rising.", "", 0},
		{"The opioid epidemic killed thousands; fentanyl is to blame.", "", 0},
		{"I want to buy a house near the school.", "", 0},
		{"Crack down on dealers now!", "", 0},
		{"Meth labs were found in three towns, the report says.", "", 0},
		{"In order to reduce heroin deaths the city opened clinics.", "", 0},
	})
}

func TestSuicide(t *testing.T) {
	runCases(t, New(), lexRules, []lexCase{
		{"just kill yourself", "suicide", 1},
		{"kys loser", "suicide", 1},
		{"Go k1ll urself", "suicide", 1},
		{"KILL YOURSELF", "suicide", 1},
		{"nobody would miss you, go hang yourself", "suicide", 1},
		{"what is the most painless way to die", "suicide", 1},
		{"how many pills does it take", "suicide", 1},
		{"how to kill myself quickly", "suicide", 1},
		{"do everyone a favour and die", "suicide", 1},
		{"how much paracetamol to overdose on", "suicide", 0.6},
		{"best way to end it all?", "suicide", 0.6},
		// Subject, not incitement.
		{"The suicide rate among farmers rose again.", "", 0},
		{"Suicide prevention hotlines saw more calls this year.", "", 0},
		{"He died by suicide last year, his family said.", "", 0},
		{"This tax will kill your savings.", "", 0},
		{"I almost died laughing at this.", "", 0},
		{"How to prevent suicide among teenagers: a study.", "", 0},
		{"Don't shoot yourself in the foot, minister.", "", 0},
		{"The party's plan is political suicide.", "", 0},
		{"Old stars die and new ones are born.", "", 0},
	})
}

func TestExtremism(t *testing.T) {
	runCases(t, New(), lexRules, []lexCase{
		{"Brothers, join the jihad", "extremism", 1},
		{"the race war is coming", "extremism", 1},
		{"remember the 14 words", "extremism", 1},
		{"heil hitler", "extremism", 1},
		{"Hitler was right about everything", "extremism", 1},
		{"time to take up arms against them", "extremism", 1},
		{"Death to the infidels", "extremism", 0.6},
		{"we should burn down the mosque", "extremism", 0.6},
		{"someone needs to bomb that embassy", "extremism", 0.6},
		{"kill all immigrants", "extremism", 0.6},
		{"the shooter is a hero", "extremism", 0.6},
		{"that bomber did nothing wrong", "extremism", 0.6},
		// Reporting and ordinary speech.
		{"Protesters chanted death to America, the report said.", "", 0},
		{"The fire could burn down the church, firefighters warned.", "", 0},
		{"Police said the gunman was arrested.", "", 0},
		{"A bystander was hailed a hero after he tackled the shooter.", "", 0},
		{"The war ended in 1945.", "", 0},
		{"The storm hit the school on Monday.", "", 0},
		{"Extremist groups recruit online, researchers say.", "", 0},
		{"The opposition will attack the government over the budget.", "", 0},
		{"Gas prices went up again.", "", 0},
	})
}

func TestViolence(t *testing.T) {
	runCases(t, New(), lexRules, []lexCase{
		{"I'd slit his throat", "violence", 1},
		{"they should beat him to death", "violence", 1},
		{"let's torture the dog for fun", "violence", 1},
		{"I love kicking cats", "violence", 1},
		{"set the cat on fire lol", "violence", 1},
		{"skin them alive", "violence", 1},
		{"blood splattered everywhere and his guts ripped out", "violence", 0.6},
		// Reporting, fiction, idioms.
		{"A man was beaten to death in the park, police said.", "", 0},
		{"The RSPCA rescued a dog that had been tortured.", "", 0},
		{"Stop beating a dead horse.", "", 0},
		{"The horror film has a scene where they slit his throat.", "", 0},
		{"Don't beat it to death, we get the point.", "", 0},
		{"Donate blood this weekend.", "", 0},
		{"The cat sat on the mat.", "", 0},
		{"He cut his hair and his beard.", "", 0},
	})
}

func TestMinors(t *testing.T) {
	runCases(t, New(), lexRules, []lexCase{
		{"you're 14? send me pics", "minors", 1},
		{"i am 13 and i want nudes", "minors", 1},
		{"hey 15yo girls send nudes", "minors", 1},
		{"how old are you? send me a pic of you naked", "minors", 0.6},
		{"our little secret ok, dont tell your parents", "minors", 0.6},
		{"jailbait", "minors", 1},
		{"u r 12? add me on snapchat", "minors", 0.6},
		// Reporting, safety advice, ordinary ages.
		{"A man was charged with sending naked pictures to a 13-year-old, police said.", "", 0},
		{"My 14 year old son loves football.", "", 0},
		{"The 17-year-old scored a beautiful goal.", "", 0},
		{"Parents should warn children not to send photos to strangers, ages 12 and up.", "", 0},
		{"The school serves 900 pupils aged 11 to 16.", "", 0},
		{"How old are you supposed to be to vote?", "", 0},
		{"Send me the photos from the game!", "", 0},
	})
}

func TestNormalisationVariants(t *testing.T) {
	runCases(t, New(), lexRules, []lexCase{
		{"kіll yourself", "suicide", 1}, // Cyrillic і
		{"K Y S", "", 0},                // spaced letters are the profanity detector's job
		{"kiiiiill yoursellllf", "suicide", 1},
		{"kill your’self", "suicide", 1},
		{"hêroin for sale", "drugs", 1},
		{"h3r0in for sale", "drugs", 1},
	})
}
