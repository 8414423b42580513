package stories

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/shared"
	"github.com/verbatim-news/verbatim/pipeline"
)

func analyze(t *testing.T, a verbatim.Article) *verbatim.Doc {
	t.Helper()
	d, err := pipeline.Analyze(a)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func fixture(t *testing.T, name string) verbatim.Article {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return verbatim.Article{ID: strings.TrimSuffix(name, ".txt"), Text: string(b)}
}

// TestSeedsFormOneStory: the two seed reports (six weeks and two outlets
// apart) form one story; short articles that merely mention the same
// president do not join it and do not collapse into one story.
func TestSeedsFormOneStory(t *testing.T) {
	seeds := []string{"seeds/000_cb628205246a436e.txt", "seeds/004_b0ae78c92d7ea8b0.txt"}
	pub := []string{"2025-02-03", "2025-03-17"}
	var docs []*verbatim.Doc
	for i, s := range seeds {
		p := shared.Path(t, s)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, analyze(t, verbatim.Article{ID: filepath.Base(p), Text: string(b), Published: pub[i]}))
	}
	others := []string{"tariffs.txt", "golf.txt", "greenland.txt", "vaccine.txt", "chess.txt"}
	for _, f := range others {
		a := fixture(t, f)
		a.Published = "2025-02-20"
		docs = append(docs, analyze(t, a))
	}
	// seeds first, last and in the middle: order must not matter
	orders := [][]int{{0, 1, 2, 3, 4, 5, 6}, {2, 3, 0, 4, 5, 6, 1}, {2, 3, 4, 5, 6, 1, 0}}
	for _, ord := range orders {
		var in []*verbatim.Doc
		for _, k := range ord {
			in = append(in, docs[k])
		}
		c := Batch(in, Options{})
		a0, a1 := c.Article(docs[0].ID), c.Article(docs[1].ID)
		if a0.Story != a1.Story {
			t.Errorf("order %v: seeds in stories %s and %s (similarity %.3f)", ord, a0.Story, a1.Story, a1.Similarity)
		}
		stories := map[string]bool{}
		for _, f := range others[:4] {
			a := c.Article(strings.TrimSuffix(f, ".txt"))
			if a.Story == a0.Story {
				t.Errorf("order %v: %s joined the seed story", ord, a.ID)
			}
			stories[a.Story] = true
		}
		if len(stories) < 3 {
			t.Errorf("order %v: four unrelated articles mentioning Trump fell into %d stories", ord, len(stories))
		}
	}
}

// doc builds an analysed document by hand: quotes are given as
// speaker|text pairs and found in the text.
func doc(id, outlet, published, text string, entities []verbatim.Entity, quotes ...string) *verbatim.Doc {
	d := &verbatim.Doc{Article: verbatim.Article{ID: id, Outlet: outlet, Published: published, Text: text}}
	d.Clean = text
	d.Entities = entities
	for _, q := range quotes {
		who, body, _ := strings.Cut(q, "|")
		i := strings.Index(text, body)
		if i < 0 {
			panic("quote not in text: " + body)
		}
		sp := -1
		for k, e := range entities {
			if e.Name == who {
				sp = k
			}
		}
		d.Quotes = append(d.Quotes, verbatim.Quote{Span: verbatim.Span{Start: i, End: i + len(body)}, Speaker: sp, Type: verbatim.Direct, SaidOn: published})
	}
	return d
}

func persons(names ...string) []verbatim.Entity {
	var es []verbatim.Entity
	for _, n := range names {
		es = append(es, verbatim.Entity{Name: n, Type: verbatim.Person})
	}
	return es
}

const wire = `The mayor of Riverton said on Monday that the flooded bridge over the Alder river would stay closed until engineers finished inspecting its piers. "We will not reopen a bridge that might fall into the river, whatever the pressure from businesses," Mayor Anna Kowalski told reporters at city hall. Traders on the east bank said footfall had halved since the water rose. The council has set up a free shuttle bus between the two banks and expects the inspection to take three weeks. Kowalski added that the state would share the cost of repairs.`

// TestSyndicatedCopyFlagged: a wire article republished by another outlet
// with its own header is flagged as a copy, joins the original's story, and
// its quote is not counted as an independent outlet.
func TestSyndicatedCopyFlagged(t *testing.T) {
	c := New(Options{})
	q := "Anna Kowalski|We will not reopen a bridge that might fall into the river, whatever the pressure from businesses"
	orig := c.Add(doc("wire", "Metro Wire", "2025-04-07", wire, persons("Anna Kowalski"), q))
	copyText := "RIVERTON DAILY — Local news\n\n" + strings.Replace(wire, "on Monday", "on Monday, April 7,", 1) + "\n\nRead more local news."
	cp := c.Add(doc("daily", "Riverton Daily", "2025-04-07", copyText, persons("Anna Kowalski"), q))
	other := c.Add(doc("other", "Metro Wire", "2025-04-07", "Riverton's chess club celebrated its centenary with a simultaneous exhibition in the library, where a grandmaster played forty boards and lost only two.", nil))
	if cp.CopyOf != orig.ID || cp.Story != orig.Story {
		t.Fatalf("copy: CopyOf %q story %s, want %q story %s", cp.CopyOf, cp.Story, orig.ID, orig.Story)
	}
	if other.CopyOf != "" || other.Story == orig.Story {
		t.Fatalf("unrelated article flagged %q / in story %s", other.CopyOf, other.Story)
	}
	tl := c.Timeline(orig.Story)
	if len(tl) != 1 || len(tl[0].Reports) != 2 {
		t.Fatalf("timeline %+v", tl)
	}
	if len(tl[0].Outlets) != 1 || tl[0].Outlets[0] != "Metro Wire" || !tl[0].Reports[1].Syndicated {
		t.Errorf("independent outlets %v (copy report syndicated=%v)", tl[0].Outlets, tl[0].Reports[1].Syndicated)
	}
}

// TestSameStatementAcrossOutlets: verbatim, truncated and partial reports of
// one statement are linked; another statement of the same speaker and the
// same words said by someone else are not.
func TestSameStatementAcrossOutlets(t *testing.T) {
	full := "We want to see if we can bring that war to an end. Maybe we can, maybe we can't, but I think we have a very good chance."
	t1 := `Donald Trump spoke aboard Air Force One about the war in Ukraine and a ceasefire with Russia. "` + full + `" He also said: "We will be talking about land."`
	t2 := `Talks on a ceasefire between Russia and Ukraine: Trump said "we can bring that war to an end" and that "maybe we can, maybe we can't, but I think we have a very good chance" of a deal over the war.`
	t3 := `On the war in Ukraine and a ceasefire with Russia, Trump said: "We want to see if we can bring that war to an end." Separately, Vladimir Putin told officials: "We will be talking about land."`
	c := New(Options{})
	c.Add(doc("a", "Dawn", "2025-03-17", t1, persons("Donald Trump"), "Donald Trump|"+full, "Donald Trump|We will be talking about land."))
	c.Add(doc("b", "Reuters", "2025-03-17", t2, persons("Trump"), "Trump|we can bring that war to an end", "Trump|maybe we can, maybe we can't, but I think we have a very good chance"))
	c.Add(doc("c", "AFP", "2025-03-18", t3, persons("Trump", "Vladimir Putin"), "Trump|We want to see if we can bring that war to an end.", "Vladimir Putin|We will be talking about land."))
	if s := c.Stories(); len(s) != 1 {
		t.Fatalf("%d stories, want 1", len(s))
	}
	st := c.Statements()
	var war, land []Statement
	for _, s := range st {
		if strings.Contains(strings.ToLower(s.Text), "war to an end") {
			war = append(war, s)
		}
		if strings.Contains(s.Text, "talking about land") {
			land = append(land, s)
		}
	}
	if len(war) != 1 || len(war[0].Reports) != 4 {
		t.Fatalf("war statement: %d groups, reports %+v", len(war), war)
	}
	if len(war[0].Outlets) != 3 || war[0].Text != full {
		t.Errorf("outlets %v text %q", war[0].Outlets, war[0].Text)
	}
	if len(land) != 2 {
		t.Errorf("'talking about land' by Trump and by Putin: %d statements, want 2", len(land))
	}
	// person timeline through the resolver: "Trump" and "Donald Trump" are one
	trump := c.Article("b").Entities[0]
	if trump == "" || trump != c.Article("a").Entities[0] {
		t.Fatalf("Trump ids %q %q", trump, c.Article("a").Entities[0])
	}
	pt := c.PersonTimeline(trump)
	if len(pt) != 2 {
		t.Errorf("Trump's timeline has %d statements, want 2 (war, land)", len(pt))
	}
}

func TestTimelineOrder(t *testing.T) {
	c := New(Options{})
	base := "The harbour authority of Port Ellis and the dockworkers union discussed the container terminal strike, pay and night shifts. "
	d1 := doc("late", "X", "2025-05-10", base+`"The strike is over," said Ruth Mendes.`, persons("Ruth Mendes"), "Ruth Mendes|The strike is over,")
	d2 := doc("early", "Y", "2025-05-02", base+`"We will strike on Monday," said Ruth Mendes.`, persons("Ruth Mendes"), "Ruth Mendes|We will strike on Monday,")
	d2.Quotes[0].SaidOn = "2025-05-01"
	c.Add(d1)
	c.Add(d2)
	tl := c.Timeline(c.Article("late").Story)
	if c.Article("early").Story != c.Article("late").Story {
		t.Fatalf("not one story")
	}
	if len(tl) != 2 || tl[0].SaidOn != "2025-05-01" || tl[1].SaidOn != "2025-05-10" {
		t.Fatalf("timeline order: %+v", tl)
	}
}

func TestNoPanicOnJunk(t *testing.T) {
	c := New(Options{})
	for _, s := range []string{"", " ", "\xff\xfe\x00", "“", strings.Repeat("a ", 10000), "É"} {
		d := &verbatim.Doc{Article: verbatim.Article{Text: s}}
		d.Quotes = []verbatim.Quote{{Span: verbatim.Span{Start: 0, End: len(s) + 5}, Speaker: 3}}
		c.Add(d)
	}
	c.Add(&verbatim.Doc{})
	if len(c.Articles()) != 7 {
		t.Fatal(len(c.Articles()))
	}
	c.Statements()
	c.Stories()
}

// Features survive encoding, and adding decoded features groups exactly as
// adding the documents.
func TestFeaturesRoundTrip(t *testing.T) {
	docs := bbcSample(t)
	a, b := New(Options{}), New(Options{})
	for i, d := range docs {
		f := FeaturesOf(d)
		g, err := DecodeFeatures(f.AppendBinary(nil))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(f, g) {
			t.Fatalf("article %d: decoded features differ", i)
		}
		a.Add(d)
		b.AddFeatures(g, d.ID)
	}
	if x, y := exported(t, a), exported(t, b); x != y {
		t.Fatal("adding features differs from adding documents")
	}
	if _, err := DecodeFeatures([]byte{featuresVersion, 200, 200, 200, 1}); err == nil {
		t.Fatal("corrupt features decoded")
	}
}

// TestFeaturesOfVersion1: features a library stored with an earlier
// version (entity terms without their kind and weight, no dates) are read
// as the current ones, their entity terms made again from their entities.
func TestFeaturesOfVersion1(t *testing.T) {
	for i, d := range bbcSample(t)[:50] {
		f := FeaturesOf(d)
		f.Refs = nil // version 1 kept no dates
		cur := f.AppendBinary(nil)
		// version 1: the same layout without the dates, entity terms
		// "\x01" + key counted 0
		old := &Features{}
		*old = *f
		old.Terms, old.Counts = nil, nil
		for k, term := range f.Terms {
			if term[0] == 1 {
				term, f.Counts[k] = "\x01"+term[2:], 0
			}
			old.Terms, old.Counts = append(old.Terms, term), append(old.Counts, f.Counts[k])
		}
		v1 := old.AppendBinary(nil)
		v1 = append([]byte{1}, v1[1:len(v1)-1]...)
		g, err := DecodeFeatures(v1)
		if err != nil {
			t.Fatalf("article %d: %v", i, err)
		}
		want, _ := DecodeFeatures(cur)
		if !reflect.DeepEqual(want, g) {
			t.Fatalf("article %d: version 1 read as\n%v %v\nwant\n%v %v", i, g.Terms, g.Counts, want.Terms, want.Counts)
		}
	}
}

// TestSnapshotContinues: a clusterer loaded from a snapshot and given the
// rest of the articles ends as the one that was given all of them (the
// snapshot is taken at several points, including inside story merges'
// aftermath and with no article at all), and its snapshot is the same.
func TestSnapshotContinues(t *testing.T) {
	docs := bbcSample(t)
	whole := New(Options{})
	for _, d := range docs {
		whole.Add(d)
	}
	want := exported(t, whole)
	for _, cut := range []int{0, 1, 40, 97, len(docs)} {
		c := New(Options{})
		for _, d := range docs[:cut] {
			c.Add(d)
		}
		decided := len(c.Resolver.Decisions)
		snap := c.AppendSnapshot(nil)
		l, err := LoadSnapshot(snap, Options{})
		if err != nil {
			t.Fatalf("cut %d: %v", cut, err)
		}
		if again := l.AppendSnapshot(nil); string(again) != string(snap) {
			t.Fatalf("cut %d: the loaded clusterer's snapshot differs", cut)
		}
		if s, err := LoadSnapshotStream(len(snap), inParts(snap, 997), Options{}); err != nil || string(s.AppendSnapshot(nil)) != string(snap) {
			t.Fatalf("cut %d: the clusterer loaded part by part differs (%v)", cut, err)
		}
		for _, d := range docs[cut:] {
			l.Add(d)
		}
		l.Resolver.Decisions = append(slices.Clone(whole.Resolver.Decisions[:decided]), l.Resolver.Decisions...)
		if got := exported(t, l); got != want {
			t.Fatalf("cut %d: continuing from the snapshot differs from adding every article", cut)
		}
	}
	snap := whole.AppendSnapshot(nil)
	if _, err := LoadSnapshot(snap, Options{Threshold: 0.2}); err != ErrSnapshot {
		t.Errorf("a snapshot taken with other options loaded: %v", err)
	}
	for _, n := range []int{0, 1, 100, len(snap) / 2, len(snap) - 1} {
		if _, err := LoadSnapshot(snap[:n], Options{}); err == nil {
			t.Errorf("a snapshot cut at %d bytes loaded", n)
		}
		if _, err := LoadSnapshotStream(len(snap), inParts(snap[:n], 997), Options{}); err == nil {
			t.Errorf("a snapshot cut at %d bytes loaded part by part", n)
		}
	}
}

// inParts gives data in parts of n bytes, then nil.
func inParts(data []byte, n int) func() []byte {
	return func() []byte {
		if len(data) == 0 {
			return nil
		}
		p := data[:min(n, len(data))]
		data = data[len(p):]
		return p
	}
}

// bbcSample analyses the fixtures and 150 BBC politics articles (several
// stories, syndicated copies, quotes of one statement).
func bbcSample(t *testing.T) []*verbatim.Doc {
	var docs []*verbatim.Doc
	for _, f := range []string{"tariffs.txt", "golf.txt", "greenland.txt", "vaccine.txt", "chess.txt"} {
		docs = append(docs, analyze(t, fixture(t, f)))
	}
	files, _ := filepath.Glob(filepath.Join(shared.Path(t, "data/bbc"), "politics", "*.txt"))
	for _, f := range files[:min(len(files), 150)] {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, analyze(t, verbatim.Article{ID: filepath.Base(f), Text: string(b), Published: "2005-01-10"}))
	}
	return docs
}

// exported is everything a clusterer tells (stories, articles, statements,
// identities, decisions) as JSON.
func exported(t *testing.T, c *Clusterer) string {
	b, err := json.Marshal([]any{c.Stories(), c.Articles(), c.Statements(), c.Resolver.Entities, c.Resolver.Decisions})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestFeaturesDetached: no string of an article's features is a slice of
// its text (a clusterer keeps quotes, names and titles for the life of a
// library, and a slice would keep the whole text with it).
func TestFeaturesDetached(t *testing.T) {
	d := analyze(t, fixture(t, "tariffs.txt"))
	d.Title = d.Text[:40] // a title that is part of the text
	within := func(s, text string) bool {
		if s == "" || text == "" {
			return false
		}
		p, t0 := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(text)))
		return p >= t0 && p < t0+uintptr(len(text))
	}
	f := FeaturesOf(d)
	if len(f.Quotes) == 0 || len(f.Entities) == 0 {
		t.Fatal("fixture without quotes or entities")
	}
	strs := []string{f.Title}
	for _, e := range f.Entities {
		strs = append(append(strs, e.Name), e.Roles...)
	}
	for _, q := range f.Quotes {
		strs = append(strs, q.Text, q.Via)
	}
	for _, s := range strs {
		if within(s, d.Text) || within(s, d.Clean) {
			t.Fatalf("%q is a slice of the article's text", s)
		}
	}
}

// TestSnapshotInParts: the parts WriteSnapshot flushes and the rest it
// returns are, in order, the bytes of AppendSnapshot.
func TestSnapshotInParts(t *testing.T) {
	c := New(Options{})
	for _, d := range bbcSample(t)[:60] {
		c.Add(d)
	}
	whole := c.AppendSnapshot(nil)
	var got []byte
	parts := 0
	rest := c.WriteSnapshot(make([]byte, 0, 4096), 4096, func(b []byte) []byte {
		if len(b) < 4096 {
			t.Fatalf("a part of %d bytes", len(b))
		}
		got = append(got, b...)
		parts++
		return b[:0]
	})
	got = append(got, rest...)
	if parts < 2 || !bytes.Equal(got, whole) {
		t.Fatalf("%d parts, %d bytes, want the %d of AppendSnapshot", parts, len(got), len(whole))
	}
}
