package lexicon

// The suicide rule is about methods and incitement: telling someone to
// kill themselves, or asking or explaining how. Talk about suicide as a
// subject ("the suicide rate", "a prevention hotline") does not fire.

// suicideIncite tells the reader to kill themselves, or gives a method.
var suicideIncite = compile(
	"kill|hang|neck|off yourself|urself|yourselves|yourslf",
	"kill|hang|neck your|ur self", "kys", "kms", "go die", "go and die", "just die already",
	"go jump off a|the bridge|cliff|building|roof", "drink bleach", "slit your wrists",
	"end your|ur life", "do everyone a favour|favor and die",
	"painless|easy|easiest|quick|quickest|best|surest way to die|suicide",
	"how to kill|hang|off myself", "how to commit suicide", "how to end my life", "how do i kill myself",
	"how many pills to die|overdose|od", "how many pills does it take",
	"suicide method|methods", "exit bag", "suicide bag",
)

// suicideHow and suicideMethod make a how-to question or advice when they
// occur together.
var suicideHow = compile(
	"how to|do", "how many|much", "best|easiest|quickest|fastest|painless|surest way",
	"what dose", "enough to", "guaranteed to", "works best",
)

var suicideMethod = compile(
	"overdose|od on", "end it all", "end my life", "kill myself", "commit suicide", "die", "hang myself",
	"slit my wrists", "noose", "carbon monoxide", "helium",
	"jump off", "step in front of a|the train",
)

// suicideGuard marks sentences about suicide as a public-health subject.
var suicideGuard = compile(
	"rate|rates|prevent*|hotline|helpline|lifeline|awareness|study|studies|research*|report|reported|statistics|data",
	"police|coroner|inquest|family|charity|support|crisis|samaritans|therapist|doctor",
	"dont|never",
)

func suicideRule() *rule {
	return &rule{
		id:     "suicide",
		strong: []strongSet{{s: suicideIncite, detail: "incites suicide or describes a method"}},
		guard:  suicideGuard,
		pairs: []pair{
			{a: suicideHow, b: suicideMethod, window: 3, score: weakScore, guarded: true, detail: "may ask for or describe a suicide method"},
		},
	}
}
