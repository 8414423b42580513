package dates_test

import "testing"

func TestFollowingCountsFromEarlierDate(t *testing.T) {
	d := analyse(t, "On June 3, 2011, the engineer joined the agency, and the following year she led its first mission.", "2025-02-03")
	expect(t, d, "the following year", "2012")
	d = analyse(t, "In March the board received an offer. The following month, the company put itself up for sale.", "2025-10-20")
	expect(t, d, "The following month", "2025-04")
	d = analyse(t, "The plant opened in 2004; the previous year had been spent on permits.", "2025-02-03")
	expect(t, d, "the previous year", "2003")
	// without an earlier date the publication date is the anchor
	d = analyse(t, "The company expects to hire more staff the following year.", "2025-02-03")
	expect(t, d, "the following year", "2026")
}

func TestInThePast(t *testing.T) {
	d := analyse(t, "In the past, the ministry has often denied such reports.", "2025-02-03")
	expect(t, d, "the past", "PAST_REF")
	d = analyse(t, "Prices rose sharply in the past two years and in the past decade.", "2025-02-03")
	for _, dt := range d.Dates {
		if dt.Value == "PAST_REF" {
			t.Errorf("%q: a duration is not PAST_REF", d.Word(dt.Span))
		}
	}
}

func TestEachWeekdayIsNotADate(t *testing.T) {
	d := analyse(t, "Ferries will leave each Thursday from August 6, and pilgrims will march every July to the shrine.", "2025-02-03")
	expect(t, d, "August 6", "2025-08-06")
	for _, dt := range d.Dates {
		if w := d.Word(dt.Span); w == "Thursday" || w == "July" {
			t.Errorf("%q (%s): a recurring day is a TimeML SET, not a date", w, dt.Value)
		}
	}
}

func TestGenericTodayTomorrow(t *testing.T) {
	d := analyse(t, "Most of today's phones use the chip. \"I would choose the leaders of tomorrow,\" he said. As of today, the fund is closed.", "2025-02-03")
	expect(t, d, "today, the fund", "2025-02-03")
	n := 0
	for _, dt := range d.Dates {
		if dt.Value == "2025-02-03" || dt.Value == "2025-02-04" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("want only \"as of today\" dated, got %v", values(d))
	}
}

func TestPreviousWeekdayCountsFromDayNamed(t *testing.T) {
	// 2025-02-07 is a Friday, 2025-02-05 a Wednesday.
	d := analyse(t, "The index closed at 2082 on Feb. 7, 2025, down 4.5% from the previous Friday.", "2025-02-12")
	expect(t, d, "the previous Friday", "2025-01-31")
	d = analyse(t, "The talks opened on Feb. 5, 2025 and closed the following Monday.", "2025-03-01")
	expect(t, d, "the following Monday", "2025-02-10")
}

func TestVaguePluralsAndThenCurrent(t *testing.T) {
	d := analyse(t, "There were sell programs in past years, too.", "2025-02-03")
	expect(t, d, "past years", "PAST_REF")
	d = analyse(t, "Holders may buy shares at half the then current market price.", "2025-02-03")
	expect(t, d, "current", "PAST_REF")
	d = analyse(t, "The current market price is low.", "2025-02-03")
	expect(t, d, "current", "PRESENT_REF")
}

func TestTheFutureAsNoun(t *testing.T) {
	d := analyse(t, "Investors are worried about the future.", "2025-02-03")
	expect(t, d, "the future", "FUTURE_REF")
	d = analyse(t, "\"Sales were weak, and the future looks grim,\" he said. Trade is vital to the future of both nations.", "2025-02-03")
	for _, dt := range d.Dates {
		t.Errorf("%q (%s): \"the future\" as a noun is not a time", d.Word(dt.Span), dt.Value)
	}
}

func TestQuarterAYearAgoAndLastHalf(t *testing.T) {
	// 2025-11-02: the quarter just reported is 2025-Q3.
	d := analyse(t, "For the quarter a year ago, the bank reported earnings of $16 million.", "2025-11-02")
	expect(t, d, "the quarter a year ago", "2024-Q3")
	if len(d.Dates) != 1 {
		t.Errorf("want one expression, got %v", values(d))
	}
	d = analyse(t, "Sales will be weaker for the last half of 2026 than expected.", "2025-11-02")
	expect(t, d, "the last half of 2026", "2026-H2")
}

func TestDayWithTimeOfDayIsATime(t *testing.T) {
	d := analyse(t, "In London at mid-afternoon yesterday, the shares were up. New flights leave on Monday and Tuesday nights. Talks will resume Friday.", "2025-02-05")
	expect(t, d, "Friday", "2025-02-07")
	for _, dt := range d.Dates {
		if w := d.Word(dt.Span); w != "Friday" {
			t.Errorf("%q (%s): a day with a time of day is a TimeML TIME, not a DATE", w, dt.Value)
		}
	}
}

func TestThatYearIsTheYearLastNamed(t *testing.T) {
	d := analyse(t, "Imports reached $1.5 billion in 1988. The industry shipped few watches that year.", "1989-11-02")
	expect(t, d, "year", "1988")
	if d := analyse(t, "He was elected that year's chairman.", "1989-11-02"); len(d.Dates) != 0 {
		t.Errorf("no year named before: %v", values(d))
	}
}
