// Package adversarial generates documents of the shapes that make an
// extractor's cost grow faster than its input (issue 20): many quotes, many
// names, many dates, one giant paragraph, no sentence punctuation, thousands
// of nested or unbalanced quote marks, very long lines, and a transcript
// with thousands of speaker turns. Each is deterministic and of any size, so
// that tests and profiles can compare a document with one four times larger.
package adversarial

import (
	"fmt"
	"strings"
)

// Shape is one kind of adversarial document.
type Shape string

// The shapes of issue 20.
const (
	Quotes     Shape = "quotes"     // “We want to end that war,” he said. ×20 per line
	Names      Shape = "names"      // thousands of distinct people, organisations and places
	Dates      Shape = "dates"      // dates in every form, relative and absolute
	Paragraph  Shape = "paragraph"  // one giant paragraph of ordinary reporting
	NoPunct    Shape = "nopunct"    // words and quotes with no sentence punctuation
	QuoteMarks Shape = "quotemarks" // nested and unbalanced quote marks by the thousand
	LongLines  Shape = "longlines"  // lines of hundreds of kilobytes
	Transcript Shape = "transcript" // NAME: turn, thousands of speaker turns
)

// Shapes lists every shape, in a fixed order.
var Shapes = []Shape{Quotes, Names, Dates, Paragraph, NoPunct, QuoteMarks, LongLines, Transcript}

var (
	firsts   = []string{"Anna", "Boris", "Carla", "David", "Elena", "Farid", "Grace", "Hassan", "Ingrid", "Jamal", "Keiko", "Luis", "Maria", "Nikolai", "Olga", "Pedro", "Quentin", "Rosa", "Stefan", "Tomas", "Ursula", "Viktor", "Wanda", "Xavier", "Yusuf", "Zofia"}
	lasts    = []string{"Abbott", "Brennan", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia", "Hoffman", "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Quinn", "Rossi", "Schmidt", "Tanaka", "Ulrich", "Varga", "Weber", "Xu", "Yilmaz", "Zimmermann"}
	orgs     = []string{"Ministry of Defence", "Acme Holdings", "United Nations", "Red Cross", "Central Bank", "Northern Rail", "Labour Party", "Supreme Court"}
	places   = []string{"Kyiv", "Berlin", "Lagos", "Lima", "Osaka", "Quebec", "Tbilisi", "Warsaw", "Nairobi", "Hanoi"}
	cues     = []string{"said", "told reporters", "added", "warned", "insisted", "claimed", "explained"}
	months   = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
)

// name returns the i-th of many distinct person names (676 pairs, then a
// numbered middle initial keeps them apart).
func name(i int) string {
	f, l := firsts[i%len(firsts)], lasts[(i/len(firsts))%len(lasts)]
	if k := i / (len(firsts) * len(lasts)); k > 0 {
		return fmt.Sprintf("%s %c. %s", f, 'A'+rune(k%26), l)
	}
	return f + " " + l
}

// unit returns the i-th piece of a shape: pieces are concatenated until the
// document reaches its size.
func unit(s Shape, i int) string {
	switch s {
	case Quotes:
		if i%20 == 19 {
			return "“We want to end that war,” he said.\n"
		}
		return "“We want to end that war,” he said. "
	case Names:
		return fmt.Sprintf("%s of the %s met %s in %s. ", name(i), orgs[i%len(orgs)], name(i*7+3), places[i%len(places)]) + para(i, 6)
	case Dates:
		return fmt.Sprintf("On %s, %d %s %d, and again on %s %d the talks resumed; by %d/%d/%d and last %s nothing had changed. ",
			weekdays[i%7], 1+i%28, months[i%12], 1990+i%40, months[(i+5)%12], 1+(i*3)%28, 1+i%12, 1+i%28, 2000+i%25, weekdays[(i+3)%7]) + para(i, 8)
	case Paragraph:
		return sentence(i) + " "
	case NoPunct:
		return strings.ToLower(strings.NewReplacer(".", "", ",", "", "“", "", "”", "", ";", "").Replace(sentence(i))) + " "
	case QuoteMarks:
		marks := []string{"“", "”", "\"", "‘", "’", "'", "«", "»", "„"}
		var b strings.Builder
		for k := 0; k < 6; k++ {
			b.WriteString(marks[(i*7+k*3)%len(marks)])
			if k%2 == 0 {
				b.WriteString(firsts[(i+k)%len(firsts)])
				b.WriteByte(' ')
			}
		}
		b.WriteString(" said ")
		b.WriteString(name(i))
		if i%3 == 0 {
			b.WriteString(". ")
		} else {
			b.WriteByte(' ')
		}
		if i%40 == 39 {
			b.WriteString("\n\n")
		}
		return b.String()
	case LongLines:
		return sentence(i) + " " // with no newline at all: one line
	case Transcript:
		return fmt.Sprintf("%s: %s\n\n", strings.ToUpper(name(i%60)), sentence(i))
	}
	panic("adversarial: unknown shape " + string(s))
}

// sentence returns the i-th sentence of ordinary reporting: a quote with a
// named or pronoun speaker, an indirect statement, or narration.
func sentence(i int) string {
	n := name(i % 300)
	switch i % 5 {
	case 0:
		return fmt.Sprintf("“The %s must act now,” %s %s on %s.", orgs[i%len(orgs)], n, cues[i%len(cues)], weekdays[i%7])
	case 1:
		return fmt.Sprintf("%s said that the talks in %s would resume in %s.", n, places[i%len(places)], months[i%12])
	case 2:
		return fmt.Sprintf("She %s the plan was “a step in the right direction”.", cues[(i+1)%len(cues)])
	case 3:
		return fmt.Sprintf("The %s announced new measures after the meeting in %s.", orgs[(i+3)%len(orgs)], places[(i+2)%len(places)])
	}
	return fmt.Sprintf("“We will not give up,” he %s, according to %s.", cues[(i+2)%len(cues)], name((i+1)%300))
}

// para returns k sentences, ending in a paragraph break.
func para(i, k int) string {
	var b strings.Builder
	for j := 0; j < k; j++ {
		b.WriteString(sentence(i*k + j))
		b.WriteByte(' ')
	}
	b.WriteString("\n\n")
	return b.String()
}

// Generate returns a document of the shape of at least size bytes (it stops
// at the first piece that reaches the size).
func Generate(s Shape, size int) string {
	var b strings.Builder
	b.Grow(size + 512)
	b.WriteString("Adversarial " + string(s) + "\n\n")
	for i := 0; b.Len() < size; i++ {
		b.WriteString(unit(s, i))
	}
	return b.String()
}
