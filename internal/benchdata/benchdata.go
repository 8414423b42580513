// Package benchdata generates realistic news articles for benchmarks that
// must run without ../shared: headlines, paragraphs of quotes with cue verbs,
// person, organisation and place names, dates in several forms, numbers,
// abbreviations, some hard line wraps (PDF-style) and some noise lines
// (URLs, captions, "Advertisement"). The output is deterministic for a seed.
package benchdata

import (
	_ "embed"
	"fmt"
	"math/rand"
	"strings"

	"github.com/verbatim-news/verbatim"
)

//go:embed fragments.txt
var fragmentsData string

var frags = func() map[string][]string {
	m := map[string][]string{}
	sec := ""
	for _, l := range strings.Split(fragmentsData, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || l[0] == '#' {
			continue
		}
		if l[0] == '[' && l[len(l)-1] == ']' {
			sec = l[1 : len(l)-1]
			continue
		}
		m[sec] = append(m[sec], l)
	}
	return m
}()

// AvgBytes is the approximate mean size of a generated article, close to
// the BBC corpus mean (about 2.3 KB).
const AvgBytes = 2300

// Article returns generated article number i of the stream for seed.
func Article(seed int64, i int) verbatim.Article {
	r := rand.New(rand.NewSource(seed*1_000_003 + int64(i)))
	pick := func(sec string) string { l := frags[sec]; return l[r.Intn(len(l))] }
	var b strings.Builder
	b.Grow(AvgBytes + 512)
	// Headline.
	head := pick("clause")
	b.WriteString(strings.ToUpper(head[:1]) + head[1:])
	b.WriteString("\n\n")
	wrap := r.Intn(4) == 0 // a quarter are PDF-like, hard-wrapped at ~72 columns
	target := AvgBytes/2 + r.Intn(AvgBytes)
	surname := "Smith"
	for b.Len() < target {
		var para strings.Builder
		ns := 2 + r.Intn(3)
		for s := 0; s < ns; s++ {
			if s > 0 {
				para.WriteByte(' ')
			}
			para.WriteString(sentence(r, pick, &surname))
		}
		p := para.String()
		if wrap {
			p = hardWrap(p, 72)
		}
		b.WriteString(p)
		b.WriteString("\n\n")
		if r.Intn(6) == 0 {
			b.WriteString(pick("noise"))
			b.WriteString("\n\n")
		}
	}
	return verbatim.Article{
		ID:        fmt.Sprintf("gen-%d-%d", seed, i),
		Published: fmt.Sprintf("2025-%02d-%02d", 1+r.Intn(12), 1+r.Intn(28)),
		Text:      b.String(),
		Format:    "txt",
	}
}

// Articles returns n generated articles (seed fixed by the caller).
func Articles(seed int64, n int) []verbatim.Article {
	out := make([]verbatim.Article, n)
	for i := range out {
		out[i] = Article(seed, i)
	}
	return out
}

// Bytes is the total text size of arts.
func Bytes(arts []verbatim.Article) int64 {
	var n int64
	for _, a := range arts {
		n += int64(len(a.Text))
	}
	return n
}

func sentence(r *rand.Rand, pick func(string) string, surname *string) string {
	t := pick("sentence")
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		if t[i] == '{' && i+2 < len(t) && t[i+2] == '}' {
			switch t[i+1] {
			case 'P':
				p := pick("person")
				if k := strings.LastIndexByte(p, ' '); k >= 0 {
					*surname = p[k+1:]
				}
				b.WriteString(p)
			case 'S':
				b.WriteString(*surname)
			case 'O':
				b.WriteString(pick("org"))
			case 'L':
				b.WriteString(pick("place"))
			case 'D':
				b.WriteString(pick("date"))
			case 'C':
				b.WriteString(pick("cue"))
			case 'Q':
				b.WriteString(pick("clause"))
			}
			i += 2
			continue
		}
		b.WriteByte(t[i])
	}
	s := b.String()
	// Sentence-initial capital (templates may start with a slot).
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		s = strings.ToUpper(s[:1]) + s[1:]
	}
	return s
}

func hardWrap(p string, width int) string {
	var b strings.Builder
	col := 0
	for i, w := range strings.Fields(p) {
		if i > 0 {
			if col+1+len(w) > width {
				b.WriteByte('\n')
				col = 0
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(w)
		col += len(w)
	}
	return b.String()
}
