package dates_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/clean"
	"github.com/verbatim-news/verbatim/dates"
	"github.com/verbatim-news/verbatim/internal/shared"
	"github.com/verbatim-news/verbatim/text"
)

// analyse runs the stages dates depends on (cleaning, tokens, sentences)
// and the dates stage itself.
func analyse(t testing.TB, txt, published string) *verbatim.Doc {
	t.Helper()
	d := verbatim.NewDoc(verbatim.Article{ID: "t", Text: txt, Published: published})
	clean.Process(d)
	text.Process(d)
	dates.Process(d)
	return d
}

// values maps each found expression's text to its value.
func values(d *verbatim.Doc) map[string]string {
	m := map[string]string{}
	for _, dt := range d.Dates {
		m[d.Word(dt.Span)] = dt.Value
	}
	return m
}

// expect checks that an expression containing want's key was found with
// the given value.
func expect(t *testing.T, d *verbatim.Doc, phrase, value string) {
	t.Helper()
	for _, dt := range d.Dates {
		w := d.Word(dt.Span)
		if strings.Contains(w, phrase) || strings.Contains(phrase, w) && len(w) > 2 {
			if dt.Value != value {
				t.Errorf("%q (found %q): value %q, want %q", phrase, w, dt.Value, value)
			}
			return
		}
	}
	t.Errorf("%q not found in %q; found %v", phrase, d.Text, values(d))
}

func TestTenseAwareWeekdays(t *testing.T) {
	// 2025-02-03 is a Monday.
	cases := []struct{ text, phrase, value string }{
		{"Trump said Sunday that talks were going well.", "Sunday", "2025-02-02"},
		{"The minister will speak to his counterpart Tuesday.", "Tuesday", "2025-02-04"},
		{"Trump told reporters he planned to speak to Putin Tuesday about the war.", "Tuesday", "2025-02-04"},
		{"The envoy met the delegation on Thursday in Riyadh.", "Thursday", "2025-01-30"},
		{"The summit is scheduled to open next Friday.", "next Friday", "2025-02-07"},
		{"Officials met last Monday to discuss the plan.", "last Monday", "2025-01-27"},
		{"The talks resume on Monday, officials said.", "Monday", "2025-02-03"},
		{"Voters will go to the polls on Sunday.", "Sunday", "2025-02-09"},
	}
	for _, c := range cases {
		d := analyse(t, c.text, "2025-02-03")
		expect(t, d, c.phrase, c.value)
	}
}

func TestRelativeMonthsWeeksYears(t *testing.T) {
	cases := []struct{ text, pub, phrase, value string }{
		{"Putin said last month that he was ready.", "2025-02-03", "last month", "2025-01"},
		{"Fighting has continued since August in the region.", "2025-02-03", "August", "2024-08"},
		{"Before the election in November, he promised peace.", "2025-02-03", "November", "2024-11"},
		{"The deal will be signed in December.", "2025-03-04", "December", "2025-12"},
		{"Talks were held last week in Islamabad.", "2025-03-17", "last week", "2025-W11"},
		{"Leaders gather this week in the capital.", "2025-03-17", "this week", "2025-W12"},
		{"The company expects growth next year.", "2025-03-17", "next year", "2026"},
		{"Sales fell last year, the company said.", "2025-03-17", "last year", "2024"},
		{"Profit rose in the third quarter.", "1989-11-02", "third quarter", "1989-Q3"},
		{"It posted a third-quarter loss.", "1989-11-02", "third-quarter", "1989-Q3"},
		{"It earned $5 million in the year-ago quarter.", "1989-11-02", "year-ago quarter", "1988-Q3"},
		{"The plant opened two years ago.", "1998-02-06", "two years ago", "1996"},
		{"Sales were $5 million a year ago.", "1998-02-06", "a year ago", "1997"},
		{"Prices peaked five months ago.", "1998-02-06", "five months ago", "1997-09"},
		{"He was in Kabul yesterday and flies home tomorrow.", "2025-02-03", "yesterday", "2025-02-02"},
		{"He was in Kabul yesterday and flies home tomorrow.", "2025-02-03", "tomorrow", "2025-02-04"},
		{"The firm is currently in talks.", "2025-02-03", "currently", "PRESENT_REF"},
		{"Relations have recently improved.", "2025-02-03", "recently", "PAST_REF"},
		{"Peace may come in the near future.", "2025-02-03", "the near future", "FUTURE_REF"},
		{"We expect a strong harvest this summer.", "2025-02-03", "this summer", "2025-SU"},
		{"Crimea was annexed in 2014 after protests.", "2025-02-03", "2014", "2014"},
		{"The report was published on Feb. 3, 2025, in Moscow.", "2025-02-03", "Feb. 3, 2025", "2025-02-03"},
		{"It was agreed on 3 February 2025 in Geneva.", "2025-02-03", "3 February 2025", "2025-02-03"},
		{"Prices rose in March 2024 and again later.", "2025-02-03", "March 2024", "2024-03"},
		{"The file is dated 1998-01-08 in the archive.", "2025-02-03", "1998-01-08", "1998-01-08"},
		{"Growth was strong in the 1990s and the mid-1980s.", "2025-02-03", "1990s", "199"},
		{"Atlanta in nineteen ninety-six hosted the games.", "1998-02-06", "nineteen ninety-six", "1996"},
		{"It is the biggest change of the 20th century.", "1998-02-06", "20th century", "19"},
		{"By the year two thousand the plan will be done.", "1998-02-06", "two thousand", "2000"},
	}
	for _, c := range cases {
		d := analyse(t, c.text, c.pub)
		expect(t, d, c.phrase, c.value)
	}
}

func TestNoFalseDates(t *testing.T) {
	for _, txt := range []string{
		"Protesters march through the city. They may return.",
		"It cost $2014 and rose 1999%.",
		"Secretary Baker said on ABC's This Week that talks would go on.",
		"She is 21 and he is 30.",
		"The current account deficit widened.",
	} {
		d := analyse(t, txt, "2025-02-03")
		if len(d.Dates) != 0 {
			t.Errorf("%q: found %v, want none", txt, values(d))
		}
	}
	// A vague reference does not take the article into its span.
	if d := analyse(t, "The current chief executive resigned.", "2025-02-03"); len(d.Dates) != 1 || d.Word(d.Dates[0].Span) != "current" || d.Dates[0].Value != "PRESENT_REF" {
		t.Errorf("the current chief: %v", values(d))
	}
	// A day with a time of day is a TimeML TIME, not a DATE.
	d := analyse(t, "The attack began Saturday night near the border.", "1991-02-25")
	if len(d.Dates) != 0 {
		t.Errorf("time of day reported as a date: %v", values(d))
	}
}

func TestUnresolvedWithoutReference(t *testing.T) {
	d := analyse(t, "Trump said Sunday that he spoke to Putin last month. Talks began in 2014 and resume next week in November.", "")
	want := map[string]string{"Sunday": "XXXX-XX-XX", "last month": "XXXX-XX", "2014": "2014", "next week": "XXXX-WXX", "November": "XXXX-11"}
	got := values(d)
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%q: %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
}

func TestOffsetsPointIntoText(t *testing.T) {
	txt := "Officials said on\nSunday that “talks” continue — and last week’s meeting in Riyadh, on Feb. 12, went well."
	d := analyse(t, txt, "2025-02-17")
	if len(d.Dates) < 3 {
		t.Fatalf("found %v", values(d))
	}
	for _, dt := range d.Dates {
		if dt.Start < 0 || dt.End > len(txt) || dt.End <= dt.Start {
			t.Fatalf("bad span %+v", dt)
		}
		s := txt[dt.Start:dt.End]
		if strings.TrimSpace(s) != s || s == "" {
			t.Errorf("span %q has surrounding space", s)
		}
	}
	expect(t, d, "Feb. 12", "2025-02-12")
	expect(t, d, "last week", "2025-W07")
}

func TestNoPanic(t *testing.T) {
	inputs := []string{"", " ", "\x00\xff\xfe", "Monday", "last", "the", "nineteen", "Jan.", "31 February 2025",
		"13/45/99", "mid-", "-quarter", "year-", strings.Repeat("last next this ", 200), "Tuesday, ", "the year two"}
	for _, in := range inputs {
		for _, pub := range []string{"", "2025-02-03"} {
			analyse(t, in, pub)
		}
	}
	// A document with tokens but no sentences, and bad quote spans.
	d := &verbatim.Doc{Article: verbatim.Article{Text: "said Sunday"}}
	d.Clean = d.Text
	d.Tokens = []verbatim.Token{{Span: verbatim.Span{Start: 0, End: 4}}, {Span: verbatim.Span{Start: 5, End: 11}}}
	d.Quotes = []verbatim.Quote{{Span: verbatim.Span{Start: 50, End: 60}, Cue: verbatim.Span{Start: 0, End: 4}}, {Cue: verbatim.Span{Start: -3, End: 99}}}
	dates.Process(d)
}

// quoteDoc builds a document with one quote whose cue is the first
// occurrence of cue and whose content is the first occurrence of content.
func quoteDoc(t *testing.T, txt, pub, cue, content string) *verbatim.Doc {
	t.Helper()
	d := verbatim.NewDoc(verbatim.Article{ID: "q", Text: txt, Published: pub})
	clean.Process(d)
	text.Process(d)
	c := strings.Index(txt, cue)
	q := strings.Index(txt, content)
	if c < 0 || q < 0 {
		t.Fatalf("fixture: %q or %q not in %q", cue, content, txt)
	}
	d.Quotes = []verbatim.Quote{{Span: verbatim.Span{Start: q, End: q + len(content)}, Cue: verbatim.Span{Start: c, End: c + len(cue)}, Speaker: -1}}
	dates.Process(d)
	return d
}

func TestSaidOn(t *testing.T) {
	cases := []struct{ text, cue, content, want, at string }{
		{"Trump said Sunday that the talks were serious.", "said", "the talks were serious", "2025-02-02", "Sunday"},
		{"Putin said last month that he was open to talks.", "said", "he was open to talks", "2025-01", "last month"},
		{"On Saturday, the minister told reporters that the deal was close.", "told", "the deal was close", "2025-02-01", "Saturday"},
		{"Trump said the war would end by next year.", "said", "the war would end by next year", "2025-02-03", ""},
		{"“We will meet Tuesday,” he said.", "said", "We will meet Tuesday", "2025-02-03", ""},
		{"The envoy said Friday evening that he was hopeful.", "said", "he was hopeful", "2025-01-31", "Friday"},
		{"He said recently that things were fine.", "said", "things were fine", "2025-02-03", ""},
	}
	for _, c := range cases {
		d := quoteDoc(t, c.text, "2025-02-03", c.cue, c.content)
		q := d.Quotes[0]
		if q.SaidOn != c.want {
			t.Errorf("%q: SaidOn %q, want %q", c.text, q.SaidOn, c.want)
		}
		if got := d.Word(q.SaidOnAt); got != c.at {
			t.Errorf("%q: SaidOnAt %q, want %q", c.text, got, c.at)
		}
	}
	// Without a publication date, an unresolved day does not date the quote.
	d := quoteDoc(t, "Trump said Sunday that the talks were serious.", "", "said", "the talks were serious")
	if d.Quotes[0].SaidOn != "" || !d.Quotes[0].SaidOnAt.Empty() {
		t.Errorf("no reference: SaidOn %q at %v, want none", d.Quotes[0].SaidOn, d.Quotes[0].SaidOnAt)
	}
}

// TestSeedsGolden checks the dates a careful reader finds in the seed
// reports, resolved against their publication dates.
func TestSeedsGolden(t *testing.T) {
	dir := shared.Path(t, "seeds")
	f, err := os.Open(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	n := 0
	for sc.Scan() {
		var g struct {
			File      string            `json:"file"`
			Published string            `json:"published"`
			Dates     map[string]string `json:"dates"`
		}
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		raw, err := os.ReadFile(filepath.Join(dir, g.File))
		if err != nil {
			t.Fatal(err)
		}
		d := analyse(t, string(raw), g.Published)
		got := map[string][]string{}
		for _, dt := range d.Dates {
			got[strings.ToLower(d.Word(dt.Span))] = append(got[strings.ToLower(d.Word(dt.Span))], dt.Value)
		}
		for phrase, want := range g.Dates {
			n++
			found := false
			for _, dt := range d.Dates {
				w := d.Word(dt.Span)
				if strings.Contains(strings.ToLower(phrase), strings.ToLower(w)) || strings.Contains(strings.ToLower(w), strings.ToLower(phrase)) {
					if dt.Value == want {
						found = true
						break
					}
				}
			}
			if !found {
				t.Errorf("%s: %q = %q not found (found %v)", g.File, phrase, want, got)
			}
		}
	}
	if n == 0 {
		t.Fatal("no gold dates read")
	}
}

func TestSaidOnGranularity(t *testing.T) {
	cases := []struct{ text, pub, content, want string }{
		{"The minister said last week that talks would resume.", "2025-03-17", "talks would resume", "2025-03"}, // 2025-W11: March 10-16
		{"The minister said last week that talks would resume.", "2025-03-04", "talks would resume", "2025"},    // 2025-W09: Feb 24 - Mar 2
		{"The company said in the third quarter that sales would rise.", "2025-11-04", "sales would rise", "2025"},
		{"The envoy said in 2014 that peace was near.", "2025-03-04", "peace was near", "2014"},
	}
	for _, c := range cases {
		d := quoteDoc(t, c.text, c.pub, "said", c.content)
		if d.Quotes[0].SaidOn != c.want {
			t.Errorf("%q (%s): SaidOn %q, want %q", c.text, c.pub, d.Quotes[0].SaidOn, c.want)
		}
	}
}
