// Tribune captcha: finds the proof of work of each captcha widget on the
// page, so readers need not type the characters of the image (and readers
// who cannot see it pass without help). The form works without this file:
// without it, or without crypto.subtle, the image path stays.
//
// Widget: an element with data-captcha, data-seed and data-difficulty that
// holds <input name="pow_nonce"> and a [data-captcha-status] (aria-live).
// The work: find a decimal nonce such that SHA-256(seed + ":" + nonce)
// starts with `difficulty` zero bits. It runs on the main thread in batches
// of asynchronous digests, so the page stays responsive, and needs no
// worker (a blob: worker would break the CSP script-src 'self').
(function () {
  "use strict";

  var BATCH = 256;
  var subtle = window.crypto && window.crypto.subtle;

  function zeroBits(buf) {
    var b = new Uint8Array(buf);
    for (var i = 0; i < b.length; i++) {
      if (b[i] !== 0) return i * 8 + Math.clz32(b[i]) - 24;
    }
    return b.length * 8;
  }

  // solve calls done(nonce) with the first nonce that meets the target, or
  // fail() when digests break or far more work than expected was done.
  function solve(seed, difficulty, done, fail) {
    var enc = new TextEncoder();
    var prefix = seed + ":";
    var limit = Math.pow(2, difficulty + 6);
    var next = 0;
    function batch() {
      var start = next;
      var work = [];
      try {
        for (var i = 0; i < BATCH; i++) {
          work.push(subtle.digest("SHA-256", enc.encode(prefix + (start + i))));
        }
      } catch (e) {
        return fail();
      }
      next += BATCH;
      Promise.all(work).then(function (sums) {
        for (var j = 0; j < sums.length; j++) {
          if (zeroBits(sums[j]) >= difficulty) return done(String(start + j));
        }
        if (next >= limit) return fail();
        // Digests resolve in tasks of their own, so input and painting run
        // between batches; a setTimeout here would only add its 4 ms clamp.
        batch();
      }, fail);
    }
    batch();
  }

  function setup(widget) {
    var input = widget.querySelector('input[name="pow_nonce"]');
    var status = widget.querySelector("[data-captcha-status]");
    var seed = widget.getAttribute("data-seed");
    var difficulty = parseInt(widget.getAttribute("data-difficulty"), 10);
    if (!input || !seed || !(difficulty > 0 && difficulty <= 32)) return;
    var say = function (text) { if (status) status.textContent = text; };
    say("Checking automatically…");
    widget.setAttribute("data-captcha-state", "working");
    var began = Date.now();
    solve(seed, difficulty, function (nonce) {
      input.value = nonce;
      // How long it took, for tests and for tuning the difficulty.
      widget.setAttribute("data-captcha-ms", String(Date.now() - began));
      widget.setAttribute("data-captcha-state", "verified");
      say("Verified automatically — no need to type the characters");
    }, function () {
      widget.setAttribute("data-captcha-state", "failed");
      say("The automatic check could not finish: please type the characters in the image");
    });
  }

  function start() {
    if (!subtle || !window.TextEncoder || !window.Promise) return;
    var widgets = document.querySelectorAll("[data-captcha]");
    for (var i = 0; i < widgets.length; i++) setup(widgets[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
