#!/usr/bin/env bash
# ingest_kill.sh: kill -9 during `armstrace ingest` leaves a consistent
# database (integrity_check ok, every stored document with exactly the
# claims a clean run stores for it, events equal to a rebuild from those
# claims), and rerunning completes it: the final database equals a clean
# single run (ingest times and row ids aside), events included.
set -eu
: "${ARMSTRACE:?path to the armstrace binary}"
T=$(mktemp -d)
pid=
trap 'if [ -n "$pid" ]; then kill -9 "$pid" 2>/dev/null || true; fi; rm -rf "$T"' EXIT
cd "$T"
fail() { echo "ingest_kill.sh: FAIL: $*" >&2; exit 1; }
NDOCS=${NDOCS:-20000}

# ~20k short invented wire items; some state transfers, so that claims
# exist once the extractor finds them. Fixed seed: the same every run.
python3 - "$NDOCS" > docs.jsonl <<'PY'
import json, random, sys
r = random.Random(7)
sup = ["Iran", "North Korea", "Russia", "China", "Belarus", "the United States", "Germany"]
rec = ["Russia", "Ukraine", "Syria", "Venezuela", "the Houthis", "Hezbollah", "Poland"]
what = ["drones", "artillery shells", "ballistic missiles", "tanks", "air-defence systems",
        "rifles", "microelectronics", "cruise missiles"]
verb = ["delivered", "sent", "agreed to supply", "is seeking", "denied sending",
        "could provide", "shipped"]
filler = ["The port reopened after repairs.", "Markets were calm on Monday.",
          "The council met to discuss the budget.", "Rain is expected later in the week.",
          "Officials declined to comment further.", "A spokesman gave no details."]
for i in range(int(sys.argv[1])):
    parts = []
    for _ in range(r.randint(1, 4)):
        if r.random() < 0.5:
            parts.append(f"{r.choice(sup)} {r.choice(verb)} {r.randint(2, 900)} "
                         f"{r.choice(what)} to {r.choice(rec)}, officials said.")
        else:
            parts.append(r.choice(filler))
    print(json.dumps({"id": f"k{i:05d}", "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                      "outlet": "Test Wire", "title": f"Item {i}", "text": " ".join(parts)}))
PY

dump() { python3 - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for row in db.execute("select id, hash, date, outlet, url, title, text, bytes, extractor"
                      " from documents order by id"):
    print("D", repr(row))
cols = [r[1] for r in db.execute("pragma table_info(claims)") if r[1] not in ("id", "doc_rowid")]
q = ("select d.id, " + ", ".join("c." + c for c in cols) +
     " from claims c join documents d on d.rowid = c.doc_rowid order by d.id, c.id")
for row in db.execute(q):
    print("C", repr(row))
PY
}

# The clean run.
start=$(date +%s.%N)
"$ARMSTRACE" ingest -q --db clean.db docs.jsonl || fail "clean ingest exit $?"
end=$(date +%s.%N)
dump clean.db > clean.dump
grep -c '^D' clean.dump | grep -qx "$NDOCS" || fail "clean run stored $(grep -c '^D' clean.dump) documents"
echo "ingest_kill.sh: clean run of $NDOCS documents: $(python3 -c "print(round($end - $start, 2))") s"
python3 - clean.db > clean.counts <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for id_, n in db.execute("select d.id, count(c.id) from documents d left join claims c"
                         " on c.doc_rowid = d.rowid group by d.id"):
    print(id_, n)
PY

check_consistent() { python3 - kill.db clean.counts <<'PY'
import sqlite3, sys
want = dict(l.split() for l in open(sys.argv[2]))
db = sqlite3.connect(sys.argv[1])
ok = db.execute("pragma integrity_check").fetchone()[0]
assert ok == "ok", ok
assert db.execute("pragma foreign_key_check").fetchall() == []
db.execute("insert into documents_fts(documents_fts) values('integrity-check')")
got = dict(db.execute("select d.id, count(c.id) from documents d left join claims c"
                      " on c.doc_rowid = d.rowid group by d.id"))
bad = [k for k, n in got.items() if str(n) != want.get(k)]
assert not bad, f"documents with other claim counts than a clean run: {bad[:5]}"
print(len(got))
PY
}

# Watch the database of a running ingest and kill -9 it once it has
# committed a random number of further documents, plus a random few
# milliseconds, so the kill lands inside a batch. Timing by the clock alone
# is flaky on a loaded machine. Prints the count it saw before the kill.
killer() { python3 - "$1" kill.db "$NDOCS" <<'PY'
import os, random, signal, sqlite3, sys, time
pid, path, total = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
def count():
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            return db.execute("select count(*) from documents").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return 0  # not created yet
def running():
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
have = count()
target = have + random.randint(1, max(1, (total - have) * 3 // 5))
while running() and count() < target:
    time.sleep(0.01)
time.sleep(random.uniform(0, 0.03))
os.kill(pid, signal.SIGKILL) if running() else None
print(have)
PY
}

# Events are updated in the transaction that stores the claims: what a
# killed run left must equal events rebuilt from scratch from its claims.
check_events() {
    python3 - kill.db rebuilt.db <<'PY'
import sqlite3, sys
src = sqlite3.connect(sys.argv[1])
dst = sqlite3.connect(sys.argv[2])
src.backup(dst)
PY
    "$ARMSTRACE" events --db kill.db -f jsonl > kill.events
    "$ARMSTRACE" events --db rebuilt.db --rebuild -f jsonl > rebuilt.events
    rm -f rebuilt.db rebuilt.db-wal rebuilt.db-shm
    [ -s kill.events ] || [ "$1" = 0 ] || return 1
    cmp -s kill.events rebuilt.events
}

partial=0
for round in 1 2 3; do
    "$ARMSTRACE" ingest -q --db kill.db docs.jsonl &
    pid=$!
    before=$(killer "$pid")
    wait "$pid" 2>/dev/null || true
    pid=
    stored=$(check_consistent) || fail "round $round: inconsistent after kill -9"
    check_events "$stored" || fail "round $round: events differ from a rebuild after kill -9"
    echo "ingest_kill.sh: round $round: $before documents before, $stored after the kill"
    [ "$stored" -lt "$NDOCS" ] && partial=$((partial + 1))
done
[ "$partial" -gt 0 ] || fail "no kill landed inside a run"

"$ARMSTRACE" ingest -q --db kill.db docs.jsonl || fail "completing ingest exit $?"
dump kill.db > kill.dump
cmp -s clean.dump kill.dump || { diff clean.dump kill.dump | head -5 >&2; fail "resumed database differs from a clean run"; }
"$ARMSTRACE" events --db clean.db -f jsonl > clean.events
"$ARMSTRACE" events --db kill.db -f jsonl > kill.events
[ -s clean.events ] || fail "the clean run made no events"
cmp -s clean.events kill.events || fail "resumed events differ from a clean run"
echo "ingest_kill.sh: ok ($partial of 3 kills interrupted a run)"
