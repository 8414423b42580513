package quotes

import (
	"embed"
	"strings"
)

//go:embed data/*.txt
var dataFS embed.FS

// cue classes
const (
	cueSpeech = 1 << iota // content may follow directly
	cueWeak               // needs "that", a colon or a quote
	cueTell               // takes an addressee
	cueRelay              // reports what another said
)

var (
	cues     = map[string]uint8{}
	adverbs  = wordSet("adverbs.txt")
	stops    = wordSet("stopwords.txt")
	dets     = wordSet("determiners.txt")
	pronouns = wordSet("pronouns.txt")
	roles    = wordSet("roles.txt")
)

func lines(name string) []string {
	b, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		panic(err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || l[0] == '#' {
			continue
		}
		out = append(out, l)
	}
	return out
}

func wordSet(name string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lines(name) {
		m[strings.ToLower(l)] = true
	}
	return m
}

func init() {
	for _, l := range lines("cues.txt") {
		f := strings.Fields(l)
		var c uint8
		for _, k := range f[1:] {
			switch k {
			case "S":
				c |= cueSpeech
			case "W":
				c |= cueWeak
			case "T":
				c |= cueTell
			case "R":
				c |= cueRelay
			}
		}
		cues[strings.ToLower(f[0])] |= c
	}
}

// CueClass reports whether w (any case) is a cue word of attribution and
// whether it is a speech verb that can introduce content without "that".
func CueClass(w string) (isCue, speech bool) {
	c := cues[strings.ToLower(w)]
	return c != 0, c&cueSpeech != 0
}
