package benchdata

import (
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
)

func TestArticlesDeterministicAndRealistic(t *testing.T) {
	a, b := Articles(3, 50), Articles(3, 50)
	for i := range a {
		if a[i].Text != b[i].Text || a[i].ID != b[i].ID {
			t.Fatalf("article %d differs between two generations with one seed", i)
		}
	}
	if Articles(4, 1)[0].Text == a[0].Text {
		t.Fatal("another seed gives the same article")
	}
	mean := Bytes(a) / int64(len(a))
	if mean < AvgBytes/2 || mean > AvgBytes*2 {
		t.Fatalf("mean article size %d bytes, want about %d", mean, AvgBytes)
	}
	all := ""
	for _, x := range a {
		all += x.Text
		if x.Published == "" {
			t.Fatalf("%s has no publication date", x.ID)
		}
		if _, err := verbatim.ParseDate(x.Published); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(x.Text, "{") {
			t.Fatalf("%s has an unfilled slot", x.ID)
		}
	}
	for _, want := range []string{"\"", " said", "Advertisement", "https://", "2024", "Monday"} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q in 50 generated articles", want)
		}
	}
	wrapped := 0
	for _, x := range a {
		for _, l := range strings.Split(x.Text, "\n") {
			if len(l) > 0 && len(l) <= 72 && !strings.HasSuffix(l, ".") && !strings.HasSuffix(l, "\"") {
				wrapped++
			}
		}
	}
	if wrapped == 0 {
		t.Error("no hard-wrapped lines")
	}
}

func TestCloneIsDeep(t *testing.T) {
	d := &verbatim.Doc{Entities: []verbatim.Entity{{Name: "A", Mentions: []int{0}}}, Tokens: []verbatim.Token{{}}}
	c := Clone(d)
	c.Entities[0].Mentions[0] = 5
	c.Entities[0].Mentions = append(c.Entities[0].Mentions, 6)
	c.Tokens[0].Start = 9
	if d.Entities[0].Mentions[0] != 0 || len(d.Entities[0].Mentions) != 1 || d.Tokens[0].Start != 0 {
		t.Fatal("changing the clone changed the original")
	}
}
