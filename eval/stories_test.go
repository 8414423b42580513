package eval

import (
	"math"
	"testing"
)

func TestBCubed(t *testing.T) {
	gold := map[string]string{"a": "x", "b": "x", "c": "y", "d": "y"}
	perfect := ScoreBCubed(gold, map[string]string{"a": "1", "b": "1", "c": "2", "d": "2"})
	if perfect.P != 1 || perfect.R != 1 {
		t.Fatalf("perfect: %+v", perfect)
	}
	one := ScoreBCubed(gold, map[string]string{"a": "1", "b": "1", "c": "1", "d": "1"})
	if one.P != 0.5 || one.R != 1 {
		t.Fatalf("one cluster: %+v", one)
	}
	single := ScoreBCubed(gold, map[string]string{}) // all missing: singletons
	if single.P != 1 || single.R != 0.5 {
		t.Fatalf("singletons: %+v", single)
	}
	mixed := ScoreBCubed(gold, map[string]string{"a": "1", "b": "2", "c": "2", "d": "3"})
	// a: P1 R.5; b: P.5 R.5; c: P.5 R.5; d: P1 R.5
	if math.Abs(mixed.P-0.75) > 1e-9 || math.Abs(mixed.R-0.5) > 1e-9 || math.Abs(mixed.F1()-0.6) > 1e-9 {
		t.Fatalf("mixed: %+v F1 %v", mixed, mixed.F1())
	}
}

func TestWikiRefLabel(t *testing.T) {
	for in, want := range map[string]string{
		"x/malaysia.airlines.flight.10.txt": "malaysia.airlines.flight",
		"ParisAttacks2015 (12).txt":         "ParisAttacks2015",
		"U2.149.txt":                        "U2",
		"NBA.draft.2.txt":                   "NBA.draft",
	} {
		if got := WikiRefLabel(in); got != want {
			t.Errorf("WikiRefLabel(%q) = %q, want %q", in, got, want)
		}
	}
}
