package verbatim

import (
	"encoding/json"
	"fmt"
	"testing"
)

// TestDayUndated: an undated day is shown "undated" and is null in JSON
// (issue 19, defect 5: undated items showed as ????-??-??).
func TestDayUndated(t *testing.T) {
	h := QuoteHit{Text: "x", SaidOn: "", Published: "2025-03-14"}
	b, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.Unmarshal(b, &m)
	if v, ok := m["said_on"]; !ok || v != nil || m["published"] != "2025-03-14" {
		t.Errorf("JSON %s: want said_on null, published a string", b)
	}
	var back QuoteHit
	if err := json.Unmarshal(b, &back); err != nil || back.SaidOn != "" || back.Published != "2025-03-14" {
		t.Errorf("read back %+v, %v", back, err)
	}
	if s := fmt.Sprint(Day(""), " ", Day("2025-03")); s != "undated 2025-03" {
		t.Errorf("shown as %q", s)
	}
	var sp SpeakerSummary
	if b, _ := json.Marshal(sp); string(b) != `{"id":"","type":"","name":"","quotes":0,"articles":0,"first":null,"last":null}` {
		t.Errorf("speaker summary JSON %s", b)
	}
}
