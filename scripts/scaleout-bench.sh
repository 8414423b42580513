#!/usr/bin/env bash
# Throughput of workers over the queue against single-process ingest, on
# the local PostgreSQL and NATS (see README, "Scale-out"). CPU is what
# counts on a shared machine: each line gives the wall time, the CPU of the
# verbatim processes and of the PostgreSQL backends serving the benchmark's
# database (scripts/pgbackendcpu.py: other sessions' work on a shared
# server is left out), and articles per CPU second (stored / (verbatim +
# server CPU)).
#
#   scripts/scaleout-bench.sh [ROUNDS]    # corpus: ROUNDS x BBC (default 3)
#
# Needs ../shared/data/bbc, psql, PostgreSQL on 127.0.0.1:5432 and NATS on
# 127.0.0.1:4222; builds verbatim into a temporary directory (VERBATIM=path
# measures that binary instead, e.g. an earlier build).
set -euo pipefail
export PGOPTIONS="-c client_min_messages=warning"
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
PG=${VERBATIM_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/test}
NATS=${VERBATIM_TEST_NATS:-nats://127.0.0.1:4222}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
V=${VERBATIM:-}
if [ -z "$V" ]; then
  go build -o "$tmp/verbatim" ./cmd/verbatim
  V="$tmp/verbatim"
fi
python3 - "$ROUNDS" ../shared/data/bbc > "$tmp/corpus.jsonl" <<'PY'
import json, os, sys
rounds, root = int(sys.argv[1]), sys.argv[2]
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".txt"))
for r in range(rounds):
    for p in files:
        text = open(p, encoding="utf-8", errors="replace").read()
        if r:
            text += "\nUpdated: edition %d.\n" % (r + 1)
        print(json.dumps({"id": "r%d/%s" % (r, os.path.relpath(p, root)[:-4]), "outlet": "BBC", "published": "2005-02-01", "text": text}))
PY
n=$(wc -l < "$tmp/corpus.jsonl")
# CPU seconds of the PostgreSQL backends serving one database, from start
# to stop (see scripts/pgbackendcpu.py)
pgstart() { python3 scripts/pgbackendcpu.py "${1##*/}" > "$tmp/pg" & pgpid=$!; sleep 0.3; }
pgstop() { sleep 0.2; kill "$pgpid"; wait "$pgpid" || true; sc=$(cat "$tmp/pg"); }
newdb() {
  local db=verbatim_bench_$$_$1
  psql -q "$PG" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
  echo "${PG%/*}/$db"
}
dropdb() { psql -q "$PG" -c "DROP DATABASE IF EXISTS ${1##*/} WITH (FORCE)" >/dev/null; }
cpu_of() { awk '{print $1 + $2}' "$1"; }
report() { # name stored wall vcpu scpu
  awk -v name="$1" -v n="$2" -v w="$3" -v v="$4" -v s="$5" 'BEGIN {
    printf "%-34s %6d articles  wall %6.1fs %6.0f/s   CPU verbatim %6.1fs + server %6.1fs   %5.0f articles per CPU second\n",
      name, n, w, n / w, v, s, n / (v + s) }'
}
echo "corpus: $n articles ($ROUNDS x BBC)"

# single process, SQLite (no server)
/usr/bin/time -f "%e %U %S" -o "$tmp/t" env GOMAXPROCS=1 "$V" ingest --db "$tmp/one.db" "$tmp/corpus.jsonl" 2>/dev/null
read -r wall u s < "$tmp/t"
stored=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from articles').fetchone()[0])" "$tmp/one.db")
report "ingest --db FILE (1 core)" "$stored" "$wall" "$(echo "$u + $s" | bc)" 0

# single process, PostgreSQL
url=$(newdb one); "$V" search --db "$url" x >/dev/null 2>&1 || true
pgstart "$url"
/usr/bin/time -f "%e %U %S" -o "$tmp/t" env GOMAXPROCS=1 "$V" ingest --db "$url" "$tmp/corpus.jsonl" 2>/dev/null
pgstop; read -r wall u s < "$tmp/t"
stored=$(psql -At "$url" -c "select count(*) from articles")
report "ingest --db postgres:// (1 core)" "$stored" "$wall" "$(echo "$u + $s" | bc)" "$sc"
dropdb "$url"

for w in 1 2 4; do
  url=$(newdb w$w); "$V" search --db "$url" x >/dev/null 2>&1 || true
  stream=VBENCH_$$_$w
  "$V" ingest --queue "$NATS" --stream "$stream" "$tmp/corpus.jsonl" 2>/dev/null
  pgstart "$url"; t0=$(date +%s.%N)
  pids=()
  for i in $(seq "$w"); do
    /usr/bin/time -f "%U %S" -o "$tmp/w$i" env GOMAXPROCS=1 "$V" worker --queue "$NATS" --db "$url" --stream "$stream" \
      --cpus 1 --exit-when-idle 2s 2>"$tmp/w$i.log" &
    pids+=($!)
  done
  # wall: until every article is stored and grouped
  total=$stored
  until [ "$(psql -At "$url" -c "select count(*) from story_features where group_pos is not null")" -ge "$total" ]; do sleep 0.2; done
  t1=$(date +%s.%N)
  wait "${pids[@]}"
  pgstop
  vc=0; for i in $(seq "$w"); do vc=$(echo "$vc + $(cpu_of "$tmp/w$i")" | bc); done
  got=$(psql -At "$url" -c "select count(*) from articles")
  report "$w worker(s), 1 core each" "$got" "$(echo "$t1 - $t0" | bc)" "$vc" "$sc"
  dropdb "$url"
done
