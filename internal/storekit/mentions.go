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

const hexDigits = "0123456789abcdef"

// AppendJSONString appends s as a JSON string, escaped as SQLite's
// json_array escapes it (quote, backslash, control characters).
func AppendJSONString[S ~string | ~[]byte](buf []byte, s S) []byte {
	buf = append(buf, '"')
	from := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		buf = append(buf, s[from:i]...)
		switch c {
		case '"', '\\':
			buf = append(buf, '\\', c)
		case '\b':
			buf = append(buf, '\\', 'b')
		case '\f':
			buf = append(buf, '\\', 'f')
		case '\n':
			buf = append(buf, '\\', 'n')
		case '\r':
			buf = append(buf, '\\', 'r')
		case '\t':
			buf = append(buf, '\\', 't')
		default:
			buf = append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
		}
		from = i + 1
	}
	buf = append(buf, s[from:]...)
	return append(buf, '"')
}
