package storekit

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

// Snippet cuts a passage of an article around hits (byte ranges of text
// where the query matched), skipping the title at its head and the noise
// the cleaner finds; it returns the passage, with "…" where it was cut,
// and the hits as byte ranges of it. Without a hit outside noise it is the
// opening of the text. Only the text up to a little past the passage is
// cleaned (the cleaner reads lines and their neighbours): the whole text
// when the hits there all stand in noise.
func Snippet(text, title string, hits []verbatim.Span) (string, []verbatim.Span) {
	upTo := len(title) + 2*snippetWidth
	if best := densest(hits); best >= 0 {
		upTo = hits[best].Start + 2*snippetWidth
	}
	if s, hs, ok := snippetUpTo(text, title, hits, upTo); ok {
		return s, hs
	}
	s, hs, _ := snippetUpTo(text, title, hits, len(text))
	return s, hs
}

// snippetUpTo is Snippet with the text cleaned up to the end of the line
// holding byte upTo plus one more line; ok is false when a longer part
// could give a better passage (no hit outside noise in this one, while
// hits lie beyond it).
func snippetUpTo(text, title string, hits []verbatim.Span, upTo int) (string, []verbatim.Span, bool) {
	cut := len(text)
	if upTo < len(text) {
		cut = lineEnd(text, lineEnd(text, upTo)+1)
	}
	more := strings.TrimSpace(text[cut:]) != "" // the passage may go on past the part cleaned
	d := verbatim.NewDoc(verbatim.Article{Text: text[:cut]})
	clean.Process(d)
	body := bodyStart(d.Clean, title)
	var ok []verbatim.Span
	beyond := false
	for _, h := range hits {
		if h.End > cut {
			beyond = true
			continue
		}
		if h.Start < body || inNoise(d.Noise, h) {
			continue
		}
		ok = append(ok, h)
	}
	if len(ok) == 0 {
		if beyond {
			return "", nil, false
		}
		s, hs := passage(d.Clean, body, body+snippetWidth, nil, body, more)
		return s, hs, true
	}
	best := densest(ok)
	from := max(body, ok[best].Start-snippetBefore)
	s, hs := passage(d.Clean, from, from+snippetWidth, ok, body, more)
	return s, hs, true
}

// densest is the index of the hit that starts the window holding the most
// hits (the earliest of those); -1 without hits.
func densest(hits []verbatim.Span) int {
	best, bestN := -1, 0
	for i := range hits {
		n := 0
		for j := i; j < len(hits) && hits[j].End <= hits[i].Start+snippetWidth-snippetBefore; j++ {
			n++
		}
		if n > bestN {
			best, bestN = i, n
		}
	}
	return best
}

// lineEnd is the offset of the end of the line holding byte i.
func lineEnd(text string, i int) int {
	if i >= len(text) {
		return len(text)
	}
	if j := strings.IndexByte(text[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(text)
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
// body is where the article's text starts (no "…" before it); more says
// the text goes on past text's end (it is a part of the article).
func passage(text string, from, to int, hits []verbatim.Span, body int, more bool) (string, []verbatim.Span) {
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
	if more || strings.TrimSpace(text[to:]) != "" {
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
