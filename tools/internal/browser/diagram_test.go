package browser

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// diagramState is what a "who manages what" diagram (kb/compare/stack-diagram.html) looks
// like in the browser.
type diagramState struct {
	Left        float64            `json:"left"`        // the SVG's box, in CSS pixels
	Right       float64            `json:"right"`       //
	Client      float64            `json:"client"`      // the page's width without a scroll bar
	Scroll      float64            `json:"scroll"`      // the page's scroll width
	FontPx      float64            `json:"fontPx"`      // a label's font size as drawn, in CSS pixels
	Widest      float64            `json:"widest"`      // the widest label, in user units
	Column      float64            `json:"column"`      // a box's width, in user units
	Pitch       float64            `json:"pitch"`       // from one column to the next, in user units
	Labels      int                `json:"labels"`      // labels in the first column
	Outside     []string           `json:"outside"`     // the texts not wholly inside the viewBox
	Text        string             `json:"text"`        // the labels' colour (inherited from the SVG)
	Background  string             `json:"background"`  // the page's background colour
	Boxes       map[string]string  `json:"boxes"`       // class of a box (v, d, s) → its colour
	BoxWidth    map[string]float64 `json:"boxWidth"`    // class → the stroke's width in user units
	Dashes      map[string]string  `json:"dashes"`      // class → its stroke-dasharray
	LabelFill   string             `json:"labelFill"`   // a label's computed fill
	HeadingBold bool               `json:"headingBold"` // the first column's heading is bold
}

const diagramScript = `(() => {
  const svg = document.querySelector("svg.sd");
  svg.scrollIntoView();
  const r = svg.getBoundingClientRect();
  const vb = svg.viewBox.baseVal;
  const scale = r.width / vb.width;
  const labels = [...svg.querySelectorAll("g[id] > text")];
  const st = {
    left: r.left, right: r.right,
    client: document.documentElement.clientWidth,
    scroll: document.documentElement.scrollWidth,
    fontPx: parseFloat(getComputedStyle(labels[0]).fontSize) * scale,
    widest: Math.max(...labels.map(t => t.getComputedTextLength())),
    labels: labels.length,
    outside: [...svg.querySelectorAll("text")].filter(t => {
      const b = t.getBBox();
      const dx = t.getCTM().e / t.getCTM().a - (svg.getCTM() ? svg.getCTM().e / svg.getCTM().a : 0);
      return b.x + dx < 0 || b.x + dx + b.width > vb.width || b.y < 0 || b.y + b.height > vb.height;
    }).map(t => t.textContent),
    text: getComputedStyle(svg).fill,
    background: getComputedStyle(document.body).backgroundColor,
    labelFill: getComputedStyle(labels[0]).fill,
    headingBold: parseInt(getComputedStyle(svg.querySelector("g > text")).fontWeight) >= 700,
    boxes: {}, boxWidth: {}, dashes: {},
  };
  for (const p of svg.querySelectorAll(":scope > g:not(.k) > path")) {
    const cs = getComputedStyle(p);
    st.boxes[p.getAttribute("class")] = cs.stroke;
    st.boxWidth[p.getAttribute("class")] = parseFloat(cs.strokeWidth);
    st.dashes[p.getAttribute("class")] = cs.strokeDasharray;
  }
  // A column is as wide as its boxes; the next one starts further on.
  const cols = [...svg.querySelectorAll(":scope > g:not(.k)")].map(g => g.transform.baseVal.consolidate().matrix.e);
  st.column = Math.max(...Object.values(st.boxWidth));
  st.pitch = cols.length > 1 ? cols[1] - cols[0] : 1e9;
  return st;
})()`

// rgb parses a computed colour, "rgb(r, g, b)" or "rgba(r, g, b, a)".
func rgb(s string) ([3]float64, error) {
	var c [3]float64
	inner, ok := strings.CutPrefix(s, "rgb(")
	if !ok {
		inner, ok = strings.CutPrefix(s, "rgba(")
	}
	if !ok {
		return c, fmt.Errorf("colour %q is not rgb()", s)
	}
	parts := strings.Split(strings.TrimSuffix(inner, ")"), ",")
	if len(parts) < 3 {
		return c, fmt.Errorf("colour %q has no three channels", s)
	}
	for i := range 3 {
		if _, err := fmt.Sscan(strings.TrimSpace(parts[i]), &c[i]); err != nil {
			return c, fmt.Errorf("colour %q: %w", s, err)
		}
	}
	return c, nil
}

// contrast is the WCAG 2 contrast ratio of two colours.
func contrast(a, b [3]float64) float64 {
	lum := func(c [3]float64) float64 {
		var l [3]float64
		for i, v := range c {
			v /= 255
			if v <= 0.04045 {
				l[i] = v / 12.92
			} else {
				l[i] = math.Pow((v+0.055)/1.055, 2.4)
			}
		}
		return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
	}
	la, lb := lum(a), lum(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// TestStackDiagramOnPhone opens every page with a "who manages what" diagram at 375×812,
// in the light and the dark colour scheme: the diagram fits the screen without sideways
// scrolling, its labels are drawn at 12 CSS pixels or more and fit their boxes, every
// text stays inside the picture, the boxes are dashed into one per layer, each party's
// colour contrasts with the labels (4.5:1) and differs from the other parties', and the
// colours change with the scheme.
func TestStackDiagramOnPhone(t *testing.T) {
	e := site(t)
	var pages []string
	for _, p := range e.pages(t, "compare") {
		b, err := os.ReadFile(filepath.Join(e.dir, strings.TrimPrefix(p, "/"), "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), `<svg class="sd"`) || strings.Contains(string(b), `<svg class=sd`) {
			pages = append(pages, p)
		}
	}
	if len(pages) == 0 {
		t.Fatal("Pages(with a diagram) = none; want the comparisons of compute models")
	}
	colours := map[string]map[string]string{} // scheme → class → colour
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			tb := newTab(t, e, phone, scheme)
			colours[scheme] = map[string]string{}
			for _, p := range pages {
				tb.open(p)
				st := eval[diagramState](tb, diagramScript)
				if st.Scroll > st.Client || st.Left < 0 || st.Right > st.Client {
					tb.errorf("Check(%q) = diagram from %.0f to %.0f px, page %.0f px wide (scroll width %.0f); want it inside the %.0f px screen (%s)", p, st.Left, st.Right, st.Client, st.Scroll, st.Client, scheme)
				}
				if st.FontPx < 11.9 {
					tb.errorf("Check(%q) = labels drawn at %.1f px; want 12 px or more at 375 px wide", p, st.FontPx)
				}
				if st.Labels == 0 || st.Widest > st.Column-4 {
					tb.errorf("Check(%q) = %d labels, the widest %.0f units; want each to fit its %.0f-unit box", p, st.Labels, st.Widest, st.Column)
				}
				if st.Pitch <= st.Column {
					tb.errorf("Check(%q) = columns %.0f units apart, boxes %.0f wide; want a gap between columns", p, st.Pitch, st.Column)
				}
				if len(st.Outside) > 0 {
					tb.errorf("Check(%q) = %q outside the viewBox; want every heading, label and legend entry in the picture", p, st.Outside)
				}
				if !st.HeadingBold {
					tb.errorf("Check(%q) = the column heading is not bold; want it set apart from the labels", p)
				}
				if st.LabelFill != st.Text {
					tb.errorf("Check(%q) = labels in %s, the SVG's text colour %s; want the same, which the reused columns inherit", p, st.LabelFill, st.Text)
				}
				text, err := rgb(st.Text)
				if err != nil {
					t.Fatal(err)
				}
				bg, err := rgb(st.Background)
				if err != nil {
					t.Fatal(err)
				}
				if c := contrast(text, bg); c < 4.5 {
					tb.errorf("Check(%q) = headings %s on the page's %s, contrast %.1f; want 4.5 or more (%s)", p, st.Text, st.Background, c, scheme)
				}
				for class, col := range st.Boxes {
					fill, err := rgb(col)
					if err != nil {
						tb.errorf("Check(%q) = boxes of class %q have no colour (%v); want one from diagram.css", p, class, err)
						continue
					}
					if c := contrast(text, fill); c < 4.5 {
						tb.errorf("Check(%q) = labels %s on %q boxes %s, contrast %.1f; want 4.5 or more (%s)", p, st.Text, class, col, c, scheme)
					}
					if st.BoxWidth[class] != st.Column || strings.ReplaceAll(st.Dashes[class], "px", "") != "34, 4" {
						tb.errorf("Check(%q) = %q boxes %.0f units wide, dashed %q; want %.0f wide, 34 units a box and 4 between", p, class, st.BoxWidth[class], st.Dashes[class], st.Column)
					}
					colours[scheme][class] = col
				}
				tb.checkClean(p)
			}
			if colours[scheme]["v"] == colours[scheme]["d"] {
				t.Errorf("Check(%q) = vendor and developer boxes both %s; want two colours", scheme, colours[scheme]["v"])
			}
		})
	}
	for class, light := range colours["light"] {
		if dark := colours["dark"][class]; dark == light {
			t.Errorf("Check(%q boxes) = %s in both schemes; want a colour for each", class, light)
		}
	}
}
