package names_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/verbatim-news/verbatim"
)

// entities lists a document's entities as "name/type".
func entities(d *verbatim.Doc) []string {
	var out []string
	for _, e := range d.Entities {
		out = append(out, fmt.Sprintf("%s/%s", e.Name, e.Type))
	}
	return out
}

// Text that is not running text: headlines in Title Case or in capitals,
// middle initials, particles, headings. Each case was a failure seen in
// real use (issue 17); the texts are written for this test.
func TestNamesWhereTextIsNotRunningText(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want, not  []string
	}{
		{"Title Case headline: a name stops at a common word",
			"Yvonne Hiller Kills Two In Kraft Shooting\n\nA worker who had been suspended opened fire at a Kraft plant in Philadelphia on Thursday, police said.\n",
			[]string{"Yvonne Hiller/person"}, []string{"Yvonne Hiller Kills Two In Kraft Shooting/person"}},
		{"Title Case headline: the body's name",
			"Sanjay Gupta Surgeon General Onion\n\nCNN medical correspondent Sanjay Gupta is being considered for the post of surgeon general, officials said.\n",
			[]string{"Sanjay Gupta/person"}, []string{"Sanjay Gupta Surgeon General Onion/person"}},
		{"Title Case headline: two people and a verb are no organisation",
			"Hansbrough Broke Ford Record\n\nNorth Carolina star Tyler Hansbrough broke the scoring record held by Phil Ford, the school said.\n",
			[]string{"Tyler Hansbrough/person", "Phil Ford/person"}, []string{"Hansbrough Broke Ford/organization", "Hansbrough Broke Ford Record/organization"}},
		{"middle initial",
			"President George W. Bush said on Monday that the troops would stay. Bush spoke at a base in Texas.\n",
			[]string{"George W. Bush/person"}, []string{"George/person", "W. Bush/place", "Bush/place"}},
		{"capitals",
			"WINSTON BLACKMORE, THE LEADER OF THE SECT, SAID THE POLICE WERE WRONG. BLACKMORE SAID HE WOULD APPEAL.\n",
			[]string{"WINSTON BLACKMORE/person"}, []string{"WINSTON BLACKMORE/place", "BLACKMORE/organization"}},
		{"given name, particle, surname",
			"Portia de Rossi married Ellen DeGeneres on Saturday. Portia wore a white dress.\n",
			[]string{"Portia de Rossi/person", "Ellen DeGeneres/person"}, []string{"Portia de Rossi/organization", "Portia/organization"}},
		{"a description before a name",
			"Wladimir Klitschko beat the American Hasim Rahman in Germany on Saturday.\n",
			[]string{"Hasim Rahman/person"}, []string{"American Hasim Rahman/organization"}},
		{"a name and where the person is from",
			"Police arrested a man identified as 23-year-old Vishwanand Subryan of Schenectady, New York.\n",
			[]string{"Vishwanand Subryan/person"}, []string{"Vishwanand Subryan of Schenectady/organization"}},
		{"a middle initial without its full stop",
			"President George W Bush said on Monday that the troops would stay. Bush spoke at a base in Texas.\n",
			[]string{"George W Bush/person"}, []string{"W Bush/organization", "W Bush/place", "W Bush/person"}},
		{"a surname that is also a common word, after a role and a given name",
			"Drummer Peter May said the band would tour again. The song was written by radio DJ Lucy Read.\n",
			[]string{"Peter May/person", "Lucy Read/person"}, []string{"Drummer Peter/organization", "DJ Lucy/organization"}},
		{"a name with a middle initial",
			"Raj K. Chohan was walking alongside parked cars when he was struck.\n",
			[]string{"Raj K. Chohan/person"}, []string{"Raj K. Chohan/organization"}},
		{"a name before a suffix",
			"Arcade Joseph Comeaux Jr., 49, ran away on foot with the guards' guns.\n",
			[]string{"Arcade Joseph Comeaux Jr./person"}, []string{"Arcade Joseph/organization"}},
		{"a given name after a word of kinship",
			"I'd like to thank the Academy, my wife Portia and, oh dear, there goes the orchestra.\n",
			[]string{"Portia/person"}, []string{"Portia/place"}},
		{"a surname before administration",
			"The rules were weakened in the final days of the Bush administration.\n",
			[]string{"Bush/person"}, []string{"Bush/place"}},
		{"a name does not run over a line end",
			"Former official had a storied role in the inquiry that brought down Nixon\nW. Mark Felt, the former FBI official, died on Thursday.\n",
			[]string{"W. Mark Felt/person"}, []string{"Nixon W. Mark Felt/organization"}},
		{"a headline's name among descriptions and verbs",
			"Colts Rookie Andrew Luck Leads Game-Winning Drive\n\nAndrew Luck threw a touchdown pass with nine seconds left.\n",
			[]string{"Andrew Luck/person"}, []string{"Colts Rookie Andrew Luck Leads Game-Winning/organization"}},
		{"a chain of honorifics before a name",
			"The head of the diocese, the Rt Rev Dr Paul Wright, said the film was unfair. The Very Rev Anne Hedges agreed.\n",
			[]string{"Paul Wright/person", "Anne Hedges/person"}, []string{"Rt Rev Dr Paul/organization", "Rt Rev Dr Paul/person"}},
		{"a nationality and a compass point start an organisation's name",
			"Figures released on Monday by the British Phonographic Industry showed a fall. The lorry was stopped by North Yorkshire Police near York.\n",
			[]string{"British Phonographic Industry/organization", "North Yorkshire Police/organization"}, []string{"Phonographic Industry/person", "Yorkshire Police/place"}},
		{"an organisation's name with an and inside it",
			"A study by the Pew Internet and American Life Project found that most adults go online. The Public and Commercial Services union said members would strike.\n",
			[]string{"Pew Internet and American Life Project/organization", "Public and Commercial Services union/organization"},
			[]string{"American Life Project/organization", "Commercial Services union/organization"}},
		{"a heading is no person",
			"Wireless: the new phones will ship in March, the company said.\n\nBacks: Jason Robinson, Josh Lewsey, Mark Cueto.\n",
			[]string{"Jason Robinson/person"}, []string{"Wireless/person", "Backs/person"}},
		{"a river, a lake and a street are places, a person with a given name stays one",
			"Floods in the valley\n\nThe River Lenne reached its highest level in forty years on Sunday. Shops on Market Street and around Lake Orla closed, and skier Anna Street helped residents move.\n",
			[]string{"River Lenne/place", "Market Street/place", "Lake Orla/place", "Anna Street/person"},
			[]string{"River Lenne/person", "River Lenne/organization", "Market Street/person", "Lake Orla/person"}},
		{"companies",
			"Old mill sold\n\nThe mill was bought by Heritage Properties in 1999. Crowley Petroleum Distributors said on Monday it would lease the yard, and Shavlik Technologies moved in.\n",
			[]string{"Heritage Properties/organization", "Crowley Petroleum Distributors/organization", "Shavlik Technologies/organization"},
			[]string{"Heritage Properties/person", "Crowley Petroleum Distributors/person", "Shavlik Technologies/person"}},
		{"of ... and",
			"Host named\n\nComedian Ellen Ray will host the show, the Academy of Motion Picture Arts and Sciences announced on Friday.\n",
			[]string{"Academy of Motion Picture Arts and Sciences/organization"},
			[]string{"Sciences/organization", "Academy of Motion Picture Arts/organization"}},
		{"unknown given name before an initial",
			"Vigil turns violent\n\nCity Councilman Jumaane D. Williams said the vigil had been peaceful until midnight.\n",
			[]string{"Jumaane D. Williams/person"},
			[]string{"D. Williams/person"}},
		{"dateline in capitals",
			"Nordlink unveils a phone\n\nNordlink sticks to a proven formula.\n\nBARCELONA, SPAIN - We are live at the Mobile World Congress, where Nordlink is holding its press event. The company says the phone will launch in April.\n",
			[]string{"BARCELONA/place"},
			[]string{"BARCELONA/organization", "BARCELONA/person"}},
		{"misc ending in an organisation word",
			"Search moves\n\nThe Australian Transport Safety Bureau said on Monday that one of the vessels had arrived.\n",
			[]string{"Australian Transport Safety Bureau/organization"},
			[]string{"Australian Transport Safety Bureau/misc"}},
		{"compass initial",
			"N. Korea tests a bomb\n\nN. Korea said on Friday it had tested a nuclear warhead. President Obama said the test was a threat.\n",
			[]string{"N. Korea/place"},
			[]string{"N. Korea/person"}},
		{"given name that is the city",
			"Charlotte braces for more protests\n\nPolice made arrests in Charlotte on Friday. Charlotte remained calm overnight, and shops reopened.\n",
			[]string{"Charlotte/place"},
			[]string{"Charlotte/person"}},
		{"nationalities",
			"Pirates held after attack\n\nThe navy detained 12 Somali and 11 Yemeni pirates in the Gulf of Aden on Saturday, it said. A Kuwaiti was among the crew they freed.\n",
			[]string{"Somali/group", "Kuwaiti/group"},
			[]string{"Somali/organization", "Somali/person", "Kuwaiti/person", "Kuwaiti/organization"}},
	} {
		d := analyze(t, c.text)
		got := entities(d)
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: no %s in %q", c.name, w, got)
			}
		}
		for _, w := range c.not {
			if slices.Contains(got, w) {
				t.Errorf("%s: %s in %q", c.name, w, got)
			}
		}
	}
}

// The rules above keep names they must keep: people with common words for
// surnames, named in a list or in a headline.
func TestNamesWithCommonWordsStay(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Guy Forget beat Felix Mantilla on Tuesday.\n", "Guy Forget/person"},
		{"Andrew Luck Hurt In Loss\n\nColts quarterback Andrew Luck was hurt on Sunday, the team said. Luck will miss a month.\n", "Andrew Luck/person"},
	} {
		d := analyze(t, c.text)
		if got := entities(d); !slices.Contains(got, c.want) {
			t.Errorf("%q: no %s in %q", c.text, c.want, got)
		}
	}
}

// A surname two persons of the article share goes to the one named in full
// last before it; within one sentence, to the one named first.
func TestSharedSurname(t *testing.T) {
	for _, c := range []struct{ text, surname, want string }{
		{"Police searched for Laci Peterson, who was pregnant. Scott Peterson told police he went fishing. Peterson, 30, was arrested in April.\n", "Peterson", "Scott Peterson"},
		{"Tony Blair and Cherie Blair arrived in Rome on Monday. Blair said the visit was private.\n", "Blair", "Tony Blair"},
	} {
		d := analyze(t, c.text)
		for _, m := range d.Mentions {
			if m.Text == c.surname {
				if m.Entity < 0 || d.Entities[m.Entity].Name != c.want {
					t.Errorf("%q: %s is %+v, want %s", c.text, c.surname, m, c.want)
				}
			}
		}
	}
}

// A surname of two words after an honorific is the person named in full
// with it.
func TestTwoWordSurname(t *testing.T) {
	d := analyze(t, "Economist Tomas Ferrer Luque said savings had been lost. Mr Ferrer Luque added that few had recovered them.\n")
	for _, m := range d.Mentions {
		if m.Text == "Ferrer Luque" && (m.Entity < 0 || d.Entities[m.Entity].Name != "Tomas Ferrer Luque") {
			t.Errorf("%q is %+v, want Tomas Ferrer Luque; entities %q", m.Text, m, entities(d))
		}
	}
}

// A peerage before the surname of a person named in full is that person.
func TestPeerageBeforeSurname(t *testing.T) {
	d := analyze(t, "The report was written by Mara Holmberg, the former Speaker. Baroness Holmberg said the reforms had no clear end.\n")
	found := false
	for _, m := range d.Mentions {
		if m.Text == "Baroness Holmberg" {
			found = true
			if m.Entity < 0 || d.Entities[m.Entity].Name != "Mara Holmberg" {
				t.Errorf("%q is %+v, want Mara Holmberg; entities %q", m.Text, m, entities(d))
			}
		}
	}
	if !found {
		t.Errorf("no mention Baroness Holmberg: %q", entities(d))
	}
}
