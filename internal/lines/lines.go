// Package lines reads the first lines of a text, where mastheads, bylines
// and datelines stand.
package lines

import (
	"iter"
	"strings"
)

// Head yields the first n lines of text that are not blank, trimmed.
func Head(text string, n int) iter.Seq[string] {
	return func(yield func(string) bool) {
		for len(text) > 0 && n > 0 {
			line := text
			if i := strings.IndexByte(text, '\n'); i >= 0 {
				line, text = text[:i], text[i+1:]
			} else {
				text = ""
			}
			if line = strings.TrimSpace(line); line == "" {
				continue
			}
			n--
			if !yield(line) {
				return
			}
		}
	}
}
