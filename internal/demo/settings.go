package demo

// TelegramURL is the demo newsroom's (fictional) Telegram channel, shown in
// the "follow us" prompt of a demo site until the operator sets their own
// with --telegram-url (or turns the prompt off with --telegram-url off).
const TelegramURL = "https://t.me/tribune_demo_newsroom"
