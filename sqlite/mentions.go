package sqlite

// An entity's mentions are stored in its row (entities.mentions, schemaV3)
// as a JSON array ordered by start: [start, end, "text"] for a name,
// [start, end, "text", kind] for a pronoun (1) or descriptor (2),
// [start, end, "text", kind, "role"] when role words came with it.

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/verbatim-news/verbatim"
)

// appendMentions appends the JSON array of an entity's mentions (schemaV3),
// ordered by start, then end.
func (b *batch) appendMentions(buf []byte, d *verbatim.Doc, ms []int) []byte {
	b.order = b.order[:0]
	for _, mi := range ms {
		if mi >= 0 && mi < len(d.Mentions) {
			b.order = append(b.order, mi)
		}
	}
	slices.SortFunc(b.order, func(x, y int) int {
		if c := cmp.Compare(d.Mentions[x].Start, d.Mentions[y].Start); c != 0 {
			return c
		}
		return cmp.Compare(d.Mentions[x].End, d.Mentions[y].End)
	})
	buf = append(buf, '[')
	for k, mi := range b.order {
		m := &d.Mentions[mi]
		if k > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, '[')
		buf = strconv.AppendInt(buf, int64(m.Start), 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(m.End), 10)
		buf = append(buf, ',')
		buf = appendJSONString(buf, b.words[mi])
		if m.Kind != verbatim.NameMention || m.Role != "" {
			buf = append(buf, ',')
			buf = strconv.AppendInt(buf, int64(m.Kind), 10)
		}
		if m.Role != "" {
			buf = append(buf, ',')
			buf = appendJSONString(buf, m.Role)
		}
		buf = append(buf, ']')
	}
	return append(buf, ']')
}

// storedMention is one mention read back from entities.mentions.
type storedMention struct {
	start, end int
	text       string
	kind       verbatim.MentionKind
	role       string
}

// decodeMentions reads an entities.mentions column.
func decodeMentions(s string) ([]storedMention, error) {
	var raw [][]json.RawMessage
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
		return nil, fmt.Errorf("entity mentions: %w", err)
	}
	out := make([]storedMention, len(raw))
	for i, r := range raw {
		m := &out[i]
		if len(r) < 3 || len(r) > 5 {
			return nil, fmt.Errorf("entity mentions: %d values in a mention, want 3 to 5", len(r))
		}
		var kind int
		dst := []any{&m.start, &m.end, &m.text, &kind, &m.role}
		for k, v := range r {
			if err := json.Unmarshal(v, dst[k]); err != nil {
				return nil, fmt.Errorf("entity mentions: value %d: %w", k, err)
			}
		}
		m.kind = verbatim.MentionKind(kind)
	}
	return out, nil
}
