package input

import (
	_ "embed"
	"strings"
	"unicode"

	"github.com/verbatim-news/verbatim/internal/lines"
)

//go:embed outlets.txt
var outletsFile string

// outlets maps a normalised masthead to the outlet's canonical name.
var outlets = func() map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(outletsFile, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		names := strings.Split(line, "|")
		for _, n := range names {
			if k := mastheadKey(n); k != "" {
				m[k] = strings.TrimSpace(names[0])
			}
		}
	}
	return m
}()

// mastheadKey lowercases a name, keeps letters and digits (words separated
// by one space) and drops a leading "the".
func mastheadKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		} else {
			space = true
		}
	}
	return strings.TrimPrefix(b.String(), "the ")
}

// masthead finds the outlet named alone on one of the first lines of a
// plain text ("% Moscow Times", "BBC News"): a whole short line, so that an
// outlet quoted in the story ("told Fox News") is never taken for it.
func masthead(text string) string {
	for line := range lines.Head(text, 5) {
		if len(line) > 60 {
			continue
		}
		if o, ok := lookupOutlet(line); ok {
			return o
		}
	}
	return ""
}

// lookupOutlet is outlets[mastheadKey(line)] without allocating for an
// ASCII line of at most 64 bytes (the key is built on the stack).
func lookupOutlet(line string) (string, bool) {
	var buf [64]byte
	if len(line) > len(buf) {
		o, ok := outlets[mastheadKey(line)]
		return o, ok
	}
	n := 0
	space := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c >= 0x80:
			o, ok := outlets[mastheadKey(line)]
			return o, ok
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || 'A' <= c && c <= 'Z':
			if space && n > 0 {
				buf[n] = ' '
				n++
			}
			space = false
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[n] = c
			n++
		default:
			space = true
		}
	}
	key := buf[:n]
	if n >= 4 && string(key[:4]) == "the " {
		key = key[4:]
	}
	o, ok := outlets[string(key)]
	return o, ok
}
