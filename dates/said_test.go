package dates_test

import "testing"

// TestStrayYearsDoNotDateStatements: a date dates a statement only when it
// is the time of the cue: an adverbial right after it ("said on Sunday",
// "said in 2003 that"), just before it ("Trump on Sunday said") or opening
// its sentence ("In 2000, EU leaders pledged"). A year elsewhere in the
// sentence, a deadline ("by 2010", "until 2030"), a name ("the 2000
// Olympics", "1985's Live Aid") or a time after publication is not. Issue
// 19, defect 3: "to unfold in 2010" dated a statement 2030, Gordon Brown
// was first quoted in 1994, story timelines had 1985, 2000 and 2008.
func TestStrayYearsDoNotDateStatements(t *testing.T) {
	cases := []struct{ text, pub, cue, content, want string }{
		// undated articles: only a year the text gives as the statement's own
		{"But if his ambitions were thwarted in 1994, Mr Brown said the party came first.", "", "said", "the party came first", ""},
		{"Until 2030, the minister said, nothing would change.", "", "said", "nothing would change", ""},
		{"Their appearance at 1985's Live Aid is widely seen as decisive, the critic said of the band.", "", "said", "Their appearance", ""},
		{"Jones, who won five medals at the 2000 Olympics, says she will take legal action.", "", "says", "she will take legal action", ""},
		{"The first cards would be issued in 2008 and, when he was introducing the bill, Mr Blunkett suggested Parliament could decide.", "", "suggested", "Parliament could decide", ""},
		{"In 2000, Borders Council said the economy had suffered since the closure.", "", "said", "the economy had suffered", "2000"},
		{"The minister said on 3 March 2004 that taxes would fall.", "", "said", "taxes would fall", "2004-03-03"},
		{"The minister said on Sunday that taxes would fall.", "", "said", "taxes would fall", ""},
		// dated articles: the publication date unless a date governs the cue
		{"Hyundai said by 2010 it would double its sales.", "2005-03-01", "said", "it would double its sales", "2005-03-01"},
		{"There would be no pay back until 2030, when the crisis starts to unfold in 2010, the report warned.", "2005-03-01", "warned", "There would be no pay back", "2005-03-01"},
		{"The first cards would be issued in 2008 and, when he was introducing the bill, Mr Blunkett suggested Parliament could decide.", "2005-03-01", "suggested", "Parliament could decide", "2005-03-01"},
		{"In 2000, EU leaders at a summit in Lisbon pledged the economy would outstrip that of the US.", "2005-03-01", "pledged", "the economy would outstrip", "2000"},
		{"The minister said in 2003 that taxes would fall.", "2005-03-01", "said", "taxes would fall", "2003"},
		{"The minister on Sunday said that taxes would fall.", "2005-03-01", "said", "taxes would fall", "2005-02-27"},
		{"Last week, the finance minister of the region told reporters that taxes would fall.", "2005-03-01", "told", "taxes would fall", "2005-02"},
		{"The minister said next week's vote would be close.", "2005-03-01", "said", "vote would be close", "2005-03-01"},
	}
	for _, c := range cases {
		d := quoteDoc(t, c.text, c.pub, c.cue, c.content)
		if got := d.Quotes[0].SaidOn; got != c.want {
			t.Errorf("%q (published %q): said on %q, want %q", c.text, c.pub, got, c.want)
		}
	}
}

// TestYearsInNamesDoNotDateStatements: "the 2000 Olympics" names an event;
// "at the end of 2003" is a time.
func TestYearsInNamesDoNotDateStatements(t *testing.T) {
	for _, c := range []struct{ text, content, want string }{
		{"The coach said at the 2000 Olympics that the team was ready.", "the team was ready", "2005-03-01"},
		{"The coach said at the end of 2003 that the team was ready.", "the team was ready", "2003"},
	} {
		d := quoteDoc(t, c.text, "2005-03-01", "said", c.content)
		if got := d.Quotes[0].SaidOn; got != c.want {
			t.Errorf("%q: said on %q, want %q", c.text, got, c.want)
		}
	}
}
