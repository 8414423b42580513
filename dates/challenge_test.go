package dates_test

import (
	"strings"
	"testing"
)

// A challenge is one date expression of a news sentence (written for
// these tests) with the TIMEX3 value the TimeML guidelines (TempEval-3
// edition) give it against the publication date pub. An empty value means
// the phrase is no DATE: a duration ("the past few days"), a time of day
// ("tonight"), a set ("every Monday") or not a time at all ("Boeing 747").
type challenge struct{ pub, text, phrase, value string }

// Publication dates of the challenge sets: a Friday in March, a Wednesday
// in the quarter after a quarter's end, a Wednesday just after New Year and
// a Thursday just before it.
const (
	fri = "2013-03-22" // 2013-W12, Q1
	wed = "2024-10-16" // 2024-W42, Q4: the quarter reported is 2024-Q3
	jan = "2019-01-09" // 2019-W02
	dec = "2021-12-30" // 2021-W52
)

// checkChallenges requires exactly one DATE over each phrase, with the
// value given, or none when the value is empty (the scorer matches spans
// by overlap, one to one: a second date over a phrase counts as a false
// one). It returns the number of cases that failed.
func checkChallenges(t *testing.T, cases []challenge) int {
	t.Helper()
	failed := 0
	for _, c := range cases {
		at := strings.Index(c.text, c.phrase)
		if at < 0 {
			t.Fatalf("fixture: %q not in %q", c.phrase, c.text)
		}
		end := at + len(c.phrase)
		d := analyse(t, c.text, c.pub)
		var got []string
		for _, dt := range d.Dates {
			if dt.Start < end && at < dt.End {
				got = append(got, d.Word(dt.Span)+"="+dt.Value)
			}
		}
		switch {
		case c.value == "" && len(got) > 0:
			t.Errorf("%s %q: %q is no date, found %v", c.pub, c.text, c.phrase, got)
		case c.value != "" && (len(got) != 1 || !strings.HasSuffix(got[0], "="+c.value)):
			t.Errorf("%s %q: %q want %s, found %v", c.pub, c.text, c.phrase, c.value, got)
		default:
			continue
		}
		failed++
	}
	return failed
}

func TestChallengeWeekdays(t *testing.T) {
	checkChallenges(t, []challenge{
		{fri, "The prime minister said Wednesday that the banks would stay shut.", "Wednesday", "2013-03-20"},
		{fri, "Parliament will vote Tuesday on the rescue plan.", "Tuesday", "2013-03-26"},
		{fri, "Finance ministers are to meet on Monday in Brussels.", "Monday", "2013-03-25"},
		{fri, "Talks collapsed on Sunday after a long night of bargaining.", "Sunday", "2013-03-17"},
		{fri, "Banks will reopen on Tuesday, the central bank said.", "Tuesday", "2013-03-26"},
		{fri, "The central bank said on Thursday that banks would reopen Tuesday.", "Thursday", "2013-03-21"},
		{fri, "The central bank said on Thursday that banks would reopen Tuesday.", "Tuesday", "2013-03-26"},
		{fri, "Last Tuesday, the court threw out the case.", "Last Tuesday", "2013-03-19"},
		{fri, "Next Wednesday the court hears the appeal.", "Next Wednesday", "2013-03-27"},
		{fri, "This Sunday voters go to the polls again.", "This Sunday", "2013-03-24"},
		{fri, "A vote is expected Monday.", "Monday", "2013-03-25"},
		{fri, "Police arrested the man Friday outside his home.", "Friday", "2013-03-22"},
		{fri, "The singer died Saturday at his home in Lagos.", "Saturday", "2013-03-16"},
		{fri, "Monday's vote was delayed by a strike.", "Monday", "2013-03-18"},
		{fri, "Investors sold shares on Thursday and Friday.", "Thursday", "2013-03-21"},
		{fri, "The council approved next year's budget late on Thursday.", "Thursday", "2013-03-21"},
		{fri, "The council approved next year's budget early Thursday.", "early Thursday", "2013-03-21"},
		{fri, "The match, which kicks off on Saturday, is sold out.", "Saturday", "2013-03-23"},
		{fri, "Rescuers were still searching on Wednesday for the missing miners.", "Wednesday", "2013-03-20"},
		{dec, "Markets reopen Monday after the holiday.", "Monday", "2022-01-03"},
		{jan, "The president addressed the nation Tuesday night.", "Tuesday night", ""},
		{jan, "The shutdown entered its 19th day on Wednesday.", "Wednesday", "2019-01-09"},
		{fri, "The decision came on Friday last week.", "Friday last week", "2013-03-15"},
		{fri, "The board meets on Monday next week.", "Monday next week", "2013-03-25"},
		{jan, "The shop reopened on Tuesday this week.", "Tuesday this week", "2019-01-08"},
		{fri, "Banks will stay closed through Tuesday.", "Tuesday", "2013-03-26"},
		{fri, "Banks remained shut on Tuesday.", "Tuesday", "2013-03-19"},
		{fri, "The senator told voters here Sunday that he would keep fighting.", "Sunday", "2013-03-17"},
		{fri, "The central bank ended its meeting on Thursday by announcing it would buy more bonds.", "Thursday", "2013-03-21"},
		{fri, "Until Monday's announcement, the shares were down 40 percent.", "Monday", "2013-03-18"},
		{fri, "Wisconsin holds its presidential primary on Tuesday.", "Tuesday", "2013-03-26"},
		{fri, "She canceled a joint rally with the president slated for Wednesday in Green Bay.", "Wednesday", "2013-03-27"},
		{fri, "Cyprus faces a Monday deadline to raise the money.", "Monday", "2013-03-25"},
		{fri, "The deadline is Monday.", "Monday", "2013-03-25"},
		{fri, "Cyprus needs a deal before Monday.", "Monday", "2013-03-25"},
		{fri, "Cyprus missed a Monday deadline to raise the money.", "Monday", "2013-03-18"},
		{jan, "Its share before Monday's purchases is 7 percent.", "Monday", "2019-01-07"},
	})
}

func TestChallengeRelative(t *testing.T) {
	checkChallenges(t, []challenge{
		{fri, "Cyprus has until this week to agree a deal.", "this week", "2013-W12"},
		{fri, "Ministers met last week in Brussels.", "last week", "2013-W11"},
		{fri, "The levy will be voted on next week.", "next week", "2013-W13"},
		{fri, "Earlier this week the bank froze accounts.", "Earlier this week", "2013-W12"},
		{fri, "Unemployment rose this month to a record.", "this month", "2013-03"},
		{fri, "Earlier this month, the union called a strike.", "Earlier this month", "2013-03"},
		{fri, "The report is due later this month.", "later this month", "2013-03"},
		{fri, "Sales fell last month, the agency said.", "last month", "2013-02"},
		{fri, "The talks resume next month in Geneva.", "next month", "2013-04"},
		{fri, "Growth will be weak this year.", "this year", "2013"},
		{fri, "Earlier this year, the firm cut 500 jobs.", "Earlier this year", "2013"},
		{fri, "The plant should open later this year.", "later this year", "2013"},
		{fri, "The company lost money last year.", "last year", "2012"},
		{fri, "The election is due early next year.", "early next year", "2014"},
		{fri, "Prices started rising late last year.", "late last year", "2012"},
		{fri, "Sales should recover next quarter.", "next quarter", "2013-Q2"},
		{fri, "Profit fell sharply last quarter.", "last quarter", "2012-Q4"},
		{fri, "The talks ended two weeks ago.", "two weeks ago", "2013-W10"},
		{fri, "The ship sank three days ago.", "three days ago", "2013-03-19"},
		{fri, "The strike started a month ago.", "a month ago", "2013-02"},
		{fri, "The bridge opened a year ago.", "a year ago", "2012"},
		{fri, "The war began two years ago this week.", "two years ago this week", "2011-W12"},
		{fri, "The bank collapsed a year ago this month.", "a year ago this month", "2012-03"},
		{fri, "The case was heard earlier in the week.", "the week", "2013-W12"},
		{fri, "The talks, which began on Tuesday, collapsed later in the day.", "the day", "2013-03-19"},
		{fri, "The firm was sold in 2009; earlier in the year, it had cut jobs.", "the year", "2009"},
		{fri, "The mill closed 100 years ago.", "100 years ago", "1913"},
		{fri, "The church burned a century ago.", "a century ago", "19"},
		{fri, "The mine closed a few years ago.", "a few years ago", "PAST_REF"},
		{fri, "The town emptied decades ago.", "decades ago", "PAST_REF"},
		{fri, "Prices have doubled this decade.", "this decade", "201"},
		{fri, "The deal must be signed by the end of the month.", "the end of the month", "2013-03"},
		{fri, "The mine will close by the end of the year.", "the end of the year", "2013"},
		{fri, "The fund will be wound up by year-end.", "year-end", "2013"},
		{fri, "The reform takes effect at the start of next year.", "the start of next year", "2014"},
		{fri, "Troops will leave in the middle of next month.", "the middle of next month", "2013-04"},
		{fri, "The new line opens in early April.", "early April", "2013-04"},
		{fri, "Snow fell in late February across the north.", "late February", "2013-02"},
		{fri, "A verdict is expected in mid-April.", "mid-April", "2013-04"},
		{fri, "The treaty expires two years from now.", "two years from now", "2015"},
		{fri, "The bonds will be redeemed in five years.", "five years", "2018"},
		{fri, "The board will decide in two weeks.", "two weeks", "2013-W14"},
		{fri, "Prices rose for the first time in five years.", "five years", ""},
		{fri, "It was the biggest drop in a decade.", "a decade", ""},
		{fri, "The wall will be finished within a year.", "a year", ""},
		{fri, "Islam will one day be the second religion.", "one day", "FUTURE_REF"},
		{fri, "One day, he left without a word.", "One day", ""},
		{fri, "The minister resigned a week or so ago.", "a week or so ago", "2013-W11"},
		{fri, "Margins rose in the first half of the year.", "the first half of the year", "2013-H1"},
		{"1998-03-04", "The talks are set for the week of March 16.", "the week of March 16", "1998-W12"},
		{fri, "The game was launched during the last week of 2011.", "the last week of 2011", "2011-W52"},
		{fri, "The shop opens in the first week of April.", "the first week of April", "2013-W14"},
		{fri, "The economy grew 3 percent in the three months to September.", "September", "2012-09"},
		{wed, "Exports shrank in November as demand slowed.", "November", "2023-11"},
		{fri, "Output will recover in the second half of next year.", "the second half of next year", "2014-H2"},
		{dec, "Trading resumes next week.", "next week", "2022-W01"},
		{dec, "The rules change next month.", "next month", "2022-01"},
		{jan, "The store was robbed last week.", "last week", "2019-W01"},
	})
}

func TestChallengeAnchored(t *testing.T) {
	checkChallenges(t, []challenge{
		{fri, "Exports fell 3 percent in February from a year earlier.", "a year earlier", "2012-02"},
		{fri, "The minister arrived on March 4, and the following week she met the president.", "the following week", "2013-W11"},
		{fri, "Protesters gathered on Tuesday. The next day, police cleared the square.", "The next day", "2013-03-20"},
		{fri, "The vote was held on Tuesday. The day before, thousands marched in the capital.", "The day before", "2013-03-18"},
		{fri, "On Tuesday the yield fell to 1.45 percent from 1.51 percent the day before. The euro rose to $1.31 from $1.30 the day before.", "$1.30 the day before", "2013-03-18"},
		{fri, "Parliament rejected the levy on March 19. Later that day, the banks closed.", "that day", "2013-03-19"},
		{fri, "The law was passed in 2009; the year before, it had been rejected.", "the year before", "2008"},
		{fri, "The law was passed on Jan. 10, 2012. A week later, it was challenged in court.", "A week later", "2012-W03"},
		{fri, "The firm was founded in 1998. Two years later it listed its shares.", "Two years later", "2000"},
		{fri, "The dam was approved in 2009, and work began the following spring.", "the following spring", "2010-SP"},
		{fri, "The dam was approved in March 2009, and work began the following summer.", "the following summer", "2009-SU"},
		{fri, "The river flooded in 2007. That summer, crops failed.", "That summer", "2007-SU"},
		{fri, "The strike began in the spring of 2011 and ended the following summer.", "the following summer", "2011-SU"},
	})
}

func TestChallengeVague(t *testing.T) {
	checkChallenges(t, []challenge{
		{fri, "The governor recently resigned.", "recently", "PAST_REF"},
		{fri, "The building formerly housed a school.", "formerly", "PAST_REF"},
		{fri, "The bank is now in talks with Russia.", "now", "PRESENT_REF"},
		{fri, "The bank is currently in talks with Russia.", "currently", "PRESENT_REF"},
		{fri, "A deal will soon be announced.", "soon", "FUTURE_REF"},
		{fri, "Officials expect a deal soon.", "soon", "FUTURE_REF"},
		{fri, "The troops left soon after the vote.", "soon", ""},
		{fri, "Call us as soon as you can.", "soon", ""},
		{fri, "Rates will rise in the future.", "the future", "FUTURE_REF"},
		{fri, "In the past, the island relied on tourism.", "the past", "PAST_REF"},
		{fri, "Prices have soared over the past few days.", "the past few days", "PAST_REF"},
		{fri, "Thousands have fled in the last few weeks.", "the last few weeks", "PAST_REF"},
		{fri, "Talks have dragged on for the past few months.", "the past few months", ""},
		{fri, "The economy shrank in the past two years.", "the past two years", ""},
		{fri, "The factory employs 2,000 people.", "2,000", ""},
	})
}

func TestChallengeYears(t *testing.T) {
	checkChallenges(t, []challenge{
		{wed, "The line should open by mid-2025.", "mid-2025", "2025"},
		{wed, "The band was famous in the late 1990s.", "the late 1990s", "199"},
		{wed, "Smartphones spread in the 2010s.", "the 2010s", "201"},
		{wed, "Hip-hop ruled the '90s.", "the '90s", "199"},
		{wed, "Steel mills closed in the early 2000s.", "the early 2000s", "200"},
		{wed, "The church dates from the 19th century.", "the 19th century", "18"},
		{wed, "The bank was founded in the 1800s.", "the 1800s", "18"},
		{wed, "It is the worst storm of the 21st century.", "the 21st century", "20"},
		{wed, "Inflation peaked in 2022, the bank said.", "2022", "2022"},
		{wed, "Rents have doubled since 2015.", "2015", "2015"},
		{wed, "Between 2008 and 2012 the firm shrank.", "2008", "2008"},
		{wed, "Between 2008 and 2012 the firm shrank.", "2012", "2012"},
		{wed, "The 2020 election was contested.", "2020", "2020"},
		// a year that modifies a name is annotated as a date in TimeML
		// corpora ("a 1971 Convention", "the 2000 Olympics")
		{wed, "The 1990 Act was repealed.", "1990", "1990"},
		{wed, "A 2019 report found the dam unsafe.", "2019", "2019"},
		{wed, "The target is to cut emissions by 2030.", "2030", "2030"},
		{wed, "The club was founded in the year 1899.", "1899", "1899"},
		{wed, "The year 2013 was hard for the firm.", "The year 2013", "2013"},
		{wed, "The plant runs 24/7 now.", "24/7", ""},
		{wed, "The airline flies the Boeing 747 to Tokyo.", "747", ""},
		{wed, "The film is shown on BBC One at 2000 GMT on Friday.", "2000", ""},
		{wed, "Old PCs still run Windows 2000.", "2000", ""},
		{wed, "The magazine named her Person of the Year.", "Year", ""},
		{wed, "We will examine this new report.", "this", ""},
		{wed, "The next Labour government will cut taxes.", "next", ""},
		{wed, "The film was made by 20th Century Fox.", "20th Century", ""},
		{wed, "The 64-year-old was released on bail.", "64-year-old", ""},
		{wed, "He has worked there for 20 years.", "20 years", ""},
	})
}

func TestChallengeBusiness(t *testing.T) {
	checkChallenges(t, []challenge{
		{wed, "Sales rose in fiscal 2024.", "fiscal 2024", "2024"},
		{wed, "Sales rose in FY2024.", "FY2024", "2024"},
		{wed, "Sales rose in FY 2023.", "FY 2023", "2023"},
		{wed, "The plan ran from 2010-2012 in three regions.", "2010", "2010"},
		{wed, "The plan ran from 2010-2012 in three regions.", "2012", "2012"},
		{jan, "The fair runs Jan. 15-17 in Detroit.", "Jan. 15", "2019-01-15"},
		{wed, "The band split in '85 and reunited in the mid-'90s.", "'85", "1985"},
		{wed, "The band split in '85 and reunited in the mid-'90s.", "'90s", "199"},
		{wed, "Profit rose 10 percent in the third quarter.", "the third quarter", "2024-Q3"},
		{wed, "Q3 revenue beat forecasts.", "Q3", "2024-Q3"},
		{wed, "Revenue fell in Q4 2023.", "Q4 2023", "2023-Q4"},
		{wed, "Margins improved in the first half.", "the first half", "2024-H1"},
		{wed, "United led at half-time, and a second-half goal from the striker sealed the match.", "second-half", ""},
		{wed, "The striker scored twice in the first half of the match.", "the first half", ""},
		{wed, "The coach watched the match slip away as the referee gave a penalty in the final quarter.", "the final quarter", ""},
		{wed, "The coach said his squad struggled in the first quarter of the match.", "the first quarter", ""},
		{wed, "The company expects sales to rise in the fourth quarter.", "the fourth quarter", "2024-Q4"},
		{wed, "Output should recover in the first quarter of 2025.", "the first quarter of 2025", "2025-Q1"},
		{wed, "Net income was $5 million in the quarter, up from $4 million a year earlier.", "a year earlier", "2023-Q3"},
		{wed, "Its third-quarter profit rose.", "third-quarter", "2024-Q3"},
		{wed, "Profit rose 4% in the third quarter from the same period last year.", "the same period last year", "2023-Q3"},
		{wed, "Exports rose in September from the same month last year.", "the same month last year", "2023-09"},
		{wed, "Analysts cut their year-end forecasts.", "year-end", ""},
		{wed, "Sales in the first nine months rose 5 percent.", "the first nine months", ""},
		{wed, "Profit rose in the third quarter. Net for the year-earlier nine months included a gain.", "the year-earlier nine months", ""},
		{wed, "Sales rose in the third quarter. Sales in the year-ago six months were flat.", "the year-ago six months", ""},
		{wed, "Prices rose 3 percent in the year to September.", "the year", ""},
		{wed, "Sales rose 2 percent in the year through August.", "the year", ""},
		{wed, "The bank earned $2 billion in the quarter ended Sept. 30.", "Sept. 30", "2024-09-30"},
		{fri, "Revenue rose in the first quarter 2013.", "the first quarter 2013", "2013-Q1"},
		{wed, "Revenue rose in the first fiscal quarter.", "the first fiscal quarter", "2024-Q1"},
		{fri, "GDP shrank 0.6 percent in the final quarter of 2012.", "the final quarter of 2012", "2012-Q4"},
		{fri, "Final-quarter profit fell.", "Final-quarter", "2012-Q4"},
		{wed, "Sales rose in fiscal year 2023.", "fiscal year 2023", "2023"},
	})
}

// TestChallengeFiscalQuarters: in an earnings report, "the quarter", "the
// latest period" and "a year ago" are the quarter the report has just
// named, fiscal label and all, not the calendar quarter last ended; a
// quarter looked ahead to is not the one reported on, and a day that
// closes a quarter ("the quarter ended Sept. 30") leaves the quarter the
// time a year back counts from; "last year" giving the time of a figure
// compared with ("last year's $2 million", "last year's results") is that
// quarter a year back too.
func TestChallengeFiscalQuarters(t *testing.T) {
	checkChallenges(t, []challenge{
		{wed, "Maple Foods earned $12 million in the fiscal-first quarter ended Aug. 31.", "the fiscal-first quarter", "2024-Q1"},
		{wed, "Harbor Lines said it earned $40 million in its fiscal second quarter. Revenue in the quarter rose 8 percent.", "the quarter", "2024-Q2"},
		{wed, "Pine Bank posted a profit of $3 million for the fiscal first quarter ended Sept. 30, against a loss of $1 million a year ago.", "a year ago", "2023-Q1"},
		{wed, "Pine Bank posted a profit of $3 million for the fiscal first quarter ended Sept. 30. It lost $1 million a year ago. Revenue rose to $90 million from $80 million a year earlier.", "a year earlier", "2023-Q1"},
		{wed, "The utility earned $9 million in the quarter ended Sept. 30, up from $7 million a year earlier.", "a year earlier", "2023-Q3"},
		{"2024-11-06", "Oakridge reported a drop in fiscal fourth-quarter earnings. Sales in the latest period rose 3 percent.", "the latest period", "2024-Q4"},
		{wed, "Profit rose in the third quarter. The company has no estimate yet of fourth-quarter costs. In the latest quarter, margins widened.", "the latest quarter", "2024-Q3"},
		{wed, "Profit rose in the third quarter, and the company will take a fourth-quarter charge. It earned $2 million a year ago.", "a year ago", "2023-Q3"},
		{wed, "Harbor Lines earned $40 million in its fiscal second quarter. Its fuel bill rose 9 percent. Revenue for the quarter was $300 million. In the 2023 period, it earned $31 million.", "the 2023 period", "2023-Q2"},
		{wed, "Harbor Lines earned $40 million in its fiscal second quarter, against $31 million in the 2023 period. Fuel costs in the quarter rose.", "the quarter", "2024-Q2"},
		{wed, "Lakeside Paper's net rose in the third quarter. Its mills ran at full speed. Orders were weak in the spring. A plant closure cut profit in the year-ago period. In the 2024 period, taxes were lower than a year ago.", "a year ago", "2023-Q3"},
		{wed, "Net income rose to $8 million in the third quarter, compared with a loss of $2 million last year.", "last year", "2023-Q3"},
		{wed, "The retailer had 5.6 million shares outstanding in the quarter ended July 31.", "the quarter", "2024-Q2"},
		{wed, "The chain's sales rose 4 percent in the quarter ended Jan. 31.", "the quarter", "2023-Q4"},
		{wed, "The bank earned $2 billion in the quarter ended Sept. 30.", "the quarter", "2024-Q3"},
		{wed, "Profit fell in the third quarter. Exports for last year's quarter were $3 million.", "last year's quarter", "2023-Q3"},
		{wed, "Profit rose in the third quarter. Last year's results included a one-time gain.", "Last year", "2023-Q3"},
		{"2025-02-12", "Profit rose in 2024. Last year's results included a one-time gain.", "Last year", "2024"},
		{wed, "Third-quarter sales were $1.9 billion, up 5% from last year's $1.8 billion.", "last year", "2023-Q3"},
		{wed, "Profit rose in the third quarter. Last year the company cut 500 jobs.", "Last year", "2023"},
		{wed, "Sales rose in the third quarter, and last year's slump is over.", "last year", "2023"},
	})
}

func TestChallengeSeasons(t *testing.T) {
	checkChallenges(t, []challenge{
		{wed, "The drought last summer hit farmers.", "last summer", "2024-SU"},
		{wed, "The strike began last spring.", "last spring", "2024-SP"},
		{wed, "Energy prices may rise this winter.", "this winter", "2024-WI"},
		{wed, "The stadium will open next spring.", "next spring", "2025-SP"},
		{fri, "The law takes effect in the spring.", "the spring", "2013-SP"},
		{fri, "The cup was held in the summer of 2012.", "the summer of 2012", "2012-SU"},
		{fri, "Sales slumped last fall.", "last fall", "2012-FA"},
		{fri, "Shares rebounded after the fall in profits.", "fall", ""},
		{fri, "The fall of the Wall changed Europe.", "fall", ""},
		{fri, "Talks resume in the fall.", "the fall", "2013-FA"},
		{fri, "The spring of 2011 brought revolt.", "The spring of 2011", "2011-SP"},
		{fri, "The record was set in the summer of '69.", "the summer of '69", "1969-SU"},
		{fri, "Since its launch in summer 2009, the car has sold well.", "summer 2009", "2009-SU"},
		{fri, "The nominees include My Summer of Love and Enduring Love.", "Summer", ""},
		{fri, "The decision was made in the summer of last year.", "the summer of last year", "2012-SU"},
		{fri, "Work starts in the spring of next year.", "the spring of next year", "2014-SP"},
	})
}

func TestChallengeDays(t *testing.T) {
	checkChallenges(t, []challenge{
		{jan, "The store closed on Jan. 5.", "Jan. 5", "2019-01-05"},
		{jan, "The store closed on 5 January.", "5 January", "2019-01-05"},
		{jan, "The store closed on Jan 5 after a fire.", "Jan 5", "2019-01-05"},
		{jan, "The lease ran out on January 5th, 2024.", "January 5th, 2024", "2024-01-05"},
		{jan, "The lease ran out on the 5th of January.", "the 5th of January", "2019-01-05"},
		{jan, "The lease ran out on 5th January 2024.", "5th January 2024", "2024-01-05"},
		{jan, "The form was signed on 01/05/2024.", "01/05/2024", "2024-01-05"},
		{jan, "The form was signed on 2024-01-05.", "2024-01-05", "2024-01-05"},
		{jan, "The form was signed on 22/12/2018.", "22/12/2018", "2018-12-22"},
		{"2005-03-10", "The group monitored the channel from 20 March to 27 March 2004.", "20 March", "2004-03-20"},
		{fri, "The fair ran from Jan. 30 to Feb. 2, 2012.", "Jan. 30", "2012-01-30"},
		{"2005-03-10", "The final was played on the weekend of 27-28 November.", "the weekend of 27-28 November", "2004-W48-WE"},
		{jan, "The shutdown began on Dec. 22.", "Dec. 22", "2018-12-22"},
		{jan, "Funding runs out on Jan. 15.", "Jan. 15", "2019-01-15"},
		{jan, "The Dec. 12 deadline was missed.", "Dec. 12", "2018-12-12"},
		{jan, "Talks resume on Monday, Jan. 14.", "Monday, Jan. 14", "2019-01-14"},
		{"2005-03-01", "The ceremony was held on Sunday 27 February.", "Sunday 27 February", "2005-02-27"},
		{dec, "The offer expires Dec. 31.", "Dec. 31", "2021-12-31"},
		{dec, "Trading resumes on Jan. 3.", "Jan. 3", "2022-01-03"},
		{fri, "Output fell in March 2012.", "March 2012", "2012-03"},
		{fri, "The embassy was bombed on Aug. 7, 1998. Survivors of the Aug. 7 attack met in Nairobi.", "the Aug. 7 attack", "1998-08-07"},
		{fri, "She needs momentum going into the second half of April.", "the second half of April", "2013-04"},
		{fri, "Members include Steve Grubbs, Jill June and Lori Jungling.", "June", ""},
		{fri, "In January of this year he resigned.", "January of this year", "2013-01"},
		{fri, "The strike began in March of last year.", "March of last year", "2012-03"},
		{wed, "The economy created fewer jobs than expected in September.", "September", "2024-09"},
		{wed, "Until that day in April, the miner had never been in a courtroom.", "April", "2024-04"},
		{wed, "A spokesman said that if his candidate were to win in December, she would sign the bill.", "December", "2024-12"},
		{jan, "The law takes effect in December.", "December", "2019-12"},
		{jan, "Sales fell in December.", "December", "2018-12"},
		{jan, "The plant will reopen in November.", "November", "2019-11"},
		{dec, "The tax rises in January.", "January", "2022-01"},
		{dec, "Prices jumped in January.", "January", "2021-01"},
		{dec, "The mayor took office in February.", "February", "2021-02"},
		{wed, "Elections are due in November.", "November", "2024-11"},
		{wed, "The deal was signed in November.", "November", "2023-11"},
		{wed, "The new mayor takes office on Jan. 1.", "Jan. 1", "2025-01-01"},
		{fri, "Thousands march in Paris.", "march", ""},
		{fri, "Prices may rise in May.", "May", "2013-05"},
		{fri, "Sales rose in January and March.", "March", "2013-03"},
		{fri, "Sales rose in January, March and May of last year.", "March", "2012-03"},
		{fri, "The suspect was charged yesterday.", "yesterday", "2013-03-21"},
		{fri, "The minister flies to Berlin tomorrow.", "tomorrow", "2013-03-23"},
		{fri, "The president speaks tonight.", "tonight", ""},
		{fri, "The fire broke out this morning.", "this morning", ""},
		{fri, "Gunfire was heard last night in the capital.", "last night", ""},
		{fri, "The summit ends at 3 p.m. Friday.", "Friday", ""},
		{fri, "The shops were closed over the weekend.", "the weekend", "2013-W11-WE"},
		{fri, "Protests are planned for this weekend.", "this weekend", "2013-W12-WE"},
		{fri, "Ferries sail every Monday.", "Monday", ""},
		{fri, "The summit opens Friday at 10 a.m. in Brussels.", "Friday", ""},
		{fri, "Police were called at 3 p.m. on Thursday.", "Thursday", ""},
		{fri, "The vote took place on the evening of March 19.", "March 19", ""},
		{fri, "The deal was struck on the morning of Tuesday.", "Tuesday", ""},
		{fri, "She told the Sunday Times that she would stand.", "Sunday", ""},
		{fri, "He told USA Today that the deal was dead.", "Today", ""},
		{fri, "She told BBC Radio 4's Today programme that she would stand.", "Today", ""},
		{fri, "London hosted the Summer Olympics in 2012.", "Summer", ""},
		{fri, "\"Today we are united,\" she said.", "Today", "2013-03-22"},
		{fri, "April Ryan asked the president about the budget.", "April", ""},
		{fri, "In April President Obama will visit Israel.", "April", "2013-04"},
		{fri, "Unionists opposed the Good Friday Agreement in 1998.", "Good Friday", ""},
	})
}

func TestChallengeHolidays(t *testing.T) {
	checkChallenges(t, []challenge{
		{wed, "Stores will stay open on Christmas Eve.", "Christmas Eve", "2024-12-24"},
		{fri, "The island will be quiet at Easter.", "Easter", "2013-03-31"},
		{wed, "Flights are full for Thanksgiving.", "Thanksgiving", "2024-11-28"},
		{jan, "Fireworks lit the sky on New Year's Eve.", "New Year's Eve", "2018-12-31"},
		{jan, "Sales over Christmas were weak.", "Christmas", "2018-12-25"},
		{wed, "Prices have fallen since Labor Day.", "Labor Day", "2024-09-02"},
		{wed, "Candy sales peak on Halloween.", "Halloween", "2024-10-31"},
		{wed, "Veterans will gather on Remembrance Day.", "Remembrance Day", "2024-11-11"},
		{wed, "The parade marches on St. Patrick's Day.", "St. Patrick's Day", "2025-03-17"},
		{wed, "Fireworks lit the sky on the Fourth of July.", "Fourth of July", "2024-07-04"},
		{wed, "Sales rose in the fourth quarter.", "fourth quarter", "2024-Q4"},
		{"2024-05-01", "The cottage opens on Victoria Day.", "Victoria Day", "2024-05-20"},
		{fri, "The show's highest audience came at Christmas 1986.", "Christmas 1986", "1986-12-25"},
		{fri, "The attack happened on Easter Sunday last year.", "Easter Sunday last year", "2012-04-08"},
		{wed, "Thousands will march on May Day.", "May Day", "2025-05-01"},
	})
}

// An article is a short news text (written for these tests) with every
// DATE the TimeML guidelines find in it, in order: phrase and value ("?":
// any value or none, where the guidelines leave the reading open; "": no
// DATE). A date found over no listed phrase is a false one.
type article struct {
	pub, text string
	want      [][2]string
}

// checkArticles scores the articles as score_dates.py does (spans matched
// by overlap, one to one) and reports every missing, wrong and false date.
func checkArticles(t *testing.T, arts []article) {
	t.Helper()
	for _, a := range arts {
		d := analyse(t, a.text, a.pub)
		used := make([]bool, len(d.Dates))
		from := 0
		for _, w := range a.want {
			at := strings.Index(a.text[from:], w[0])
			if at < 0 {
				t.Fatalf("fixture: %q not in order in %q", w[0], a.text)
			}
			at += from
			end := at + len(w[0])
			from = end
			var got []string
			for i, dt := range d.Dates {
				if !used[i] && dt.Start < end && at < dt.End {
					used[i] = true
					got = append(got, d.Word(dt.Span)+"="+dt.Value)
				}
			}
			switch {
			case w[1] == "?":
			case w[1] == "" && len(got) > 0:
				t.Errorf("%s: %q is no date, found %v", a.pub, w[0], got)
			case w[1] != "" && (len(got) != 1 || !strings.HasSuffix(got[0], "="+w[1])):
				t.Errorf("%s: %q want %s, found %v", a.pub, w[0], w[1], got)
			}
		}
		for i, dt := range d.Dates {
			if !used[i] {
				t.Errorf("%s: false date %q=%s", a.pub, d.Word(dt.Span), dt.Value)
			}
		}
	}
}

func TestChallengeArticles(t *testing.T) {
	checkArticles(t, []article{
		{"2013-03-21", "NICOSIA, Cyprus (AP) — Cyprus's parliament on Tuesday rejected a tax on bank deposits, and lawmakers were scrambling Thursday to find another way to raise 5.8 billion euros before Monday, when the European Central Bank says it will cut off emergency funding. Banks have been closed since last Saturday and will stay shut until next Tuesday, the central bank said. The island's economy shrank 2.4 percent last year, and the finance minister, who flew to Moscow on Wednesday, said talks there had not yet produced a deal. \"We are now in a very difficult position,\" he said. Cyprus joined the euro in 2008. Unemployment reached 14 percent in January, up from 10 percent a year earlier. A vote could come as early as Friday.",
			[][2]string{{"Tuesday", "2013-03-19"}, {"Thursday", "2013-03-21"}, {"Monday", "2013-03-25"}, {"last Saturday", "2013-03-16"}, {"next Tuesday", "2013-03-26"}, {"last year", "2012"}, {"Wednesday", "2013-03-20"}, {"now", "PRESENT_REF"}, {"2008", "2008"}, {"January", "2013-01"}, {"a year earlier", "2012-01"}, {"Friday", "2013-03-22"}}},
		{"2023-11-14", "Acme Corp. said Tuesday that its third-quarter profit fell 12 percent as demand for its printers weakened. Net income for the quarter ended Sept. 30 was $45 million, down from $51 million a year earlier. Revenue for the first nine months of the year rose 3 percent. The company, which will report fourth-quarter results in February, expects sales in fiscal 2024 to be flat. Its shares have fallen 20 percent this year. Chief executive Jane Roe said the company plans to cut 300 jobs by the end of next year and will close a plant in Ohio in the spring. In 2022 the company earned a record $210 million.",
			[][2]string{{"Tuesday", "2023-11-14"}, {"third-quarter", "2023-Q3"}, {"the quarter", "2023-Q3"}, {"Sept. 30", "2023-09-30"}, {"a year earlier", "?"}, {"the first nine months", ""}, {"the year", "2023"}, {"fourth-quarter", "2023-Q4"}, {"February", "2024-02"}, {"fiscal 2024", "2024"}, {"this year", "2023"}, {"the end of next year", "2024"}, {"the spring", "2024-SP"}, {"2022", "2022"}}},
		{"2016-07-28", "The Bank of England is expected to cut interest rates next week for the first time since 2009. Figures published on Wednesday showed the economy grew by 0.6% in the three months to June. Economists said the vote to leave the EU on 23 June had hit confidence. The Bank's governor said earlier this month that action was likely \"over the summer\". Mark Carney, who took office in July 2013, will give a press conference on 4 August. Inflation was 0.5% in June, up from 0.3% in May. The last rate cut was in March 2009, when rates fell to 0.5%.",
			[][2]string{{"next week", "2016-W31"}, {"the first time", ""}, {"2009", "2009"}, {"Wednesday", "2016-07-27"}, {"the three months", ""}, {"June", "?"}, {"23 June", "2016-06-23"}, {"earlier this month", "2016-07"}, {"the summer", "2016-SU"}, {"July 2013", "2013-07"}, {"4 August", "2016-08-04"}, {"June", "2016-06"}, {"May", "2016-05"}, {"March 2009", "2009-03"}}},
		{"2013-03-21", "Good evening. Tonight, the pope has celebrated his first mass as pontiff. Right now, thousands of people are still in St. Peter's Square. Earlier today, the president arrived in Israel. He will meet Palestinian leaders tomorrow and fly to Jordan on Friday. Yesterday, the Senate passed the budget. We'll have more on that story in the next hour. This week marks ten years since the invasion of Iraq in 2003.",
			[][2]string{{"Tonight", ""}, {"Right now", "PRESENT_REF"}, {"today", "2013-03-21"}, {"tomorrow", "2013-03-22"}, {"Friday", "2013-03-22"}, {"Yesterday", "2013-03-20"}, {"the next hour", ""}, {"This week", "2013-W12"}, {"ten years", ""}, {"2003", "2003"}}},
		{"2024-04-08", "OTTAWA — The federal government will table its budget on April 16, the finance minister said on Monday. The deficit for the fiscal year ending March 31, 2024 is forecast at $40 billion. Last fall, the government promised to balance the books by 2028. The Bank of Canada, which held its key rate at 5 per cent last month, next meets on June 5. In the 1990s, Ottawa cut spending sharply. The minister said the measures would take effect on Canada Day.",
			[][2]string{{"April 16", "2024-04-16"}, {"Monday", "2024-04-08"}, {"the fiscal year", "?"}, {"March 31, 2024", "2024-03-31"}, {"Last fall", "2023-FA"}, {"2028", "2028"}, {"last month", "2024-03"}, {"June 5", "2024-06-05"}, {"the 1990s", "199"}, {"Canada Day", "2024-07-01"}}},
		{"2008-09-16", "NEW YORK (AP) — Lehman Brothers filed for bankruptcy protection early Monday, and the Dow Jones industrial average fell 504 points, its worst day since the Sept. 11 attacks. The crisis began in the summer of 2007. \"We are in the midst of a once-in-a-century credit tsunami,\" a former Fed chairman said on Sunday. Merrill Lynch agreed over the weekend to be sold to Bank of America. American International Group will seek a loan from the Federal Reserve today. Markets in Asia reopen Wednesday. The Fed meets Tuesday to set interest rates.",
			[][2]string{{"early Monday", "2008-09-15"}, {"its worst day", ""}, {"Sept. 11", "?"}, {"the summer of 2007", "2007-SU"}, {"Sunday", "2008-09-14"}, {"the weekend", "2008-W37-WE"}, {"today", "2008-09-16"}, {"Wednesday", "2008-09-17"}, {"Tuesday", "2008-09-16"}}},
		{"2019-06-12", "TORONTO — Ontario's government said Wednesday it will scrap the province's cap-and-trade program by the end of the summer. The plan, first announced in July 2018, drew criticism from municipalities last fall. Premier Doug Ford told reporters on Tuesday that gas prices had fallen 10 cents a litre since the program ended. The province's fiscal year ends on March 31. A court hearing is set for Sept. 9. \"We promised this during the campaign and we delivered,\" Ford said. The Liberals, who introduced the program in 2016, said the move would cost $3 billion over four years.",
			[][2]string{{"Wednesday", "2019-06-12"}, {"the summer", "2019-SU"}, {"July 2018", "2018-07"}, {"last fall", "2018-FA"}, {"Tuesday", "2019-06-11"}, {"March 31", "?"}, {"Sept. 9", "2019-09-09"}, {"2016", "2016"}, {"four years", ""}}},
		{"2002-10-04", "WASHINGTON — The House voted 296-133 on Thursday night to give President Bush authority to use force against Iraq, and the Senate is expected to follow next week. The vote came a day after the president met congressional leaders at the White House. Mr. Bush said in September that Iraq posed a grave threat. The administration wants a resolution before Congress adjourns for the midterm elections on Nov. 5. In 1991, Congress authorized the Persian Gulf war by a narrower margin. Weapons inspectors have not been in Iraq since December 1998. The debate resumes Monday.",
			[][2]string{{"Thursday night", ""}, {"next week", "2002-W41"}, {"a day after", "?"}, {"September", "2002-09"}, {"Nov. 5", "2002-11-05"}, {"1991", "1991"}, {"December 1998", "1998-12"}, {"Monday", "2002-10-07"}}},
		{"2011-02-22", "HSBC Holdings PLC said Monday that its pretax profit for 2010 more than doubled to $19 billion, but fourth-quarter earnings disappointed investors. Revenue in the second half fell 4 percent. The bank expects costs to rise this year and will cut 700 jobs by the end of March. Shares fell 5% in London trading on Monday, their biggest one-day drop since November. Analysts had expected a profit of $20 billion. HSBC will pay a dividend on May 5.",
			[][2]string{{"Monday", "2011-02-21"}, {"2010", "2010"}, {"fourth-quarter", "2010-Q4"}, {"the second half", "2010-H2"}, {"this year", "2011"}, {"the end of March", "2011-03"}, {"Monday", "2011-02-21"}, {"one-day", ""}, {"November", "2010-11"}, {"May 5", "2011-05-05"}}},
		{"2020-03-17", "OTTAWA — Prime Minister Justin Trudeau said Monday that Canada will close its borders to most foreigners starting Wednesday. The measures will last at least until the end of April, officials said. Schools in Ontario will stay closed for two weeks after the break. \"We are in an unprecedented situation,\" Trudeau said Tuesday morning. The first case in Canada was confirmed on Jan. 25. Last week, the NHL suspended its season. The Bank of Canada cut its key rate on March 4 and again on Friday.",
			[][2]string{{"Monday", "2020-03-16"}, {"Wednesday", "2020-03-18"}, {"the end of April", "2020-04"}, {"two weeks", ""}, {"Tuesday morning", ""}, {"Jan. 25", "2020-01-25"}, {"Last week", "2020-W11"}, {"March 4", "2020-03-04"}, {"Friday", "2020-03-13"}}},
		{"2017-01-20", "WASHINGTON (AP) — Donald Trump will be sworn in as the 45th president at noon Friday. Thousands of protesters are expected to march on Saturday. Trump, who won the election on Nov. 8, has promised to repeal the Affordable Care Act on his first day. Barack Obama, who took office in January 2009, will fly to California after the ceremony. The last time a Republican succeeded a Democrat was in 2001. A new poll released this week found Trump's approval at 40 percent, the lowest for an incoming president in decades.",
			[][2]string{{"noon Friday", ""}, {"Saturday", "2017-01-21"}, {"Nov. 8", "2016-11-08"}, {"his first day", "?"}, {"January 2009", "2009-01"}, {"2001", "2001"}, {"this week", "2017-W03"}, {"decades", ""}}},
		{"2019-06-12", "The Bank of England held interest rates at 0.75% on Thursday. Inflation fell to 2% in May, from 2.1% in April, the Office for National Statistics said. The Bank's next meeting is on 1 August. Brexit was originally due to happen on 29 March but has been delayed until 31 October. Economists expect one rate rise in 2020. The pound has fallen by 15% since the referendum in June 2016.",
			[][2]string{{"Thursday", "2019-06-06"}, {"May", "2019-05"}, {"April", "2019-04"}, {"1 August", "2019-08-01"}, {"29 March", "2019-03-29"}, {"31 October", "2019-10-31"}, {"2020", "2020"}, {"June 2016", "2016-06"}}},
	})
}

// TestTimesOfDayDateStatements: "tonight", "last night", "this morning"
// are TimeML TIMEs, no DATEs, but they give the day a statement was made.
func TestTimesOfDayDateStatements(t *testing.T) {
	cases := []struct{ text, cue, content, want string }{
		{"The minister said last night that the talks had failed.", "said", "the talks had failed", "2013-03-21"},
		{"The minister said this morning that the talks had failed.", "said", "the talks had failed", "2013-03-22"},
		{"The minister told reporters tonight that the talks had failed.", "told", "the talks had failed", "2013-03-22"},
	}
	for _, c := range cases {
		d := quoteDoc(t, c.text, fri, c.cue, c.content)
		if d.Quotes[0].SaidOn != c.want {
			t.Errorf("%q: SaidOn %q, want %q", c.text, d.Quotes[0].SaidOn, c.want)
		}
		if len(d.Dates) != 0 {
			t.Errorf("%q: a time of day is no DATE, found %v", c.text, values(d))
		}
	}
}
