/*
  decide.js: the guide's decision aid (shortcodes/decision.html), loaded with defer only on
  pages that call {{< decision >}} (site/scripts.html).

  Without JavaScript the aid is a numbered list: each question, then "Yes →" and a link to
  what it recommends, and a last line for "no to every question". Read in order, the first
  yes decides. This script lets the reader answer instead:
  - each question's "Yes → …" line gives way to a line of two buttons, Yes and No, in a
    group named by the question, no taller than a line of text, so nothing moves on load;
    the chosen one is aria-pressed and shows a check mark, so the site's stylesheet needs
    no rule for them;
  - as the reader answers, the questions after the one that decides are hidden, and the
    last line, a polite live region, says what is recommended (a copy of that question's
    link to the guide's reasons) or which question to answer next; "Start again" clears the
    answers. Until the first answer that line keeps its words (no to every question leads
    to the default), so the page does not move when the script runs.
  Buttons are native, so the keyboard works as it does everywhere: Tab, Enter, Space.
  No inline script or style attribute is written (the site's Content-Security-Policy
  forbids them): the buttons' size is set through the CSSOM (element.style), which it allows.
*/
(function () {
  "use strict";
  var doc = document;
  var aids = doc.querySelectorAll(".decide");
  for (var a = 0; a < aids.length; a++) enhance(aids[a], a);

  function enhance(aid, n) {
    var items = aid.querySelectorAll("ol > li");
    var result = aid.querySelector(":scope > p");
    if (!items.length || !result) return;
    // The markup shortcodes/decision.html writes, or the plain list stays as it is.
    for (var k = 0; k < items.length; k++) {
      if (!items[k].querySelector(":scope > br ~ a")) return;
    }
    var fallback = result.querySelector("a");
    var initial = result.innerHTML;
    var answers = [];
    var steps = [];
    for (var i = 0; i < items.length; i++) steps.push(step(items[i], i));
    result.setAttribute("aria-live", "polite");
    update();

    // step turns one question's "Yes → …" into Yes and No buttons.
    function step(li, i) {
      var id = "decide-" + n + "-" + i;
      var q = doc.createElement("span");
      var yes = doc.createElement("span");
      var br = li.querySelector(":scope > br");
      q.id = id;
      while (li.firstChild !== br) q.appendChild(li.firstChild);
      while (br.nextSibling) yes.appendChild(br.nextSibling);
      li.insertBefore(q, br);
      li.appendChild(yes);
      yes.hidden = true;
      var group = doc.createElement("span");
      group.setAttribute("role", "group");
      group.setAttribute("aria-labelledby", id);
      var buttons = ["Yes", "No"].map(function (label) {
        var b = doc.createElement("button");
        b.type = "button";
        b.value = label;
        // As tall as a line of text, so that the line of buttons takes the place of the
        // line "Yes → …" without moving anything (CSSOM styles are allowed by the CSP).
        b.style.padding = "0 0.5rem";
        b.style.lineHeight = "1.25";
        b.addEventListener("click", function () {
          answers[i] = label;
          update();
        });
        // A space apart, like words: the site's stylesheet needs no rule for them.
        group.append(" ", b);
        return b;
      });
      li.insertBefore(group, yes);
      return { li: li, link: yes.querySelector("a"), buttons: buttons };
    }

    // press marks the button of the given answer as chosen: aria-pressed for assistive
    // technology, and a check mark (hidden from it) for the eye.
    function press(answer) {
      return function (b) {
        var on = b.value === answer;
        b.setAttribute("aria-pressed", String(on));
        b.textContent = b.value;
        if (on) {
          var mark = doc.createElement("span");
          mark.setAttribute("aria-hidden", "true");
          mark.textContent = " ✓";
          b.appendChild(mark);
        }
      };
    }

    // update shows the questions up to the one that decides, or up to the first one not
    // answered yet, and says in the last line what follows from the answers so far.
    function update() {
      var decided = null;
      var pending = -1;
      for (var i = 0; i < steps.length; i++) {
        if (answers[i] === "Yes") { decided = steps[i].link; break; }
        if (answers[i] !== "No") { pending = i; break; }
      }
      if (i === steps.length) decided = fallback;
      steps.forEach(function (s, j) {
        s.li.hidden = decided !== null && j > i;
        s.buttons.forEach(press(answers[j]));
      });
      // Until the first answer the last line keeps its words: true here too, and no shift.
      if (!answers.length) return;
      result.textContent = "";
      if (decided) {
        result.append(i === steps.length ? "No to every question → " : "Your answer: ", decided.cloneNode(true));
      } else {
        result.append("Answer question " + (pending + 1) + ": the first yes decides.");
      }
      var again = doc.createElement("button");
      again.type = "button";
      again.textContent = "Start again";
      again.addEventListener("click", function () {
        answers = [];
        update();
        result.innerHTML = initial; // this page's own markup, read above
        steps[0].buttons[0].focus();
      });
      result.append(" ", again);
    }
  }
})();
