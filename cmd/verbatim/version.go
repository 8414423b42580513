package main

import (
	"runtime"
	"runtime/debug"
)

func init() {
	root.Version = version()
	root.SetVersionTemplate("verbatim {{.Version}}\n")
}

// version names the build: the module version (a tag, or "devel"), the
// commit and whether the tree had changes, and the Go release.
func version() string {
	v, rev, dirty := "devel", "", false
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" {
		v += " (commit " + rev
		if dirty {
			v += ", modified"
		}
		v += ")"
	}
	return v + " " + runtime.Version()
}
