// Command commonwords compiles names/data/common.txt, the English words the
// name finder treats as common words rather than names ("Wireless:",
// "Backs:", "Kills" in "Yvonne Hiller Kills Two In Kraft Shooting"), from
// the SCOWL word list that Debian's wamerican package installs:
//
//	apt-get install wamerican
//	go run ./scripts/commonwords /usr/share/dict/american-english
//
// A word is kept when the list has it in lower case only (never
// capitalised: "wireless", "surgeon", but not "bush", "brown" or "may"),
// is made of 3 or more ASCII letters and is no possessive. The file is
// sorted, one word a line, so that it can be searched without loading.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
)

const header = `# Common English words: in lower case only in SCOWL (never capitalised), 3+ ASCII letters.
# Compiled by scripts/commonwords from Debian's wamerican 2020.12.07-2 (SCOWL):
# Copyright 2000-2011 by Kevin Atkinson. Permission to use, copy, modify, distribute and sell
# these word lists, the associated scripts, the output created from the scripts, and its
# documentation for any purpose is hereby granted without fee, provided that the above copyright
# notice appears in all copies and that both that copyright notice and this permission notice
# appear in supporting documentation. Kevin Atkinson makes no representations about the
# suitability of this array for any purpose. It is provided "as is" without express or implied
# warranty. (The full notice: /usr/share/doc/wamerican/copyright.)
`

func main() {
	out := flag.String("out", "names/data/common.txt", "file written")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: commonwords [-out FILE] /usr/share/dict/american-english")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *out); err != nil {
		fmt.Fprintln(os.Stderr, "commonwords:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	var all []string
	capital := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		w := strings.TrimSpace(sc.Text())
		if w == "" {
			continue
		}
		all = append(all, w)
		if w[0] >= 'A' && w[0] <= 'Z' {
			capital[strings.ToLower(w)] = true
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	var keep []string
	for _, w := range all {
		if len(w) >= 3 && lowerLetters(w) && !capital[w] {
			keep = append(keep, w)
		}
	}
	slices.Sort(keep)
	keep = slices.Compact(keep)
	return os.WriteFile(out, []byte(header+strings.Join(keep, "\n")+"\n"), 0o644)
}

func lowerLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}
