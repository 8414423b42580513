package resolve

import (
	"fmt"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
)

// doc builds an analysed article with one entity per name (type person unless
// the name is given as "org:Name" or "place:Name").
func doc(id string, names ...string) *verbatim.Doc {
	d := &verbatim.Doc{Article: verbatim.Article{ID: id}}
	for _, n := range names {
		t := verbatim.Person
		if s, ok := strings.CutPrefix(n, "org:"); ok {
			t, n = verbatim.Organization, s
		} else if s, ok := strings.CutPrefix(n, "place:"); ok {
			t, n = verbatim.Place, s
		}
		d.Entities = append(d.Entities, verbatim.Entity{Name: n, Type: t})
	}
	return d
}

func TestParseName(t *testing.T) {
	for _, c := range []struct{ in, first, last string }{
		{"U.S. President Donald Trump", "donald", "trump"},
		{"Donald J. Trump", "donald", "trump"},
		{"President Trump", "", "trump"},
		{"Trump's", "", "trump"},
		{"Martin Luther King Jr.", "martin", "king"},
		{"Volodymyr Zelenskyy", "volodymyr", "zelenskyy"},
		{"José Pérez", "jose", "perez"},
		{"", "", ""},
	} {
		n := ParseName(c.in, verbatim.Person)
		if n.First != c.first || n.Last != c.last {
			t.Errorf("ParseName(%q) = %q %q, want %q %q", c.in, n.First, n.Last, c.first, c.last)
		}
	}
}

func TestSpellingsOfOnePersonMerge(t *testing.T) {
	r := New()
	a := r.Add(doc("a", "U.S. President Donald Trump", "Vladimir Putin", "place:Ukraine"))
	b := r.Add(doc("b", "Trump", "Putin", "place:Ukraine"))
	c := r.Add(doc("c", "Donald J. Trump"))
	d := r.Add(doc("d", "President Trump"))
	if a[0] == "" || a[0] != b[0] || a[0] != c[0] || a[0] != d[0] {
		t.Fatalf("Trump spellings got ids %q %q %q %q, want one", a[0], b[0], c[0], d[0])
	}
	if a[1] != b[1] {
		t.Errorf("Putin: %q vs %q", a[1], b[1])
	}
	if a[2] != b[2] || !strings.HasPrefix(a[2], "place:") {
		t.Errorf("Ukraine: %q vs %q", a[2], b[2])
	}
	if got := r.Get(a[0]).Name; got != "Donald Trump" {
		t.Errorf("canonical name %q", got)
	}
	ex := r.Explain(a[0])
	if len(ex) != 4 || ex[0].Kind != "new" || ex[1].Kind != "merge" {
		t.Fatalf("explanations: %v", ex)
	}
	if !strings.Contains(ex[1].Reason, "same surname") || !strings.Contains(ex[1].Reason, "shared context") {
		t.Errorf("merge reason lacks evidence: %s", ex[1])
	}
}

func TestMisspeltSurnameMerges(t *testing.T) {
	r := New()
	a := r.Add(doc("a", "Keith Kellogg", "Donald Trump", "org:Fox News"))
	b := r.Add(doc("b", "Keith Kellog"))
	c := r.Add(doc("c", "Kellog", "Donald Trump"))
	if a[0] != b[0] || a[0] != c[0] {
		t.Fatalf("Kellogg/Kellog ids %q %q %q", a[0], b[0], c[0])
	}
	ex := r.Explain(a[0])
	if !strings.Contains(ex[1].Reason, "surname spelling") {
		t.Errorf("reason %q", ex[1].Reason)
	}
}

func TestMisspeltSurnameWithoutEvidenceStaysApart(t *testing.T) {
	r := New()
	a := r.Add(doc("a", "Keith Kellogg"))
	b := r.Add(doc("b", "Kellog"))
	if a[0] == b[0] {
		t.Fatalf("bare misspelt surname with no context merged: %q", a[0])
	}
}

func TestSurnameCollisionNotMerged(t *testing.T) {
	r := New()
	a := r.Add(doc("a", "Barack Obama", "org:White House"))
	b := r.Add(doc("b", "Michelle Obama", "org:White House"))
	if a[0] == b[0] {
		t.Fatalf("Barack and Michelle Obama merged into %q", a[0])
	}
	apart := false
	for _, d := range r.Decisions {
		if d.Kind == "apart" && strings.Contains(d.Reason, "different first names") {
			apart = true
		}
	}
	if !apart {
		t.Errorf("no 'apart' decision recorded: %v", r.Decisions)
	}
	// a bare surname goes to the one whose context it shares
	r.Add(doc("c", "Barack Obama", "Joe Biden"))
	c := r.Add(doc("d", "Obama", "Joe Biden"))
	if c[0] != a[0] {
		t.Errorf("bare Obama with Biden context went to %q, want %q", c[0], a[0])
	}
}

func TestNicknameAndInitial(t *testing.T) {
	r := New()
	a := r.Add(doc("a", "William Clinton"))
	b := r.Add(doc("b", "Bill Clinton"))
	c := r.Add(doc("c", "Hillary Clinton"))
	d := r.Add(doc("d", "W. Clinton"))
	if a[0] != b[0] || a[0] != d[0] {
		t.Errorf("William/Bill/W. Clinton: %q %q %q", a[0], b[0], d[0])
	}
	if c[0] == a[0] {
		t.Errorf("Hillary merged with Bill")
	}
}

func TestOrganisationsAndTypesKeptSeparate(t *testing.T) {
	r := New()
	a := r.Add(doc("a", "org:Reuters", "Jordan"))
	b := r.Add(doc("b", "org:Reuters", "place:Jordan"))
	if a[0] != b[0] {
		t.Errorf("Reuters ids %q %q", a[0], b[0])
	}
	if a[1] == b[1] {
		t.Errorf("person Jordan merged with place Jordan")
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{{"kellogg", "kellog", 1}, {"abc", "acb", 1}, {"zelensky", "zelenskyy", 1}, {"putin", "biden", 3}} {
		if got := editDistance(c.a, c.b, 2); got != min(c.d, 3) {
			t.Errorf("editDistance(%q,%q)=%d want %d", c.a, c.b, got, c.d)
		}
	}
}

func TestEmptyAndJunk(t *testing.T) {
	r := New()
	ids := r.Add(doc("a", "", "   ", "Mr.", "\xff\xfe"))
	if len(ids) != 4 {
		t.Fatal(ids)
	}
	r.Add(&verbatim.Doc{})
}

func TestSameStoryIsContext(t *testing.T) {
	r := New()
	a := r.Add(doc("a", "Keith Kellogg"))
	b := r.AddInStory(doc("b", "Kellog"), map[string]int{a[0]: 1})
	if a[0] != b[0] {
		t.Fatalf("Kellog in Kellogg's story not merged: %q %q", a[0], b[0])
	}
	if ex := r.Explain(a[0]); !strings.Contains(ex[len(ex)-1].Reason, "same story") {
		t.Errorf("reason %q", ex[len(ex)-1].Reason)
	}
}

func TestAcronyms(t *testing.T) {
	r := New()
	a := r.Add(doc("a", "org:Agence France-Presse", "org:European Union"))
	b := r.Add(doc("b", "org:AFP", "org:EU", "org:Apple"))
	c := r.Add(doc("c", "org:European Union"))
	if a[0] != b[0] || a[1] != b[1] || a[1] != c[0] {
		t.Fatalf("acronyms: %v %v %v", a, b, c)
	}
	if b[2] == a[0] || b[2] == a[1] {
		t.Errorf("Apple merged with %q", b[2])
	}
	r2 := New()
	x := r2.Add(doc("x", "org:NATO"))
	y := r2.Add(doc("y", "org:North Atlantic Treaty Organization"))
	if x[0] != y[0] {
		t.Errorf("NATO spelled out: %q %q", x[0], y[0])
	}
}

// TestRareContextKeepsNearSurnamesApart: one letter apart and sharing only
// names that most articles mention, "Browne" is not Gordon Brown and
// "Terry" is not John Kerry; sharing a name few articles have, a misspelt
// surname still joins its person.
func TestRareContextKeepsNearSurnamesApart(t *testing.T) {
	r := New()
	for i := range 200 { // "BBC" and "United States" in every article
		r.Add(doc(fmt.Sprint("filler", i), "org:BBC", "place:United States", fmt.Sprintf("Person%c Number%d", 'A'+i%26, i)))
	}
	brown := r.Add(doc("a", "Gordon Brown", "org:BBC", "place:United States", "org:Treasury"))
	browne := r.Add(doc("b", "Browne", "org:BBC", "place:United States"))
	if browne[0] == brown[0] {
		t.Errorf("Browne joined Gordon Brown on common context only")
	}
	kerry := r.Add(doc("c", "John Kerry", "place:United States"))
	terry := r.Add(doc("d", "Terry", "place:United States", "org:BBC"))
	if terry[0] == kerry[0] {
		t.Errorf("Terry joined John Kerry on common context only")
	}
	kellogg := r.Add(doc("e", "Keith Kellogg", "org:Fox News", "place:United States"))
	kellog := r.Add(doc("f", "Kellog", "org:Fox News"))
	if kellog[0] != kellogg[0] {
		t.Errorf("Kellog sharing a rare name (Fox News) did not join Keith Kellogg: %q %q", kellog[0], kellogg[0])
	}
}

// TestNicknamesParticlesAndMiddleNames covers given-name forms of one person.
func TestNicknamesParticlesAndMiddleNames(t *testing.T) {
	r := New()
	for _, c := range [][2]string{
		{"Maurice Cheeks", "Mo Cheeks"}, {"Kathryn Jenkin", "Katie Jenkin"}, {"John Owen", "Jon Owen"},
		{"Gaetano Lo Presti", "Lo Presti"}, {"Cheryl Boone Isaacs", "Boone Isaacs"}, {"Jose Luis Orozco", "Luis Orozco"},
		{"Duncan Raite", "Duncan Rait"},
	} {
		a := r.Add(doc("x"+c[0], c[0], "org:Harbour Board "+c[0]))
		b := r.Add(doc("y"+c[1], c[1], "org:Harbour Board "+c[0]))
		if a[0] != b[0] {
			t.Errorf("%q and %q: %q %q", c[0], c[1], a[0], b[0])
		}
	}
	a := r.Add(doc("z1", "Jim Rait"))
	b := r.Add(doc("z2", "Robert Raite"))
	if a[0] == b[0] {
		t.Error("a 4-letter surname's variant joined with another given name")
	}
}

// TestSurnameTypedPlaceInStory: "Bush" typed a place in an article of a
// story about Reggie Bush is the person; a given name alone too.
func TestSurnameTypedPlaceInStory(t *testing.T) {
	r := New()
	a := r.Add(doc("a", "Reggie Bush", "org:New Orleans Saints"))
	b := r.AddInStory(doc("b", "place:Bush", "Lindsay Lohan"), map[string]int{a[0]: 2})
	if b[0] != a[0] {
		t.Errorf("Bush typed a place in Reggie Bush's story: %q", b[0])
	}
	c := r.AddInStory(doc("c", "Lindsay"), map[string]int{b[1]: 1, a[0]: 1})
	if c[0] != b[1] {
		t.Errorf("Lindsay alone in Lindsay Lohan's story: %q, want %q", c[0], b[1])
	}
	d := r.Add(doc("d", "place:Bush"))
	if d[0] == a[0] {
		t.Error("Bush typed a place outside the story joined the person")
	}
}

// An organisation the tagger made of a person's full name ("Kathina
// Thomas") is that person when other articles name the person so; an
// organisation with its own name stays one.
func TestOrganisationNamedAsAPersonIsThePerson(t *testing.T) {
	r := New()
	a := r.Add(doc("a", "Kathina Thomas", "org:Albany Police"))
	b := r.Add(doc("b", "org:Kathina Thomas", "org:Albany Police"))
	if a[0] != b[0] || !strings.HasPrefix(a[0], "person:") {
		t.Fatalf("Kathina Thomas: %q and %q", a[0], b[0])
	}
	if a[1] != b[1] || !strings.HasPrefix(a[1], "organization:") {
		t.Fatalf("Albany Police: %q and %q", a[1], b[1])
	}
	c := r.Add(doc("c", "org:Ford Motor", "Henry Ford"))
	if strings.HasPrefix(c[0], "person:") {
		t.Fatalf("Ford Motor: %q", c[0])
	}
}
