package sqlite

import (
	"strings"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/clean"
)

// Snippets are cut from the cleaned text of the article, so that a
// masthead, a caption or a page-break URL never stands in one ("…
// https://apnews.com/article/trump-putin… president said"), around the
// place where the words of the query are densest. The cleaner runs on the
// page's articles only (microseconds each).

const (
	snippetWidth  = 240 // bytes of cleaned text shown around the hits
	snippetBefore = 60  // of them before the first hit
)

// snippet cuts a passage of an article around hits (byte ranges of text
// where the query matched), skipping the title at its head and the noise
// the cleaner finds; it returns the passage, with "…" where it was cut,
// and the hits as byte ranges of it. Without a hit outside noise it is the
// opening of the text.
func snippet(text, title string, hits []verbatim.Span) (string, []verbatim.Span) {
	d := verbatim.NewDoc(verbatim.Article{Text: text})
	clean.Process(d)
	body := bodyStart(d.Clean, title)
	var ok []verbatim.Span
	for _, h := range hits {
		if h.Start < body || h.End > len(text) || inNoise(d.Noise, h) {
			continue
		}
		ok = append(ok, h)
	}
	if len(ok) == 0 {
		return passage(d.Clean, body, body+snippetWidth, nil, body)
	}
	// the window holding the most hits, the earliest of those
	best, bestN := 0, 0
	for i := range ok {
		n := 0
		for j := i; j < len(ok) && ok[j].End <= ok[i].Start+snippetWidth-snippetBefore; j++ {
			n++
		}
		if n > bestN {
			best, bestN = i, n
		}
	}
	from := max(body, ok[best].Start-snippetBefore)
	return passage(d.Clean, from, from+snippetWidth, ok, body)
}

// bodyStart is where an article's text starts after its title, when the
// text opens with it (else 0).
func bodyStart(cleanText, title string) int {
	t := strings.TrimLeft(cleanText, " \n\r\t")
	title = strings.TrimSpace(title)
	if title == "" || !strings.HasPrefix(t, title) {
		return 0
	}
	return len(cleanText) - len(t) + len(title)
}

func inNoise(noise []verbatim.Span, h verbatim.Span) bool {
	for _, n := range noise {
		if n.Overlaps(h) {
			return true
		}
	}
	return false
}

// passage writes text[from:to], widened to whole words, with runs of
// spaces (line breaks, blanked noise) made one space and "…" where the
// text goes on; hits inside it are returned as byte ranges of the passage.
// body is where the article's text starts (no "…" before it).
func passage(text string, from, to int, hits []verbatim.Span, body int) (string, []verbatim.Span) {
	to = min(to, len(text))
	for from > body && from < len(text) && text[from-1] != ' ' && text[from-1] != '\n' {
		from--
	}
	for to < len(text) && text[to] != ' ' && text[to] != '\n' {
		to++
	}
	var b strings.Builder
	pos := make(map[int]int, 2*len(hits)) // offset in text -> in the passage
	want := map[int]bool{}
	for _, h := range hits {
		if h.Start >= from && h.End <= to {
			want[h.Start], want[h.End] = true, true
		}
	}
	if strings.TrimSpace(text[body:from]) != "" {
		b.WriteString("… ")
	}
	space := false
	for i := from; i < to; i++ {
		c := text[i]
		if c == ' ' || c == '\n' || c == '\r' || c == '\t' {
			space = true
			if want[i] {
				pos[i] = b.Len()
			}
			continue
		}
		if space && b.Len() > 0 && !strings.HasSuffix(b.String(), "… ") {
			b.WriteByte(' ')
		}
		space = false
		if want[i] {
			pos[i] = b.Len()
		}
		b.WriteByte(c)
	}
	if want[to] {
		pos[to] = b.Len()
	}
	out := strings.TrimRight(b.String(), " ")
	if strings.TrimSpace(text[to:]) != "" {
		out += " …"
	}
	var spans []verbatim.Span
	for _, h := range hits {
		s, ok1 := pos[h.Start]
		e, ok2 := pos[h.End]
		if ok1 && ok2 && e > s && e <= len(out) {
			spans = append(spans, verbatim.Span{Start: s, End: e})
		}
	}
	return out, spans
}
