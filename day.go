package verbatim

import (
	"encoding/json"

	"github.com/verbatim-news/verbatim/internal/jsonstr"
)

// Day is when something was said or published: an ISO-8601 date or a prefix
// of one ("2025-02-03", "2025-02", "2025"), which sorts as text, or "" when
// undated. Undated items are shown as "undated" (String) and written as
// null in JSON; lists sort them apart, after the dated ones.
type Day string

// Undated is how an undated Day is shown.
const Undated = "undated"

// String is the day, or "undated".
func (d Day) String() string {
	if d == "" {
		return Undated
	}
	return string(d)
}

// MarshalJSON writes the day as a string, or null when undated.
func (d Day) MarshalJSON() ([]byte, error) {
	if d == "" {
		return []byte("null"), nil
	}
	return jsonstr.Append(nil, string(d)), nil
}

// UnmarshalJSON reads a string or null (undated).
func (d *Day) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = ""
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*d = Day(s)
	return nil
}
