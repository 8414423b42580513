package jsonstr

import (
	"bytes"
	"encoding/json"
	"testing"
)

// encodeStd is encoding/json's string encoding without HTML escaping.
func encodeStd(t *testing.T, s string) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

var cases = []string{
	"", "plain", `quote " and \ backslash`, "tab\there\nline\r\x01\x1f\x7f",
	"\b\f", "é ü – “curly” 東京", "line\u2028sep\u2029para", "<a href=\"x\">&amp;</a>",
	"bad \xff byte", "cut \xe2\x80", "\xc3", "latin-1 caf\xe9", "\xed\xa0\x80 surrogate",
}

// TestAppendMatchesEncodingJSON: strings and byte slices come out as
// encoding/json writes the string, appended after what the buffer held.
func TestAppendMatchesEncodingJSON(t *testing.T) {
	for _, s := range cases {
		want := "x" + encodeStd(t, s)
		if got := string(Append([]byte("x"), s)); got != want {
			t.Errorf("Append(%q) = %s, want %s", s, got, want)
		}
		if got := string(Append([]byte("x"), []byte(s))); got != want {
			t.Errorf("Append([]byte(%q)) = %s, want %s", s, got, want)
		}
	}
}

func FuzzAppend(f *testing.F) {
	for _, s := range cases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := encodeStd(t, s)
		if got := string(Append(nil, s)); got != want {
			t.Fatalf("Append(%q) = %s, want %s", s, got, want)
		}
	})
}

// TestAppendLongRuns: long runs of plain text (read eight bytes at a time)
// with one byte to escape, a multi-byte rune or an invalid byte at every
// offset come out as encoding/json writes them.
func TestAppendLongRuns(t *testing.T) {
	specials := []string{`"`, `\`, "\n", "\x00", "\x1f", "\x7f", "é", "\u2028", "\xff", "~", " ", "\xe2\x80"}
	plain := "The quick brown fox jumps over the lazy dog, 0123456789!"
	for _, sp := range specials {
		for at := 0; at <= len(plain); at++ {
			s := plain[:at] + sp + plain[at:] + plain
			if got, want := string(Append(nil, s)), encodeStd(t, s); got != want {
				t.Fatalf("Append(%q) = %s, want %s", s, got, want)
			}
		}
	}
}
