#!/usr/bin/env python3
"""CPU seconds of the PostgreSQL backends (and autovacuum workers) serving
one database, for a benchmark on a server other sessions share: polls the
postmaster's children until SIGTERM, keeps each backend's last reading, then
prints the sum. A backend's CPU after its last poll (at most 20 ms) is
missed; the server's shared processes (WAL writer, checkpointer) are left
out.

    scripts/pgbackendcpu.py DBNAME > cpu.txt & ...; kill %1; wait
"""
import os, re, signal, subprocess, sys, time

db = sys.argv[1]
word = re.compile(rb"[ :]" + re.escape(db.encode()) + rb"( |$)")
tck = os.sysconf("SC_CLK_TCK")
pm = int(subprocess.check_output(["pgrep", "-o", "-x", "postgres"]).split()[0])
ours, stop = {}, False


def done(*_):
    global stop
    stop = True


signal.signal(signal.SIGTERM, done)
signal.signal(signal.SIGINT, done)
while not stop:
    try:
        kids = open(f"/proc/{pm}/task/{pm}/children").read().split()
    except OSError:
        break
    for pid in kids:
        try:
            if pid not in ours:
                # a new backend shows its database once it has read the
                # connection request: looked at again on each poll
                cmd = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").rstrip()
                if not word.search(cmd):
                    continue
            st = open(f"/proc/{pid}/stat").read()
            f = st[st.rindex(")") + 2:].split()
            ours[pid] = int(f[11]) + int(f[12])
        except OSError:
            continue
    time.sleep(0.02)
print("%.2f" % (sum(ours.values()) / tck))
