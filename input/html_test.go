package input

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/pipeline"
	"golang.org/x/net/html"
)

var reportParas = []string{
	`LISBON - Portugal's fisheries minister, Ana Ribeiro, said on Tuesday that the new quota deal "protects the boats that feed our coastal towns" and would be signed next month.`,
	`"We did not give away a single tonne," Ribeiro told reporters after the talks in Brussels.`,
	`The Spanish delegation said it was satisfied with the outcome, according to a statement from its ministry.`,
}

var boilerplate = []string{"Click here", "styled quote", "The paper that listens", "Markets tumble",
	"Subscribe today", "Best regional newsroom", "Injected quote", "Most read", "Home"}

func TestHTMLMainContent(t *testing.T) {
	arts, err := Parse(fixture(t, "report.html"), "report.html", Options{})
	if err != nil || len(arts) != 1 {
		t.Fatalf("got %d articles, err %v", len(arts), err)
	}
	a := arts[0]
	if a.Format != "html" || Verbatim(a) {
		t.Errorf("format %q, verbatim %v", a.Format, Verbatim(a))
	}
	for _, p := range reportParas {
		if !strings.Contains(a.Text, p) {
			t.Errorf("paragraph missing from extracted text: %q\ntext: %q", p, a.Text)
		}
	}
	// paragraphs stay separate: each ends at a blank line (or the end)
	for _, p := range reportParas[:2] {
		if !strings.Contains(a.Text, p+"\n\n") {
			t.Errorf("paragraph not followed by a blank line: %q", p)
		}
	}
	for _, b := range boilerplate {
		if strings.Contains(a.Text, b) {
			t.Errorf("boilerplate %q in extracted text: %q", b, a.Text)
		}
	}
	want := verbatim.Article{ID: "report", Title: "Portugal signs fishing quota deal", Outlet: "Atlantic Ledger",
		Author: "Joana Silva", Published: "2024-03-12", URL: "https://ledger.example/2024/03/12/quota-deal"}
	if a.ID != want.ID || a.Title != want.Title || a.Outlet != want.Outlet || a.Author != want.Author ||
		a.Published != want.Published || a.URL != want.URL {
		t.Errorf("metadata = %+v, want %+v", a, want)
	}
}

// quoteTexts runs the standard pipeline and returns its attributions
// (content | speaker | cue | type), sorted.
func quoteTexts(t *testing.T, a verbatim.Article) []string {
	t.Helper()
	d, err := pipeline.Analyze(a)
	if err != nil {
		t.Fatal(err)
	}
	var qs []string
	for _, q := range d.Quotes {
		if q.Start < 0 || q.End > len(d.Text) || q.Start > q.End {
			t.Fatalf("quote span %v outside text of %d bytes", q.Span, len(d.Text))
		}
		speaker := ""
		if q.Speaker >= 0 && q.Speaker < len(d.Entities) {
			speaker = d.Entities[q.Speaker].Name
		}
		qs = append(qs, d.Word(q.Span)+" | "+speaker+" | "+d.Word(q.Cue)+" | "+string(q.Type))
	}
	slices.Sort(qs)
	return qs
}

func TestHTMLSameQuotesAsText(t *testing.T) {
	html, err := Parse(fixture(t, "report.html"), "report.html", Options{})
	if err != nil {
		t.Fatal(err)
	}
	txt, err := Parse(fixture(t, "report.txt"), "report.txt", Options{})
	if err != nil {
		t.Fatal(err)
	}
	hq, tq := quoteTexts(t, html[0]), quoteTexts(t, txt[0])
	if len(tq) == 0 {
		t.Error("no quote found in the clean text: nothing to compare")
	}
	if !slices.Equal(hq, tq) {
		t.Errorf("HTML quotes %q\ndiffer from text quotes %q", hq, tq)
	}
	for _, q := range hq {
		for _, b := range boilerplate {
			if strings.Contains(q, b) {
				t.Errorf("quote %q comes from boilerplate", q)
			}
		}
	}
}

func TestHTMLDateSources(t *testing.T) {
	cases := map[string]string{
		"meta":    `<html><head><meta name="pubdate" content="2023-07-04"></head><body><article><p>Text of the story.</p></article></body></html>`,
		"json-ld": `<html><head><script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2023-07-04T08:00:00+02:00"}]}</script></head><body><article><p>Text of the story.</p></article></body></html>`,
		"time":    `<html><body><article><time datetime="2023-07-04">July 4</time><p>Text of the story.</p></article></body></html>`,
	}
	for name, page := range cases {
		a, err := FromHTML(page, "x", Options{Published: "2000-01-01"})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if a.Published != "2023-07-04" {
			t.Errorf("%s: published %q, want 2023-07-04", name, a.Published)
		}
	}
	a, _ := FromHTML(`<html><body><p>Undated story text.</p></body></html>`, "x", Options{Published: "2000-01-01"})
	if a.Published != "2000-01-01" {
		t.Errorf("undated page: published %q, want the default", a.Published)
	}
}

func TestHTMLText(t *testing.T) {
	got := htmlToText(`<p>One <b>bold</b> wo<i>rd</i>.</p><p>Line<br>break</p><ul><li>a</li><li>b</li></ul>`)
	want := "One bold word.\n\nLine\nbreak\n\na\n\nb"
	if got != want {
		t.Errorf("htmlToText = %q, want %q", got, want)
	}
	if got := htmlToText("plain &amp; simple"); got != "plain & simple" {
		t.Errorf("entity: %q", got)
	}
	if _, err := FromHTML(`<html><body><nav>only nav</nav><script>x()</script></body></html>`, "x", Options{}); err == nil {
		t.Error("page with only boilerplate: want an error")
	}
}

func TestMasthead(t *testing.T) {
	cases := map[string]string{
		"% Moscow Times\n\n30 YEARS INDEPENDENT NEWS\n\nStory":   "The Moscow Times",
		"BBC News\nHeadline here\n\nBody":                        "BBC News",
		"\n\n  REUTERS  \nBody":                                  "Reuters",
		"Kellogg told Fox News on Sunday.\nFox News\n":           "Fox News", // second line, alone
		"Kellogg told Fox News on Sunday that the war must end.": "",
		"a\nb\nc\nd\ne\nBBC News":                                "", // too far down
		"The Times they are a-changing\n":                        "",
	}
	for in, want := range cases {
		if got := masthead(in); got != want {
			t.Errorf("masthead(%q) = %q, want %q", in, got, want)
		}
	}
	arts, _ := Parse([]byte("% Moscow Times\n\nU.S. and Russia in talks\n\nThe president said so.\n"), "m.txt", Options{})
	if len(arts) != 1 || arts[0].Outlet != "The Moscow Times" {
		t.Errorf("outlet not set from masthead: %+v", arts)
	}
}

func TestHTMLFallbacks(t *testing.T) {
	old := mainContent
	mainContent = func(*html.Node) (readability.Article, error) {
		return readability.Article{}, errors.New("forced failure")
	}
	defer func() { mainContent = old }()
	// the body without its boilerplate takes over
	arts, err := Parse(fixture(t, "report.html"), "report.html", Options{})
	if err != nil || len(arts) != 1 {
		t.Fatalf("body fallback: %v", err)
	}
	for _, p := range reportParas {
		if !strings.Contains(arts[0].Text, p+"\n\n") && !strings.HasSuffix(arts[0].Text, p) {
			t.Errorf("body fallback lost paragraph %q: %q", p, arts[0].Text)
		}
	}
	for _, b := range boilerplate {
		if strings.Contains(arts[0].Text, b) {
			t.Errorf("body fallback kept boilerplate %q", b)
		}
	}
	if arts[0].Published != "2024-03-12" || arts[0].Outlet != "Atlantic Ledger" {
		t.Errorf("metadata lost in fallback: %+v", arts[0])
	}
}

// TestLookupOutletMatchesKey checks the allocation-free masthead lookup
// against mastheadKey on the outlet list and on near misses.
func TestLookupOutletMatchesKey(t *testing.T) {
	lines := []string{"", "The", "the ", "The Guardian", "  BBC   News ", "% Moscow Times", "the the times",
		"Reuters.", "Le Monde — Paris", "THE NEW YORK TIMES", "Fox News said", strings.Repeat("x", 70)}
	for _, l := range strings.Split(outletsFile, "\n") {
		for _, n := range strings.Split(l, "|") {
			lines = append(lines, n, strings.ToUpper(n), "The "+n, n+" ")
		}
	}
	for _, l := range lines {
		want, wok := outlets[mastheadKey(l)]
		got, ok := lookupOutlet(l)
		if got != want || ok != wok {
			t.Errorf("lookupOutlet(%q) = %q %v, want %q %v", l, got, ok, want, wok)
		}
	}
}

// TestHTMLNewsPages extracts realistic news pages: the headline and every
// paragraph of the story are kept, each its own paragraph; navigation,
// asides, related links, share buttons, bylines, captions, comments and
// footers are dropped.
func TestHTMLNewsPages(t *testing.T) {
	cases := []struct {
		file, headline, published string
		paras, dropped            []string
	}{
		{"furniture.html", "Ferry operator cancels winter crossings", "2025-01-20",
			[]string{
				"The island ferry operator Skerry Lines said on Monday it would cancel all crossings",
				`"We have run at a loss every winter for six years," chief executive Ingrid Dahl told the Courier. "The council knew this day would come.`,
				`"Nobody can ask a private company to keep sailing empty boats through January storms," she added.`,
				"Residents gathered outside the harbour office on Monday afternoon. Fisherman Alan Grieve, 61, said",
			},
			[]string{"Subscribe", "Log in", "Storm warning", "Home", "By Ravi", "transport correspondent", "Share on",
				"Copy link", "Related", "Fares will rise", "Bridge plan", "Most popular", "I saw the lights",
				"Comments", "islander77", "disgrace", "my uncle", "Write a comment", "Trusted since", "Privacy"}},
		{"figure.html", "Vineyards count the cost of May frost", "2025-05-16",
			[]string{
				"Growers say up to half of this year's harvest may be lost after two nights below zero.",
				"Winegrowers in the lower valley lit thousands of paraffin candles",
				`"In forty years I have never seen frost this late," said Bernard Aubry, who farms twelve hectares above the village. "The buds had already opened. There was nothing to protect them."`,
				"Its president, Sophie Marchal, told local radio that the losses could reach 30 million euros across the appellation.",
			},
			[]string{"Candles burn", "Photo:", "inspects damaged shoots", "Local", "voice of the valley"}},
		{"liveblog.html", "Live: Budget vote in parliament", "2025-03-04",
			[]string{
				"Budget passes by nine votes",
				`Finance minister Leah Novak said the result showed that "the country chose stability over slogans".`,
				"Opposition leader attacks spending cuts",
				`"You are closing the door on every village that does not vote for you," he said.`,
				"Three independent members have said they will back the government",
				"Welcome to our live coverage of the final budget vote.",
			},
			[]string{"Front page", "Tweet", "Key events", `"Cruel," says opposition`, "© City Tribune"}},
		{"contentdiv.html", "Hospital strike called off after late offer", "2024-11-08",
			[]string{
				"Nurses at Riverside General Hospital have called off next week's strike",
				`Union representative Megan Hollis said members would vote on the offer over the next fortnight. "It is not everything we asked for, but it is a real step," she said.`,
				"The dispute began in September over staffing levels on night shifts.\nTalks resumed on Monday.",
			},
			[]string{"News you can trust", "Classifieds", "Weather", "umbrella", "Advertisement", "Cheap flights", "Copyright"}},
		// a short story above long reader comments (readability, short of
		// 500 characters, retries without its own comment filter)
		{"brief.html", "Bridge reopens", "",
			[]string{`The Old Quay bridge reopened on Friday after repairs, the council said. "It is good to have it back," said resident Jane Moss.`},
			[]string{"Finally", "They took their time", "scandal", "Nobody checked the invoices"}},
		// the same in a <div id=content> layout with a longer sidebar
		{"brief-sidebar.html", "Library hours extended", "",
			[]string{`The central library will open until 9 pm on weekdays from March, the council said on Tuesday. "Students asked for it," librarian Omar Price said.`},
			[]string{"Latest", "Council tax", "charged", "river race", "Town Weekly"}},
	}
	for _, c := range cases {
		arts, err := Parse(fixture(t, c.file), c.file, Options{})
		if err != nil || len(arts) != 1 {
			t.Fatalf("%s: %d articles, err %v", c.file, len(arts), err)
		}
		a := arts[0]
		if !strings.HasPrefix(a.Text, c.headline+"\n\n") {
			t.Errorf("%s: text does not start with the headline paragraph: %q", c.file, a.Text)
		}
		if a.Published != c.published {
			t.Errorf("%s: published %q, want %q", c.file, a.Published, c.published)
		}
		// each paragraph of the story starts a paragraph of the text
		paras := strings.Split(a.Text, "\n\n")
		for _, p := range c.paras {
			if !slices.ContainsFunc(paras, func(q string) bool { return strings.HasPrefix(q, p) }) {
				t.Errorf("%s: no paragraph starts with %q\ntext: %q", c.file, p, a.Text)
			}
		}
		for _, b := range c.dropped {
			if strings.Contains(a.Text, b) {
				t.Errorf("%s: boilerplate %q in the text: %q", c.file, b, a.Text)
			}
		}
	}
}

// TestHTMLQuoteOverParagraphs: a quote left open at a paragraph break ends
// there, and the next paragraph's quotation is a statement of its own; both
// are found in the HTML's paragraphs and attributed to their speaker.
func TestHTMLQuoteOverParagraphs(t *testing.T) {
	arts, err := Parse(fixture(t, "furniture.html"), "furniture.html", Options{})
	if err != nil {
		t.Fatal(err)
	}
	qs := quoteTexts(t, arts[0])
	for _, want := range []string{
		"We have run at a loss every winter for six years,\" chief executive Ingrid Dahl told the Courier. \"The council knew this day would come. | Ingrid Dahl | told | direct",
		"Nobody can ask a private company to keep sailing empty boats through January storms | Ingrid Dahl | added | direct",
	} {
		if !slices.Contains(qs, want) {
			t.Errorf("quote missing: %q in %q", want, qs)
		}
	}
}

func TestHTMLCommentaryIsNoComment(t *testing.T) {
	page := `<html><body><article><div class="commentary-body"><p>The minister said the plan would work.</p></div>
<div class="comments"><p>"Rubbish," said a reader.</p></div></article></body></html>`
	a, err := FromHTML(page, "x", Options{})
	if err != nil || a.Text != "The minister said the plan would work." {
		t.Errorf("text %q, err %v", a.Text, err)
	}
}

func TestHTMLBylineAndURLDate(t *testing.T) {
	page := `<html><head><link rel="canonical" href="https://x.example/news/2019/06/30/harbour-fire"></head><body><article>
<div class="article-byline">By Ana Costa, 30 June 2019</div>
<p>Firefighters said the blaze at the harbour was under control by midnight, <span class="author">Ana Costa</span> reported.</p>
</article></body></html>`
	a, err := FromHTML(page, "x", Options{Published: "2000-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Firefighters said the blaze at the harbour was under control by midnight, Ana Costa reported."; a.Text != want {
		t.Errorf("text %q, want %q", a.Text, want)
	}
	if a.Published != "2019-06-30" {
		t.Errorf("published %q, want the date in the URL", a.Published)
	}
	for u, want := range map[string]string{
		"https://x.example/2024-03-12-quota": "2024-03-12", "https://x.example/2024/3/12/": "",
		"https://x.example/12024/03/12/": "", "https://x.example/2024/13/40/": "", "https://x.example/a/b": "",
	} {
		if got := urlDate(u); got != want {
			t.Errorf("urlDate(%q) = %q, want %q", u, got, want)
		}
	}
}

// dedupeReference is dedupeParagraphs as first written (cubic in the
// number of paragraphs): the fast one must give the same output.
func dedupeReference(text string) string {
	paras := strings.Split(text, "\n\n")
	if len(paras) < 2 {
		return text
	}
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	var keys []string
	var out []string
	seen := map[string]bool{}
	for _, p := range paras {
		k := squash(p)
		if k == "" || seen[k] {
			continue
		}
		dup := false
		for i := len(keys) - 1; i >= 0 && !dup; i-- {
			if !strings.Contains(k, keys[i]) {
				continue
			}
			joined := strings.Join(keys[i:], "")
			dup = strings.Contains(k, joined) && len(k) <= len(joined)*2
		}
		if dup {
			continue
		}
		seen[k] = true
		keys = append(keys, k)
		out = append(out, p)
	}
	return strings.Join(out, "\n\n")
}

func TestDedupeParagraphs(t *testing.T) {
	for in, want := range map[string]string{
		"A b.\n\nC d.\n\nA b. C d.":          "A b.\n\nC d.",                       // the body glued after its paragraphs
		"A b.\n\nC d.\n\nA b.":               "A b.\n\nC d.",                       // a repeat
		"A b.\n\nC d.\n\nC d. and much more": "A b.\n\nC d.\n\nC d. and much more", // the run is under half of it
		"One.":                               "One.",
	} {
		if got := dedupeParagraphs(in); got != want {
			t.Errorf("dedupeParagraphs(%q) = %q, want %q", in, got, want)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"a", "b", "ab", "ba", "c", "a b", "ab c"}
	for range 3000 {
		var paras []string
		for range 1 + r.IntN(8) {
			if len(paras) > 1 && r.IntN(3) == 0 { // glue a run of the previous ones
				i := r.IntN(len(paras))
				paras = append(paras, strings.Join(paras[i:], " ")+strings.Repeat(" x", r.IntN(3)))
				continue
			}
			var p []string
			for range 1 + r.IntN(3) {
				p = append(p, words[r.IntN(len(words))])
			}
			paras = append(paras, strings.Join(p, " "))
		}
		in := strings.Join(paras, "\n\n")
		if got, want := dedupeParagraphs(in), dedupeReference(in); got != want {
			t.Fatalf("dedupeParagraphs(%q) = %q, reference %q", in, got, want)
		}
	}
	// 20,000 paragraphs, each containing the previous one's text: fast
	var b strings.Builder
	for i := range 20000 {
		b.WriteString("link " + strconv.Itoa(i) + "\n\n")
	}
	t0 := time.Now()
	dedupeParagraphs(b.String())
	if el := time.Since(t0); el > 5*time.Second {
		t.Errorf("dedupeParagraphs of 20,000 paragraphs took %v", el)
	}
}
