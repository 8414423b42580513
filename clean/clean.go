// Package clean removes the noise of PDF- and web-extracted news text without
// moving a byte: the cleaned text has the same length as the input, with
// noise lines blanked to spaces and hard line wraps turned into spaces, so an
// offset into the cleaned text is an offset into the original.
//
// It finds paragraphs (blank lines, or line breaks that end a sentence or a
// heading) and joins hard-wrapped lines back into them, also across page
// breaks ("the U.S. / https://... / president said.").
package clean

import (
	"bufio"
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/ascii"
)

//go:embed noise_prefixes.txt
var noisePrefixesData string

var noisePrefixes = loadLines(noisePrefixesData)

func loadLines(s string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, strings.ToLower(l))
	}
	return out
}

// Stage is the cleaning stage of the pipeline.
var Stage = verbatim.StageFunc{N: "clean", F: Process}

type line struct {
	start, end int // without the line break
	noise      bool
	blank      bool
}

// Process fills d.Clean, d.Noise and d.Paragraphs.
func Process(d *verbatim.Doc) {
	text := d.Text
	buf := []byte(text)
	lines := splitLines(text)
	var lowBuf [lowWindow]byte
	// Classify lines.
	for i := range lines {
		l := &lines[i]
		s := strings.TrimSpace(text[l.start:l.end])
		if s == "" {
			l.blank = true
			continue
		}
		if isNoise(s, lowerPrefix(s, &lowBuf), lines, i, text) {
			l.noise = true
			d.Noise = append(d.Noise, trimSpan(text, l.start, l.end))
			for k := l.start; k < l.end; k++ {
				buf[k] = ' '
			}
		}
	}
	// Line breaks become spaces; paragraphs are runs of content lines joined
	// by wraps.
	spaceControls(buf)
	var paras []verbatim.Span
	cur := verbatim.Span{Start: -1}
	prev := -1 // index of previous content line
	for i, l := range lines {
		if l.blank || l.noise {
			continue
		}
		if prev >= 0 && !joins(text, lines, prev, i) {
			paras = append(paras, cur)
			cur = verbatim.Span{Start: -1}
		}
		sp := trimSpan(text, l.start, l.end)
		if cur.Start < 0 {
			cur.Start = sp.Start
		}
		cur.End = sp.End
		prev = i
	}
	if cur.Start >= 0 {
		paras = append(paras, cur)
	}
	// Datelines ("ISLAMABAD:", "WASHINGTON (Reuters) -") open a paragraph
	// but belong to no sentence: blank them.
	for i, p := range paras {
		// only the opening paragraph of the body carries a dateline
		// ("CLINTON: Honestly, …" later on is a transcript speaker)
		if pt := text[p.Start:p.End]; isBullet(pt) || !hasFields(pt, 5) || !strings.ContainsAny(pt, ".!?") {
			// a bullet, a heading or the headline: not the body yet
			continue
		}
		if n := datelineLen(text[p.Start:p.End]); n > 0 {
			for k := p.Start; k < p.Start+n; k++ {
				buf[k] = ' '
			}
			np := trimSpan(string(buf), p.Start, p.End)
			if !np.Empty() {
				paras[i] = np
			}
		}
		break
	}
	// buf is not written after this point: the cleaned text shares it
	// rather than being copied again.
	d.Clean = unsafe.String(unsafe.SliceData(buf), len(buf))
	d.Paragraphs = paras
	if d.Title == "" {
		d.Title = title(d)
	}
}

func isBullet(l string) bool {
	return strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "• ") || strings.HasPrefix(l, "* ") || strings.HasPrefix(l, "– ")
}

// datelineLen returns the length of a dateline opening line l, through its
// separator and the spaces after it, or 0: a place in capitals, optionally
// with a date or an agency in brackets, then ":" or a dash.
func datelineLen(l string) int {
	i := 0
	caps := 0
	for i < len(l) && i < 60 {
		c := l[i]
		if c >= 'A' && c <= 'Z' {
			caps++
		} else if c >= 'a' && c <= 'z' {
			return 0
		} else if c == '(' {
			// an agency or a date in brackets: "(Reuters)", "(AFP)"
			j := strings.IndexByte(l[i:], ')')
			if j < 0 || j > 30 {
				return 0
			}
			i += j + 1
			continue
		} else if c == ':' || c == '-' && i+1 < len(l) && l[i+1] == ' ' {
			break
		} else if strings.HasPrefix(l[i:], "—") {
			break
		} else if c != ' ' && c != ',' && c != '.' && c != '\'' && !(c >= '0' && c <= '9') {
			return 0
		}
		i++
	}
	if caps < 3 || i >= len(l) || i >= 60 {
		return 0
	}
	// the word before the separator is in capitals (not "U.S. President: ...")
	sep := i
	if strings.HasPrefix(l[i:], "—") {
		i += len("—")
	} else {
		i++
	}
	for i < len(l) && l[i] == ' ' {
		i++
	}
	if i >= len(l) || sep == 0 || l[sep-1] != ' ' && l[sep-1] != ')' && (l[sep-1] < 'A' || l[sep-1] > 'Z') {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(l[i:])
	if !unicode.IsUpper(r) && r != '“' && r != '"' {
		return 0
	}
	// A dateline opens body text; after a kicker in capitals a headline
	// goes on in capitals ("SOCCER - JAPAN GET LUCKY WIN"): not a dateline.
	if !lowerInWords(l[i:], 4) {
		return 0
	}
	return i
}

// lowerInWords reports whether one of the first n words of s has a
// lower-case letter.
func lowerInWords(s string, n int) bool {
	words := 0
	inWord := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if inWord {
				words++
				if words >= n {
					return false
				}
			}
			inWord = false
			continue
		}
		inWord = true
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// title returns the headline when the text opens with one: a first paragraph
// of 2 to 16 words without sentence punctuation at its end, followed by body
// text.
func title(d *verbatim.Doc) string {
	if len(d.Paragraphs) < 2 {
		return ""
	}
	p := d.Paragraphs[0]
	t := strings.TrimSpace(d.Text[p.Start:p.End])
	if strings.ContainsAny(t, "\n") || isBullet(t) {
		return ""
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	if !hasFields(t, 2) || hasFields(t, 17) || strings.ContainsRune(".!?:;,\"”", last) {
		return ""
	}
	return t
}

// spaceControls turns tabs, line breaks, vertical tabs and form feeds into
// spaces, skipping eight bytes at a time where none is below 0x0e.
func spaceControls(buf []byte) {
	const (
		belowE = 0x0e0e0e0e0e0e0e0e
		highs  = 0x8080808080808080
	)
	i := 0
	for ; i+8 <= len(buf); i += 8 {
		w := uint64(buf[i]) | uint64(buf[i+1])<<8 | uint64(buf[i+2])<<16 | uint64(buf[i+3])<<24 |
			uint64(buf[i+4])<<32 | uint64(buf[i+5])<<40 | uint64(buf[i+6])<<48 | uint64(buf[i+7])<<56
		if (w-belowE)&^w&highs == 0 {
			continue // (SWAR: no byte of w is below 0x0e)
		}
		spaceBytes(buf[i : i+8])
	}
	spaceBytes(buf[i:])
}

func spaceBytes(b []byte) {
	for i, c := range b {
		if c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v' {
			b[i] = ' '
		}
	}
}

func splitLines(text string) []line {
	out := make([]line, 0, strings.Count(text, "\n")+1)
	start := 0
	for {
		j := strings.IndexByte(text[start:], '\n')
		if j < 0 {
			break
		}
		end := start + j
		if end > start && text[end-1] == '\r' {
			end--
		}
		out = append(out, line{start: start, end: end})
		start += j + 1
	}
	if start < len(text) {
		out = append(out, line{start: start, end: len(text)})
	}
	return out
}

func trimSpan(text string, s, e int) verbatim.Span {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return verbatim.Span{Start: s, End: e}
}

// joins reports whether content line b continues the paragraph of content
// line a (a hard wrap, possibly across blank lines and noise from a page
// break).
func joins(text string, lines []line, a, b int) bool {
	la := strings.TrimSpace(text[lines[a].start:lines[a].end])
	lb := strings.TrimSpace(text[lines[b].start:lines[b].end])
	first, _ := utf8.DecodeRuneInString(lb)
	gap := b > a+1 // blank or noise lines between
	if unicode.IsLower(first) {
		return true // a sentence never starts in lower case
	}
	if gap {
		return false
	}
	if isBullet(lb) || isBullet(la) && !isBullet(lb) {
		return false // bullet items are paragraphs of their own
	}
	if datelineLen(lb) > 0 {
		return false
	}
	if isListItem(lb) || isTableRow(la) || isLabelled(lb) {
		// "2. Name ...", "4 - Name ...", "Name ( Country ) 6-3 6-4",
		// "Bowling : ...": rows of their own
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(la)
	switch last {
	case '.', '!', '?', ':', ';', '”', '"', '’', '\'', ')':
		// Ends a sentence: a wrap only if the line is as long as the wrapped
		// lines around it and the next one is not a heading.
		return false
	}
	// No terminal punctuation: a wrapped line when it is long (a short line
	// without punctuation is a heading).
	return utf8.RuneCountInString(la) >= 45
}

// isListItem reports whether l opens with an enumeration marker — a number
// then ". ", ") " or " - " — before a capital: "2. Ludmila Engquist ...",
// "4 - Conchita Martinez ...".
func isListItem(l string) bool {
	i := 0
	for i < len(l) && i < 4 && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	if i == 0 || i == 4 || i >= len(l) {
		return false
	}
	rest := l[i:]
	switch {
	case strings.HasPrefix(rest, ". "), strings.HasPrefix(rest, ") "):
		rest = rest[2:]
	case strings.HasPrefix(rest, " - "):
		rest = rest[3:]
	default:
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsUpper(r)
}

// isTableRow reports whether l ends in two figures with no letters ("...
// ( France ) 6-4 6-3", "... 74 72 73 67"): a row of a results or figures
// table, which a line break ends.
func isTableRow(l string) bool {
	for n := 0; n < 2; n++ {
		l = strings.TrimRight(l, " ")
		k := strings.LastIndexByte(l, ' ')
		w := l[k+1:]
		if w == ")" && k > 0 {
			// a bracketed figure: "7-6 ( 7-5 )"
			n--
			l = l[:k]
			continue
		}
		if w == "" || !strings.ContainsAny(w, "0123456789") {
			return false
		}
		for i := 0; i < len(w); i++ {
			if c := w[i]; c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= 0x80 {
				return false
			}
		}
		if k < 0 {
			return false
		}
		l = l[:k]
	}
	return true
}

// isLabelled reports whether l opens with a short label and a colon — one
// to three words, the first capitalised: "Bowling : ...", "Playing Sunday :
// ...", "Q: ...": a field of a record, not the rest of a wrapped sentence.
func isLabelled(l string) bool {
	r, _ := utf8.DecodeRuneInString(l)
	if !unicode.IsUpper(r) {
		return false
	}
	k := strings.IndexByte(l, ':')
	if k <= 0 || k > 40 || k+1 < len(l) && l[k+1] != ' ' {
		return false // not a label, or a time/ratio ("10:30")
	}
	return !hasFields(l[:k], 4)
}

// lowWindow is how many bytes of a line lowerPrefix lowers: enough for the
// longest noise prefix (checked by a test).
const lowWindow = 128

// lowerPrefix returns a prefix of strings.ToLower(s) of lowWindow bytes or
// more (all of it when shorter): when the first lowWindow bytes of s are
// ASCII, they are lowered into buf (no allocation); else the first
// 3*lowWindow bytes, to a rune's start, are lowered with strings.ToLower
// (which maps rune by rune: a prefix of the whole line lowered, and no rune
// lowers to less than a third of its bytes). Prefix tests of up to
// lowWindow bytes are all that isNoise does with it.
func lowerPrefix(s string, buf *[lowWindow]byte) string {
	n := min(len(s), lowWindow)
	for i := 0; i < n; i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			cut := min(len(s), 3*lowWindow)
			for cut < len(s) && !utf8.RuneStart(s[cut]) {
				cut++
			}
			return strings.ToLower(s[:cut])
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	// buf is overwritten for the next line: the string must not outlive
	// the call to isNoise (it does not: prefix tests only).
	return unsafe.String(&buf[0], n)
}

// hasFields reports whether s has at least n fields (as strings.Fields
// splits it), without allocating.
func hasFields(s string, n int) bool {
	if n <= 0 {
		return true
	}
	for range strings.FieldsSeq(s) {
		if n--; n == 0 {
			return true
		}
	}
	return false
}

// isNoise decides whether a line is boilerplate rather than article text.
// low is the line lowered, possibly only its first lowWindow bytes (see
// lowerPrefix): it is used for prefix tests only.
func isNoise(s, low string, lines []line, i int, text string) bool {
	for _, p := range noisePrefixes {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	// A bare URL or a page marker.
	if (strings.HasPrefix(low, "http://") || strings.HasPrefix(low, "https://") || strings.HasPrefix(low, "www.")) && !strings.Contains(s, " ") {
		return true
	}
	if isPageNumber(s, low) {
		return true
	}
	// Masthead markers: a line starting with a symbol ("% Moscow Times", "| Reuters").
	r, _ := utf8.DecodeRuneInString(s)
	if r == '%' || r == '|' || r == '©' || r == '®' {
		return true
	}
	// A slogan in capitals: several words, no lower-case letter, no terminal
	// punctuation — in the masthead, among the first lines (further down, a
	// line in capitals is a table row or a schedule, which is content).
	if isShouting(s) && !endsInDate(s) && contentLinesBefore(lines, i, text, mastheadLines) {
		return true
	}
	// A photo caption with a credit: "U.S. President Donald Trump. Jacquelyn Martin" —
	// a short line before the body, ending in a two-word name after a full stop,
	// without a verb-like lower-case run.
	if isCaption(s) {
		return true
	}
	// A box heading followed by bullets ("Key points").
	if len(s) < 40 && !strings.ContainsAny(s, ".!?:\"“”") {
		if n := nextContent(lines, i, text); n != "" && (strings.HasPrefix(n, "- ") || strings.HasPrefix(n, "• ")) {
			return true
		}
	}
	return false
}

// mastheadLines is how many non-blank lines at the top of an article can
// hold a masthead slogan.
const mastheadLines = 5

// contentLinesBefore reports whether fewer than n non-blank lines precede
// line i.
func contentLinesBefore(lines []line, i int, text string, n int) bool {
	c := 0
	for j := 0; j < i; j++ {
		if strings.TrimSpace(text[lines[j].start:lines[j].end]) != "" {
			c++
			if c >= n {
				return false
			}
		}
	}
	return true
}

func nextContent(lines []line, i int, text string) string {
	for j := i + 1; j < len(lines); j++ {
		s := strings.TrimSpace(text[lines[j].start:lines[j].end])
		if s != "" {
			return s
		}
	}
	return ""
}

// isPageNumber reports whether line s ("Page 4", "12") is a page marker;
// low is its lowered prefix. Lowering changes neither digits nor spaces,
// and "page " can only be lowered from ASCII: s is tested after it.
func isPageNumber(s, low string) bool {
	if strings.HasPrefix(low, "page ") {
		for w := range strings.FieldsSeq(s[5:]) {
			if ascii.IsDigits(w) {
				return true
			}
			break
		}
	}
	return ascii.IsDigits(s) && len(s) <= 4
}

// endsInDate reports whether the last word of s is a numeric date
// ("1996-08-30", "30/08/1996", "30.08.96"): a line in capitals ending in one
// is a dateline ("NEW YORK 1996-08-30") — content — not a masthead slogan.
func endsInDate(s string) bool {
	w := s[strings.LastIndexByte(s, ' ')+1:]
	digits, seps := 0, 0
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '-' || c == '/' || c == '.':
			if i == 0 || i == len(w)-1 || w[i-1] < '0' || w[i-1] > '9' {
				return false
			}
			seps++
		default:
			return false
		}
	}
	return seps == 2 && digits >= 4 && digits <= 8
}

func isShouting(s string) bool {
	upper := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			upper++
		}
	}
	// Split into words only the rare lines without a lower-case letter.
	if !hasFields(s, 3) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return upper >= 6 && last != '.' && last != '?' && last != '!'
}

func isCaption(s string) bool {
	// "<description>. <Firstname> <Lastname>" with the credit as the last two
	// capitalised words and no sentence punctuation after it.
	if len(s) > 160 {
		return false
	}
	k := strings.LastIndex(s, ". ")
	if k < 0 {
		return false
	}
	credit := s[k+2:]
	if !hasFields(credit, 2) || hasFields(credit, 5) {
		return false
	}
	for w := range strings.FieldsSeq(credit) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if last == '.' || last == '!' || last == '?' || last == '"' || last == '”' {
		return false
	}
	// The description has no lower-case verb run: every word is capitalised,
	// short function words aside.
	for w := range strings.FieldsSeq(s[:k]) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) && len(w) > 3 {
			return false
		}
	}
	return true
}
