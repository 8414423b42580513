package clean

import (
	"testing"

	"github.com/verbatim-news/verbatim"
)

func run(s string) *verbatim.Doc {
	d := verbatim.NewDoc(verbatim.Article{Text: s})
	Process(d)
	return d
}

func paras(d *verbatim.Doc) []string {
	var out []string
	for _, p := range d.Paragraphs {
		out = append(out, d.Word(p))
	}
	return out
}

func TestSameLength(t *testing.T) {
	for _, s := range []string{"", "a", "x\r\ny", "“é”\n\n\tz", "WASHINGTON: The vote.\n", "\xff\xfe\x00"} {
		if d := run(s); len(d.Clean) != len(s) {
			t.Errorf("%q: clean length %d", s, len(d.Clean))
		}
	}
}

func TestDatelineBlanked(t *testing.T) {
	for _, s := range []string{"ISLAMABAD: The talks began on Monday.", "WASHINGTON (Reuters) - The talks began on Monday.", "NEW YORK — The talks began on Monday."} {
		d := run(s)
		if got := paras(d); len(got) != 1 || got[0] != "The talks began on Monday." {
			t.Errorf("%q: paragraphs %q", s, got)
		}
	}
	// not a dateline
	d := run("U.S. President: a profile of the office.")
	if got := paras(d); got[0] != "U.S. President: a profile of the office." {
		t.Errorf("%q", got)
	}
}

func TestBulletsAreParagraphs(t *testing.T) {
	d := run("Key points\n- The mayor is making efforts to win support for the plan\n- Voters remain divided on it\nOSLO: The council met on Monday.\n")
	got := paras(d)
	want := []string{"- The mayor is making efforts to win support for the plan", "- Voters remain divided on it", "The council met on Monday."}
	if len(got) != len(want) {
		t.Fatalf("%q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("paragraph %d %q, want %q", i, got[i], want[i])
		}
	}
	if len(d.Noise) != 1 || d.Slice(d.Noise[0]) != "Key points" {
		t.Errorf("noise %v", d.Noise)
	}
}

func TestTitleFromHeadline(t *testing.T) {
	d := run("% The Daily Lantern\n\nCity Opens New Bridge After Delays\n\nThe bridge opened on Monday, the mayor said.\n")
	if d.Title != "City Opens New Bridge After Delays" {
		t.Errorf("title %q", d.Title)
	}
	d = run("The bridge opened on Monday.\n\nIt cost a lot.\n")
	if d.Title != "" {
		t.Errorf("title %q from a body sentence", d.Title)
	}
}

func TestWrapAcrossPageBreak(t *testing.T) {
	d := run("“We are ready,” the U.S.\n\n\nhttps://example.com/a/b\n\npresident said.\n")
	if got := paras(d); len(got) != 1 || got[0] != "“We are ready,” the U.S. president said." {
		t.Errorf("%q", got)
	}
}

func TestDatelineOnlyOpensTheBody(t *testing.T) {
	d := run("OSLO: The council met on Monday to vote on the budget.\n\nLIND: We will vote for it, and we will say so.\n")
	got := paras(d)
	if len(got) != 2 || got[0] != "The council met on Monday to vote on the budget." || got[1] != "LIND: We will vote for it, and we will say so." {
		t.Errorf("%q", got)
	}
}

func TestDatelineAfterHeadline(t *testing.T) {
	d := run("Harbour Strike Enters Second Week\n\nROTTERVIK: Dock workers extended their strike on Monday.\n")
	got := paras(d)
	if len(got) != 2 || got[1] != "Dock workers extended their strike on Monday." {
		t.Errorf("%q", got)
	}
}

func TestSloganOnlyInMasthead(t *testing.T) {
	// A line in capitals at the top is a masthead slogan; further down, lines
	// in capitals are content (a results table, a schedule).
	s := "The Harbour Ledger\nFRESH NEWS EVERY MORNING SINCE 1911\n\nTitle of the report\n\nThe first paragraph of the report ends here.\n\nThe second paragraph ends here too.\n\nKANSAS CITY AT DETROIT\nCHICAGO AT TORONTO\n"
	d := run(s)
	if len(d.Noise) != 1 || d.Text[d.Noise[0].Start:d.Noise[0].End] != "FRESH NEWS EVERY MORNING SINCE 1911" {
		t.Fatalf("noise %v", d.Noise)
	}
	got := paras(d)
	if got[len(got)-1] != "CHICAGO AT TORONTO" || got[len(got)-2] != "KANSAS CITY AT DETROIT" {
		t.Errorf("table rows lost: %q", got)
	}
}

func TestDatelineWithDateIsNotASlogan(t *testing.T) {
	// "PLACE yyyy-mm-dd" on its own line at the top is a dateline: content,
	// kept as its own paragraph (not glued to the body, not blanked).
	d := run("Harbour Strike Enters Second Week\nROTTERVIK HARBOUR 2024-03-18\nDock workers extended their strike on Monday.\n")
	if len(d.Noise) != 0 {
		t.Fatalf("noise %v", d.Noise)
	}
	got := paras(d)
	if len(got) != 3 || got[1] != "ROTTERVIK HARBOUR 2024-03-18" {
		t.Errorf("%q", got)
	}
	// a slogan with a year is still a slogan
	d = run("The Harbour Ledger\nFRESH NEWS EVERY MORNING SINCE 1911\n\nThe first paragraph of the report ends here.\n")
	if len(d.Noise) != 1 {
		t.Errorf("noise %v", d.Noise)
	}
}

func TestKickerBeforeHeadlineInCapitalsIsNotADateline(t *testing.T) {
	// "SECTION - HEADLINE IN CAPITALS ." keeps its kicker; a dateline opens
	// body text in mixed case.
	d := run("ROWING - VANTERBERG CREW TAKES GOLD IN HARBOUR REGATTA .\nThe crew won by two lengths on Sunday.\n")
	if got := paras(d); len(got) != 2 || got[0] != "ROWING - VANTERBERG CREW TAKES GOLD IN HARBOUR REGATTA ." {
		t.Errorf("%q", got)
	}
	d = run("ROTTERVIK - NATO ministers met on Monday to vote on the budget.\n")
	if got := paras(d); len(got) != 1 || got[0] != "NATO ministers met on Monday to vote on the budget." {
		t.Errorf("%q", got)
	}
}

func TestListItemsAndTableRowsAreNotJoined(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		// numbered items after a long line without a full stop
		{"1. Marta Kowalczyk ( Poland ) four minutes 6.87 seconds behind\n2. Ines Varga ( Hungary ) 4:08.22\n",
			[]string{"1. Marta Kowalczyk ( Poland ) four minutes 6.87 seconds behind", "2. Ines Varga ( Hungary ) 4:08.22"}},
		{"3 - Tomas Lind ( Sweden ) beat Piet Aalders ( Netherlands ) 6-4 6-3\n4 - Karl Ebner ( Austria ) beat Jan Dvorak ( Czech Republic ) 6-2 6-1\n",
			[]string{"3 - Tomas Lind ( Sweden ) beat Piet Aalders ( Netherlands ) 6-4 6-3", "4 - Karl Ebner ( Austria ) beat Jan Dvorak ( Czech Republic ) 6-2 6-1"}},
		// a row ending in figures (also a bracketed one) is not wrapped into the next line
		{"Amy Torvalds ( Norway ) beat Irina Balan ( Romania ) 7-6 ( 7-5 ) 7-5\nWomen 's singles , third round\n",
			[]string{"Amy Torvalds ( Norway ) beat Irina Balan ( Romania ) 7-6 ( 7-5 ) 7-5", "Women 's singles , third round"}},
		// a labelled field opens its own paragraph
		{"Postponed : Harbourside v Millbrook , Eastfield United v Northport\nPlaying Sunday : Westgate Rovers v Southmere\n",
			[]string{"Postponed : Harbourside v Millbrook , Eastfield United v Northport", "Playing Sunday : Westgate Rovers v Southmere"}},
		// prose wraps still join, also after a figure and before a time
		{"The council approved the budget of the harbour authority for 2024\nafter a long debate, the mayor said.\n",
			[]string{"The council approved the budget of the harbour authority for 2024 after a long debate, the mayor said."}},
		{"The ferry to the island of Varnholm was due to leave the port at\n10:30 but stayed in the harbour.\n",
			[]string{"The ferry to the island of Varnholm was due to leave the port at 10:30 but stayed in the harbour."}},
	}
	for _, c := range cases {
		got := paras(run(c.in))
		if len(got) != len(c.want) {
			t.Errorf("%q: paragraphs %q", c.in, got)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%q: paragraph %d %q, want %q", c.in, i, got[i], c.want[i])
			}
		}
	}
}
