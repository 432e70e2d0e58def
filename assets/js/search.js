/*
  search.js: the search page (layouts/search/page.html), loaded with defer on that page only.
  It imports Pagefind's pagefind.js from this site (data-pagefind; `make build` writes it
  with `npx pagefind --site public`) and searches as the reader types. The query comes from
  the address (?q=, which the header's search box submits) and the address follows the
  query (history.replaceState), so a result list can be linked to, reloaded, and found
  again with the Back button. The history entry's state also keeps how many results were
  shown and, once a result is followed, the scroll position, so Back returns to the same
  place in the same list even when the browser has not kept the page in memory.

  Results are one <li> per page (Pagefind gives one per indexed file; a page's address
  seen twice is shown once): the page's title as a link, its kind (data-pagefind-meta
  "kind": Glossary term, Comparison, Article; an article and a comparison can share a
  title, and then each link's accessible name carries the kind too) and its summary
  (data-pagefind-meta "summary", on term and comparison pages) or else Pagefind's excerpt,
  whose <mark> highlights are kept, everything else taken as text, and citation markers
  such as "[1][2]" taken out. The first PAGE results are shown, then "Show more results"
  adds PAGE more at a time, until all are shown.

  #search-status, a polite live region, says "Searching…" while Pagefind loads or
  searches for longer than SLOW ms (the result list is aria-busy meanwhile), then how many
  results there are, or that there are none, with a hint, or that the index could not be
  loaded (`make serve` does not build it); the last two point to the glossary, A to Z
  (data-glossary). #search[data-state] is
  "loading", then "ready" (Pagefind loaded), "busy", "done" (data-query is the query
  shown) or "error"; the browser tests wait on it.

  The form is in the page from the first paint, so nothing moves when this runs; without
  JavaScript assets/css/nojs.css hides it and the page's <noscript> says why. Pagefind
  compiles WebAssembly, which needs 'wasm-unsafe-eval' in the Content-Security-Policy's
  script-src (layouts/home.headers).
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
  var more = doc.getElementById("search-more");
  var base = box.getAttribute("data-base") || "/";
  var PAGE = 20; // results shown at first, and added by each "Show more results"
  var SLOW = 200; // ms a search may take before "Searching…" shows (no flicker when fast)
  var CITE = /\[\d+\]/g; // a citation marker (kb/sources/cite.html), in excerpts as text

  var loading = null;
  var ready = false; // Pagefind is loaded
  var latest = 0; // the id of the newest search; older ones drop their results
  var timer = 0;
  var slow = 0;
  var cur = null; // the results shown: { id, q, results, next, urls, shown }
  // The state saved in this history entry: { q, n (results shown), y (scroll position) }.
  var saved = history.state && typeof history.state === "object" ? history.state : {};

  if ("scrollRestoration" in history) history.scrollRestoration = "manual";

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
          ready = true;
          return pf;
        });
      });
    }
    return loading;
  }

  function state(s) {
    box.setAttribute("data-state", s);
  }

  function say() {
    status.replaceChildren.apply(status, arguments);
  }

  // A link to the glossary, A to Z, for when search finds nothing or cannot run.
  function glossary() {
    var a = doc.createElement("a");
    a.href = box.getAttribute("data-glossary");
    a.textContent = "glossary, A to Z";
    return a;
  }

  function busy(on) {
    clearTimeout(slow);
    if (on) list.setAttribute("aria-busy", "true");
    else list.removeAttribute("aria-busy");
  }

  // Keeps the query, the number of results shown and the scroll position in this history
  // entry, without adding one.
  function remember(q, n, y) {
    var url = new URL(window.location.href);
    if (q) url.searchParams.set("q", q);
    else url.searchParams.delete("q");
    history.replaceState({ q: q, n: n, y: y }, "", url.pathname + url.search + url.hash);
  }

  // Pagefind's excerpt is escaped text with <mark> around the matches: keep exactly that,
  // less the citation markers, which may sit inside a <mark> or across its edge.
  function excerpt(html) {
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body;
    var parts = [];
    parsed.childNodes.forEach(function (p) {
      p.childNodes.forEach(function (n) {
        parts.push({ mark: n.nodeName === "MARK", text: n.textContent });
      });
    });
    // Mark each character of a citation marker in the whole text, then keep the others.
    var all = parts.map(function (p) { return p.text; }).join("");
    var cut = new Uint8Array(all.length);
    all.replace(CITE, function (m, at) {
      cut.fill(1, at, at + m.length);
      return m;
    });
    var frag = doc.createDocumentFragment();
    var at = 0;
    parts.forEach(function (p) {
      var kept = "";
      for (var i = 0; i < p.text.length; i++, at++) if (!cut[at]) kept += p.text[i];
      if (!kept) return;
      if (p.mark) {
        var m = doc.createElement("mark");
        m.textContent = kept;
        frag.appendChild(m);
      } else {
        frag.appendChild(doc.createTextNode(kept));
      }
    });
    return frag;
  }

  function item(data) {
    var meta = data.meta || {};
    var li = doc.createElement("li");
    li.className = "search-result";
    var a = doc.createElement("a");
    a.href = data.url;
    a.textContent = meta.title || data.url;
    var title = doc.createElement("p");
    title.className = "search-result-title";
    title.appendChild(a);
    if (meta.kind) {
      var kind = doc.createElement("span");
      kind.className = "search-result-kind";
      kind.textContent = meta.kind;
      title.appendChild(doc.createTextNode(" "));
      title.appendChild(kind);
    }
    li.appendChild(title);
    var p = doc.createElement("p");
    p.className = "search-result-text";
    if (meta.summary) p.textContent = meta.summary.replace(CITE, "");
    else {
      // The excerpt is a window into the page's text: mark the cuts.
      p.appendChild(doc.createTextNode("\u2026 "));
      p.appendChild(excerpt(data.excerpt || ""));
      p.appendChild(doc.createTextNode(" \u2026"));
    }
    li.appendChild(p);
    return li;
  }

  // Two results of one title (an article and the comparison it explains): each link's
  // accessible name gets the kind, which the list then does not read twice.
  function distinguish() {
    var byTitle = new Map();
    list.querySelectorAll(".search-result").forEach(function (li) {
      var a = li.querySelector("a");
      var t = a.textContent;
      byTitle.set(t, (byTitle.get(t) || []).concat(li));
    });
    byTitle.forEach(function (lis, t) {
      if (lis.length < 2) return;
      lis.forEach(function (li) {
        var kind = li.querySelector(".search-result-kind");
        if (!kind) return;
        li.querySelector("a").setAttribute("aria-label", t + " (" + kind.textContent + ")");
        kind.setAttribute("aria-hidden", "true");
      });
    });
  }

  function normal(s) {
    return s.toLowerCase().replace(/\s+/g, " ").trim();
  }

  // One key per page, however Pagefind spells its address.
  function key(url) {
    return url.replace(/#.*$/, "").replace(/index\.html$/, "");
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

  // Loads results until want are shown or none are left, and resolves to their <li>s
  // (none when a newer search has begun): the caller puts them in the list.
  function fill(c, want) {
    var batch = c.results.slice(c.next, c.next + want - c.shown);
    c.next += batch.length;
    return Promise.all(batch.map(function (r) {
      return r.data();
    })).then(function (pages) {
      if (c.id !== latest) return [];
      pages = pages.filter(function (d) {
        var k = key(d.url);
        if (c.urls.has(k)) return false;
        c.urls.add(k);
        return true;
      });
      if (!c.shown) {
        var nq = normal(c.q);
        pages = pages.filter(function (d) { return exact(nq, d); })
          .concat(pages.filter(function (d) { return !exact(nq, d); }));
      }
      var items = pages.map(item);
      c.shown += items.length;
      if (c.shown < want && c.next < c.results.length) {
        return fill(c, want).then(function (later) {
          return items.concat(later);
        });
      }
      return items;
    });
  }

  // The count: results Pagefind found, less the repeats seen so far.
  function total(c) {
    return c.results.length - (c.next - c.urls.size);
  }

  function report(c) {
    var n = total(c);
    var quoted = "\u201c" + c.q + "\u201d";
    if (n === 0) {
      say("No results for " + quoted + ". Check the spelling or try fewer words; every term is also in the ",
        glossary(), ".");
    } else {
      say(n + (n === 1 ? " result" : " results") + " for " + quoted +
        (c.shown < n ? "; showing the first " + c.shown + "." : "."));
    }
    more.hidden = c.shown >= n;
    distinguish();
    busy(false);
    state("done");
    box.setAttribute("data-query", c.q);
  }

  function started(id) {
    busy(true);
    state("busy");
    slow = setTimeout(function () {
      if (id === latest) say("Searching\u2026");
    }, SLOW);
  }

  // Searches for query and shows the first want results (PAGE unless restoring a list).
  function run(query, want, y) {
    var q = query.trim();
    var id = ++latest;
    remember(q, want, y);
    more.hidden = true;
    if (!q) {
      cur = null;
      busy(false);
      list.replaceChildren();
      say("");
      box.removeAttribute("data-query");
      state(ready ? "ready" : "loading");
      return;
    }
    started(id);
    load()
      .then(function (pf) {
        return pf.search(q);
      })
      .then(function (found) {
        if (id !== latest) return null;
        var c = { id: id, q: q, results: found.results, next: 0, urls: new Set(), shown: 0 };
        return fill(c, want).then(function (items) {
          if (id !== latest) return;
          // The old list stays until the new one is whole.
          cur = c;
          list.replaceChildren.apply(list, items);
          report(c);
          if (y) window.scrollTo(0, y);
        });
      })
      .catch(function () {
        if (id === latest) unavailable();
      });
  }

  // Pagefind or its index could not be loaded: say so, and point to the glossary.
  function unavailable() {
    busy(false);
    list.replaceChildren();
    more.hidden = true;
    say("Search is not available: its index could not be loaded. Every term is listed in the ",
      glossary(), ".");
    state("error");
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run(input.value, PAGE);
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      // A space typed after a word changes nothing: keep the list, and how much of it shows.
      if (cur && cur.id === latest && cur.q === input.value.trim()) return;
      run(input.value, PAGE);
    }, 150);
  });
  more.addEventListener("click", function () {
    var c = cur;
    if (!c || list.hasAttribute("aria-busy")) return; // one batch at a time
    started(c.id);
    fill(c, c.shown + PAGE).then(function (items) {
      if (c.id !== latest) return;
      items.forEach(function (li) { list.appendChild(li); });
      remember(c.q, c.shown);
      report(c);
      // Keyboard and screen reader users go on from the first result added.
      if (items.length) items[0].querySelector("a").focus();
    }).catch(function () {
      if (c.id === latest) unavailable();
    });
  });
  // Following a result: keep the scroll position for the Back button.
  list.addEventListener("click", function (e) {
    if (cur && e.target.closest && e.target.closest("a")) remember(cur.q, cur.shown, window.scrollY);
  });

  var initial = new URLSearchParams(window.location.search).get("q") || "";
  input.value = initial;
  state("loading");
  if (initial.trim()) {
    var restore = saved.q === initial.trim();
    run(initial, restore && saved.n > PAGE ? saved.n : PAGE, restore ? saved.y : undefined);
  }
  load().then(function () {
    if (box.getAttribute("data-state") === "loading") state("ready");
  }, function () {
    if (!latest) unavailable();
  });
})();
