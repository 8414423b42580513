#!/bin/sh
# Fuzz input parsing and the analysis stages, each for a bounded time
# (FUZZTIME, default 12s; 6 targets: under 3 minutes with build time). A crasher is written by Go to
# <pkg>/testdata/fuzz/<Target>/ and then runs with every `go test` as a
# regression test: commit it with the fix.
#
#   scripts/fuzz.sh            # all targets, 12 s each
#   FUZZTIME=2m scripts/fuzz.sh quotes
set -eu
cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-12s}
targets="input:FuzzParse clean:FuzzClean text:FuzzText names:FuzzNames quotes:FuzzQuotes dates:FuzzDates"
status=0
for t in $targets; do
	pkg=${t%%:*}
	fn=${t#*:}
	if [ $# -gt 0 ]; then
		case " $* " in *" $pkg "*) ;; *) continue ;; esac
	fi
	echo "== $pkg $fn ($FUZZTIME)"
	if ! go test -run='^$' -fuzz="^$fn\$" -fuzztime="$FUZZTIME" "./$pkg/"; then
		echo "fuzz: $pkg $fn FAILED (see above: a build error, or a crasher saved under $pkg/testdata/fuzz/$fn/)" >&2
		status=1
	fi
done
exit $status
