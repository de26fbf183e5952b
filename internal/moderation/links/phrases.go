package links

// messengers are the apps and networks spammers move a conversation to,
// after "on", "at" or "via".
const messengers = "whatsapp|watsapp|telegram|viber|wechat|signal|snapchat|snap|kik|" +
	"instagram|insta|ig|facebook|fb|messenger|skype|discord|line|email|e-mail|mail|gmail|" +
	"tiktok|twitter|onlyfans|youtube|twitch"

// apps are the messengers whose name alone before a number or handle
// ("WhatsApp +1 555 …") is a contact offer; ordinary words like "line" or
// "signal" are left out.
const apps = "whatsapp|watsapp|telegram|viber|wechat|snapchat|kik|skype|discord"

// channels are what self-promoters ask readers to visit or follow.
const channels = "profile|page|channel|website|site|blog|shop|store|bio|video|videos|account|" +
	"instagram|insta|youtube|tiktok|onlyfans|link|links|music|mixtape|playlist|podcast|stream|" +
	"newsletter|substack|patreon|twitch|ebook|course|app"

// phrase is one promotion pattern and the reader-safe name of its kind.
// Slots are separated by spaces; "a|b" are alternatives, "[a|b]" is
// optional, "#num" is a number (digits, "+1 555"), "#money" an amount with
// a currency sign ("$500", "500€"), "#handle" an "@name", and "@msgr" and
// "@chan" stand for the lists above.
type phrase struct {
	pattern string
	kind    string
}

const (
	kindContact = "an invitation to contact the author elsewhere"
	kindChannel = "a request to visit or follow the author's channel"
	kindMoney   = "a get-rich-quick offer"
	kindSales   = "a commercial offer"
)

// kindAmount and kindCue are never reported alone: an income claim
// ("$500 a day") is ordinary in a story about wages, and becomes a
// get-rich-quick offer only next to a cue ("from home", "online").
const (
	kindAmount = "amount"
	kindCue    = "cue"
)

// phrases is the default promotion table, in English.
var phrases = [...]phrase{
	{"dm|pm|inbox|hmu me|us", kindContact},
	{"message|msg|text|whatsapp|telegram me|us now|today|asap|privately|directly|if|for", kindContact},
	{"contact|message|msg|text|call|reach|add|find|ping|email|hit|write|chat [me|us] [up] on|at|via|through|thru|over|with [my] @msgr|#phone|#handle", kindContact},
	{"contact|message|text|call|reach|whatsapp|telegram me|us [now|today] [at|on] #phone", kindContact},
	{"@apps [me|us] [at|on|via|number|no|id] #phone|#handle", kindContact},
	{"my @apps [number|id|handle|username|contact] [is] #phone|#handle", kindContact},
	{"visit|check|see|watch|view|try [out] my|our @chan", kindChannel},
	{"subscribe|sub|follow [to] my|our @chan", kindChannel},
	{"follow|add me|us on|at @msgr", kindChannel},
	{"link in [my|the] bio", kindChannel},
	{"#money [usd|dollars|euros|pounds|bucks] [a|per|an|every|each] day|week|hour|month|hr|daily|weekly|monthly", kindAmount},
	{"from|at home", kindCue},
	{"online|part-time|parttime", kindCue},
	{"part time", kindCue},
	{"no experience", kindCue},
	{"easy|quick|fast|extra money|cash", kindCue},
	{"this|the site|website|link|page", kindCue},
	{"sign up", kindCue},
	{"earn|make|making|earning [extra|easy|real|quick|fast] money|cash|income from|at home", kindMoney},
	{"earn|make|making|earning [extra|easy|real|quick|fast] money|cash|income online", kindMoney},
	{"work|working from home opportunity|job|jobs|offer", kindMoney},
	{"get|got|getting paid to like|watch|post|share|review|click|type|chat|test", kindMoney},
	{"guaranteed income|profit|profits|returns|payout|payouts", kindMoney},
	{"buy cheap|real followers|likes|subscribers|views", kindSales},
	{"free followers|likes|subscribers|views", kindSales},
	{"buy|order|shop now", kindSales},
	{"promo|discount|coupon|referral|voucher code", kindSales},
	{"use my code|link|referral|coupon", kindSales},
	{"limited time offer|deal", kindSales},
	{"click [on] [the|this|my] link|here to|and win|claim|get|earn|register|join|buy|order", kindSales},
	{"hot|sexy|lonely|horny singles|girls|women|milfs|moms in|near|nearby", kindSales},
}
