package input

import (
	_ "embed"
	"strings"
	"unicode"
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
	lines := 0
	for len(text) > 0 && lines < 5 {
		i := strings.IndexByte(text, '\n')
		line := text
		if i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		lines++
		if len(line) > 60 {
			continue
		}
		if o, ok := outlets[mastheadKey(line)]; ok {
			return o
		}
	}
	return ""
}
