package quotes_test

import "testing"

func TestAskedQuestion(t *testing.T) {
	// the indirect question is the content; an unnamed questioner is no source
	check(t, "A reporter asked the mayor how she would pay for the new bridge.",
		want{"how she would pay for the new bridge", "indirect", "A reporter", "asked", "", ""})
	check(t, "Asked whether the strike would end soon, the union leader shrugged.",
		want{"whether the strike would end soon", "indirect", "", "Asked", "", ""})
	check(t, "The harbour master was asked by a council member if the dredging, which began in May, would finish on time.",
		want{"if the dredging, which began in May, would finish on time", "indirect", "a council member", "asked", "", ""})
}

func TestAskedQuestionFramingAQuotedAnswer(t *testing.T) {
	// the answer is quoted: the unnamed question only frames it
	d := analyse(t, "When asked whether the ferry would run on Sunday, the captain told reporters: “Not this week.”")
	for _, q := range d.Quotes {
		if d.Word(q.Span) != "Not this week." {
			t.Errorf("quote %q", d.Word(q.Span))
		}
	}
}
