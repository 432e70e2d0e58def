package browser

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestScreenshots writes the README's screenshots to docs/screenshots/: a term page and a
// comparison page on a phone (375×812) and a desktop (1280×900) screen, in the light
// scheme. It runs only when asked:
//
//	go test ./tools/internal/browser -run TestScreenshots -screenshots
func TestScreenshots(t *testing.T) {
	if !*screenshots {
		t.Skip("writes docs/screenshots/ only with -screenshots")
	}
	e := site(t)
	dir := filepath.Join(e.root, "docs", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file string
		path string
		vp   viewport
	}{
		{"term-phone.png", "/glossary/container/", phone},
		{"term-desktop.png", "/glossary/container/", desktop},
		{"comparison-phone.png", "/compare/serverless-vs-containers/", phone},
		{"comparison-desktop.png", "/compare/serverless-vs-containers/", desktop},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			vp := tt.vp
			vp.mobile = false // one CSS pixel per image pixel, to keep the files small
			tb := newTab(t, e, vp, "light")
			tb.open(tt.path)
			png, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, tt.file)
			if err := os.WriteFile(file, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s", file)
		})
	}
}
