package http

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium finds a headless browser: skips without one, fails under CI=true.
func chromium(t *testing.T) string {
	t.Helper()
	for _, c := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if c == "" {
			continue
		}
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium not found (apt-get install -y chromium)")
	}
	t.Skip("chromium not found: install it (apt-get install -y chromium) to run the browser test")
	return ""
}

// TestBrowserEndToEnd drives the UI in headless Chromium: load the search
// page, search, follow a speaker link, see the quote on the speaker page,
// open the article and check the quote is highlighted; screenshots go to a
// temporary directory.
func TestBrowserEndToEnd(t *testing.T) {
	bin := chromium(t)
	_, ts := newServer(t)
	seed(t, ts)
	shots := os.Getenv("VERBATIM_SCREENSHOTS") // keep them there; default: a temporary directory
	if shots == "" {
		shots = t.TempDir()
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1200, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel2 := chromedp.NewContext(actx)
	defer cancel2()
	ctx, cancel3 := context.WithTimeout(ctx, 90*time.Second)
	defer cancel3()

	type C = chromedp.CSS
	step := func(name string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(C(sel)))
		step("text of "+sel, err)
		return s
	}
	step("load and search", chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(C(`input[name=q]`)),
		chromedp.SendKeys(C(`input[name=q]`), "serious moment"),
		chromedp.Submit(C(`input[name=q]`)),
		chromedp.WaitVisible(C(`.results .quote`)),
	))
	count := text(`.count`)
	shot1, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	step("screenshot", err)
	step("follow speaker link", chromedp.Do(ctx,
		chromedp.Click(C(`.results .quote a.speaker`)),
		chromedp.WaitVisible(C(`.person h1`)),
	))
	speakerTitle := text(`.person h1`)
	statements := text(`section.group`)
	step("open article", chromedp.Do(ctx,
		chromedp.Click(C(`section.group .quote blockquote a`)),
		chromedp.WaitVisible(C(`.doc .text mark`)),
	))
	marked := text(`.doc .text`)
	shot2, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	step("screenshot", err)
	step("search articles", chromedp.Do(ctx,
		chromedp.Click(C(`nav a[href="/articles"]`)),
		chromedp.WaitVisible(C(`form[action="/articles"] input[name=q]`)), // not the page before's box
		chromedp.SendKeys(C(`form[action="/articles"] input[name=q]`), "melanie"),
		chromedp.Submit(C(`form[action="/articles"] input[name=q]`)),
		chromedp.WaitVisible(C(`input[name=q][value="melanie"]`)), // the results, not the list before
		chromedp.WaitVisible(C(`ul.articles li a`)),
		chromedp.Click(C(`ul.articles li a`)),
		chromedp.WaitVisible(C(`.doc .text mark`)),
	))
	if h := text(`.doc .text`); !strings.Contains(h, "Mélanie Dubois") {
		t.Errorf("article found by article search: %q", h)
	}
	for i, b := range [][]byte{shot1, shot2} {
		p := filepath.Join(shots, []string{"search.png", "article.png"}[i])
		if err := os.WriteFile(p, b, 0o644); err != nil || len(b) < 1000 {
			t.Fatalf("screenshot %s: %v (%d bytes)", p, err, len(b))
		}
	}
	if !strings.Contains(count, "1 statement") {
		t.Errorf("search count %q", count)
	}
	if speakerTitle != "Keith Kellogg" {
		t.Errorf("speaker page title %q", speakerTitle)
	}
	if !strings.Contains(statements, "This is a serious moment") {
		t.Errorf("speaker page does not show the quote: %q", statements)
	}
	if !strings.Contains(marked, "Kellog added") {
		t.Errorf("article text %q", marked)
	}
	t.Logf("screenshots in %s", shots)
}
