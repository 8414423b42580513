// Package resolve links the entities of many analysed articles into
// persistent cross-article identities: "Donald Trump", "Trump", "President
// Trump" and "Donald J. Trump" in different articles and outlets become one
// person; "Keith Kellogg" and "Kellog" too; two people who only share a
// surname ("Barack Obama", "Michelle Obama") stay apart.
//
// Resolution is online (articles are added one at a time) and indexed by
// surname and by one-deletion variants of the surname, so adding an article
// costs a few map lookups per entity, never a scan of the archive. Every
// decision — each merge and each refusal to merge a surname match — is
// recorded with its reason (see Decision.String for the format).
package resolve

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/verbatim-news/verbatim"
)

// Entity is one cross-article identity.
type Entity struct {
	ID       string              `json:"id"`   // persistent: "person:donald-trump", "organization:reuters"
	Name     string              `json:"name"` // the fullest form seen
	Type     verbatim.EntityType `json:"type"`
	Aliases  map[string]int      `json:"aliases"` // surface names and how many articles used them
	Roles    map[string]int      `json:"roles,omitempty"`
	Articles int                 `json:"articles"`

	name    Name
	context []int32 // persons: co-occurring entities (interned normalised full names), sorted
}

// Decision is one resolution decision: an entity of an article merged into
// an existing identity, a new identity, or a surname match kept apart.
type Decision struct {
	Article string `json:"article"`
	Mention string `json:"mention"` // the entity's name in the article
	Into    string `json:"into"`    // the identity id it was merged into / created / compared with
	Kind    string `json:"kind"`    // "merge", "new" or "apart"
	Reason  string `json:"reason"`
}

// String formats a decision for a human:
//
//	merge "Trump" (article 004) → person:donald-trump: same surname "trump", first name absent; shared context: vladimir putin, ukraine
func (d Decision) String() string {
	arrow := "→"
	if d.Kind == "apart" {
		arrow = "≠"
	}
	return fmt.Sprintf("%s %q (article %s) %s %s: %s", d.Kind, d.Mention, d.Article, arrow, d.Into, d.Reason)
}

// Resolver holds the identities found so far. It is safe for concurrent use.
type Resolver struct {
	mu        sync.Mutex
	Entities  []*Entity
	Decisions []Decision
	byID      map[string]int
	byLast    map[string][]int // type + surname -> entities
	byDel     delIndex         // persons by one-deletion variants of their surnames (length >= 5)
	delBuf    []byte
	byFull    map[string]int   // type + full normalised name -> entity (non-persons)
	ctxIDs    map[string]int32 // normalised full name -> context id (interned once per article)
	df        []int32          // by context id: the number of articles that mention it
	nArts     int              // articles added
	ctxBuf    []int32
	kbuf      []byte
	scratch   addScratch // AddInStory's per-article buffers (under mu)
	cands     []cand     // match's candidates, reused
	renamed   []string   // identities whose Name changed since TakeRenamed (TrackRenames)
	// TrackRenames records the identities renamed, for TakeRenamed.
	TrackRenames bool
	// KeepApart records "apart" decisions too (on by default).
	KeepApart bool
}

// New returns an empty resolver.
func New() *Resolver {
	return &Resolver{byID: map[string]int{}, byLast: map[string][]int{}, byDel: delIndex{ends: map[uint64][2]int32{}},
		byFull: map[string]int{}, ctxIDs: map[string]int32{}, KeepApart: true}
}

// TakeRenamed returns the ids of the identities whose Name changed since
// the last call (an identity learning its given name), and forgets them.
func (r *Resolver) TakeRenamed() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.renamed
	r.renamed = nil
	return out
}

// Get returns the identity with the given id, or nil.
func (r *Resolver) Get(id string) *Entity {
	r.mu.Lock()
	defer r.mu.Unlock()
	if i, ok := r.byID[id]; ok {
		return r.Entities[i]
	}
	return nil
}

// Add resolves the persons, organisations and places of an analysed article
// and returns, for each of d.Entities, the persistent id of its identity
// ("" for entities of other types or without a usable name).
func (r *Resolver) Add(d *verbatim.Doc) []string { return r.AddInStory(d, nil) }

// AddInStory is Add for an article known to belong to a story whose
// articles already mention the identities in story (id -> weight): an
// identity of the story counts as shared context ("same story"), which lets
// a bare or misspelt surname ("Kellog") join the story's "Keith Kellogg".
func (r *Resolver) AddInStory(d *verbatim.Doc, story map[string]int) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	ids := make([]string, len(d.Entities))
	sc := &r.scratch
	parsed := sc.parsed[:0]
	for _, e := range d.Entities {
		parsed = append(parsed, ParseName(e.Name, e.Type))
	}
	// context of the article: the other named entities, most mentioned first
	ctxAll := sc.ctxAll[:0]
	ctxAllIDs := sc.ctxAllIDs[:0]
	self := slices.Grow(sc.self[:0], len(d.Entities))[:len(d.Entities)] // each entity's own context id (-1: none)
	for i, e := range d.Entities {
		self[i] = -1
		if e.Type == verbatim.Person || e.Type == verbatim.Organization || e.Type == verbatim.Place {
			if full := parsed[i].Full; full != "" {
				id, ok := r.ctxIDs[full]
				if !ok {
					id = int32(len(r.ctxIDs))
					r.ctxIDs[full] = id
				}
				ctxAll = append(ctxAll, full)
				ctxAllIDs = append(ctxAllIDs, id)
				self[i] = id
			}
		}
	}
	r.countContext(ctxAllIDs)
	ctxSet := append(sc.ctxSet[:0], ctxAllIDs...) // the context ids in order, once each
	slices.Sort(ctxSet)
	ctxSet = slices.Compact(ctxSet)
	ctx := sc.ctx[:0]
	ctxIDs := sc.ctxIDs[:0]
	// persons with a given name first, so that a bare surname in the same
	// article finds its full-named identity (a stable partition: each part
	// in the article's order)
	order := sc.order[:0]
	for i := range parsed {
		if parsed[i].First != "" {
			order = append(order, i)
		}
	}
	for i := range parsed {
		if parsed[i].First == "" {
			order = append(order, i)
		}
	}
	defer func() {
		// the buffers are kept for the next article, their strings dropped
		clear(parsed)
		clear(ctxAll)
		clear(ctx[:cap(ctx)])
		sc.parsed, sc.ctxAll, sc.ctxAllIDs, sc.self, sc.ctx, sc.ctxIDs, sc.order = parsed[:0], ctxAll[:0], ctxAllIDs[:0], self[:0], ctx[:0], ctxIDs[:0], order[:0]
		sc.ctxSet = ctxSet[:0]
	}()
	for _, i := range order {
		e := d.Entities[i]
		n := parsed[i]
		if n.Last == "" || len(n.Last) < 2 {
			continue
		}
		switch e.Type {
		case verbatim.Person, verbatim.Organization, verbatim.Place:
		default:
			continue
		}
		if e.Type != verbatim.Person && r.storySurname(n.Full, story) {
			// "Bush" or "Palin" typed a place in an article of a story
			// about a person of that surname: the person
			e.Type = verbatim.Person
			n = ParseName(e.Name, verbatim.Person)
		} else if e.Type != verbatim.Person {
			if pn := ParseName(e.Name, verbatim.Person); pn.First != "" && r.personNamed(pn) {
				// "Kathina Thomas" typed an organisation: a person other
				// articles name so, in full
				e.Type, n = verbatim.Person, pn
			}
		}
		ctx, ctxIDs = ctx[:0], ctxIDs[:0]
		for j, c := range ctxAll {
			if ctxAllIDs[j] != self[i] { // same id: same name
				ctx = append(ctx, c)
				ctxIDs = append(ctxIDs, ctxAllIDs[j])
			}
		}
		var roles []string
		for _, ro := range e.Roles {
			if ro = strings.TrimSpace(Fold(ro)); ro != "" {
				roles = append(roles, ro)
			}
		}
		k := r.match(d.ID, e, n, ctx, ctxIDs, roles, story)
		if k < 0 {
			k = r.create(d.ID, e, n)
		}
		ent := r.Entities[k]
		ent.Articles++
		if _, ok := ent.Aliases[e.Name]; ok {
			ent.Aliases[e.Name]++
		} else {
			// a key of its own: e.Name is often a slice of a string of
			// the whole article's names, which the identity would keep
			ent.Aliases[strings.Clone(e.Name)] = 1
		}
		for _, ro := range roles {
			if ent.Roles == nil {
				ent.Roles = map[string]int{}
			}
			if _, ok := ent.Roles[ro]; ok {
				ent.Roles[ro]++
			} else {
				ent.Roles[strings.Clone(ro)] = 1 // likewise
			}
		}
		if e.Type == verbatim.Person && len(ctxIDs) > 0 { // only a person's context is ever compared
			// ctxIDs as a set: the article's, sorted once, without its own
			r.ctxBuf = r.ctxBuf[:0]
			for _, id := range ctxSet {
				if id != self[i] {
					r.ctxBuf = append(r.ctxBuf, id)
				}
			}
			ent.context = addSet(ent.context, r.ctxBuf)
		}
		ids[i] = ent.ID
	}
	return ids
}

// addScratch holds AddInStory's buffers between articles: none of them
// outlives the call.
type addScratch struct {
	parsed            []Name
	ctxAll, ctx       []string
	ctxAllIDs, ctxIDs []int32
	self, ctxSet      []int32
	order             []int
}

// storySurname reports whether the one-word name full is the surname of a
// person of the story who weighs in it at least as much as the places and
// organisations of that name.
func (r *Resolver) storySurname(full string, story map[string]int) bool {
	if len(story) == 0 || full == "" || strings.IndexByte(full, ' ') >= 0 {
		return false
	}
	other := 0 // the story's weight of places and organisations of that name
	for _, t := range []verbatim.EntityType{verbatim.Place, verbatim.Organization} {
		if k, ok := r.byFull[string(t)+"\x00"+full]; ok {
			other += story[r.Entities[k].ID]
		}
	}
	for _, k := range r.byLast[string(r.key(string(verbatim.Person)+"\x00", full))] {
		if w := story[r.Entities[k].ID]; w > 0 && w >= other {
			return true
		}
	}
	return false
}

// personNamed reports whether a person identity has the full name n (a
// given name and a surname).
func (r *Resolver) personNamed(n Name) bool {
	for _, k := range r.byLast[string(r.key(string(verbatim.Person)+"\x00", n.Last))] {
		if r.Entities[k].name.Full == n.Full {
			return true
		}
	}
	return false
}

// countContext adds an article's context names (ids, duplicates allowed)
// to the document frequencies.
func (r *Resolver) countContext(ids []int32) {
	r.nArts++
	seen := r.ctxBuf[:0]
	for _, id := range ids {
		if slices.Contains(seen, id) {
			continue
		}
		seen = append(seen, id)
		for int(id) >= len(r.df) {
			r.df = append(r.df, 0)
		}
		r.df[id]++
	}
	r.ctxBuf = seen[:0]
}

// rarity weighs a context name by how few articles mention it: 1 for a
// name one article has, near 0 for one most articles have (its idf over
// the largest idf; collections under 100 articles count as 100, so that
// in a small one a shared name is not weighed as common).
func (r *Resolver) rarity(id int32) float64 {
	n := max(r.nArts, 100)
	df := 1
	if int(id) < len(r.df) && r.df[id] > 0 {
		df = int(r.df[id])
	}
	return math.Log(float64(n+1)/float64(df)) / math.Log(float64(n+1))
}

func (r *Resolver) create(article string, e verbatim.Entity, n Name) int {
	var slug string
	if e.Type == verbatim.Person && n.Full != "" {
		slug = slugify(n.Full)
	} else {
		slug = slugify(e.Name)
	}
	if slug == "" {
		slug = "x"
	}
	id := string(e.Type) + ":" + slug
	for k := 2; ; k++ {
		if _, dup := r.byID[id]; !dup {
			break
		}
		id = fmt.Sprintf("%s:%s-%d", e.Type, slug, k)
	}
	ent := &Entity{ID: id, Name: collapseSpaces(e.Name), Type: e.Type, Aliases: map[string]int{},
		name: n}
	if e.Type == verbatim.Person && n.First != "" {
		ent.Name = strings.Clone(displayName(e.Name, n))
	}
	k := len(r.Entities)
	r.Entities = append(r.Entities, ent)
	r.byID[id] = k
	r.index(k)
	r.decide(Decision{Article: article, Mention: e.Name, Into: id, Kind: "new", Reason: "no compatible identity"})
	return k
}

func (r *Resolver) index(k int) {
	ent := r.Entities[k]
	t := string(ent.Type) + "\x00"
	if ent.Type != verbatim.Person {
		r.byFull[t+ent.name.Full] = k
		if a := acronym(ent.name.Full); a != "" {
			if _, taken := r.byFull[t+"\x00"+a]; !taken {
				r.byFull[t+"\x00"+a] = k
			}
		}
	}
	last := ent.name.Last
	r.byLast[t+last] = appendOnce(r.byLast[t+last], k)
	if ent.Type == verbatim.Person && len(last) >= 4 {
		r.delBuf = variants(last, r.delBuf, func(h uint64, _ []byte) {
			r.byDel.add(h, int32(k))
		})
	}
}

// decide records a decision (the log doubles when it grows).
func (r *Resolver) decide(d Decision) {
	if len(r.Decisions) == cap(r.Decisions) {
		r.Decisions = slices.Grow(r.Decisions, max(64, len(r.Decisions)))
	}
	r.Decisions = append(r.Decisions, d)
}

// key returns t+s in a reused buffer (a map lookup of string(key) does not
// allocate).
func (r *Resolver) key(t, s string) []byte {
	r.kbuf = append(append(r.kbuf[:0], t...), s...)
	return r.kbuf
}

func appendOnce(s []int, k int) []int {
	for _, x := range s {
		if x == k {
			return s
		}
	}
	return append(s, k)
}

// for the winner (reason).
type cand struct {
	k         int
	score     float64
	exactLast bool
	why       string // FirstCompatible's reason
	story     bool   // the identity is in the article's story
	shared    int    // context names shared with the identity
	roles     int    // roles shared with the identity
}

// reason explains why the entity joins the candidate identity.
func (r *Resolver) reason(c cand, n Name, ctx []string, ctxIDs []int32, roles []string) string {
	ent := r.Entities[c.k]
	var b strings.Builder
	if c.exactLast {
		b.WriteString("same surname " + quoteS(n.Last))
	} else {
		b.WriteString("surname spelling " + quoteS(n.Last) + "/" + quoteS(ent.name.Last))
	}
	b.WriteString(", " + c.why)
	if c.story || c.shared > 0 {
		b.WriteString("; shared context: ")
		k := 0
		if c.story {
			b.WriteString("same story")
			k++
		}
		for i, id := range ctxIDs {
			if k == 5 {
				break
			}
			if hasID(ent.context, id) {
				if k > 0 {
					b.WriteString(", ")
				}
				b.WriteString(ctx[i])
				k++
			}
		}
	}
	if c.roles > 0 {
		b.WriteString("; shared roles: ")
		k := 0
		for _, ro := range roles {
			if ent.Roles[ro] > 0 {
				if k > 0 {
					b.WriteString(", ")
				}
				b.WriteString(ro)
				k++
			}
		}
	}
	return b.String()
}

// match finds the identity an article entity belongs to, or -1.
func (r *Resolver) match(article string, e verbatim.Entity, n Name, ctx []string, ctxIDs []int32, roles []string, story map[string]int) int {
	t := string(e.Type) + "\x00"
	if e.Type != verbatim.Person {
		if k, ok := r.byFull[string(r.key(t, n.Full))]; ok {
			r.decide(Decision{Article: article, Mention: e.Name, Into: r.Entities[k].ID, Kind: "merge", Reason: "same normalised name " + quoteS(n.Full)})
			return k
		}
		// "AFP" for "Agence France-Presse", and the other way round
		if !strings.Contains(n.Full, " ") && len(n.Full) >= 2 && len(n.Full) <= 6 {
			if k, ok := r.byFull[t+"\x00"+strings.ReplaceAll(n.Full, ".", "")]; ok {
				r.decide(Decision{Article: article, Mention: e.Name, Into: r.Entities[k].ID, Kind: "merge", Reason: "acronym " + quoteS(n.Full) + " of " + quoteS(r.Entities[k].name.Full)})
				return k
			}
		}
		if a := acronym(n.Full); a != "" {
			if k, ok := r.byFull[string(r.key(t, a))]; ok {
				r.decide(Decision{Article: article, Mention: e.Name, Into: r.Entities[k].ID, Kind: "merge", Reason: quoteS(n.Full) + " spells out acronym " + quoteS(a)})
				return k
			}
		}
		return -1
	}
	// candidates: same surname, then surnames one edit away
	exact := r.byLast[string(r.key(t, n.Last))]
	var fuzzy []int
	if len(n.Last) >= 5 || len(n.Last) == 4 && n.First != "" {
		r.delBuf = variants(n.Last, r.delBuf, func(h uint64, v []byte) {
			for p := r.byDel.first(h); p >= 0; p = r.byDel.posts[p].next {
				k := int(r.byDel.posts[p].ent)
				if slices.Contains(exact, k) || slices.Contains(fuzzy, k) {
					continue // known: no need to fetch its surname
				}
				last := r.Entities[k].name.Last
				if isVariant(v, last) && editDistance(n.Last, last, 1) <= 1 {
					fuzzy = append(fuzzy, k)
				}
			}
		})
	}
	cands := r.cands[:0]
	defer func() {
		clear(cands) // kept for the next mention, its strings dropped
		r.cands = cands[:0]
	}()
	consider := func(k int, exactLast bool) {
		ent := r.Entities[k]
		ok, why := FirstCompatible(n.First, ent.name.First)
		if !ok && (middleName(n.First, ent.name.Full) || middleName(ent.name.First, n.Full)) {
			// "Boone Isaacs" and "Cheryl Boone Isaacs", "Luis Orozco" and
			// "Jose Luis Orozco": the shorter name starts at a middle name
			ok, why = true, "given name "+quoteS(n.First)+" is a middle name of the other"
		}
		if ok && !exactLast && (len(n.Last) < 5 || len(ent.name.Last) < 5) && (n.First == "" || n.First != ent.name.First) {
			return // a 4-letter surname's spelling variant needs the same given name
		}
		if !ok {
			if r.KeepApart {
				r.decide(Decision{Article: article, Mention: e.Name, Into: ent.ID, Kind: "apart", Reason: surnameReason(n, ent, exactLast) + ", " + why})
			}
			return
		}
		shared := 0
		rare := 0.0 // the shared names weighted by rarity (idf)
		for _, id := range ctxIDs {
			if hasID(ent.context, id) {
				shared++
				rare += r.rarity(id)
			}
		}
		inStory := story[ent.ID] > 0
		if inStory {
			shared++
			rare += 0.8 // one story: as strong as a name few articles have
		}
		sharedRoles := 0
		for _, ro := range roles {
			if ent.Roles[ro] > 0 {
				sharedRoles++
			}
		}
		score := 0.0
		switch {
		case n.First != "" && ent.name.First != "":
			score = 3
		default:
			score = 1
		}
		if !exactLast {
			// A misspelt surname needs rare shared context: a name few
			// articles mention, or several. "Browne" sharing only "BBC"
			// with Gordon Brown, or "John Terry" sharing "Netherlands"
			// with John Kerry, stay apart; a given name that agrees
			// lowers the bar, and removes it for surnames of six letters
			// or more.
			need := 0.8
			if score == 3 {
				need = 0.4
				if len(n.Last) >= 6 && len(ent.name.Last) >= 6 {
					need = 0 // one edit in a long surname: a misspelling ("Keith Kellog")
				}
			}
			if rare+0.4*float64(min(sharedRoles, 2)) < need {
				if r.KeepApart {
					r.decide(Decision{Article: article, Mention: e.Name, Into: ent.ID, Kind: "apart", Reason: surnameReason(n, ent, exactLast) + ", " + why + fmt.Sprintf(", too little rare shared context (%.2f)", rare)})
				}
				return
			}
			score -= 0.5
		}
		score += min(rare, 3) + 0.5*float64(min(sharedRoles, 2))
		cands = append(cands, cand{k, score + 0.001*float64(min(ent.Articles, 500)), exactLast, why, inStory, shared, sharedRoles})
	}
	for _, k := range exact {
		consider(k, true)
	}
	for _, k := range fuzzy {
		consider(k, false)
	}
	if len(cands) == 0 {
		if n.First == "" && !strings.Contains(n.Last, " ") {
			// "Lindsay", "Frederick": a given name alone, of one person
			// of the story
			one := -1
			for id, w := range story {
				k, ok := r.byID[id]
				if !ok || w <= 0 {
					continue
				}
				ent := r.Entities[k]
				if ent.Type != verbatim.Person || ent.name.First == "" || ent.name.Last == n.Last ||
					ent.name.First != n.Last && !sameGroup(nickGroup[ent.name.First], nickGroup[n.Last]) {
					continue
				}
				if one >= 0 && one != k {
					return -1 // two people of the story have it
				}
				one = k
			}
			if one >= 0 {
				r.decide(Decision{Article: article, Mention: e.Name, Into: r.Entities[one].ID, Kind: "merge",
					Reason: "given name " + quoteS(n.Last) + " alone, of the story's " + quoteS(r.Entities[one].name.Full)})
				return one
			}
		}
		return -1
	}
	slices.SortStableFunc(cands, func(a, b cand) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return 0
	})
	best := cands[0]
	reason := r.reason(best, n, ctx, ctxIDs, roles)
	if len(cands) > 1 {
		if int(cands[1].score*2) == int(best.score*2) {
			reason += fmt.Sprintf("; ambiguous among %d identities, chose the most reported", len(cands))
		} else {
			reason += fmt.Sprintf("; best of %d identities", len(cands))
		}
	}
	ent := r.Entities[best.k]
	// a bare surname identity learns its given name
	if ent.name.First == "" && n.First != "" {
		ent.name.First, ent.name.Full = n.First, n.Full
		if name := displayName(e.Name, n); name != ent.Name {
			ent.Name = strings.Clone(name)
			if r.TrackRenames {
				r.renamed = append(r.renamed, ent.ID)
			}
		}
		reason += "; identity learns the given name"
	} else if n.First != "" && len(n.Full) > len(ent.name.Full) && ent.name.First == n.First {
		ent.name.Full = n.Full
	}
	r.decide(Decision{Article: article, Mention: e.Name, Into: ent.ID, Kind: "merge", Reason: reason})
	return best.k
}

// middleName reports whether the given name first is a middle word of the
// full name full ("boone" in "cheryl boone isaacs").
func middleName(first, full string) bool {
	if first == "" {
		return false
	}
	ws := strings.Fields(full)
	for i := 1; i < len(ws)-1; i++ {
		if ws[i] == first {
			return true
		}
	}
	return false
}

func surnameReason(n Name, ent *Entity, exactLast bool) string {
	if exactLast {
		return "same surname " + quoteS(n.Last)
	}
	return "surname spelling " + quoteS(n.Last) + "/" + quoteS(ent.name.Last)
}

// Explain returns the decisions that merged names into the identity id, in
// the order they were taken.
func (r *Resolver) Explain(id string) []Decision {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Decision
	for _, d := range r.Decisions {
		if d.Into == id {
			out = append(out, d)
		}
	}
	return out
}
