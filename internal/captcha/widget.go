package captcha

// WidgetTemplate is the html/template definition "captcha" a form includes
// with {{template "captcha" .Captcha}}, where .Captcha is a Challenge. The
// site parses it next to its own templates and loads Script() on the page.
//
// Without JavaScript the reader types the characters; with it, pow.js fills
// pow_nonce and says so in the live status line, so a screen reader user
// hears that nothing needs typing. The answer field is not required: the
// server decides, and either path passes.
const WidgetTemplate = `{{define "captcha"}}<fieldset class="captcha" data-captcha data-seed="{{.Seed}}" data-difficulty="{{.Difficulty}}">
<legend>Security check</legend>
<img class="captcha-image" src="{{.ImageURL}}" width="200" height="70" alt="Security check image: type the characters shown. Readers using a screen reader: this check completes on its own when JavaScript is on.">
<label for="captcha_answer">Type the characters in the image</label>
<input type="text" id="captcha_answer" name="captcha_answer" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="32" aria-describedby="captcha_help">
<p id="captcha_help" class="hint">Capital letters and digits; case and spaces do not matter.</p>
<p class="captcha-status" data-captcha-status role="status" aria-live="polite"></p>
<input type="hidden" name="captcha_token" value="{{.Token}}">
<input type="hidden" name="pow_nonce" value="">
</fieldset>{{end}}`
