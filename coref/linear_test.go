package coref_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/coref"
	"github.com/verbatim-news/verbatim/internal/benchdata"
	"github.com/verbatim-news/verbatim/pipeline"
)

// transcript builds a parliamentary-transcript-like document of about n
// bytes: speaker turns by many members, descriptors, pronouns and reported
// speech, so that coreference sees thousands of mentions and entities.
func transcript(n int) string {
	first := []string{"John", "Mary", "Peter", "Susan", "David", "Helen", "Robert", "Anne", "Michael", "Claire", "Thomas", "Laura"}
	last := []string{"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson", "Evans",
		"Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Harris", "Lewis", "Martin", "Cooper"}
	roles := []string{"minister", "chairman", "spokesman", "secretary", "leader"}
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		f, l := first[i%len(first)], last[(i*7)%len(last)]+fmt.Sprint(i/97)
		role := roles[i%len(roles)]
		fmt.Fprintf(&b, "%s %s, the %s of the Committee on Item %d, rose to speak.\n\n", f, l, role, i)
		fmt.Fprintf(&b, "MR %s: \"We cannot accept the amendment as it stands,\" he said. \"It would harm the people of the region.\"\n\n", strings.ToUpper(l))
		fmt.Fprintf(&b, "The %s said the Treasury had not consulted the council. He added that it was a matter for the House.\n\n", role)
		fmt.Fprintf(&b, "Mr %s told members: \"I will vote against it.\" She disagreed, and the Speaker said they would return to it.\n\n", l)
	}
	return b.String()
}

// transcriptSpans returns the spans of the pronouns and role descriptors
// of a transcript, in text order.
func transcriptSpans(s string) []verbatim.Span {
	var spans []verbatim.Span
	for _, w := range []string{" he said", "He added", "She disagreed", "The minister", "The spokesman", "The leader"} {
		for off := 0; ; {
			i := strings.Index(s[off:], w)
			if i < 0 {
				break
			}
			st := off + i + len(w) - len(strings.TrimLeft(w, " "))
			end := st + len(strings.Fields(w)[0])
			if strings.HasPrefix(w, "The") {
				end = st + len(w)
			}
			spans = append(spans, verbatim.Span{Start: st, End: end})
			off += i + len(w)
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	return spans
}

// resolveAll resolves, in text order, every pronoun and role descriptor
// of a transcript and returns how long that took.
func resolveAll(t testing.TB, s string) time.Duration {
	d := analyze(t, s)
	spans := transcriptSpans(s)
	now := benchdata.CPUTime
	if now() == 0 {
		now = func() time.Duration { return time.Duration(time.Now().UnixNano()) }
	}
	t0 := now()
	found := 0
	r := coref.NewResolver(d)
	for _, sp := range spans {
		if r.Resolve(sp, coref.Context{}) >= 0 {
			found++
		}
	}
	el := now() - t0
	if found < len(spans)/2 {
		t.Fatalf("%d of %d mentions resolved", found, len(spans))
	}
	return el
}

// TestResolveLinear checks that resolving the mentions of a long
// transcript grows about linearly with its size: eight times the text may
// not take more than three times eight times as long (a quadratic cost
// takes 64 times: 68 when every mention scanned all mentions and
// entities). The best of three runs, each timed with the process's CPU
// time where it is known (a busy machine then matters less).
func TestResolveLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	best := func(n int) time.Duration {
		b := time.Duration(1 << 62)
		for range 3 {
			b = min(b, resolveAll(t, transcript(n)))
		}
		return b
	}
	small, big := best(50_000), best(400_000)
	t.Logf("50 kB %v, 400 kB %v (ratio %.1f)", small, big, float64(big)/float64(small))
	if big > 24*small {
		t.Errorf("400 kB takes %v, 50 kB %v: more than three times linear", big, small)
	}
}

// BenchmarkTranscript analyses a 1 MB transcript-like document.
//
//	go test -run '^$' -bench Transcript -cpuprofile /tmp/cpu.out ./coref/
func BenchmarkTranscript(b *testing.B) {
	a := verbatim.Article{ID: "t", Text: transcript(1 << 20)}
	p := pipeline.New()
	b.SetBytes(int64(len(a.Text)))
	for i := 0; i < b.N; i++ {
		if _, err := p.Analyze(a); err != nil {
			b.Fatal(err)
		}
	}
}

// TestResolverIncremental checks that a Resolver kept across the mentions
// of a document, picking up the mentions each resolution adds, answers as
// resolving each mention with the document indexed anew.
func TestResolverIncremental(t *testing.T) {
	s := transcript(20_000)
	spans := transcriptSpans(s)
	fresh, kept := analyze(t, s), analyze(t, s)
	r := coref.NewResolver(kept)
	found := 0
	for _, sp := range spans {
		want := coref.Resolve(fresh, sp, coref.Context{})
		if got := r.Resolve(sp, coref.Context{}); got != want {
			t.Fatalf("%q at %d: kept resolver %d, fresh index %d", s[sp.Start:sp.End], sp.Start, got, want)
		}
		if want >= 0 {
			found++
		}
	}
	if found < len(spans)/2 || len(kept.Mentions) != len(fresh.Mentions) {
		t.Fatalf("%d of %d resolved; mentions %d vs %d", found, len(spans), len(kept.Mentions), len(fresh.Mentions))
	}
}
