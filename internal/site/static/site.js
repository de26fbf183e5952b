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

// Live comments: count comments published while the page is open in a
// "Show new comments (N)" button; clicking it shows them in place.
(function () {
  "use strict";
  var section = document.querySelector("section.comments[data-slug]");
  if (!section || !window.EventSource || !window.fetch) return;
  var slug = section.getAttribute("data-slug");
  var viewer = section.getAttribute("data-viewer") || "";
  var shown = parseInt(section.getAttribute("data-last-seq") || "0", 10);
  var button = section.querySelector(".show-new");
  var countEl = section.querySelector(".show-new-count");
  var list = section.querySelector(".comment-list");
  var pending = {};
  var pendingCount = 0;
  var toMe = false;

  function update() {
    countEl.textContent = String(pendingCount);
    button.hidden = pendingCount === 0;
    button.classList.toggle("has-reply", toMe);
    button.setAttribute("aria-label", "Show new comments (" + pendingCount + ")" + (toMe ? ", including a reply to you" : ""));
  }

  function connect() {
    var es = new EventSource("/api/v1/articles/" + encodeURIComponent(slug) + "/comments/stream?last_event_id=" + shown);
    es.addEventListener("comment", function (e) {
      var c;
      try { c = JSON.parse(e.data); } catch (err) { return; }
      if (pending[c.id] || document.getElementById("c-" + c.id)) return;
      pending[c.id] = true;
      pendingCount++;
      if (viewer && c.reply_to && c.reply_to.id === viewer && c.author.id !== viewer) toMe = true;
      update();
    });
    // EventSource reconnects by itself, sending Last-Event-ID.
  }

  button.addEventListener("click", function () {
    fetch("/news/" + encodeURIComponent(slug) + "/comments/new?after=" + shown, { credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        var last = parseInt(r.headers.get("X-Last-Seq") || "0", 10);
        return r.text().then(function (html) { return { html: html, last: last }; });
      })
      .then(function (res) {
        var tmp = document.createElement("ol");
        tmp.innerHTML = res.html;
        var empty = section.querySelector(".no-comments");
        if (empty) empty.remove();
        var first = null;
        Array.prototype.slice.call(tmp.children).forEach(function (li) {
          if (document.getElementById(li.id)) return;
          li.classList.add("new");
          list.appendChild(li);
          if (!first) first = li;
        });
        if (res.last > shown) shown = res.last;
        pending = {};
        pendingCount = 0;
        toMe = false;
        update();
        if (first) {
          first.setAttribute("tabindex", "-1");
          first.focus();
        }
      })
      .catch(function () {
        countEl.textContent = countEl.textContent + " (could not load; try again)";
      });
  });

  connect();
})();
