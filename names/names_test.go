package names_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/coref"
	"github.com/verbatim-news/verbatim/internal/doctest"
	"github.com/verbatim-news/verbatim/internal/shared"
	"github.com/verbatim-news/verbatim/names"
)

// analyze runs cleaning, tokens and names; find gives the span of a
// string's n-th occurrence (package doctest).
var analyze, find = doctest.Names, doctest.Find

// entityOf returns the entity with a mention exactly at sp, or nil.
func entityOf(d *verbatim.Doc, sp verbatim.Span) *verbatim.Entity {
	for _, m := range d.Mentions {
		if m.Span == sp && m.Entity >= 0 {
			return &d.Entities[m.Entity]
		}
	}
	return nil
}

func entityNamed(d *verbatim.Doc, name string) *verbatim.Entity {
	for i := range d.Entities {
		if d.Entities[i].Name == name {
			return &d.Entities[i]
		}
	}
	return nil
}

func TestRolesSeparatedFromNames(t *testing.T) {
	d := analyze(t, "US Secretary of State Marco Rubio met reporters in Paris. Later, Trump's Ukraine envoy Keith Kellogg said the talks went well. White House Press Secretary Karoline Leavitt agreed.")
	for _, c := range []struct{ name, role string }{
		{"Marco Rubio", "US Secretary of State"},
		{"Keith Kellogg", "Ukraine envoy"},
		{"Karoline Leavitt", "White House Press Secretary"},
	} {
		e := entityNamed(d, c.name)
		if e == nil {
			t.Errorf("no entity %q in %+v", c.name, d.Entities)
			continue
		}
		if e.Type != verbatim.Person || len(e.Roles) == 0 || e.Roles[0] != c.role {
			t.Errorf("%s: type %s roles %q, want person with role %q", c.name, e.Type, e.Roles, c.role)
		}
	}
}

// TestRolesStopAtAnotherName: in "Defence Secretary Nadia Holm and Prime
// Minister Oskar Lind" each role belongs to the name it is written with;
// in "the chancellor and Tomas Berg" the role is the chancellor's, not
// Berg's, and in "his term as US President, Ana Lutz said" it is the
// subject's; an organisation's name stays inside a role.
func TestRolesStopAtAnotherName(t *testing.T) {
	d := analyze(t, "Defence Secretary Nadia Holm and Prime Minister Oskar Lind met on Monday. Bank of England governor Mervyn Kale spoke later. "+
		"The dispute between the chancellor and Tomas Berg went on. Ed Marr begins his term as US President, Ana Lutz said. "+
		"The party's leader, Jon Hale, spoke. His predecessor as CEO, Rob Dahl, died.")
	for _, c := range []struct{ name, role string }{
		{"Nadia Holm", "Defence Secretary"},
		{"Oskar Lind", "Prime Minister"},
		{"Mervyn Kale", "Bank of England governor"},
		{"Tomas Berg", ""},
		{"Ana Lutz", ""},
		{"Jon Hale", "leader"},
		{"Rob Dahl", "CEO"},
	} {
		e := entityNamed(d, c.name)
		if e == nil {
			t.Errorf("no entity %q in %+v", c.name, d.Entities)
			continue
		}
		if c.role == "" && len(e.Roles) > 0 || c.role != "" && (len(e.Roles) != 1 || e.Roles[0] != c.role) {
			t.Errorf("%s: roles %q, want %q", c.name, e.Roles, c.role)
		}
	}
}

func TestSurnameAndMisspelling(t *testing.T) {
	d := analyze(t, "Special envoy Keith Kellogg arrived in Kyiv on Monday. \"Both sides will give a little,\" Kellog said. Kellogg later left.")
	full := entityOf(d, find(t, d, "Keith Kellogg", 0))
	if full == nil || full.Name != "Keith Kellogg" {
		t.Fatalf("Keith Kellogg not found: %+v", d.Entities)
	}
	for _, s := range []string{"Kellog ", "Kellogg later"} {
		sp := find(t, d, s, 0)
		sp.End = sp.Start + len(strings.Fields(s)[0])
		if e := entityOf(d, sp); e != full {
			t.Errorf("%q not grouped with Keith Kellogg", s)
		}
	}
}

// A surname the gazetteer also knows as an organisation ("Fox") still
// joins the person named in full when it is found as a person.
func TestKnownSurnameJoinsPerson(t *testing.T) {
	d := analyze(t, "Shadow minister Martin Fox attacked the plan on Monday. \"It is a mess,\" Dr Fox said. Later Fox left.")
	full := entityOf(d, find(t, d, "Martin Fox", 0))
	if full == nil || full.Name != "Martin Fox" {
		t.Fatalf("Martin Fox not found: %+v", d.Entities)
	}
	for _, s := range []string{"Fox said", "Fox left"} {
		sp := find(t, d, s, 0)
		sp.End = sp.Start + len("Fox")
		if e := entityOf(d, sp); e != full {
			t.Errorf("%q not grouped with Martin Fox: %v", s, entities(d))
		}
	}
}

func TestOrganisationsAreNotPeople(t *testing.T) {
	d := analyze(t, "Reuters cited the minister as saying so. AFP reported that he spoke aboard Air Force One, and CNN and Fox News later confirmed it.")
	for _, name := range []string{"Reuters", "AFP", "CNN", "Fox News"} {
		e := entityOf(d, find(t, d, name, 0))
		if e == nil || e.Type != verbatim.Organization {
			t.Errorf("%s: %+v, want an organization", name, e)
		}
	}
	if e := entityOf(d, find(t, d, "Air Force One", 0)); e != nil && e.Type == verbatim.Person {
		t.Errorf("Air Force One typed as a person")
	}
	for _, e := range d.Entities {
		if e.Type == verbatim.Person && strings.Contains(e.Name, "Force") {
			t.Errorf("Air Force One made a person: %+v", e)
		}
	}
}

func TestAcronymJoinsExpansion(t *testing.T) {
	d := analyze(t, "The North Atlantic Treaty Organization met in Brussels on Friday. NATO members agreed to raise spending.")
	a := entityOf(d, find(t, d, "NATO", 0))
	b := entityOf(d, find(t, d, "North Atlantic Treaty Organization", 0))
	if a == nil || a != b || a.Type != verbatim.Organization {
		t.Errorf("NATO %+v and its expansion %+v not one organization", a, b)
	}
}

func TestNoPanicOnJunk(t *testing.T) {
	for _, s := range []string{"", " ", "\x00\x01\xff\xfe", "he said", "“”‘’ \" ' ( ) —", strings.Repeat("A ", 5000)} {
		d := analyze(t, s)
		coref.Resolve(d, verbatim.Span{Start: 0, End: len(s)}, coref.Context{})
		coref.Resolve(d, verbatim.Span{Start: -3, End: 1 << 20}, coref.Context{})
	}
	var d verbatim.Doc
	names.Process(&d)
	if coref.Resolve(&d, verbatim.Span{Start: 0, End: 2}, coref.Context{}) != -1 {
		t.Error("resolved in an empty document")
	}
}

// TestSeeds checks that every person of the seeds' gold file is found with
// all its listed mentions grouped under the canonical name. Pronoun and
// descriptor mentions are resolved as the quote stage does, through coref.Resolve.
func TestSeeds(t *testing.T) {
	gold := shared.Path(t, "seeds/gold.jsonl")
	fh, err := os.Open(gold)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var g struct {
			File     string              `json:"file"`
			Entities map[string][]string `json:"entities"`
		}
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(filepath.Dir(gold), g.File))
		if err != nil {
			t.Fatal(err)
		}
		d := analyze(t, string(b))
		for canon, mentions := range g.Entities {
			for _, m := range mentions {
				occ := occurrences(d, m)
				if len(occ) == 0 {
					// In a line blanked as noise (a photo credit).
					for off := 0; ; {
						i := strings.Index(d.Text[off:], m)
						if i < 0 {
							break
						}
						occ = append(occ, verbatim.Span{Start: off + i, End: off + i + len(m)})
						off += i + len(m)
					}
				}
				if len(occ) == 0 {
					t.Errorf("%s: mention %q not in the text", g.File, m)
					continue
				}
				lower := !isUpper(m)
				ok := 0
				for _, sp := range occ {
					var e int = -1
					if lower {
						e = coref.Resolve(d, sp, coref.Context{})
					} else {
						e = entityAt(d, sp)
					}
					if e >= 0 && d.Entities[e].Name == canon {
						ok++
					} else if !lower {
						t.Errorf("%s: %q at %d not grouped under %q (got %d)", g.File, m, sp.Start, canon, e)
					}
				}
				if ok == 0 {
					t.Errorf("%s: no occurrence of %q resolves to %q", g.File, m, canon)
				}
			}
		}
	}
}

func isUpper(s string) bool { return s != "" && strings.ToUpper(s[:1]) == s[:1] }

// entityAt returns the entity of a name mention overlapping sp (the name part of
// "U.S. President Donald Trump"), preferring the last one.
func entityAt(d *verbatim.Doc, sp verbatim.Span) int {
	e := -1
	for _, m := range d.Mentions {
		if m.Entity >= 0 && sp.Overlaps(m.Span) && d.Entities[m.Entity].Type == verbatim.Person {
			e = m.Entity
		}
	}
	return e
}

// occurrences finds a mention's words as a token sequence (so that a
// mention broken by a page break or a blanked noise line is found).
func occurrences(d *verbatim.Doc, m string) []verbatim.Span {
	want := strings.Fields(m)
	var out []verbatim.Span
	words := make([]string, 0, 4)
	for i := range d.Tokens {
		words = words[:0]
		k := i
		for k < len(d.Tokens) && len(words) < len(want) {
			tk := d.Tokens[k]
			words = append(words, d.Clean[tk.Start:tk.End])
			k++
		}
		if len(words) < len(want) {
			break
		}
		// "Trump’s" is split by package text; mention words are plain.
		match := true
		j := 0
		for _, w := range want {
			if j >= len(words) || words[j] != w {
				match = false
				break
			}
			j++
		}
		if match {
			out = append(out, verbatim.Span{Start: d.Tokens[i].Start, End: d.Tokens[i+len(want)-1].End})
		}
	}
	return out
}

func TestAppositiveRoles(t *testing.T) {
	d := analyze(t, "Dmitry Peskov, the Kremlin spokesman, declined to comment. Earlier, Trump's envoy for the Ukraine war, Steve Witkoff, met Putin. Anna Smith, who lives nearby, saw it. The envoy said talks went well.")
	for name, role := range map[string]string{"Dmitry Peskov": "Kremlin spokesman", "Steve Witkoff": "envoy for the Ukraine war", "Anna Smith": ""} {
		e := entityNamed(d, name)
		if e == nil {
			t.Errorf("no entity %q", name)
			continue
		}
		got := ""
		if len(e.Roles) > 0 {
			got = e.Roles[0]
		}
		if got != role {
			t.Errorf("%s: role %q, want %q", name, got, role)
		}
	}
}

func TestTitleSplitFromName(t *testing.T) {
	d := analyze(t, "Trade and Industry Secretary Patricia Hewitt said on Monday that Shadow Home Secretary Theresa May was wrong. Hewitt added that the Trade and Industry Secretary would reply.")
	e := entityNamed(d, "Patricia Hewitt")
	if e == nil || e.Type != verbatim.Person || len(e.Roles) == 0 || e.Roles[0] != "Trade and Industry Secretary" {
		t.Fatalf("Patricia Hewitt: %+v (all %+v)", e, d.Entities)
	}
	sp := find(t, d, "Hewitt added", 0)
	sp.End = sp.Start + len("Hewitt")
	if entityOf(d, sp) != e {
		t.Errorf("Hewitt not grouped with Patricia Hewitt")
	}
	if may := entityNamed(d, "Theresa May"); may == nil || may.Type != verbatim.Person {
		t.Errorf("Theresa May: %+v", may)
	}
	for _, en := range d.Entities {
		if strings.HasSuffix(en.Name, "Secretary") {
			t.Errorf("a title made an entity: %+v", en)
		}
	}
}

// Role words the tagger takes into a name, and post-nominal letters, are
// not the name.
func TestPersonNameWithoutRoleAndLetters(t *testing.T) {
	d := analyze(t, "Guitarist Brian May met Former welfare minister Frank Field MP and Carnegie Mellon Professor Raj Reddy in London on Monday.")
	for _, want := range []string{"Brian May", "Frank Field", "Raj Reddy"} {
		if entityNamed(d, want) == nil {
			var got []string
			for _, e := range d.Entities {
				got = append(got, e.Name)
			}
			t.Errorf("no entity %q among %q", want, got)
		}
	}
	for _, e := range d.Entities {
		if strings.HasSuffix(e.Name, " MP") || strings.HasPrefix(e.Name, "Guitarist") {
			t.Errorf("entity %q keeps a role or letters", e.Name)
		}
	}
}

// A party's aliases are one organisation, named as the article names it
// in full.
func TestPartyAliases(t *testing.T) {
	d := analyze(t, "The Tories attacked the plan on Monday. The Conservatives said it would cost jobs. The Lib Dems disagreed, and the Liberal Democrats voted for it.")
	tories, cons := entityOf(d, find(t, d, "Tories", 0)), entityOf(d, find(t, d, "Conservatives", 0))
	if tories == nil || tories != cons || tories.Name != "Conservatives" {
		t.Errorf("Tories %+v, Conservatives %+v: want one organisation named Conservatives", tories, cons)
	}
	ld, lib := entityOf(d, find(t, d, "Lib Dems", 0)), entityOf(d, find(t, d, "Liberal Democrats", 0))
	if ld == nil || ld != lib || ld.Name != "Liberal Democrats" {
		t.Errorf("Lib Dems %+v, Liberal Democrats %+v: want one organisation named Liberal Democrats", ld, lib)
	}
}

// A name followed by its acronym in brackets is one organisation spelling
// it, grouped with the acronym.
func TestOrganisationSpelledByItsAcronym(t *testing.T) {
	d := analyze(t, "The Qualifications and Curriculum Authority (QCA) said it was pleased. Later the QCA added a warning.")
	full := entityOf(d, find(t, d, "Qualifications and Curriculum Authority", 0))
	acr := entityOf(d, find(t, d, "QCA", 1))
	if full == nil || full != acr || full.Type != verbatim.Organization || full.Name != "Qualifications and Curriculum Authority" {
		t.Errorf("full name %+v, acronym %+v: want one organisation", full, acr)
	}
}

// Names joined by "&" are one organisation.
func TestAmpersandJoinsOrganisation(t *testing.T) {
	d := analyze(t, "Insurance broker Marsh & McLennan said on Tuesday it would cut 3,000 jobs.")
	e := entityOf(d, find(t, d, "Marsh & McLennan", 0))
	if e == nil || e.Type != verbatim.Organization {
		t.Errorf("Marsh & McLennan: %+v, want one organisation (all %+v)", e, d.Entities)
	}
}

// A word of kinship in apposition tells the gender of a person whose
// given name does not ("Robin Hale, mother of ...").
func TestGenderFromKinship(t *testing.T) {
	d := analyze(t, "Robin Hale, mother of the singer, left the show on Friday. Sam Field, her husband, stayed.")
	for name, want := range map[string]byte{"Robin Hale": 'f', "Sam Field": 'm'} {
		e := entityNamed(d, name)
		if e == nil {
			t.Fatalf("%s not found: %v", name, entities(d))
		}
		if e.Gender != want {
			t.Errorf("%s: gender %q, want %q", name, e.Gender, want)
		}
	}
}

// A knight or dame is called by title and given name alone ("Sir Alan"
// for Sir Alan Mowbray), which joins the person named in full.
func TestKnightByGivenName(t *testing.T) {
	d := analyze(t, "The party lost power after its allies demanded that Sir Alan Mowbray resign. Sir Alan had called an early election.")
	full := entityOf(d, find(t, d, "Alan Mowbray", 0))
	if full == nil || full.Name != "Alan Mowbray" {
		t.Fatalf("Alan Mowbray not found: %v", entities(d))
	}
	sp := find(t, d, "Alan had", 0)
	sp.End = sp.Start + len("Alan")
	if e := entityOf(d, sp); e != full {
		t.Errorf("Sir Alan not grouped with Alan Mowbray: %v", entities(d))
	}
}
