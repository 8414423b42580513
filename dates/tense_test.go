package dates_test

import "testing"

// TestTenseCueNearWeekdayWins: the tense of the verb governing a weekday
// decides its direction; a pointer heading another date expression of the
// sentence ("next year's budget", "last year's loss") is not its tense
// (issue 19, defect 4: "approved next year's budget late on Thursday",
// published Friday 2025-03-14, gave 2025-03-20).
func TestTenseCueNearWeekdayWins(t *testing.T) {
	cases := []struct{ text, phrase, value string }{
		{"The city council approved next year's budget late on Thursday after a deal on school funding.", "Thursday", "2025-03-13"},
		{"The city council approved the budget late on Thursday after a deal on school funding.", "Thursday", "2025-03-13"},
		{"The board will discuss last year's accounts on Tuesday.", "Tuesday", "2025-03-18"},
		{"Ministers met on Monday to plan next year's summit.", "Monday", "2025-03-10"},
		{"The company said on Wednesday it expects profits next year.", "Wednesday", "2025-03-12"},
		// a month next to the publication month follows the clause's tense
		{"The operator changed from a fiscal year to a calendar year in April.", "April", "2024-04"},
		{"The council will vote on the plan in April.", "April", "2025-04"},
		{"Prices rose in February.", "February", "2025-02"},
	}
	for _, c := range cases {
		d := analyse(t, c.text, "2025-03-14") // a Friday
		expect(t, d, c.phrase, c.value)
	}
}
