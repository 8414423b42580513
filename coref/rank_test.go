package coref_test

import (
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/coref"
)

// A surname that is also a common word is the person the article names in
// full.
func TestSurnameCommonWord(t *testing.T) {
	d := analyze(t, "The song was written by radio DJ Mike Read last year.\n\nRead wrote the song before the storm. Singers will record it.")
	if e := resolve(d, word(t, d, "Read wrote")); name(d, e) != "Mike Read" {
		t.Errorf("Read -> %s, want Mike Read", name(d, e))
	}
}

// The subject of the sentence before a pronoun is a narration subject, not
// a name in what an attribution reports ("ignoring a ruling by Judge Lane,
// he said"), and an attribution inside another's words ("a ruling that …")
// does not make its source the last speaker.
func TestReportedNamesAreNotSubjects(t *testing.T) {
	s := "Tom Harwood spoke in Leeds on Monday about the cards. " +
		"Peter Lane had ruled that the cards broke the law, he said. " +
		"He added that the state was too big."
	d := analyze(t, s)
	tom := find(t, d, "Tom Harwood", 0)
	e0 := resolve(d, tom)
	lane := find(t, d, "Peter Lane", 0)
	e1 := resolve(d, lane)
	he := word(t, d, "he said")
	prior := []verbatim.Quote{
		{Span: find(t, d, "Peter Lane had ruled that the cards broke the law", 0), Speaker: e0, SpeakerAt: he},
		{Span: find(t, d, "the cards broke the law", 0), Speaker: e1, SpeakerAt: lane},
	}
	if e := coref.Resolve(d, word(t, d, "He added"), coref.Context{Prior: prior}); name(d, e) != "Tom Harwood" {
		t.Errorf("He -> %s, want Tom Harwood", name(d, e))
	}
}

// A definite role descriptor refers back to the person in focus who holds
// no other office rather than to one named only after it.
func TestRoleRefersBackBeforeAhead(t *testing.T) {
	s := "Tessa Jowell has announced plans to limit the number of new casinos. " +
		"The Culture Secretary said the move showed she listened to critics. " +
		"But Conservative shadow culture secretary John Whittingdale said the plans were a shambles."
	d := analyze(t, s)
	tj := find(t, d, "Tessa Jowell", 0)
	e0 := resolve(d, tj)
	prior := []verbatim.Quote{{Span: find(t, d, "plans to limit the number of new casinos", 0), Speaker: e0, SpeakerAt: tj}}
	if e := coref.Resolve(d, find(t, d, "The Culture Secretary", 0), coref.Context{Prior: prior}); name(d, e) != "Tessa Jowell" {
		t.Errorf("The Culture Secretary -> %s, want Tessa Jowell", name(d, e))
	}
}

// “A. B,” he said: the sentence before the quotation, not the one before
// the pronoun inside it, gives the subject that introduces the speaker.
func TestSubjectBeforeQuotation(t *testing.T) {
	s := `Coach Mike Ruddock said the side had shown character in the second half. ` +
		`The crowd sang through the rain. The stadium was full. The visitors had led at half-time. ` +
		`Man-of-the-match Stephen Jones, who kicked three penalties, was delighted after the win. ` +
		`"It's just a special moment. Two years ago we did not win a game. But we are a happy camp now," he said.`
	d := analyze(t, s)
	mr := find(t, d, "Mike Ruddock", 0)
	e0 := resolve(d, mr)
	prior := []verbatim.Quote{{Span: find(t, d, "the side had shown character in the second half", 0), Speaker: e0, SpeakerAt: mr}}
	q := find(t, d, "It's just a special moment. Two years ago we did not win a game. But we are a happy camp now,", 0)
	ctx := coref.Context{Prior: prior, Content: q, Direct: true, Quoted: func(off int) bool { return q.Start <= off && off < q.End }}
	if e := coref.Resolve(d, word(t, d, "he said"), ctx); name(d, e) != "Stephen Jones" {
		t.Errorf("he -> %s, want Stephen Jones", name(d, e))
	}
}

// An office the article gives no one is the most salient person who holds
// no other office, never the one it gives another ("Chancellor Gordon
// Brown" is not "the prime minister").
func TestUnassignedOffice(t *testing.T) {
	s := "Tony Blair and Chancellor Gordon Brown launched the poster campaign in London on Monday. " +
		"Mr Brown said the economy was strong.\n\n" +
		"The prime minister said the party was united."
	d := analyze(t, s)
	gb := find(t, d, "Mr Brown", 0)
	e0 := resolve(d, gb)
	prior := []verbatim.Quote{{Span: find(t, d, "the economy was strong", 0), Speaker: e0, SpeakerAt: gb}}
	if e := coref.Resolve(d, find(t, d, "The prime minister", 0), coref.Context{Prior: prior}); name(d, e) != "Tony Blair" {
		t.Errorf("The prime minister -> %s, want Tony Blair", name(d, e))
	}
}

// A name after a dash or colon is not a subject: "… two of his old
// colleagues - Paolo Rossi and Luca Bianchi" do not say the next "he said".
func TestNameAfterDashIsNoSubject(t *testing.T) {
	s := "Marcel Dupont insists the club is stronger now.\n\n" +
		"Dupont won the league twice in France. Dupont also won the cup in Italy, and Dupont was captain.\n\n" +
		`He played for three clubs in Spain. So he admires two of his old colleagues - Paolo Rossi and Luca Bianchi. ` +
		`"I am happy that they still play at a high level," he said.`
	d := analyze(t, s)
	md := find(t, d, "Marcel Dupont", 0)
	e0 := resolve(d, md)
	prior := []verbatim.Quote{{Span: find(t, d, "the club is stronger now", 0), Speaker: e0, SpeakerAt: md}}
	q := find(t, d, "I am happy that they still play at a high level,", 0)
	ctx := coref.Context{Prior: prior, Content: q, Direct: true, Quoted: func(off int) bool { return q.Start <= off && off < q.End }}
	if e := coref.Resolve(d, word(t, d, "he said"), ctx); name(d, e) != "Marcel Dupont" {
		t.Errorf("he -> %s, want Marcel Dupont", name(d, e))
	}
}

// "one dealer, who asked not to be named, said … “…,” he said": the
// pronoun is the unnamed source, not the analyst named before.
func TestUnnamedDealer(t *testing.T) {
	s := `"It is a good result," said Nick Bubb, an analyst at Evolution Securities. ` +
		`However, one dealer, who asked not to be named, told Reuters the sales were poor. ` +
		`"Christmas has been tough for the whole sector," he said.`
	d := analyze(t, s)
	nb := find(t, d, "Nick Bubb", 0)
	e0 := resolve(d, nb)
	dealer := find(t, d, "one dealer", 0)
	prior := []verbatim.Quote{
		{Span: find(t, d, "It is a good result", 0), Type: verbatim.Direct, Speaker: e0, SpeakerAt: nb},
		{Span: find(t, d, "the sales were poor", 0), Speaker: -1, SpeakerAt: dealer},
	}
	q := find(t, d, "Christmas has been tough for the whole sector,", 0)
	ctx := coref.Context{Prior: prior, Content: q, Direct: true, Quoted: func(off int) bool { return q.Start <= off && off < q.End }}
	if e := coref.Resolve(d, word(t, d, "he said"), ctx); e >= 0 {
		t.Errorf("he -> %s, want no one (the unnamed dealer)", name(d, e))
	}
}

// A role descriptor is not the person named next in what it says: "The
// Lib Dem leader said David Blunkett's resignation …" is not Blunkett.
func TestRoleNotNamedInOwnContent(t *testing.T) {
	s := "Home Secretary Charles Clarke has vowed to press on with ID cards despite a call to pause from Charles Kennedy.\n\n" +
		"The Lib Dem leader said David Blunkett's resignation was a good opportunity to drop the plans."
	d := analyze(t, s)
	cc := find(t, d, "Home Secretary Charles Clarke", 0)
	e0 := resolve(d, cc)
	prior := []verbatim.Quote{{Span: find(t, d, "to press on with ID cards despite a call to pause from Charles Kennedy", 0), Speaker: e0, SpeakerAt: cc}}
	c := find(t, d, "David Blunkett's resignation was a good opportunity to drop the plans", 0)
	if e := coref.Resolve(d, find(t, d, "The Lib Dem leader", 0), coref.Context{Prior: prior, Content: c}); name(d, e) == "David Blunkett" {
		t.Errorf("The Lib Dem leader -> %s, want not David Blunkett", name(d, e))
	}
}

// "experts warned … They say": the pronoun is the unnamed group, reported
// by its phrase (Unnamed), not an organisation named before.
func TestTheyIsTheUnnamedGroup(t *testing.T) {
	s := "Sony and Philips want a system that thwarts copying. " +
		"The move could confuse consumers, experts warned. They say there are no guarantees."
	d := analyze(t, s)
	experts := find(t, d, "experts", 0)
	prior := []verbatim.Quote{{Span: find(t, d, "The move could confuse consumers", 0), Speaker: -1, SpeakerAt: experts}}
	r := coref.NewResolver(d)
	if e := r.Resolve(word(t, d, "They say"), coref.Context{Prior: prior}); e >= 0 {
		t.Errorf("They -> %s, want no entity", name(d, e))
	}
	if u := r.Unnamed(); u != experts {
		t.Errorf("They stands for %q, want %q", d.Word(u), "experts")
	}
}
