// Events linked with `{ .ddb-lazy }` are fetched from this site and shown under their link the
// first time the link becomes visible (its tab is opened), so a page can offer many events
// without carrying them all. Without JavaScript the link to the raw file remains.
(function () {
  "use strict";

  // JSON tokens, coloured with the classes Pygments gives them, so the theme styles them alike.
  var TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b|([{}\[\],:])/g;

  function escape(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function span(kind, text) {
    return '<span class="' + kind + '">' + escape(text) + "</span>";
  }

  function highlight(json) {
    var out = "";
    var last = 0;
    json.replace(TOKEN, function (match, string, colon, number, keyword, punctuation, offset) {
      out += escape(json.slice(last, offset));
      if (string !== undefined) {
        out += span(colon ? "nt" : "s2", string);
        if (colon) out += escape(colon.slice(0, -1)) + span("p", ":");
      } else if (number !== undefined) {
        out += span(/[.eE]/.test(number) ? "mf" : "mi", number);
      } else if (keyword !== undefined) {
        out += span("kc", keyword);
      } else {
        out += span("p", punctuation);
      }
      last = offset + match.length;
      return match;
    });
    return out + escape(json.slice(last));
  }

  function show(link) {
    var holder = document.createElement("div");
    holder.className = "language-json highlight ddb-lazy-event";
    holder.innerHTML = "<pre><code>Loading…</code></pre>";
    var code = holder.querySelector("code");
    var anchor = link.closest("p") || link;
    anchor.insertAdjacentElement("afterend", holder);
    fetch(link.href)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.text();
      })
      .then(function (text) {
        code.innerHTML = highlight(text.replace(/\s+$/, ""));
      })
      .catch(function (error) {
        code.textContent = "Could not load " + link.getAttribute("href") + ": " + error.message;
      });
  }

  function start() {
    var links = document.querySelectorAll("a.ddb-lazy");
    if (!links.length) return;
    if (!("IntersectionObserver" in window)) {
      links.forEach(show);
      return;
    }
    // Hidden tabs have no layout, so a link intersects only once its tab is shown.
    var observer = new IntersectionObserver(
      function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          observer.unobserve(entry.target);
          show(entry.target);
        });
      },
      { rootMargin: "200px 0px" }
    );
    links.forEach(function (link) {
      observer.observe(link);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
