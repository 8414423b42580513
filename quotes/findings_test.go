package quotes_test

import "testing"

func TestFindingsOfPollsAndReports(t *testing.T) {
	check(t, "A harbour poll released Friday shows that most dockers back the strike.",
		want{"most dockers back the strike", "indirect", "A harbour poll released Friday", "shows", "", ""})
	check(t, "Exit polling showed that the union won every district except the old town.",
		want{"the union won every district except the old town", "indirect", "Exit polling", "showed", "", ""})
	check(t, "More than 40 percent of the money arrived in February alone, new fundraising reports show.",
		want{"More than 40 percent of the money arrived in February alone", "indirect", "new fundraising reports", "show", "", ""})
	check(t, "The ferry will stop running in May, the regional transport ministry spokesman Piet Janssen said.",
		want{"The ferry will stop running in May", "indirect", "the regional transport ministry spokesman Piet Janssen", "said", "", ""})
}
