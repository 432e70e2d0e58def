/*
  kb.js: term previews, on every page (site/scripts.html loads it with defer). No inline
  script or style attribute is written, so the site's Content-Security-Policy (script-src
  'self'; style-src 'self') holds: positions are set through the CSSOM (element.style),
  which that policy allows.

  It does not touch the header's search box (site/header.html): that is in the first paint,
  and a no-JavaScript stylesheet hides it, so that nothing moves once the page is shown.
  Nor does the html.js class it sets change any layout (site.css keys only a focus-time
  tooltip on it).

  Term previews. A term link is <a class="term" href=... title="summary">
  (kb/glossary/term-link.html), or <a class="subject" ...> in a comparison table's header.
  Without JavaScript the title is the browser's tooltip. A "plain" term link (a takeaway's
  "Favours X", which the header above already previews) carries no title, to keep pages
  small; it gets the summary of a titled link to the same href on the page, so every term
  link previews alike. Here:
  - the title moves out of the attribute (so the browser's own tooltip does not double the
    preview) into a hidden element that the link names with aria-describedby: screen readers
    read the summary as the link's description, whether or not the preview is shown;
  - pointing at the link (hover) or focusing it (keyboard) shows the summary in a popover
    below the link, or above it when there is no room below; it never covers the link and
    stays inside the viewport. The pointer may move onto the popover without closing it.
    Escape closes it; so do leaving the link, moving focus away, and tapping elsewhere;
  - on a touch screen the first tap on a link shows its preview and the second tap on the
    same link follows it. Keyboard (Enter) and mouse clicks follow the link at once.
*/
(function () {
  "use strict";
  var doc = document;
  var root = doc.documentElement;
  root.classList.add("js");

  // Every kind of link term-link.html writes (its class param: "term" by default,
  // "subject" in a comparison table's header).
  var TERM = "a.term, a.subject";
  var summaries = new WeakMap();
  var links = doc.querySelectorAll(TERM);
  if (!links.length) return;

  // First pass: the summary of each term, keyed by the href every link to it shares
  // (the raw attribute, as the template writes it). Titles come off here, before any link
  // is described, so that no browser tooltip doubles the preview.
  var byHref = new Map();
  for (var k = 0; k < links.length; k++) {
    var t = links[k].getAttribute("title");
    if (t === null) continue;
    links[k].removeAttribute("title");
    var h = links[k].getAttribute("href");
    if (!byHref.has(h)) byHref.set(h, t);
  }

  // Second pass: every term link whose term has a summary on this page, titled or not,
  // gets it. One hidden description per distinct summary, named by every link to that term.
  var store = doc.createElement("div");
  store.hidden = true;
  var ids = new Map();
  for (var j = 0; j < links.length; j++) {
    var a = links[j];
    var text = byHref.get(a.getAttribute("href"));
    if (text === undefined) continue; // a plain link with no titled twin: no preview
    summaries.set(a, text);
    var id = ids.get(text);
    if (!id) {
      id = "term-summary-" + (ids.size + 1);
      ids.set(text, id);
      var span = doc.createElement("span");
      span.id = id;
      span.textContent = text;
      store.appendChild(span);
    }
    var described = a.getAttribute("aria-describedby");
    a.setAttribute("aria-describedby", described ? described + " " + id : id);
  }
  doc.body.appendChild(store);

  // The popover: visual only, since the description above already reaches screen readers.
  var pop = doc.createElement("div");
  pop.className = "term-preview";
  pop.id = "term-preview";
  pop.hidden = true;
  pop.setAttribute("aria-hidden", "true");
  doc.body.appendChild(pop);

  var current = null;
  var hideTimer = 0;
  var pointer = "";
  var shownAtPointerDown = false;
  var GAP = 6;
  var MARGIN = 8;

  function termLink(node) {
    var a = node && node.closest ? node.closest(TERM) : null;
    return a && summaries.has(a) ? a : null;
  }

  function inPopover(node) {
    return !!node && (node === pop || pop.contains(node));
  }

  function show(a) {
    clearTimeout(hideTimer);
    if (current === a && !pop.hidden) return;
    current = a;
    pop.textContent = summaries.get(a);
    pop.hidden = false;
    place(a);
  }

  function hide() {
    clearTimeout(hideTimer);
    pop.hidden = true;
    current = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 200);
  }

  // Below the link when it fits in the viewport, else above it; never over it.
  function place(a) {
    pop.style.left = "0px";
    pop.style.top = "0px";
    var box = a.getBoundingClientRect();
    var lines = a.getClientRects();
    var first = lines[0] || box;
    var last = lines[lines.length - 1] || box;
    var width = root.clientWidth;
    var height = window.innerHeight;
    var pw = pop.offsetWidth;
    var ph = pop.offsetHeight;
    var top = box.bottom + GAP;
    var left = last.left;
    if (top + ph > height && box.top - GAP - ph >= 0) {
      top = box.top - GAP - ph;
      left = first.left;
    }
    left = Math.max(MARGIN, Math.min(left, width - pw - MARGIN));
    pop.style.left = Math.round(left + window.scrollX) + "px";
    pop.style.top = Math.round(top + window.scrollY) + "px";
  }

  doc.addEventListener("mouseover", function (e) {
    var a = termLink(e.target);
    if (a) show(a);
    else if (inPopover(e.target)) clearTimeout(hideTimer);
  });

  doc.addEventListener("mouseout", function (e) {
    if (pop.hidden) return;
    var from = termLink(e.target) || (inPopover(e.target) ? pop : null);
    if (!from) return;
    var to = e.relatedTarget;
    if (to && (from.contains(to) || inPopover(to) || termLink(to) === current)) return;
    if (doc.activeElement === current) return;
    hideSoon();
  });

  doc.addEventListener("focusin", function (e) {
    var a = termLink(e.target);
    if (a) show(a);
  });

  doc.addEventListener("focusout", function (e) {
    if (e.target === current) hideSoon();
  });

  doc.addEventListener("keydown", function (e) {
    if ((e.key === "Escape" || e.key === "Esc") && !pop.hidden) hide();
  });

  doc.addEventListener("pointerdown", function (e) {
    pointer = e.pointerType;
    var a = termLink(e.target);
    shownAtPointerDown = !!a && a === current && !pop.hidden;
    if (!a && !inPopover(e.target)) hide();
  });

  doc.addEventListener("click", function (e) {
    var a = termLink(e.target);
    if (!a) return;
    var touch = pointer === "touch" || pointer === "pen";
    pointer = "";
    if (touch && !shownAtPointerDown) {
      e.preventDefault();
      show(a);
    }
  });

  window.addEventListener("resize", function () {
    if (current && !pop.hidden) place(current);
  });

  // Comparison tables scroll sideways in their own region (.table-scroll): keep the
  // preview beside its link when that region, or the page, scrolls. Capture, since scroll
  // events do not bubble.
  doc.addEventListener("scroll", function () {
    if (current && !pop.hidden) place(current);
  }, { capture: true, passive: true });
})();
