// Tribune: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // "Get short URL": reveal the button, copy the short link on click, say so.
  function setupShortURL(box) {
    var link = box.querySelector(".shorturl-link");
    var button = box.querySelector(".shorturl-copy");
    var status = box.querySelector(".shorturl-status");
    if (!link || !button || !status) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = link.getAttribute("href");
      selectText(link);
      copy(url).then(function () {
        status.textContent = "Copied: " + url;
      }, function () {
        status.textContent = "Press Ctrl+C (⌘C) to copy the selected link";
      });
    });
  }

  function selectText(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return legacyCopy(); });
    }
    return legacyCopy();
  }

  function legacyCopy() {
    return new Promise(function (resolve, reject) {
      try {
        if (document.execCommand("copy")) { resolve(); return; }
      } catch (e) { /* fall through */ }
      reject(new Error("copy refused"));
    });
  }

  document.querySelectorAll("[data-shorturl]").forEach(setupShortURL);
})();
