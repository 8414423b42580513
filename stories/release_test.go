package stories

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
)

// eventFeatures generates the features of n articles about events that
// follow one another in time, in date order: each event lasts a few days,
// has a vocabulary, a named person and statements of its own, and is
// reported by 2–6 articles quoting its statements (whole or in part).
// Every lateEvery-th article (0: none) is a late report of an event long
// closed: undated, or dated today but giving the old event's day.
func eventFeatures(seed int64, n, lateEvery int) []*Features {
	r := rand.New(rand.NewSource(seed))
	word := func(e, k int) string { return fmt.Sprintf("w%dx%d", e, k) }
	name := func(e int) string {
		b := []byte("Alex ")
		b = append(b, byte('A'+e%26))
		for x := e; x > 0; x /= 26 {
			b = append(b, byte('a'+x%26))
		}
		return string(append(b, "son"...))
	}
	statement := func(e, k int) string {
		var b strings.Builder
		for i := range 12 {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(word(e, 40+k*12+i))
		}
		return b.String()
	}
	article := func(e, day int) *Features {
		f := &Features{Title: "report " + word(e, 0), Outlet: fmt.Sprintf("outlet%d", r.Intn(9)), Day: day}
		seen := map[string]bool{}
		addTerm := func(t string, c int32) {
			if !seen[t] {
				seen[t] = true
				f.Terms = append(f.Terms, t)
				f.Counts = append(f.Counts, c)
			}
		}
		for range 14 {
			addTerm(word(e, r.Intn(20)), int32(1+r.Intn(3)))
		}
		for range 4 { // words every report uses
			addTerm(fmt.Sprintf("common%d", r.Intn(30)), 1)
		}
		f.Entities = []EntityFeature{{Name: name(e), Type: verbatim.Person, Mentions: 3}}
		addTerm("\x01p"+strings.ToLower(name(e)[5:]), 3)
		for k := range 2 + r.Intn(3) {
			text := statement(e, r.Intn(4))
			if w := strings.Fields(text); k%2 == 1 {
				text = strings.Join(w[r.Intn(3):], " ") // a partial quote
			}
			f.Quotes = append(f.Quotes, QuoteFeature{Text: text, Speaker: 0})
		}
		return f
	}
	var out []*Features
	e, day := 0, 20000
	left := 0
	for len(out) < n {
		if lateEvery > 0 && len(out) > 0 && len(out)%lateEvery == 0 && e > 40 {
			old := r.Intn(e - 30)
			f := article(old, -1)
			if len(out)%(2*lateEvery) == 0 {
				f = article(old, day)
				f.Refs = []int32{int32(20000 + old*2)}
			}
			out = append(out, f)
			continue
		}
		if left == 0 {
			e++
			left = 2 + r.Intn(5)
		}
		out = append(out, article(e, 20000+e*2+r.Intn(3)))
		day = max(day, out[len(out)-1].Day)
		left--
	}
	return out
}

// grouping is what a clusterer decided: each story's articles, each
// statement's reports, each topic's stories.
func grouping(c *Clusterer) string {
	var b strings.Builder
	for _, s := range c.Stories() {
		fmt.Fprintf(&b, "%s %s %v %v\n", s.ID, s.Topic, s.Articles, s.People)
	}
	for _, st := range c.Statements() {
		fmt.Fprintf(&b, "%s %s %s", st.ID, st.Story, st.Speaker)
		for _, r := range st.Reports {
			fmt.Fprintf(&b, " %s/%d", r.Article, r.Quote)
		}
		b.WriteByte('\n')
	}
	for _, a := range c.Articles() {
		fmt.Fprintf(&b, "%s %s %v\n", a.ID, a.Story, a.Entities)
	}
	return b.String()
}

// TestReleaseClosedSameDecisions: releasing the closed stories' linking
// state as articles come (late reports of closed events among them, which
// rebuild it) leaves every story, statement and identity as it is without
// releasing.
func TestReleaseClosedSameDecisions(t *testing.T) {
	fs := eventFeatures(3, 1500, 37)
	kept, released := New(Options{}), New(Options{})
	total, rejoined := 0, 0
	for i, f := range fs {
		id := fmt.Sprintf("a%d", i)
		kept.AddFeatures(f, id)
		released.AddFeatures(f, id)
		if f.Day < 0 || len(f.Refs) > 0 {
			s := released.stories[released.articles[i].story]
			if s.nsh < 0 || len(s.members) > 1 && s.first < f.Day-100 {
				rejoined++
			}
		}
		if i%7 == 6 {
			total += released.ReleaseClosed()
		}
		if i%150 == 149 {
			kept.Consolidate()
			released.Consolidate()
			total += released.ReleaseClosed()
		}
	}
	kept.Consolidate()
	released.Consolidate()
	if total == 0 || rejoined == 0 {
		t.Fatalf("the test releases no story (%d) or no late report joins a released one (%d)", total, rejoined)
	}
	got, want := grouping(released), grouping(kept)
	if got != want {
		gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("%d stories released: decisions differ at line %d:\nreleased %s\nkept     %s", total, i, gl[i], wl[i])
			}
		}
		t.Fatalf("decisions differ: %d lines released, %d kept", len(gl), len(wl))
	}
	t.Logf("%d releases, %d late reports joined a released story", total, rejoined)
}

// TestLinkingStateBounded guards the memory curve of statement linking: with
// the closed stories released, four times the articles over four times the
// days hold about the same 3-shingles in memory (the open stories'); kept,
// they hold four times as many.
func TestLinkingStateBounded(t *testing.T) {
	state := func(n int, release bool) int {
		c := New(Options{})
		for i, f := range eventFeatures(5, n, 0) {
			c.AddFeatures(f, fmt.Sprintf("a%d", i))
			if i%256 == 255 {
				c.Consolidate()
				if release {
					c.ReleaseClosed()
				}
			}
		}
		c.Consolidate()
		if release {
			c.ReleaseClosed()
		}
		sh, _ := c.LinkingState()
		return sh
	}
	// 500 articles span about 500 days, more than twice the days after
	// which a story closes (closeDays, 238 with the defaults)
	small, large := state(500, true), state(2000, true)
	ratio := float64(large) / float64(small)
	keptRatio := float64(state(2000, false)) / float64(state(500, false))
	t.Logf("3-shingles in memory: 500 articles %d, 2,000 articles %d: ×%.2f (kept: ×%.2f)", small, large, ratio, keptRatio)
	if keptRatio < 3 {
		t.Fatalf("kept, the linking state grows ×%.2f for 4× the articles: the test no longer measures growth", keptRatio)
	}
	if ratio > 1.5 {
		t.Fatalf("4× the articles over 4× the days hold ×%.2f the 3-shingles in memory (500: %d, 2,000: %d): closed stories are not released", ratio, small, large)
	}
}

func TestCloseDays(t *testing.T) {
	c := New(Options{})
	d := c.closeDays()
	// a similarity of 1 decayed over d days of gap is below the threshold,
	// over d-1 days it is not
	if got := c.eventSim(1, 1, 0, 0, d, d, false); got >= c.opt.Threshold {
		t.Fatalf("closeDays %d: similarity 1 decays to %.4f, not below the threshold", d, got)
	}
	if got := c.eventSim(1, 1, 0, 0, d-2, d-2, false); got < c.opt.Threshold {
		t.Fatalf("closeDays %d is not the least such gap: %d days decay to %.4f", d, d-2, got)
	}
}

// TestLinkBudgetSameDecisions: with a small linking budget, the stories
// linked longest ago release their linking state whatever their dates
// (undated articles among them), the state held stays near the budget,
// and every story, statement and identity is as without releasing.
func TestLinkBudgetSameDecisions(t *testing.T) {
	defer func(n int) { linkBudget = n }(linkBudget)
	linkBudget = 1500
	fs := eventFeatures(9, 1200, 29)
	for i := range fs {
		if i%5 == 0 {
			fs[i].Day = -1 // many undated: the dates alone close few stories
		}
	}
	kept, released := New(Options{}), New(Options{})
	total, most := 0, 0
	for i, f := range fs {
		id := fmt.Sprintf("a%d", i)
		kept.AddFeatures(f, id)
		released.AddFeatures(f, id)
		if i%50 == 49 {
			kept.Consolidate()
			released.Consolidate()
			total += released.ReleaseClosed()
			sh, _ := released.LinkingState()
			most = max(most, sh)
		}
	}
	kept.Consolidate()
	released.Consolidate()
	if total == 0 {
		t.Fatal("the budget released no story")
	}
	// released down to 3/4 of the budget, then at most 50 articles' worth
	if most > 3*linkBudget {
		t.Fatalf("the linking state held %d 3-shingles after a release, budget %d", most, linkBudget)
	}
	sameGrouping(t, "linking budget", released, kept)
	t.Logf("%d releases, at most %d 3-shingles held (budget %d)", total, most, linkBudget)
}
