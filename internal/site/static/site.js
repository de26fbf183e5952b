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

// The moderators' workspace: decisions without a page load, keyboard
// shortcuts, and live queue counts. The forms work without it.
(function () {
  "use strict";
  var page = document.querySelector(".mod-queue");
  var nav = document.querySelector(".mod-nav");
  if (!nav) return;

  function items() { return Array.prototype.slice.call(document.querySelectorAll(".mod-item")); }
  var current = null;
  function focusItem(li) {
    if (!li) return;
    if (current) current.classList.remove("current");
    current = li;
    li.classList.add("current");
    li.focus();
    li.scrollIntoView({ block: "nearest" });
  }
  function move(step) {
    var list = items();
    if (!list.length) return;
    var i = current ? list.indexOf(current) : -1;
    focusItem(list[Math.min(Math.max(i + step, 0), list.length - 1)]);
  }

  function setCount(name, n) {
    var el = nav.querySelector('[data-count="' + name + '"]');
    if (el) el.textContent = n;
  }

  // Decide one item in place; on success it leaves the list and the next
  // one gets the focus.
  function decide(form, action) {
    var li = form.closest(".mod-item");
    var data = new FormData(form);
    data.set("action", action);
    var result = li.querySelector(".mod-result");
    li.classList.add("busy");
    fetch(form.getAttribute("action"), { method: "POST", body: data, credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, body: j }; }); })
      .then(function (res) {
        li.classList.remove("busy");
        if (!res.ok) {
          result.textContent = res.body.error || "That did not work; try again.";
          li.classList.add("failed");
          if (res.body.error && /decided/.test(res.body.error)) li.classList.add("gone");
          return;
        }
        var next = li.nextElementSibling || li.previousElementSibling;
        li.remove();
        if (current === li) current = null;
        focusItem(next && next.classList.contains("mod-item") ? next : null);
        var queue = page && page.getAttribute("data-queue");
        var el = queue && nav.querySelector('[data-count="' + queue + '"]');
        if (el) el.textContent = Math.max(0, parseInt(el.textContent, 10) - 1);
        if (!items().length && page) {
          var empty = document.createElement("p");
          empty.className = "callout mod-empty";
          empty.textContent = "Queue cleared on this page. Loading more…";
          page.appendChild(empty);
          page.querySelector(".mod-items").remove();
          showNew();
        }
      })
      .catch(function () {
        li.classList.remove("busy");
        result.textContent = "Network error; the decision was not sent. Try again.";
      });
  }

  if (page) {
    page.addEventListener("submit", function (e) {
      var form = e.target;
      if (!form.closest(".mod-item")) return;
      var action = e.submitter ? e.submitter.value : (form.classList.contains("mod-reject") ? "reject" : "approve");
      if (action === "reject" && !form.querySelector("select[name=rule]").value) return; // the browser says why
      e.preventDefault();
      decide(form, action);
    });
    var all = page.querySelector(".mod-select-all");
    if (all) all.addEventListener("change", function () {
      page.querySelectorAll('.mod-select input[type=checkbox]').forEach(function (c) { c.checked = all.checked; });
    });
    page.addEventListener("focusin", function (e) {
      var li = e.target.closest && e.target.closest(".mod-item");
      if (li && li !== current) { if (current) current.classList.remove("current"); current = li; li.classList.add("current"); }
    });
    document.addEventListener("keydown", function (e) {
      var tag = (e.target.tagName || "").toLowerCase();
      if (e.ctrlKey || e.metaKey || e.altKey || tag === "input" || tag === "textarea" || tag === "select") return;
      if (e.key === "j") { move(1); e.preventDefault(); }
      else if (e.key === "k") { move(-1); e.preventDefault(); }
      else if (!current) { return; }
      else if (e.key === "a") { decide(current.querySelector(".mod-approve"), "approve"); e.preventDefault(); }
      else if (e.key === "r") {
        var sel = current.querySelector(".mod-reject select");
        if (sel.value) decide(current.querySelector(".mod-reject"), "reject"); else sel.focus();
        e.preventDefault();
      }
      else if (e.key === "x") { var c = current.querySelector(".mod-select input[type=checkbox]"); c.checked = !c.checked; e.preventDefault(); }
      else if (e.key === "e") { window.location = current.querySelector(".mod-edit").href; }
    });
    focusItem(items()[0]);
  }

  // Live: poll the counts (and this queue's items) every few seconds; new
  // items are announced, shown on request.
  var known = {};
  items().forEach(function (li) { known[li.getAttribute("data-id")] = true; });
  var live = document.querySelector(".mod-live");
  function poll() {
    var q = page ? "?queue=" + encodeURIComponent(page.getAttribute("data-queue")) + "&" + window.location.search.replace(/^\?/, "") : "";
    fetch("/moderation/counts" + q, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (j) {
        if (!j) return;
        Object.keys(j.counts).forEach(function (k) { setCount(k, j.counts[k]); });
        if (!j.ids || !live) return;
        var fresh = j.ids.filter(function (id) { return !known[id]; });
        if (fresh.length) {
          live.hidden = false;
          live.querySelector(".mod-new-count").textContent = fresh.length;
        }
      })
      .catch(function () {});
  }
  // Show the new items in place: fetch this queue page again and add the
  // items not on screen (the whole list if it was empty).
  function showNew() {
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.querySelector(".mod-queue");
        var list = page.querySelector(".mod-items");
        if (!fresh) return;
        if (!list) {
          page.innerHTML = fresh.innerHTML;
          live = page.querySelector(".mod-live");
          if (live) live.querySelector(".mod-show-new").addEventListener("click", showNew);
          var all = page.querySelector(".mod-select-all");
          if (all) all.addEventListener("change", function () {
            page.querySelectorAll(".mod-select input[type=checkbox]").forEach(function (c) { c.checked = all.checked; });
          });
        } else {
          fresh.querySelectorAll(".mod-item").forEach(function (li) {
            if (!document.getElementById(li.id)) list.appendChild(document.importNode(li, true));
          });
        }
        items().forEach(function (li) { known[li.getAttribute("data-id")] = true; });
        if (live) live.hidden = true;
        if (!current) focusItem(items()[0]);
      });
  }
  if (live) live.querySelector(".mod-show-new").addEventListener("click", showNew);
  setInterval(poll, 3000);
})();
