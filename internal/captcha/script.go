package captcha

import _ "embed"

//go:embed pow.js
var powJS string

// Script returns pow.js, the browser side of the proof of work. The site
// serves it as a same-origin static file (its CSP allows no inline script)
// and loads it with <script defer> on pages that show the widget. Each call
// returns a fresh copy.
func Script() []byte { return []byte(powJS) }
