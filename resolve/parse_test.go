package resolve

import (
	"strings"
	"testing"
	"unicode"

	"github.com/verbatim-news/verbatim"
)

// parseNamePlain is ParseName written with the strings package (fields,
// joins): the reference the allocation-free ParseName must agree with.
func parseNamePlain(s string, typ verbatim.EntityType) Name {
	f := Fold(s)
	raw := strings.FieldsFunc(f, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '"' || r == '(' || r == ')'
	})
	toks := raw[:0]
	for _, t := range raw {
		t = strings.TrimSuffix(strings.TrimSuffix(t, "'s"), "'")
		t = strings.Trim(t, ".-'")
		if t != "" {
			toks = append(toks, t)
		}
	}
	if typ != verbatim.Person {
		full := strings.TrimPrefix(strings.Join(toks, " "), "the ")
		return Name{Last: full, Full: full}
	}
	i := 0
	for i < len(toks)-1 && titles[strings.ReplaceAll(toks[i], ".", "")] {
		i++
	}
	toks = toks[i:]
	for len(toks) > 1 && suffixes[strings.ReplaceAll(toks[len(toks)-1], ".", "")] {
		toks = toks[:len(toks)-1]
	}
	var kept []string
	for j, t := range toks {
		if j > 0 && j < len(toks)-1 && len(strings.ReplaceAll(t, ".", "")) <= 1 {
			continue
		}
		kept = append(kept, t)
	}
	n := Name{Full: strings.Join(kept, " ")}
	switch len(kept) {
	case 0:
	case 1:
		n.Last = kept[0]
	default:
		n.First = strings.ReplaceAll(kept[0], ".", "")
		n.Last = kept[len(kept)-1]
		if particles[n.First] {
			n.First = "" // "von der Leyen": no given name
		}
	}
	return n
}

// ParseName agrees with the plain computation on names with titles,
// initials, suffixes, possessives, odd separators (tabs, no-break spaces,
// commas, brackets, quotes), accents, dots and dashes, and long names.
func TestParseNameAsPlain(t *testing.T) {
	names := []string{
		"U.S. President Donald Trump", "Donald J. Trump", "President Trump", "Trump's", "Martin Luther King Jr.",
		"José Pérez", "", " ", "Dr.  Anna   Smith", "Sen. John \"Jack\" Reed (D-R.I.)", "Smith, John",
		"the Bank of England", "The New York Times", "Agence France-Presse", "A. B. C. D.", "J.R.R. Tolkien",
		"Jean-Luc   Picard", "Mary\u00a0Ann\tO'Neill", "O'Neill's", "'s", "--Smith--", "Prince Charles III",
		"Kim Jong-un", "Zoë Ball\u2003Jr", "Ms. .", "von der Leyen", "Nelson Mandela's", "A", "Mr. X.",
		strings.Repeat("Word ", 20) + "End", "King Abdullah II of Jordan", "Rev. Dr. Martin L. King, Jr.",
		"\u00e9mile zola", "Dmitry \u201cDima\u201d Ivanov", "(Reuters)", "Bob  ,  Dylan", "Ali\u0301 Baba",
	}
	for _, s := range names {
		for _, typ := range []verbatim.EntityType{verbatim.Person, verbatim.Organization} {
			if got, want := ParseName(s, typ), parseNamePlain(s, typ); got != want {
				t.Errorf("ParseName(%q, %s) = %+v, want %+v", s, typ, got, want)
			}
		}
	}
}

// collapseSpaces and displayName's ASCII comparison agree with the plain
// field splitting and folding.
func TestCollapseSpacesAndDisplayName(t *testing.T) {
	for _, s := range []string{"", " ", "Tony Blair", " Tony Blair", "Tony Blair ", "Tony  Blair", "Tony\tBlair",
		"José  Pérez", "Mary\u00a0Ann", "A", "a b c", "U.S. President Donald J. Trump"} {
		if got, want := collapseSpaces(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapseSpaces(%q) = %q, want %q", s, got, want)
		}
	}
	plain := func(s string, n Name) string {
		f := strings.Fields(s)
		for i, w := range f {
			if Fold(strings.Trim(w, ".,")) == n.First || strings.HasPrefix(Fold(w), n.First) && n.First != "" {
				return strings.Join(f[i:], " ")
			}
		}
		return strings.Join(f, " ")
	}
	for _, s := range []string{"U.S. President Donald J. Trump", "President Trump", "Dr. José Pérez", "Sen. Jo.  Smith,",
		"Prime Minister Tony Blair", "Mr. Élise Lucet", "Chancellor Gordon Brown's"} {
		for _, typ := range []verbatim.EntityType{verbatim.Person} {
			n := ParseName(s, typ)
			for _, first := range []string{n.First, "", "tony", "jos"} {
				n.First = first
				if got, want := displayName(s, n), plain(s, n); got != want {
					t.Errorf("displayName(%q, %q) = %q, want %q", s, first, got, want)
				}
			}
		}
	}
}
