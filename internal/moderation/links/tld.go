package links

// genericTLDs are the generic top-level domains common enough in comments
// to be worth recognising without a scheme. A complete list (over a
// thousand) would mostly add false positives such as "file.zip" being read
// as a link, so only the ones seen in real links and spam are here.
var genericTLDs = map[string]bool{
	"com": true, "net": true, "org": true, "info": true, "biz": true, "edu": true,
	"gov": true, "mil": true, "int": true, "name": true, "pro": true, "mobi": true,
	"tel": true, "asia": true, "travel": true, "jobs": true, "museum": true, "aero": true,
	"coop": true, "cat": true, "xxx": true, "app": true, "dev": true, "page": true,
	"xyz": true, "online": true, "site": true, "website": true, "web": true, "shop": true,
	"store": true, "club": true, "top": true, "live": true, "news": true, "blog": true,
	"tech": true, "space": true, "fun": true, "link": true, "click": true, "vip": true,
	"win": true, "bet": true, "casino": true, "poker": true, "loan": true, "loans": true,
	"money": true, "cash": true, "finance": true, "market": true, "today": true,
	"world": true, "life": true, "email": true, "agency": true, "digital": true,
	"media": true, "network": true, "cloud": true, "host": true, "icu": true,
	"cyou": true, "buzz": true, "monster": true, "rest": true, "sbs": true, "cfd": true,
	"lol": true, "porn": true, "sex": true, "adult": true, "dating": true, "review": true,
	"download": true, "stream": true, "work": true, "party": true, "racing": true,
	"date": true, "faith": true, "science": true, "trade": true, "webcam": true,
	"men": true, "guru": true, "company": true, "solutions": true, "services": true,
	"support": true, "social": true, "studio": true, "design": true, "art": true,
	"music": true, "video": true, "tube": true, "games": true, "game": true, "bid": true,
	"city": true, "land": true, "group": true, "global": true, "one": true, "plus": true,
	"chat": true, "ltd": true, "inc": true, "llc": true, "gmbh": true, "eu": true,
	"onion": true, "crypto": true, "bitcoin": true, "exchange": true, "investments": true,
	"trading": true, "capital": true, "fund": true, "credit": true, "insure": true,
	"health": true, "care": true, "clinic": true, "pharmacy": true, "rocks": true,
	"ninja": true, "wiki": true, "tips": true, "best": true, "deals": true, "sale": true,
	"promo": true, "free": true, "gratis": true, "lat": true, "quest": true, "beauty": true,
	"hair": true, "skin": true, "makeup": true, "mom": true, "baby": true, "kim": true,
	"uno": true, "ooo": true, "zone": true, "center": true, "systems": true, "press": true,
	"ink": true, "wtf": true, "fyi": true, "gay": true, "moe": true, "bio": true,
	"eco": true, "green": true, "energy": true, "solar": true, "house": true,
	"property": true, "realty": true, "homes": true, "london": true, "berlin": true,
	"paris": true, "nyc": true, "tokyo": true, "amsterdam": true, "wien": true,
	"swiss": true, "scot": true, "wales": true, "bzh": true, "eus": true, "gal": true,
	"quebec": true, "google": true, "amazon": true, "apple": true, "microsoft": true,
	"youtube": true,
}

// countryTLDs are the two-letter country-code top-level domains (ISO 3166-1
// alpha-2 plus the delegated exceptions ac, eu, su and uk).
const countryTLDs = "" +
	"ac ad ae af ag ai al am ao aq ar as at au aw ax az " +
	"ba bb bd be bf bg bh bi bj bm bn bo bq br bs bt bw by bz " +
	"ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz " +
	"de dj dk dm do dz ec ee eg er es et eu fi fj fk fm fo fr " +
	"ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy " +
	"hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp " +
	"ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly " +
	"ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz " +
	"na nc ne nf ng ni nl no np nr nu nz om " +
	"pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw " +
	"sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz " +
	"tc td tf tg th tj tk tl tm tn to tr tt tv tw tz " +
	"ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw"

// wordTLDs are country codes that are also common English words. A bare
// "it.so" is far more often two words with a missing space than a link, so
// these need a scheme, "www.", a path or a known host to count.
var wordTLDs = map[string]bool{
	"am": true, "as": true, "at": true, "be": true, "by": true, "do": true,
	"in": true, "is": true, "it": true, "me": true, "my": true, "no": true,
	"so": true, "to": true, "us": true, "an": true, "or": true, "on": true,
	"of": true, "up": true, "we": true, "he": true, "hi": true, "go": true,
}

// shorteners are link shorteners and messenger invitation hosts: links
// through them hide where they lead, so they are named as such.
var shorteners = map[string]string{
	"bit.ly": "shortened", "bitly.com": "shortened", "tinyurl.com": "shortened",
	"t.co": "shortened", "goo.gl": "shortened", "ow.ly": "shortened",
	"is.gd": "shortened", "buff.ly": "shortened", "cutt.ly": "shortened",
	"rb.gy": "shortened", "shorturl.at": "shortened", "tiny.cc": "shortened",
	"rebrand.ly": "shortened", "bl.ink": "shortened", "lnkd.in": "shortened",
	"s.id": "shortened", "v.gd": "shortened", "t.ly": "shortened",
	"shorte.st": "shortened", "adf.ly": "shortened", "linktr.ee": "shortened",
	"youtu.be": "shortened", "amzn.to": "shortened", "fb.me": "shortened",
	"t.me": "messenger", "telegram.me": "messenger", "wa.me": "messenger",
	"chat.whatsapp.com": "messenger", "discord.gg": "messenger",
	"m.me": "messenger", "signal.me": "messenger",
}
