/*
  search.js: the search page (layouts/search/page.html), loaded with defer on that page only.
  It imports Pagefind's pagefind.js from this site (data-pagefind; `make build` writes it
  with `npx pagefind --site public`) and searches as the reader types. The query comes from
  the address (?q=, which the header's search box submits) and the address follows the
  query (history.replaceState), so a result list can be linked to.

  Each result is an <li>: the page's title as a link, its kind (data-pagefind-meta "kind":
  Glossary term, Comparison, Article) and its summary (data-pagefind-meta "summary", on term
  and comparison pages) or else Pagefind's excerpt, whose <mark> highlights are kept and
  everything else is taken as text. #search-status, a polite live region, says how many
  results there are.

  Without JavaScript the form stays hidden and #search-message says search needs it; when
  Pagefind cannot be loaded (`make serve` does not build the index) the message says so.
  Pagefind compiles WebAssembly, which needs 'wasm-unsafe-eval' in the
  Content-Security-Policy's script-src (layouts/home.headers).
*/
(function () {
  "use strict";
  var doc = document;
  var box = doc.getElementById("search");
  if (!box) return;
  var form = box.querySelector("form");
  var input = doc.getElementById("search-q");
  var status = doc.getElementById("search-status");
  var list = doc.getElementById("search-results");
  var message = doc.getElementById("search-message");
  var base = box.getAttribute("data-base") || "/";
  var MAX = 20;

  var pagefind = null;
  var loading = null;
  var latest = 0;
  var timer = 0;

  function load() {
    if (!loading) {
      loading = import(box.getAttribute("data-pagefind")).then(function (pf) {
        return pf.options({
          baseUrl: base,
          excerptLength: 24,
          // Matches in a page's title and a term's aliases (data-pagefind-meta) count more,
          // and whole words more than longer words that start with the query.
          ranking: { metaWeights: { title: 10, aliases: 10 }, termSimilarity: 5 },
        }).then(function () {
          pagefind = pf;
          return pf;
        });
      });
    }
    return loading;
  }

  function say(text) {
    status.textContent = text;
  }

  // Pagefind's excerpt is escaped text with <mark> around the matches: keep exactly that.
  function excerpt(html) {
    var frag = doc.createDocumentFragment();
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body;
    parsed.querySelectorAll("p").forEach(function (p) {
      p.childNodes.forEach(function (n) {
        if (n.nodeName === "MARK") {
          var m = doc.createElement("mark");
          m.textContent = n.textContent;
          frag.appendChild(m);
        } else {
          frag.appendChild(doc.createTextNode(n.textContent));
        }
      });
    });
    return frag;
  }

  function item(data) {
    var li = doc.createElement("li");
    li.className = "search-result";
    var a = doc.createElement("a");
    a.href = data.url;
    a.textContent = (data.meta && data.meta.title) || data.url;
    var title = doc.createElement("p");
    title.className = "search-result-title";
    title.appendChild(a);
    if (data.meta && data.meta.kind) {
      var kind = doc.createElement("span");
      kind.className = "search-result-kind";
      kind.textContent = data.meta.kind;
      title.appendChild(doc.createTextNode(" "));
      title.appendChild(kind);
    }
    li.appendChild(title);
    var p = doc.createElement("p");
    p.className = "search-result-text";
    if (data.meta && data.meta.summary) p.textContent = data.meta.summary;
    else {
      // The excerpt is a window into the page's text: mark the cuts.
      p.appendChild(doc.createTextNode("\u2026 "));
      p.appendChild(excerpt(data.excerpt || ""));
      p.appendChild(doc.createTextNode(" \u2026"));
    }
    li.appendChild(p);
    return li;
  }

  function normal(s) {
    return s.toLowerCase().replace(/\s+/g, " ").trim();
  }

  // A glossary term whose name or alias is exactly the query comes first, whatever
  // Pagefind's scores say (its scores weigh the name and aliases most, but a long page
  // full of a longer word that starts with the query can still outscore a short term).
  function exact(q, data) {
    var m = data.meta || {};
    if (!m.aliases && m.kind !== "Glossary term") return false;
    if (normal(m.title || "") === q) return true;
    return (m.aliases || "").split(",").some(function (a) {
      return normal(a) === q;
    });
  }

  function run(query) {
    var q = query.trim();
    var id = ++latest;
    var url = new URL(window.location.href);
    if (q) url.searchParams.set("q", q);
    else url.searchParams.delete("q");
    history.replaceState(null, "", url.pathname + url.search + url.hash);
    if (!q) {
      list.replaceChildren();
      say("");
      return;
    }
    load()
      .then(function (pf) {
        return pf.search(q);
      })
      .then(function (found) {
        if (id !== latest) return null;
        return Promise.all(found.results.slice(0, MAX).map(function (r) {
          return r.data();
        })).then(function (pages) {
          if (id !== latest) return;
          var nq = normal(q);
          pages = pages.filter(function (d) { return exact(nq, d); })
            .concat(pages.filter(function (d) { return !exact(nq, d); }));
          list.replaceChildren.apply(list, pages.map(item));
          var n = found.results.length;
          var shown = n > MAX ? " (the first " + MAX + " shown)" : "";
          say(n === 0 ? "No results for \u201c" + q + "\u201d." :
            n + (n === 1 ? " result" : " results") + " for \u201c" + q + "\u201d" + shown + ".");
          box.setAttribute("data-state", "done");
          box.setAttribute("data-query", q);
        });
      })
      .catch(function () {
        if (id === latest) unavailable();
      });
  }

  // Pagefind or its index could not be loaded: say so, and point to the glossary again.
  function unavailable() {
    list.replaceChildren();
    say("");
    message.querySelector(".search-message-text").textContent =
      "Search is not available: its index could not be loaded.";
    message.hidden = false;
    box.setAttribute("data-state", "error");
  }

  message.hidden = true;
  form.hidden = false;
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run(input.value);
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      run(input.value);
    }, 150);
  });

  var initial = new URLSearchParams(window.location.search).get("q") || "";
  input.value = initial;
  if (initial) run(initial);
  else load().catch(unavailable);
})();
