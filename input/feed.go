package input

import (
	"fmt"
	"strings"

	"github.com/mmcdole/gofeed"

	"github.com/verbatim-news/verbatim"
)

// FromFeed reads an RSS, Atom or JSON Feed: each item is an article whose
// text is its content:encoded (else content, else description) with HTML
// stripped to text with paragraph breaks; pubDate/published gives published,
// link the URL, and the feed's title the outlet. Items without text are
// reported through emit as errors; the others are emitted as articles.
func FromFeed(data string, name string, opt Options, emit Emit) error {
	feed, err := parseFeed(data)
	if err != nil {
		return emit(verbatim.Article{Source: name}, &ItemError{name, fmt.Sprintf("unreadable feed: %v", err)})
	}
	if len(feed.Items) == 0 {
		return emit(verbatim.Article{Source: name}, &ItemError{name, "feed has no items"})
	}
	outlet := strings.TrimSpace(feed.Title)
	for i, it := range feed.Items {
		src := fmt.Sprintf("%s#%d", name, i+1)
		a := verbatim.Article{
			ID:        itemID(it, opt.idOf(name), i+1),
			Title:     strings.TrimSpace(htmlToText(it.Title)),
			URL:       strings.TrimSpace(it.Link),
			Outlet:    outlet,
			Published: opt.Published,
			Source:    src,
			Format:    "rss",
		}
		if len(it.Authors) > 0 && it.Authors[0] != nil {
			a.Author = it.Authors[0].Name
		}
		switch {
		case it.PublishedParsed != nil:
			a.Published = it.PublishedParsed.UTC().Format("2006-01-02")
		case it.UpdatedParsed != nil:
			a.Published = it.UpdatedParsed.UTC().Format("2006-01-02")
		}
		body := it.Content
		if enc, ok := it.Extensions["content"]["encoded"]; ok && len(enc) > 0 && strings.TrimSpace(enc[0].Value) != "" {
			body = enc[0].Value
		}
		if strings.TrimSpace(body) == "" {
			body = it.Description
		}
		a.Text = htmlToText(body)
		var ierr error
		if strings.TrimSpace(a.Text) == "" {
			ierr = &ItemError{src, "feed item has no text"}
		}
		if err := emit(a, ierr); err != nil {
			return err
		}
	}
	return nil
}

// parseFeed runs gofeed, recovering from a panic in it.
func parseFeed(data string) (f *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("feed parser: %v", r)
		}
	}()
	return gofeed.NewParser().ParseString(data)
}

// itemID is the item's GUID when it is short and plain, else the feed's
// stem with the item number.
func itemID(it *gofeed.Item, base string, n int) string {
	g := strings.TrimSpace(it.GUID)
	if g != "" && len(g) <= 200 && !strings.ContainsAny(g, " \t\n") {
		return g
	}
	return fmt.Sprintf("%s-%d", base, n)
}
