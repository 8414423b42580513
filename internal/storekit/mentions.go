package storekit

// An entity's mentions are stored with the entity as a JSON array ordered
// by start: [start, end, "text"] for a name, [start, end, "text", kind] for
// a pronoun (1) or descriptor (2), [start, end, "text", kind, "role"] when
// role words came with it. Offsets are bytes into the article text.

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/jsonstr"
)

// AppendMentions appends the JSON array of the mentions ms (indexes into
// d.Mentions) ordered by start, then end; words[i] is the text of mention
// i, order a scratch buffer (returned for reuse).
func AppendMentions(buf []byte, d *verbatim.Doc, ms []int, words []string, order []int) ([]byte, []int) {
	order = order[:0]
	for _, mi := range ms {
		if mi >= 0 && mi < len(d.Mentions) {
			order = append(order, mi)
		}
	}
	slices.SortFunc(order, func(x, y int) int {
		if c := cmp.Compare(d.Mentions[x].Start, d.Mentions[y].Start); c != 0 {
			return c
		}
		return cmp.Compare(d.Mentions[x].End, d.Mentions[y].End)
	})
	buf = append(buf, '[')
	for k, mi := range order {
		m := &d.Mentions[mi]
		if k > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, '[')
		buf = strconv.AppendInt(buf, int64(m.Start), 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(m.End), 10)
		buf = append(buf, ',')
		buf = AppendJSONString(buf, words[mi])
		if m.Kind != verbatim.NameMention || m.Role != "" {
			buf = append(buf, ',')
			buf = strconv.AppendInt(buf, int64(m.Kind), 10)
		}
		if m.Role != "" {
			buf = append(buf, ',')
			buf = AppendJSONString(buf, m.Role)
		}
		buf = append(buf, ']')
	}
	return append(buf, ']'), order
}

// StoredMention is one mention read back from its entity's row.
type StoredMention struct {
	Start, End int
	Text       string
	Kind       verbatim.MentionKind
	Role       string
}

// DecodeMentions reads the mentions of an entity's row.
func DecodeMentions(s string) ([]StoredMention, error) {
	var raw [][]json.RawMessage
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
		return nil, fmt.Errorf("entity mentions: %w", err)
	}
	out := make([]StoredMention, len(raw))
	for i, r := range raw {
		m := &out[i]
		if len(r) < 3 || len(r) > 5 {
			return nil, fmt.Errorf("entity mentions: %d values in a mention, want 3 to 5", len(r))
		}
		var kind int
		dst := []any{&m.Start, &m.End, &m.Text, &kind, &m.Role}
		for k, v := range r {
			if err := json.Unmarshal(v, dst[k]); err != nil {
				return nil, fmt.Errorf("entity mentions: value %d: %w", k, err)
			}
		}
		m.Kind = verbatim.MentionKind(kind)
	}
	return out, nil
}

// AppendJSONString appends s as a JSON string, escaped as the output
// records are (package jsonstr): for valid UTF-8 without U+2028 and U+2029,
// the text SQLite's json_array gives; otherwise what encoding/json writes,
// which reads back the same.
func AppendJSONString[S ~string | ~[]byte](buf []byte, s S) []byte {
	return jsonstr.Append(buf, s)
}
