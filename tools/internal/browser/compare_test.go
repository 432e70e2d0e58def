package browser

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// tablePages are the pages that show a comparison or criteria table: every comparison
// page and every article that has one (at least one embedding a comparison, and the
// guide with its criteria), each with how many tables it shows.
func tablePages(t *testing.T, e *env, tb *tab) map[string]int {
	t.Helper()
	pages := map[string]int{}
	embedded, criteria := 0, 0
	for _, p := range append(e.pages(t, "compare"), e.pages(t, "learning")...) {
		tb.open(p)
		n := eval[int](tb, `document.querySelectorAll(".comparison table").length`)
		if n == 0 {
			continue
		}
		pages[p] = n
		if eval[bool](tb, `!!document.querySelector(".prose .comparison:not(.criteria) table")`) {
			embedded++
		}
		if eval[bool](tb, `!!document.querySelector(".criteria table")`) {
			criteria++
		}
	}
	if embedded == 0 || criteria == 0 {
		t.Fatalf("Check(%q) = %d articles embedding a comparison, %d the criteria; want at least one of each", "table pages", embedded, criteria)
	}
	return pages
}

// wideState is how one table sits on a wide screen.
type wideState struct {
	Scroller   string    `json:"scroller"`   // the first ancestor that scrolls, clips or is taller inside than out, "" if none
	TableWidth float64   `json:"tableWidth"` // the table's width
	MainWidth  float64   `json:"mainWidth"`  // main's content width
	TextWidth  float64   `json:"textWidth"`  // the widest paragraph of the article's text, 0 on a comparison page
	HeaderTop  float64   `json:"headerTop"`  // a header cell's top after scrolling the table's middle into view
	BodyTop    float64   `json:"bodyTop"`    // the table body's top then (negative: scrolled past)
	Verdict    []float64 `json:"verdict"`    // the verdict's top and bottom at the top of the page; none on an article
}

const wideScript = `(async () => {
  const table = document.querySelectorAll(".comparison table")[%d];
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  window.scrollTo(0, 0);
  await frame();
  const v = document.querySelector(".verdict");
  const st = {scroller: "", verdict: v ? [v.getBoundingClientRect().top, v.getBoundingClientRect().bottom] : []};
  for (let n = table.parentElement; n && n !== document.body && n !== document.documentElement; n = n.parentElement) {
    const cs = getComputedStyle(n);
    const clips = [cs.overflowX, cs.overflowY].some(o => o !== "visible");
    if (clips || n.scrollHeight > n.clientHeight + 1) {
      st.scroller = n.tagName.toLowerCase() + "." + n.className + " (overflow " + cs.overflowX + "/" + cs.overflowY + ", " + n.scrollWidth + "×" + n.scrollHeight + " in " + n.clientWidth + "×" + n.clientHeight + ")";
      break;
    }
  }
  const main = document.querySelector("main"), ms = getComputedStyle(main);
  st.mainWidth = main.clientWidth - parseFloat(ms.paddingLeft) - parseFloat(ms.paddingRight);
  st.tableWidth = table.getBoundingClientRect().width;
  st.textWidth = Math.max(0, ...[...document.querySelectorAll(".prose > p")].map(p => p.getBoundingClientRect().width));
  const body = table.tBodies[0], rows = body.rows;
  const mid = rows[Math.floor(rows.length / 2)];
  window.scrollTo(0, window.scrollY + mid.getBoundingClientRect().top - innerHeight / 2);
  await frame();
  st.headerTop = table.tHead.rows[0].cells[1].getBoundingClientRect().top;
  st.bodyTop = body.getBoundingClientRect().top;
  window.scrollTo(0, 0);
  return st;
})()`

// TestComparisonTablesWide checks every comparison and criteria table at 1280×900: no
// ancestor scrolls or clips it (no box within the page); it takes main's full width, in an
// article too, where the text stays in its narrower column; its header row sticks to the
// top of the window while the middle of a taller table is read; and a comparison page's
// verdict is above the fold.
func TestComparisonTablesWide(t *testing.T) {
	e := site(t)
	tb := newTab(t, e, desktop, "light")
	pages := tablePages(t, e, tb)
	sticky := 0
	for _, p := range slices.Sorted(maps.Keys(pages)) {
		tb.open(p)
		for i := range pages[p] {
			st := eval[wideState](tb, fmt.Sprintf(wideScript, i))
			what := fmt.Sprintf("%s table %d", p, i+1)
			if st.Scroller != "" {
				tb.errorf("Check(%q) = inside %s; want no scrolling or clipping ancestor", what, st.Scroller)
			}
			if st.TableWidth < st.MainWidth-1 {
				tb.errorf("Check(%q) = %.0f px wide; want main's full width, %.0f px", what, st.TableWidth, st.MainWidth)
			}
			if st.TextWidth > 44*16+1 {
				tb.errorf("Check(%q) = text %.0f px wide; want the article's text column at most 44rem", what, st.TextWidth)
			}
			// Only a table taller than the window has a middle row to read with the header out of place.
			if st.BodyTop < 0 {
				sticky++
				if st.HeaderTop < -1 || st.HeaderTop > 1 {
					tb.errorf("Check(%q) = header row at %.0f px; want it stuck to the window's top (0) while the rows pass", what, st.HeaderTop)
				}
			}
		}
		if isComparison(p) {
			st := eval[wideState](tb, fmt.Sprintf(wideScript, 0))
			if len(st.Verdict) != 2 || st.Verdict[0] < 0 || st.Verdict[1] > float64(desktop.height) {
				tb.errorf("Check(%q) = verdict at %v; want it whole within the first %d px", p+" verdict", st.Verdict, desktop.height)
			}
		}
		tb.checkClean(p)
	}
	if sticky == 0 {
		t.Errorf("Check(%q) = no table taller than the window at 1280×900; want at least one, to test the sticky header row", "long tables")
	}
}

// isComparison reports whether p is a comparison page.
func isComparison(p string) bool { return strings.HasPrefix(p, "/compare/") }

// cardState is how one table reads on a phone.
type cardState struct {
	Rows     int      `json:"rows"`     // body rows
	Cards    int      `json:"cards"`    // rows laid out as blocks, inside the screen
	Stacked  int      `json:"stacked"`  // rows whose cells sit one above the other, heading first
	Labelled int      `json:"labelled"` // rows each of whose cells shows its label above it
	Missing  []string `json:"missing"`  // the first few cells without their label, as "row: label"
}

const cardScript = `(() => {
  const table = document.querySelectorAll(".comparison table")[%d];
  const vw = document.documentElement.clientWidth;
  const st = {rows: 0, cards: 0, stacked: 0, labelled: 0, missing: []};
  for (const tr of table.tBodies[0].rows) {
    st.rows++;
    const r = tr.getBoundingClientRect();
    if (getComputedStyle(tr).display === "block" && r.left >= 0 && r.right <= vw) st.cards++;
    const cells = [...tr.cells];
    let stacked = cells[0].tagName === "TH";
    for (let i = 1; i < cells.length; i++) {
      const a = cells[i - 1].getBoundingClientRect(), b = cells[i].getBoundingClientRect();
      if (b.top < a.bottom - 1 || Math.abs(b.left - r.left) > 2 || b.right > vw) stacked = false;
    }
    if (stacked) st.stacked++;
    let labelled = true;
    for (const td of tr.querySelectorAll("td")) {
      const want = td.dataset.l || (td.classList.contains("takeaway") ? "Takeaway" : "") ||
        (table.closest(".criteria") && td.cellIndex === 1 ? "Favours" : "");
      const before = getComputedStyle(td, "::before");
      if (!want) continue;
      if (before.content !== JSON.stringify(want) || before.display !== "block" || td.getClientRects().length === 0) {
        labelled = false;
        if (st.missing.length < 3) st.missing.push(tr.cells[0].textContent.trim().slice(0, 30) + ": " + want + " (" + before.content + ")");
      }
    }
    if (labelled) st.labelled++;
  }
  return st;
})()`

// TestComparisonCardsOnPhone checks every comparison and criteria table at 375×812: the
// page does not scroll sideways; each row reads as a card inside the screen, its aspect
// (or situation) heading it and its cells stacked below, each fact cell showing its
// option's name above it and the takeaway its label; a comparison's card shows every
// option's label. A comparison page's verdict starts above the fold.
func TestComparisonCardsOnPhone(t *testing.T) {
	e := site(t)
	tb := newTab(t, e, phone, "light")
	pages := tablePages(t, e, tb)
	for _, p := range slices.Sorted(maps.Keys(pages)) {
		tb.open(p)
		sw := eval[[]int](tb, `[document.scrollingElement.scrollWidth, innerWidth]`)
		if sw[0] > sw[1] {
			tb.errorf("Check(%q) = scrollWidth %d > innerWidth %d; want no sideways scroll at 375 px", p, sw[0], sw[1])
		}
		for i := range pages[p] {
			st := eval[cardState](tb, fmt.Sprintf(cardScript, i))
			what := fmt.Sprintf("%s table %d", p, i+1)
			if st.Rows == 0 || st.Cards != st.Rows || st.Stacked != st.Rows || st.Labelled != st.Rows {
				tb.errorf("Check(%q) = %d rows: %d cards, %d stacked, %d labelled (unlabelled: %q); want every row a card of stacked, labelled cells", what, st.Rows, st.Cards, st.Stacked, st.Labelled, st.Missing)
			}
		}
		// Every option of a comparison is labelled in each card.
		if bad := eval[int](tb, `[...document.querySelectorAll(".comparison:not(.criteria) tbody tr")].filter(tr => {
  const table = tr.closest("table");
  const want = [...table.tHead.querySelectorAll("a.subject")].map(a => a.textContent.trim());
  const got = [...tr.querySelectorAll("td[data-l]")].map(td => td.dataset.l);
  return want.length === 0 || JSON.stringify(got) !== JSON.stringify(want);
}).length`); bad > 0 {
			tb.errorf("Check(%q) = %d cards whose labels are not the table's options in order; want none", p+" option labels", bad)
		}
		if isComparison(p) {
			top := eval[float64](tb, `document.querySelector(".verdict li").getBoundingClientRect().bottom`)
			if top > float64(phone.height) {
				tb.errorf("Check(%q) = first line ends at %.0f px; want it above the fold (%d px)", p+" verdict", top, phone.height)
			}
		}
		tb.checkClean(p)
	}
}
