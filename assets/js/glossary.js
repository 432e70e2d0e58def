/*
  glossary.js: the filter of the glossary index, /glossary/ (layouts/glossary/section.html;
  site/scripts.html loads it there only, deferred). No inline script or style: entries are
  hidden with the hidden attribute.

  - The filter box (form.gf): typing keeps the entries whose name or alias contains the
    text, ignoring case. A term's entry stays when its name or any of its aliases matches,
    an alias's entry ("VM, see Virtual machine") when the alias itself does. Letters left
    without an entry go, from the list and from the letter bar. The box's <output> (a status:
    screen readers announce it) says "12 of 57 terms", or that none match. The address
    follows the text (?q=, replacing the history entry: typing is not navigation), so a
    filtered list can be linked to.
  - The tag links (nav.tf) lead to each tag's page without JavaScript. Here a click filters
    the list in place instead, the link marked aria-current, and pushes ?tag=<slug> (the
    last segment of the tag page's address) to the history, so Back undoes it; clicking the
    marked tag again clears it. A click with a modifier key still opens the tag's page.
  - Aliases the page leaves out (plurals, respellings) and each term's tags come from the
    glossary's JSON index (index.json beside this page), fetched once, when the box or a
    tag is first used or the address already names a tag. Until it arrives, or if it
    cannot be fetched, the box matches names and the aliases listed on the page; a tag
    filter waits for it, and if it cannot be fetched, the tag's own page replaces this.
*/
(function () {
  "use strict";
  var doc = document;
  var form = doc.querySelector("form.gf");
  if (!form) return;
  var input = form.querySelector("input");
  var out = form.querySelector("output");

  // The last non-empty segment of a link's path: a term's id, or a tag's slug.
  function slug(a) {
    var parts = new URL(a.href).pathname.split("/").filter(Boolean);
    return parts[parts.length - 1] || "";
  }
  function norm(s) {
    return s.toLowerCase().replace(/\s+/g, " ").trim();
  }

  // The entries: a <dt> and its <dd>. A term's <dt> holds the link to its page; an
  // alias's <dd> holds the "see" link to its term.
  var terms = new Map(); // id -> {names: [lower-case name and aliases], tags: [names] or null}
  function term(id) {
    if (!terms.has(id)) terms.set(id, { names: [], tags: null });
    return terms.get(id);
  }
  var entries = [];
  var total = 0;
  var sections = doc.querySelectorAll("section.letter");
  for (var i = 0; i < sections.length; i++) {
    var dts = sections[i].querySelectorAll("dt");
    for (var j = 0; j < dts.length; j++) {
      var dt = dts[j];
      var dd = dt.nextElementSibling;
      var own = dt.querySelector("a");
      var link = own || (dd && dd.querySelector("a"));
      if (!link) continue;
      var id = slug(link);
      var name = norm(dt.textContent);
      term(id).names.push(name);
      if (own) total++;
      entries.push({ dt: dt, dd: dd, id: id, name: name, isTerm: !!own, section: sections[i] });
    }
  }
  var letters = new Map(); // section -> its letter bar <li>
  var bar = doc.querySelectorAll(".az a");
  for (var k = 0; k < bar.length; k++) {
    var target = doc.getElementById(bar[k].getAttribute("href").slice(1));
    if (target) letters.set(target.closest("section"), bar[k].parentElement);
  }

  // The tags: name (the link's text less its count) by slug.
  var facets = Array.prototype.filter.call(doc.querySelectorAll("nav.tf a"), function (a) {
    return /\(\d+\)$/.test(a.textContent);
  });
  var tagNames = new Map();
  facets.forEach(function (a) {
    tagNames.set(slug(a), norm(a.textContent.replace(/\(\d+\)$/, "")));
  });

  // The JSON index, once: every alias and each term's tags.
  var loading = null;
  var loaded = false;
  function load() {
    if (!loading) {
      loading = fetch(new URL("index.json", location.href))
        .then(function (r) {
          if (!r.ok) throw new Error("index.json: " + r.status);
          return r.json();
        })
        .then(function (data) {
          (data.terms || []).forEach(function (t) {
            if (!terms.has(t.id)) return;
            var e = terms.get(t.id);
            (t.aliases || []).forEach(function (a) {
              e.names.push(norm(a));
            });
            e.tags = (t.tags || []).map(norm);
          });
          loaded = true;
          apply();
        })
        .catch(function () {
          loading = null; // try again on the next use
          // A tag cannot filter here without the index: its own page lists its terms.
          var a = facets.filter(function (f) {
            return slug(f) === current.tag;
          })[0];
          if (a) location.replace(a.href);
        });
    }
    return loading;
  }

  var params = new URLSearchParams(location.search);
  function state() {
    params = new URLSearchParams(location.search);
    var tag = params.get("tag") || "";
    return { q: params.get("q") || "", tag: tagNames.has(tag) ? tag : "" };
  }
  var current = state();
  if (current.q) input.value = current.q;

  function apply() {
    var q = norm(input.value);
    var tag = current.tag ? tagNames.get(current.tag) : "";
    facets.forEach(function (a) {
      if (slug(a) === current.tag) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    });
    // A tag filter needs the index: until it is here, the text alone filters.
    if (tag && !loaded) {
      load();
      tag = "";
    }
    var shown = 0;
    var visible = new Set();
    entries.forEach(function (e) {
      var t = terms.get(e.id);
      var ok = !tag || (t.tags || []).indexOf(tag) >= 0;
      if (ok && q) {
        ok = e.isTerm
          ? t.names.some(function (n) {
              return n.indexOf(q) >= 0;
            })
          : e.name.indexOf(q) >= 0;
      }
      e.dt.hidden = !ok;
      if (e.dd) e.dd.hidden = !ok;
      if (ok) {
        visible.add(e.section);
        if (e.isTerm) shown++;
      }
    });
    for (var s = 0; s < sections.length; s++) {
      var on = visible.has(sections[s]);
      sections[s].hidden = !on;
      var li = letters.get(sections[s]);
      if (li) li.hidden = !on;
    }
    var msg = "";
    if (q || tag) {
      var tagged = tag ? " tagged " + tag : "";
      msg = shown
        ? shown + " of " + total + " terms" + tagged
        : "No terms" + tagged + " match \u201c" + input.value.trim() + "\u201d";
    }
    if (out.textContent !== msg) out.textContent = msg;
  }

  // The address for a tag and a text, keeping any other parameter. No hash: a letter
  // jumped to before says nothing about the filtered list.
  function address(tag, q) {
    var p = new URLSearchParams(location.search);
    if (tag) p.set("tag", tag);
    else p.delete("tag");
    if (q) p.set("q", q);
    else p.delete("q");
    var qs = p.toString();
    return location.pathname + (qs ? "?" + qs : "");
  }

  input.addEventListener("input", function () {
    load();
    history.replaceState(history.state, "", address(current.tag, input.value.trim()));
    apply();
  });
  input.addEventListener("focus", load);
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
  });
  facets.forEach(function (a) {
    a.addEventListener("click", function (ev) {
      if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
      ev.preventDefault();
      var tag = slug(a) === current.tag ? "" : slug(a);
      history.pushState(null, "", address(tag, input.value.trim()));
      current = state();
      apply();
    });
  });
  window.addEventListener("popstate", function () {
    current = state();
    input.value = current.q;
    apply();
  });

  if (current.q || current.tag) apply();
})();
