package http

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/export"
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

// browserFixture stores, besides seed's articles, a speaker quoted over
// three months and an article with noise inside a speaker mention.
func browserFixture(t *testing.T, s *Server) {
	t.Helper()
	var docs []*doc
	for i, c := range []struct{ outlet, day string }{{"Wire", "2025-01-05"}, {"Daily", "2025-01-20"}, {"Wire", "2025-03-02"}} {
		d := newDoc(fmt.Sprintf("ames/%d", i), c.outlet, c.day, fmt.Sprintf("Ames report %d", i), fmt.Sprintf(`Jon Ames said "harbour line %d".`, i))
		e := d.entity("Jon Ames", verbatim.Person, []string{"harbour master"}, "Jon Ames")
		d.quote(fmt.Sprintf("harbour line %d", i), e, "Jon Ames", "said", "", 0.9)
		docs = append(docs, d)
	}
	text := "% Moscow Times\n\nTalks go on\n\n\"We are having very serious discussions,\" the U.S.\n\n\nhttps://example.com/article/talks-6c5a0984\n\npresident\nsaid on Sunday.\n"
	a := newDoc("politics/034", "The Moscow Times", "2025-02-03", "Talks go on", text)
	i, j := strings.Index(text, "the U.S."), strings.Index(text, "president\n")+len("president")
	a.d.Entities = []verbatim.Entity{{Name: "Donald Trump", Type: verbatim.Person, Mentions: []int{0}}}
	a.d.Mentions = []verbatim.Mention{{Span: verbatim.Span{Start: i, End: j}, Text: "the U.S. president", Type: verbatim.Person, Kind: verbatim.DescriptorMention}}
	a.d.Quotes = []verbatim.Quote{{Span: a.at("We are having very serious discussions"), Type: verbatim.Direct, Speaker: 0,
		SpeakerAt: verbatim.Span{Start: i, End: j}, Cue: a.at("said"), Confidence: 0.9}}
	store(t, s, append(docs, a)...)
}

// TestBrowserEndToEnd drives the UI in headless Chromium: search with the
// words found highlighted, download the results as CSV, page through a
// search, follow a speaker to their page and its chart of statements per
// month, open an article whose noise is folded until asked for, search
// articles; screenshots go to a temporary directory (or
// VERBATIM_SCREENSHOTS).
func TestBrowserEndToEnd(t *testing.T) {
	bin := chromium(t)
	s, _ := newServer(t)
	ts := httptest.NewServer(s.Handler()) // as served: exports stream
	t.Cleanup(ts.Close)
	seed(t, ts)
	browserFixture(t, s)
	shots := os.Getenv("VERBATIM_SCREENSHOTS") // keep them there; default: a temporary directory
	if shots == "" {
		shots = t.TempDir()
	}
	downloads := t.TempDir()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1200, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel2 := chromedp.NewContext(actx)
	defer cancel2()
	ctx, cancel3 := context.WithTimeout(ctx, 120*time.Second)
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
	count := func(sel string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconv.Quote(sel)+`).length`))
		step("count of "+sel, err)
		return n
	}
	visible := func(sel string) bool {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const e = document.querySelector(`+strconv.Quote(sel)+`);
			return !!e && e.getClientRects().length > 0 && getComputedStyle(e).display !== "none"; })()`))
		step("visibility of "+sel, err)
		return v
	}
	var shotData [][]byte
	shot := func() {
		b, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		step("screenshot", err)
		shotData = append(shotData, b)
	}

	// search: results with the words found marked
	step("load and search", chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(C(`input[name=q]`)),
		chromedp.SendKeys(C(`input[name=q]`), "serious moment"),
		chromedp.Submit(C(`input[name=q]`)),
		chromedp.WaitVisible(C(`.results .quote`)),
	))
	if c := text(`.count`); !strings.Contains(c, "1 statement") {
		t.Errorf("search count %q", c)
	}
	if marks := text(`.results .quote blockquote`); count(`.results mark.hit`) != 2 || !strings.Contains(marks, "serious moment") {
		t.Errorf("highlights: %d marks in %q", count(`.results mark.hit`), marks)
	}
	shot()

	// export: the CSV link downloads every result
	progress := chromedp.Events(ctx, browser.DownloadProgress)
	step("download CSV", chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: downloads, EventsEnabled: ptr(true)})
			return err
		}),
		chromedp.Click(C(`.downloads a.csv`)),
	))
	var file string
	for ev, err := range progress {
		step("download progress", err)
		if ev.State == browser.DownloadProgressStateCompleted {
			file = filepath.Join(downloads, ev.GUID)
			break
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatal("download cancelled")
		}
	}
	data, err := os.ReadFile(file)
	step("read download", err)
	if recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll(); err != nil || len(recs) != 2 ||
		!slices.Equal(recs[0], export.QuoteColumns) || !strings.Contains(recs[1][slices.Index(export.QuoteColumns, "text")], "serious moment") {
		t.Errorf("downloaded CSV: %v %q", err, data)
	}

	// paging: one statement a page, next and back
	step("page", chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/?speaker=ames&limit=1&sort=oldest"),
		chromedp.WaitVisible(C(`.pager .at`)),
	))
	first := text(`.results blockquote`)
	if at := text(`.pager .at`); at != "1–1 of 3" {
		t.Errorf("pager %q", at)
	}
	step("next page", chromedp.Do(ctx, chromedp.Click(C(`.pager a.next`)), chromedp.WaitVisible(C(`.pager a.prev`))))
	if at, second := text(`.pager .at`), text(`.results blockquote`); at != "2–2 of 3" || second == first || !strings.Contains(second, "harbour line 1") {
		t.Errorf("second page %q: %q after %q", at, second, first)
	}

	// the speaker's page and its chart
	step("follow speaker link", chromedp.Do(ctx,
		chromedp.Click(C(`.results .quote a.speaker`)),
		chromedp.WaitVisible(C(`svg.chart`)),
	))
	if h := text(`.person h1`); h != "Jon Ames" {
		t.Errorf("speaker page title %q", h)
	}
	if n := count(`svg.chart rect.bar`); n != 3 || !visible(`svg.chart rect.bar`) {
		t.Errorf("chart: %d bars", n)
	}
	if o := text(`.outlets`); !strings.Contains(o, "Wire") || !strings.Contains(o, "Daily") {
		t.Errorf("outlets %q", o)
	}
	shot()
	step("follow a bar", chromedp.Do(ctx, chromedp.Click(C(`svg.chart a`)), chromedp.WaitVisible(C(`.results .quote`))))
	if c := text(`.count`); !strings.Contains(c, "2 statements") {
		t.Errorf("January's statements: %q", c)
	}

	// an article: noise folded, shown on demand; the URL is not the speaker
	step("open article", chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/article/politics/034"),
		chromedp.WaitVisible(C(`.doc .text mark`)),
	))
	if visible(`.noise-text`) {
		t.Error("noise shown before asked for")
	}
	for _, who := range []string{text(`.doc .text a.who`)} {
		if strings.Contains(who, "http") {
			t.Errorf("URL inside the speaker: %q", who)
		}
	}
	step("show noise", chromedp.Do(ctx, chromedp.Click(C(`label.noise-toggle`)), chromedp.WaitVisible(C(`.noise-text`))))
	if n := text(`.doc .text`); !strings.Contains(n, "https://example.com/article/talks-6c5a0984") {
		t.Errorf("noise not shown: %q", n)
	}
	shot()

	// article search: a snippet with the word found
	step("search articles", chromedp.Do(ctx,
		chromedp.Click(C(`nav a[href="/articles"]`)),
		chromedp.WaitVisible(C(`form[action="/articles"] input[name=q]`)), // not the page before's box
		chromedp.SendKeys(C(`form[action="/articles"] input[name=q]`), "melanie"),
		chromedp.Submit(C(`form[action="/articles"] input[name=q]`)),
		chromedp.WaitVisible(C(`input[name=q][value="melanie"]`)), // the results, not the list before
		chromedp.WaitVisible(C(`ol.articles li a`)),
	))
	if m := text(`ol.articles .snippet mark.hit`); m != "Mélanie" {
		t.Errorf("article snippet mark %q", m)
	}
	step("open found article", chromedp.Do(ctx, chromedp.Click(C(`ol.articles li h3 a`)), chromedp.WaitVisible(C(`.doc .text mark`))))
	if h := text(`.doc .text`); !strings.Contains(h, "Mélanie Dubois") {
		t.Errorf("article found by article search: %q", h)
	}
	for i, b := range shotData {
		p := filepath.Join(shots, []string{"search.png", "speaker.png", "article.png"}[i])
		if err := os.WriteFile(p, b, 0o644); err != nil || len(b) < 1000 {
			t.Fatalf("screenshot %s: %v (%d bytes)", p, err, len(b))
		}
	}
	t.Logf("screenshots in %s", shots)
}

func ptr[T any](v T) *T { return &v }
