package text_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/clean"
	"github.com/verbatim-news/verbatim/text"
)

// TestRecycle checks that a document analysed with recycled buffers gets
// the same tokens and sentences as one analysed with fresh ones.
func TestRecycle(t *testing.T) {
	long := verbatim.Article{Text: strings.Repeat("The U.S. president said on Monday that talks would go on. ", 40)}
	short := verbatim.Article{Text: "He left. She stayed, and said: \"Fine.\""}
	for _, order := range [][2]verbatim.Article{{long, short}, {short, long}} {
		first := verbatim.NewDoc(order[0])
		clean.Process(first)
		text.Process(first)
		text.Recycle(first)
		if first.Tokens != nil || first.Sentences != nil {
			t.Fatal("Recycle left the buffers in the document")
		}
		reused, fresh := verbatim.NewDoc(order[1]), verbatim.NewDoc(order[1])
		for _, d := range []*verbatim.Doc{reused, fresh} {
			clean.Process(d)
			text.Process(d)
		}
		if !reflect.DeepEqual(reused.Tokens, fresh.Tokens) || !reflect.DeepEqual(reused.Sentences, fresh.Sentences) {
			t.Errorf("recycled buffers give different layers for %.20q", order[1].Text)
		}
	}
}
