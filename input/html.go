package input

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/verbatim-news/verbatim"
)

// FromHTML extracts the main content of a web page as text with paragraph
// breaks (blank lines), dropping navigation, asides, footers, comments,
// bylines, captions, scripts and other boilerplate, and reads its metadata:
// title, outlet (og:site_name), published date (meta tags, JSON-LD, <time>,
// a date in the page's URL), author, canonical URL.
//
// The main content is found by go-readability (readeck) after our own
// boilerplate removal; when it finds nothing, the page body without its
// boilerplate elements is taken. The headline heads the text as its first
// paragraph, as in plain-text reports. The article's Text is the extracted
// text: the offsets of the analysis point into it, and the output carries it.
func FromHTML(page string, id string, opt Options) (verbatim.Article, error) {
	a := verbatim.Article{ID: id, Published: opt.Published, Format: "html"}
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return a, fmt.Errorf("unparsable HTML: %v", err)
	}
	meta := pageMeta(doc)
	a.Title, a.Outlet, a.Author, a.URL = meta.title, meta.site, meta.author, meta.url
	if meta.published != "" {
		a.Published = meta.published
	}

	var text string
	stripBoilerplate(doc)
	if art, err := mainContent(doc); err == nil && art.Node != nil {
		text = dedupeParagraphs(nodeText(art.Node))
		if a.Title == "" {
			a.Title = strings.TrimSpace(art.Title())
		}
		if a.Outlet == "" {
			a.Outlet = strings.TrimSpace(art.SiteName())
		}
		if a.Author == "" {
			a.Author = strings.TrimSpace(art.Byline())
		}
		if meta.published == "" {
			if t, err := art.PublishedTime(); err == nil {
				meta.published = t.Format("2006-01-02")
			}
		}
	}
	if strings.TrimSpace(text) == "" {
		// the extractor changed the tree: read the page's body again
		if doc, err = html.Parse(strings.NewReader(page)); err == nil {
			stripBoilerplate(doc)
			text = nodeText(findBody(doc))
		}
	}
	if meta.published == "" {
		meta.published = urlDate(a.URL)
	}
	if meta.published != "" {
		a.Published = meta.published
	}
	// the extractor drops a heading that repeats the page title: it heads
	// the text again
	if h := meta.headline; h != "" && strings.TrimSpace(text) != "" && !strings.Contains(text, h) {
		text = h + "\n\n" + text
	}
	a.Text = text
	if strings.TrimSpace(a.Text) == "" {
		return a, fmt.Errorf("HTML page has no text content")
	}
	return a, nil
}

// mainContent is the main-content extractor (a variable so tests can
// exercise the fallback).
var mainContent = extractReadability

// extractReadability runs go-readability (readeck) over the page, changing
// the tree, and recovers from a panic in it (it is third-party code run over
// arbitrary pages).
func extractReadability(doc *html.Node) (art readability.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			art, err = readability.Article{}, fmt.Errorf("readability: %v", r)
		}
	}()
	p := readability.NewParser()
	return p.ParseAndMutate(doc, nil)
}

// stripBoilerplate removes page furniture before extraction, so that no
// extractor heuristic can take quotes from navigation, asides, footers or
// scripts: the skipped elements, a <header> outside <article>/<main>,
// elements whose ARIA role is navigation, banner, complementary or
// contentinfo, image captions, reader comments, sidebars and related links
// (isFurniture), and bylines (a short block whose class or id
// names the byline, author or dateline, or marked rel/itemprop author —
// readability's own byline rule, which it applies only when the page's
// metadata names no author).
func stripBoilerplate(doc *html.Node) {
	var drop []*html.Node
	var walk func(n *html.Node, inArticle bool, depth int)
	walk = func(n *html.Node, inArticle bool, depth int) {
		if depth > 512 {
			return
		}
		if n.Type == html.ElementNode {
			switch role := strings.ToLower(attr(n, "role")); {
			case n.DataAtom == atom.Head:
				return
			case n.DataAtom == atom.Header && inArticle:
			case skipped[n.DataAtom], n.DataAtom == atom.Figcaption, role == "navigation", role == "banner",
				role == "complementary", role == "contentinfo", isByline(n), isFurniture(n):
				drop = append(drop, n)
				return
			}
			if n.DataAtom == atom.Article || n.DataAtom == atom.Main {
				inArticle = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inArticle, depth+1)
		}
	}
	walk(doc, false, 0)
	for _, n := range drop {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

// isByline tells whether n is a byline block: a paragraph-like element
// under 100 bytes of text whose class or id says byline, author, dateline
// or writtenby, or with rel="author" or an itemprop naming the author.
func isByline(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Div, atom.Span, atom.Address, atom.Section, atom.Li, atom.A:
	default:
		return false
	}
	if n.DataAtom == atom.Span || n.DataAtom == atom.A {
		// inline: only when it is the whole of its parent's text
		// ("said <a class=author>Ana</a>" keeps its name)
		if p := n.Parent; p == nil || strings.TrimSpace(nodeText(p)) != strings.TrimSpace(nodeText(n)) {
			return false
		}
	}
	marked := strings.EqualFold(attr(n, "rel"), "author") || strings.Contains(strings.ToLower(attr(n, "itemprop")), "author")
	if !marked {
		key := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
		for _, w := range bylineWords {
			if strings.Contains(key, w) {
				marked = true
				break
			}
		}
	}
	if !marked {
		return false
	}
	t := strings.TrimSpace(nodeText(n))
	return t != "" && len(t) < 100
}

var bylineWords = []string{"byline", "author", "dateline", "writtenby"}

// isFurniture tells whether n holds reader comments, a sidebar or links to
// related stories: a container whose class or id has a word starting with
// "comment" (not "commentary", "commentator"), "disqus", "sidebar" or
// "related". Readability drops these too, but not when the story is short
// (it then retries without that filter and may return them instead).
func isFurniture(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Div, atom.Section, atom.Ol, atom.Ul, atom.Li, atom.Dl, atom.Aside, atom.Footer, atom.Form:
	default:
		return false
	}
	for _, key := range [2]string{attr(n, "class"), attr(n, "id")} {
		for len(key) > 0 {
			i := strings.IndexFunc(key, func(r rune) bool { return !unicode.IsLetter(r) })
			w := key
			if i >= 0 {
				w, key = key[:i], key[i+1:]
			} else {
				key = ""
			}
			w = strings.ToLower(w)
			switch {
			case strings.HasPrefix(w, "comment"):
				if !strings.HasPrefix(w, "commentar") && !strings.HasPrefix(w, "commentat") {
					return true
				}
			case strings.HasPrefix(w, "disqus"), strings.HasPrefix(w, "sidebar"), strings.HasPrefix(w, "related"):
				return true
			}
		}
	}
	return false
}

// findBody returns the page's <body>, else the whole document.
func findBody(doc *html.Node) *html.Node {
	var find func(n *html.Node, depth int) *html.Node
	find = func(n *html.Node, depth int) *html.Node {
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			return n
		}
		if depth > 512 {
			return nil
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if b := find(c, depth+1); b != nil {
				return b
			}
		}
		return nil
	}
	if b := find(doc, 0); b != nil {
		return b
	}
	return doc
}

// skipped elements never contribute text: scripts, styles, and page
// furniture whose quotes are not the article's.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Nav: true,
	atom.Aside: true, atom.Footer: true, atom.Header: true, atom.Form: true, atom.Button: true,
	atom.Select: true, atom.Svg: true, atom.Iframe: true, atom.Object: true, atom.Head: true,
	atom.Menu: true, atom.Dialog: true, atom.Canvas: true,
}

// blocks separate paragraphs.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Blockquote: true,
	atom.Section: true, atom.Article: true, atom.Main: true, atom.Tr: true, atom.Table: true,
	atom.Pre: true, atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Figure: true,
	atom.Figcaption: true, atom.Hr: true, atom.Address: true, atom.Details: true, atom.Summary: true,
	atom.Caption: true, atom.Tbody: true, atom.Thead: true, atom.Body: true,
}

// textWriter accumulates text with collapsed whitespace and pending breaks.
type textWriter struct {
	b     strings.Builder
	brk   int  // pending break: 0 none, 1 line, 2 paragraph
	space bool // pending space between inline pieces
}

func (w *textWriter) text(s string) {
	if s == "" {
		return
	}
	lead := isSpace(s[0])
	fields := strings.Fields(s)
	for i, f := range fields {
		if w.b.Len() > 0 {
			switch {
			case w.brk >= 2:
				w.b.WriteString("\n\n")
			case w.brk == 1:
				w.b.WriteString("\n")
			case i > 0 || lead || w.space:
				w.b.WriteByte(' ')
			}
		}
		w.brk = 0
		w.b.WriteString(f)
	}
	w.space = isSpace(s[len(s)-1])
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }

func (w *textWriter) brkAtLeast(n int) {
	if n > w.brk {
		w.brk = n
	}
}

// nodeText renders an element tree as text: inline runs joined with single
// spaces, <br> as a line break, blocks separated by a blank line.
func nodeText(n *html.Node) string {
	if n == nil {
		return ""
	}
	w := &textWriter{}
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > 512 {
			return
		}
		switch n.Type {
		case html.TextNode:
			// a text piece glued to the previous one ("Kel<b>logg</b>") stays glued
			w.text(n.Data)
			return
		case html.ElementNode:
			if n.DataAtom == 0 { // nodes built by extractors carry only their tag name
				n.DataAtom = atom.Lookup([]byte(strings.ToLower(n.Data)))
			}
			if skipped[n.DataAtom] {
				return
			}
			if n.DataAtom == atom.Br {
				w.brkAtLeast(1)
				return
			}
		case html.CommentNode, html.DoctypeNode:
			return
		}
		block := n.Type == html.ElementNode && (blocks[n.DataAtom])
		if block {
			w.brkAtLeast(2)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
		if block {
			w.brkAtLeast(2)
		}
	}
	walk(n, 0)
	return w.b.String()
}

// dedupeParagraphs drops a paragraph that repeats an earlier one, or the
// run of paragraphs just before it glued together (an extractor may return
// the paragraphs and then a container holding them all): a paragraph is
// dropped when, whitespace removed, it contains the last kept paragraphs
// concatenated and they make at least half of it. Linear in the text up to
// a logarithmic factor (the containment test of runs is monotone in the
// run's start, so the longest contained run is found by binary search).
func dedupeParagraphs(text string) string {
	paras := strings.Split(text, "\n\n")
	if len(paras) < 2 {
		return text
	}
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	var all strings.Builder // the kept paragraphs' keys, concatenated
	starts := []int{}       // where each kept key starts in all
	out := paras[:0]
	seen := map[string]bool{}
	for _, p := range paras {
		k := squash(p)
		if k == "" || seen[k] || gluedRun(all.String(), starts, k) {
			continue
		}
		seen[k] = true
		starts = append(starts, all.Len())
		all.WriteString(k)
		out = append(out, p)
	}
	return strings.Join(out, "\n\n")
}

// gluedRun tells whether k contains a run of the last keys concatenated
// (all[starts[i]:] for some i) that makes at least half of k.
func gluedRun(all string, starts []int, k string) bool {
	n := len(starts)
	if n == 0 {
		return false
	}
	// runs no longer than k: i in [lo, n)
	lo := sort.Search(n, func(i int) bool { return len(all)-starts[i] <= len(k) })
	if lo == n || !strings.Contains(k, all[starts[n-1]:]) {
		return false
	}
	// a run contained in k contains the shorter runs: find the longest
	i0 := lo + sort.Search(n-1-lo, func(j int) bool { return strings.Contains(k, all[starts[lo+j]:]) })
	return 2*(len(all)-starts[i0]) >= len(k)
}

type meta struct{ title, site, author, url, published, headline string }

// pageMeta reads metadata the page states explicitly.
func pageMeta(doc *html.Node) meta {
	var m meta
	var pub, timeDate, ldDate, title string
	var timePreferred bool
	var headings []string // the first h1 and h2 of the page
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > 512 {
			return
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				key := strings.ToLower(attr(n, "property") + attr(n, "name") + attr(n, "itemprop"))
				val := strings.TrimSpace(attr(n, "content"))
				if val == "" {
					break
				}
				switch key {
				case "og:site_name", "application-name":
					if m.site == "" {
						m.site = val
					}
				case "og:title", "twitter:title":
					if m.title == "" {
						m.title = val
					}
				case "author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author":
					if m.author == "" && !strings.HasPrefix(val, "http") {
						m.author = strings.TrimPrefix(val, "By ")
					}
				case "og:url":
					if m.url == "" {
						m.url = val
					}
				case "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
					"publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date",
					"sailthru.date", "parsely-pub-date", "article.published", "published_time", "citation_publication_date":
					if pub == "" {
						pub = val
					}
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && m.url == "" {
					m.url = attr(n, "href")
				}
			case atom.H1, atom.H2:
				if len(headings) < 8 {
					headings = append(headings, strings.Join(strings.Fields(nodeText(n)), " "))
				}
				return
			case atom.Title:
				if title == "" && n.FirstChild != nil {
					title = strings.TrimSpace(n.FirstChild.Data)
				}
			case atom.Time:
				if d := attr(n, "datetime"); d != "" {
					preferred := attr(n, "pubdate") != "" || strings.EqualFold(attr(n, "itemprop"), "datePublished")
					if timeDate == "" || (preferred && !timePreferred) {
						timeDate, timePreferred = d, preferred
					}
				}
			case atom.Script:
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil && ldDate == "" {
					ldDate = jsonLDDate([]byte(n.FirstChild.Data))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	for _, h := range headings {
		if sameTitle(h, m.title) || sameTitle(h, title) {
			m.headline = h
			break
		}
	}
	if m.title == "" {
		m.title = title
	}
	for _, d := range []string{pub, ldDate, timeDate} {
		if d == "" {
			continue
		}
		if t, err := verbatim.ParseDate(strings.TrimSpace(d)); err == nil {
			m.published = t.Format("2006-01-02")
			break
		}
	}
	return m
}

// sameTitle tells whether heading h is the page title t, possibly with the
// site name around it ("Headline | Site").
func sameTitle(h, t string) bool {
	if h == "" || t == "" {
		return false
	}
	h, t = strings.ToLower(h), strings.ToLower(strings.Join(strings.Fields(t), " "))
	return strings.Contains(t, h) && 2*len(h) >= len(t) || strings.Contains(h, t) && 2*len(t) >= len(h)
}

// urlDate reads a publication date from a URL path: /2024/03/12/ or
// /2024-03-12 (the date as a path element or the start of one).
func urlDate(u string) string {
	for i := 0; i+11 <= len(u); i++ {
		if u[i] != '/' {
			continue
		}
		d := u[i+1:]
		if len(d) >= 10 && (d[4] == '/' || d[4] == '-') && d[7] == d[4] && (len(d) == 10 || !isDigit(d[10])) {
			if s := d[:4] + "-" + d[5:7] + "-" + d[8:10]; isDigits(d[:4]) && isDigits(d[5:7]) && isDigits(d[8:10]) {
				if t, err := verbatim.ParseDate(s); err == nil && t.Year() >= 1990 {
					return t.Format("2006-01-02")
				}
			}
		}
	}
	return ""
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// jsonLDDate finds datePublished (else dateCreated) in a JSON-LD block,
// searching nested objects, arrays and @graph.
func jsonLDDate(data []byte) string {
	var v any
	if err := json.Unmarshal(bytes.TrimSpace(data), &v); err != nil {
		return ""
	}
	var find func(v any, key string, depth int) string
	find = func(v any, key string, depth int) string {
		if depth > 32 {
			return ""
		}
		switch x := v.(type) {
		case map[string]any:
			if s, ok := x[key].(string); ok && s != "" {
				return s
			}
			for _, c := range x {
				if s := find(c, key, depth+1); s != "" {
					return s
				}
			}
		case []any:
			for _, c := range x {
				if s := find(c, key, depth+1); s != "" {
					return s
				}
			}
		}
		return ""
	}
	if s := find(v, "datePublished", 0); s != "" {
		return s
	}
	return find(v, "dateCreated", 0)
}

// htmlToText renders an HTML fragment (a feed item's content) as text with
// paragraph breaks.
func htmlToText(fragment string) string {
	if !strings.ContainsAny(fragment, "<&") {
		return strings.TrimSpace(fragment)
	}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return strings.TrimSpace(fragment)
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return nodeText(root)
}
