package input

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Charset names what decode found. "utf-8" means the bytes were used as they
// are, so offsets into the article text are offsets into the file.
const (
	UTF8         = "utf-8"
	UTF8BOM      = "utf-8-bom"      // UTF-8 with its byte-order mark removed
	UTF8Repaired = "utf-8-repaired" // UTF-8 with a few invalid bytes replaced by U+FFFD
	UTF16LE      = "utf-16le"
	UTF16BE      = "utf-16be"
	Windows1252  = "windows-1252" // Latin-1 and its Windows superset
)

// magic lists the signatures of binary formats commonly found in news
// archives, to name them in the rejection reason.
var magic = []struct {
	sig  string
	name string
}{
	{"\x1f\x8b", "gzip"}, {"PK\x03\x04", "zip"}, {"\x89PNG", "PNG image"}, {"\xff\xd8\xff", "JPEG image"},
	{"GIF8", "GIF image"}, {"BZh", "bzip2"}, {"\xfd7zXZ\x00", "xz"}, {"7z\xbc\xaf", "7z"},
	{"\x7fELF", "executable"}, {"MZ", "executable"}, {"\xd0\xcf\x11\xe0", "MS Office document"},
	{"SQLite format 3\x00", "SQLite database"}, {"RIFF", "RIFF media"}, {"\x00\x00\x01\x00", "icon"},
	{"\x28\xb5\x2f\xfd", "zstd"}, {"wOFF", "font"},
}

// decode turns a file's bytes into UTF-8 text. It strips a UTF-8 byte-order
// mark, decodes UTF-16 (with a BOM, or without one when every other byte is
// NUL), keeps valid UTF-8 as it is, repairs UTF-8 with rare invalid bytes,
// and reads the rest as Windows-1252 (a superset of the printable Latin-1).
// Binary data is rejected with a reason naming what it looks like. When
// owned (data is never written again), valid UTF-8 is returned without a
// copy.
func decode(data []byte, owned bool) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
		if !utf8.Valid(data) {
			return string(bytes.ToValidUTF8(data, []byte("\uFFFD"))), UTF8Repaired, nil
		}
		return string(data), UTF8BOM, nil
	case bytes.HasPrefix(data, []byte("\xff\xfe")):
		return decode16(data, unicode.LittleEndian, UTF16LE)
	case bytes.HasPrefix(data, []byte("\xfe\xff")):
		return decode16(data, unicode.BigEndian, UTF16BE)
	}
	for _, m := range magic {
		if bytes.HasPrefix(data, []byte(m.sig)) && (m.name != "executable" || m.sig != "MZ" || binaryShare(data) > 0) {
			return "", "", fmt.Errorf("binary file (%s), not text", m.name)
		}
	}
	if e := guess16(data); e != "" {
		if e == UTF16LE {
			return decode16(data, unicode.LittleEndian, UTF16LE)
		}
		return decode16(data, unicode.BigEndian, UTF16BE)
	}
	if share := binaryShare(data); share > 0 {
		return "", "", fmt.Errorf("binary file (%d%% control bytes), not text", share)
	}
	if utf8.Valid(data) {
		if owned && len(data) > 0 {
			return unsafe.String(&data[0], len(data)), UTF8, nil
		}
		return string(data), UTF8, nil
	}
	good, bad := utf8Counts(data)
	if good > bad { // Latin-1 text almost never forms valid multi-byte UTF-8
		return string(bytes.ToValidUTF8(data, []byte("\uFFFD"))), UTF8Repaired, nil
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("undecodable text: %v", err)
	}
	return string(s), Windows1252, nil
}

func decode16(data []byte, order unicode.Endianness, name string) (string, string, error) {
	s, err := unicode.UTF16(order, unicode.ExpectBOM).NewDecoder().Bytes(data)
	if err != nil {
		// no BOM: ExpectBOM fails, read with the guessed order
		s, err = unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder().Bytes(data)
	}
	if err != nil {
		return "", "", fmt.Errorf("bad %s text: %v", name, err)
	}
	if share := binaryShare(s); share > 0 {
		return "", "", fmt.Errorf("binary file (%d%% control characters after %s decoding), not text", share, name)
	}
	return string(s), name, nil
}

// guess16 recognises BOM-less UTF-16 of mostly ASCII text: NUL in nearly
// every odd (LE) or even (BE) byte of the first 4 KB.
func guess16(data []byte) string {
	n := min(len(data), 4096) &^ 1
	if n < 8 {
		return ""
	}
	if bytes.IndexByte(data[:n], 0) < 0 {
		return "" // no NUL at all (nearly every file): neither order
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	switch {
	case odd*10 >= half*9 && even*10 < half:
		return UTF16LE
	case even*10 >= half*9 && odd*10 < half:
		return UTF16BE
	}
	return ""
}

// binaryShare returns the percentage of control bytes in the first 8 KB when
// it marks the data as binary (any NUL, or over 5% controls other than tab,
// newlines and form feed), else 0.
func binaryShare(data []byte) int {
	n := min(len(data), 8192)
	ctl, nul := 0, false
	i := 0
	for ; i+8 <= n; i += 8 {
		// eight bytes at a time: none below 0x20 nor 0x7f (most of any
		// text) counts nothing
		w := binary.LittleEndian.Uint64(data[i:])
		if d := w ^ dels; (w-lows)&^w&highs == 0 && (d-ones)&^d&highs == 0 {
			continue
		}
		c, k := countControls(data[i : i+8])
		ctl += c
		nul = nul || k
	}
	c, k := countControls(data[i:n])
	ctl += c
	nul = nul || k
	if n == 0 {
		return 0
	}
	share := (ctl*100 + n - 1) / n
	if nul || ctl*20 > n {
		return max(share, 1)
	}
	return 0
}

// SWAR constants: (w-lows)&^w&highs is not 0 when a byte of w is below
// 0x20, and (d-ones)&^d&highs when a byte of d = w^dels is 0 (a byte of w is
// 0x7f).
const (
	ones  = 0x0101010101010101
	lows  = 0x2020202020202020
	highs = 0x8080808080808080
	dels  = 0x7f7f7f7f7f7f7f7f
)

// countControls counts the control bytes of b as binaryShare does (tab,
// newlines and form feed are text), and whether one is NUL.
func countControls(b []byte) (ctl int, nul bool) {
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			ctl++
			if c == 0 {
				nul = true
			}
		}
		if c == 0x7f {
			ctl++
		}
	}
	return ctl, nul
}

// utf8Counts counts valid multi-byte sequences and invalid bytes.
func utf8Counts(data []byte) (good, bad int) {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			bad++
		} else {
			good++
		}
		i += size
	}
	return good, bad
}
