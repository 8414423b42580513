package coref_test

import "testing"

// An organisation the tagger may type as a person is one when the article
// writes it as one ("head of Renault", "Renault boss", "net security firm
// Preventon"): "the firm" refers to it, "he" does not.
func TestOrganisationWrittenAsOne(t *testing.T) {
	d := analyze(t, "Renault boss Louis Schweitzer hailed a great year. Carlos Ghosn is to succeed Mr Schweitzer at the head of Renault later this year. The firm said sales rose.")
	if e := resolve(d, find(t, d, "The firm", 0)); name(d, e) != "Renault" {
		t.Errorf("The firm -> %s, want Renault (%+v)", name(d, e), d.Entities)
	}
	d = analyze(t, "The study, for net security firm Preventon, shows that women buy security software. \"Older people are vigilant,\" said Paul Goosens, head of Preventon. \"They ask the right questions,\" he said.")
	if e := resolve(d, word(t, d, "he said")); name(d, e) != "Paul Goosens" {
		t.Errorf("he -> %s, want Paul Goosens", name(d, e))
	}
}

// A word capitalised only by a Title Case headline, that the article
// writes in lower case, is no organisation for "the … authority" to
// refer to.
func TestHeadlineWordIsNoOrganisation(t *testing.T) {
	d := analyze(t, "Harbour Strike Enters Second Week\n\nDock workers at the port of Vikstad extended their strike, and the harbour authority said ships were waiting.")
	if e := resolve(d, find(t, d, "the harbour authority", 0)); e >= 0 {
		t.Errorf("the harbour authority -> %s, want none", name(d, e))
	}
}

// "The German exchange" is no organisation whose name places it in
// another city or country.
func TestNationalityRulesOutAnotherPlace(t *testing.T) {
	d := analyze(t, "Euronext has met the London Stock Exchange. Euronext chief Jean Theodore held talks with Clara Furse the day after rival Frankfurter Boerse put forward its own case. The German exchange said it held talks.")
	if e := resolve(d, find(t, d, "The German exchange", 0)); e >= 0 && name(d, e) == "London Stock Exchange" {
		t.Errorf("The German exchange -> %s", name(d, e))
	}
}

// "a trade body has warned" is the organisation named next as a subject,
// not one named as the agent of a passive ("approved by the Task Force").
func TestIndefiniteBodyIsNoAgent(t *testing.T) {
	d := analyze(t, "The new system could help scammers, a trade body has warned. The system was approved by the Harbour Task Force. But the Nordic Internet Forum is concerned.")
	if e := resolve(d, find(t, d, "a trade body", 0)); name(d, e) != "Nordic Internet Forum" {
		t.Errorf("a trade body -> %s, want Nordic Internet Forum", name(d, e))
	}
}

// "the label" is the one the article called a label.
func TestOrganisationNamedAsItsKind(t *testing.T) {
	d := analyze(t, "The Vikstad Rovers striker signed Olsen to his Northwind Records label in May. Now he wants to stop the album. The label said Olsen owed it money.")
	if e := resolve(d, find(t, d, "The label", 0)); name(d, e) != "Northwind Records" {
		t.Errorf("the label -> %s, want Northwind Records", name(d, e))
	}
}

// An organisation descriptor with no organisation before it is the one
// with its head named in its paragraph or the next.
func TestOrganisationNamedSoonAfter(t *testing.T) {
	d := analyze(t, "Harbour cafes closed\n\nAuthorities closed 120 harbour cafes last year. According to the official news agency most of them were operating illegally. The move is the latest in a series of steps.\n\nThe official Nordpress News Agency said the crackdown would go on.")
	if e := resolve(d, find(t, d, "the official news agency", 0)); name(d, e) != "Nordpress News Agency" {
		t.Errorf("the official news agency -> %s, want Nordpress News Agency", name(d, e))
	}
}

// "The company" is a business the article names: not a person named with
// a given name who spoke last, nor the news agency he spoke to.
func TestCompanyIsNoPersonNorAddressee(t *testing.T) {
	d := analyze(t, "A worker shot three people at the Nordlink Foods plant on Friday. Dough mixer Andy Ryan said he was on the third floor. \"I heard the gunfire, and I ran,\" he told The Associated Press. \"This is a sad day for our family,\" the company said in a statement.")
	if e := resolve(d, find(t, d, "the company", 0)); name(d, e) != "Nordlink Foods" {
		t.Errorf("the company -> %s, want Nordlink Foods", name(d, e))
	}
}

// "The sheriff's department" belongs to the sheriff: not the town the
// article named before it, whatever the tagger made of it; "the world's
// biggest insurer" has a scope, not an owner.
func TestPossessorOfTheDescriptor(t *testing.T) {
	d := analyze(t, "Deputies searched Nordvik Gardens on Friday. A witness called 911, the sheriff's department said.")
	if e := resolve(d, find(t, d, "the sheriff's department", 0)); e >= 0 {
		t.Errorf("the sheriff's department -> %s, want none", name(d, e))
	}
	d = analyze(t, "Shares in Nordlink Insurance fell on Monday. The world's biggest insurer said profits would fall.")
	if e := resolve(d, find(t, d, "The world's biggest insurer", 0)); name(d, e) != "Nordlink Insurance" {
		t.Errorf("The world's biggest insurer -> %s, want Nordlink Insurance", name(d, e))
	}
}

// "The ministry" and "the department" are bodies whose names say so: not a
// company named before.
func TestMinistryIsNoCompany(t *testing.T) {
	d := analyze(t, "Traffic was rerouted by Nordlink Networks, the internet company. The Egyptian ministry said it would take several days to repair the cables.")
	if e := resolve(d, find(t, d, "The Egyptian ministry", 0)); e >= 0 {
		t.Errorf("The Egyptian ministry -> %s, want none", name(d, e))
	}
}
