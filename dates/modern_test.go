package dates_test

import "testing"

// TestModernNewsForms: forms of today's news TimeBank (1989-98) has few
// or none of, valued as the TimeML guidelines say: counts past twelve
// ("20 years ago"), decades ago and in figures with an apostrophe, this
// and last century, holidays, and a tense across a comma.
func TestModernNewsForms(t *testing.T) {
	// 2013-03-22 is a Friday
	cases := []struct{ text, phrase, value string }{
		{"The plant closed 20 years ago.", "20 years ago", "1993"},
		{"The bridge opened 15 months ago.", "15 months ago", "2011-12"},
		{"A decade ago, the town was tiny.", "A decade ago", "200"},
		{"Two decades ago it had no school.", "Two decades ago", "199"},
		{"In the '90s the club won twice.", "the '90s", "199"},
		{"Prices soared in the 1990's.", "the 1990's", "199"},
		{"The club was founded in the last century.", "the last century", "19"},
		{"This century has been kinder.", "This century", "20"},
		{"Shops will close on Christmas Day.", "Christmas Day", "2013-12-25"},
		{"Sales were weak over Christmas, the retailer said.", "Christmas", "2012-12-25"},
		{"The talks should end before Easter.", "Easter", "2013-03-31"},
		{"Last Thanksgiving the family met in Ohio.", "Last Thanksgiving", "2012-11-22"},
		{"The parade was held on New Year's Day.", "New Year's Day", "2013-01-01"},
	}
	for _, c := range cases {
		d := analyse(t, c.text, "2013-03-22")
		expect(t, d, c.phrase, c.value)
	}
	// published on a Saturday: the clause's "will", not "ruled" after the comma
	expect(t, analyse(t, "Berlusconi will stand trial on Friday, a judge ruled.", "2013-03-23"), "Friday", "2013-03-29")
	for _, txt := range []string{"Christmas shopping began early.", "The good news came on Friday.", "He bought a new car."} {
		d := analyse(t, txt, "2013-03-22")
		for _, dt := range d.Dates {
			if w := d.Word(dt.Span); w == "Christmas" || w == "good" || w == "new" {
				t.Errorf("%q: %q taken for a date (%s)", txt, w, dt.Value)
			}
		}
	}
}

// TestYearsInNames: a year closing a name is no date ("the Terrorism Act
// 2000", "Transport 2000"); after a month, season or "fiscal" it is.
func TestYearsInNames(t *testing.T) {
	for _, txt := range []string{"Searches under the Terrorism Act 2000 rose.", "The group Transport 2000 said the freeze was wrong.", "They set up a venture called Orion 1980 in Budapest."} {
		d := analyse(t, txt, "2005-03-01")
		if len(d.Dates) != 0 {
			t.Errorf("%q: dates %v, want none", txt, values(d))
		}
	}
	expect(t, analyse(t, "Sales fell in March 2004 and in fiscal 2003.", "2005-03-01"), "March 2004", "2004-03")
	expect(t, analyse(t, "Sales fell in March 2004 and in fiscal 2003.", "2005-03-01"), "fiscal 2003", "2003")
	expect(t, analyse(t, "In 2000, sales fell.", "2005-03-01"), "2000", "2000")
}
