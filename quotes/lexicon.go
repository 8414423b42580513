package quotes

import (
	"embed"
	"strconv"
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
	cueLoose              // learned: any complement may follow ("described the field as …")
	cueObject             // its object alone is the content, however short ("endorsed Cruz")
)

// minLearnedP is the least P(cue|word) for a learned cue word to be used.
// data/cues_learned.txt is made by
//
//	go run ./cmd/verbatim train cues --polnear ../shared/data/polnear/train --out quotes/data/cues_learned.txt --min-p 0.08 --min-count 2
const minLearnedP = 0.08

// learnedP holds P(cue|word) learned from PolNeAR train (`verbatim train cues`).
var learnedP = map[string]float64{}

var (
	cues     = map[string]uint8{}
	adverbs  = wordSet("adverbs.txt")
	stops    = wordSet("stopwords.txt")
	dets     = wordSet("determiners.txt")
	pronouns = wordSet("pronouns.txt")
	objects  = wordSet("objects.txt") // ", calling him a total stiff"
	roles    = wordSet("roles.txt")
	labels   = wordSet("labels.txt")

	participles = wordSet("participles.txt") // irregular past participles
	states      = wordSet("states.txt")      // participles of a state of mind
	raising     = wordSet("raising.txt")     // "appears to", "seemed to"
	hearsay     = wordSet("hearsay.txt")     // "has reportedly amassed"

	relatives       = wordSet("relatives.txt")         // "Haddad, who said"
	beForms         = wordSet("be.txt")                // make a participle passive
	postmodifiers   = wordSet("postmodifiers.txt")     // "a spokesman [for the mayor]"
	subordinators   = wordSet("subordinators.txt")     // may open a clause before its subject
	hedges          = wordSet("hedges.txt")            // "about 4 in 10"
	times           = wordSet("times.txt")             // "last week"
	openers         = wordSet("openers.txt")           // "Instead, the senator …"
	documents       = wordSet("documents.txt")         // "released a statement saying"
	findings        = wordSet("findings.txt")          // "new fundraising reports show"
	headlineSources = wordSet("headline_sources.txt")  // "Poll: Sanders Leads"
	weekdays        = wordSet("weekdays.txt")          // "a poll released Friday shows"
	prepING         = wordSet("prepositional_ing.txt") // ", including …" continues the content
	contrastives    = wordSet("contrastives.txt")      // "… while the leaders met" ends a loose object
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
			case "L":
				c |= cueLoose
			case "O":
				c |= cueLoose | cueObject
			}
		}
		cues[strings.ToLower(f[0])] |= c
	}
	never := map[string]bool{}
	for _, l := range lines("cues.txt") {
		if f := strings.Fields(l); len(f) == 2 && f[1] == "N" {
			never[strings.ToLower(f[0])] = true
			delete(cues, strings.ToLower(f[0]))
		}
	}
	for _, l := range lines("cues_learned.txt") {
		f := strings.Fields(l)
		if len(f) != 4 {
			continue
		}
		p, err := strconv.ParseFloat(f[3], 64)
		if err != nil {
			continue
		}
		learnedP[f[0]] = p
		if never[f[0]] {
			continue
		}
		if _, known := cues[f[0]]; !known && p >= minLearnedP {
			cues[f[0]] = cueWeak | cueLoose
		} else if known && p >= 0.5 {
			cues[f[0]] |= cueLoose // a reliable cue: any complement may follow
		}
	}
}

// CueClass reports whether w (any case) is a cue word of attribution and
// whether it is a speech verb that can introduce content without "that".
func CueClass(w string) (isCue, speech bool) {
	c := cues[strings.ToLower(w)]
	return c != 0, c&cueSpeech != 0
}
