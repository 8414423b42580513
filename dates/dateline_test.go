package dates_test

import (
	"testing"

	"github.com/verbatim-news/verbatim/dates"
)

// TestDateline: an article without a publication date takes the one a
// line of its top gives (a date line or a dateline), never one from a
// sentence of its body or one without a year.
func TestDateline(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Harbour Strike Enters Second Week\n\nMonday 3 February 2025\n\nDock workers said on Sunday that ...", "2025-02-03"},
		{"Harbour Strike\nPublished: Feb. 3, 2025, 9:30 a.m. EST\n\nDock workers said ...", "2025-02-03"},
		{"Harbour Strike\nBy Ana Ruiz | 2025-02-03 | 09:30\n\nDock workers said ...", "2025-02-03"},
		{"Harbour Strike\n\nWASHINGTON, Feb. 3, 2025 (Reuters) - Dock workers said ...", "2025-02-03"},
		{"Harbour Strike\nUpdated 3rd February 2025 14:05 GMT\nDock workers said ...", "2025-02-03"},
		{"Harbour Strike\n\nWASHINGTON, Feb. 3 (Reuters) - Dock workers said ...", ""},
		{"Harbour Strike\n\nDock workers went on strike on 3 February 2025, the union said.", ""},
		{"Harbour Strike\n\nFebruary 30, 2025\n\nDock workers said ...", ""},
		{"Harbour Strike\n\n3 February\n\nDock workers said ...", ""},
		{"Results for 2024\n\nThe company said ...", ""},
	} {
		got := ""
		if d, ok := dates.Dateline(c.text); ok {
			got = d.Format("2006-01-02")
		}
		if got != c.want {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
	// the dates of the text are resolved against it, and statements dated
	d := quoteDoc(t, "Harbour Strike\n\nMonday 3 February 2025\n\nThe union leader said on Sunday that the strike would go on.", "", "said", "the strike would go on")
	if d.Published != "2025-02-03" || d.Quotes[0].SaidOn != "2025-02-02" {
		t.Errorf("published %q, said on %q: want 2025-02-03 and 2025-02-02", d.Published, d.Quotes[0].SaidOn)
	}
}
