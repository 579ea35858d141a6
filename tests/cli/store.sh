#!/usr/bin/env bash
# store.sh: `armstrace ingest`, `search` and `claims` end to end: ingesting
# twice changes nothing, a changed text replaces its document, search finds
# words and rejects bad syntax, claims filters (on claims planted with
# python3's sqlite3, so they do not depend on the extractor), exit codes.
set -eu
: "${ARMSTRACE:?path to the armstrace binary}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T"
fail() { echo "store.sh: FAIL: $*" >&2; exit 1; }
py() { python3 - "$@"; }

# Invented wire copy, one JSON object per line.
cat > news.jsonl <<'JSON'
{"id": "t1", "date": "2024-03-02", "outlet": "Test Wire", "title": "Drones for the front", "text": "MOSCOW, March 2 (Test Wire) - Russia received hundreds of Iranian drones last month, two officials said on Saturday."}
{"id": "t2", "date": "2023-11-20", "outlet": "Test Wire", "title": "Shells by rail", "text": "North Korea shipped artillery shells to Russia by rail, a think tank said, citing satellite imagery of the Tumangang station."}
{"id": "t3", "date": "2024-06-15", "title": "Harbour fair opens", "text": "The annual harbour fair opened on Saturday with a parade of fishing boats and a brass band."}
JSON

counts() { py "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
d = db.execute("select count(*), group_concat(ingested_at) from documents").fetchone()
c = db.execute("select count(*) from claims").fetchone()[0]
print(d[0], c, d[1])
PY
}

# --help names every option
"$ARMSTRACE" ingest --help | grep -q -- --db || fail "ingest --help"
for o in --db --limit --format; do
    "$ARMSTRACE" search --help | grep -q -- "$o" || fail "search --help lacks $o"
done
for o in --db --supplier --recipient --category --stage --factuality --since --until --doc --limit --format; do
    "$ARMSTRACE" claims --help | grep -q -- "$o" || fail "claims --help lacks $o"
done

# reads of a missing database: exit 3, and no file left behind
set +e
"$ARMSTRACE" claims --db missing.db 2>err.txt; rc=$?
set -e
[ "$rc" = 3 ] || fail "claims on a missing db: exit $rc, want 3"
grep -q "no such database" err.txt || fail "claims on a missing db: message: $(cat err.txt)"
set +e
"$ARMSTRACE" search --db missing.db drones 2>/dev/null; rc=$?
set -e
[ "$rc" = 3 ] || fail "search on a missing db: exit $rc, want 3"
[ ! -e missing.db ] || fail "a read created missing.db"

# ingest, then again: same counts, same ingest times
"$ARMSTRACE" ingest -q --db a.db news.jsonl || fail "ingest exit $?"
first=$(counts a.db)
[ "${first%% *}" = 3 ] || fail "want 3 documents, got: $first"
sleep 1.1 # so that a rewrite would show in ingested_at
"$ARMSTRACE" ingest --db a.db news.jsonl 2>summary.txt || fail "second ingest exit $?"
second=$(counts a.db)
[ "$first" = "$second" ] || fail "re-ingest changed the database: '$first' -> '$second'"
grep -q "0 added, 0 replaced, 3 unchanged" summary.txt || fail "summary: $(cat summary.txt)"
py a.db <<'PY' || fail "integrity"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
assert db.execute("pragma user_version").fetchone()[0] == 2
db.execute("insert into documents_fts(documents_fts) values('integrity-check')")
PY

# search: a word in a text, a word in a title, nothing, bad syntax
"$ARMSTRACE" search --db a.db satellite > hits.txt
grep -q '^t2 ' hits.txt || fail "search satellite: $(cat hits.txt)"
grep -q '\[satellite\]' hits.txt || fail "search: no [match] marker: $(cat hits.txt)"
[ "$("$ARMSTRACE" search --db a.db parade | grep -c '^t')" = 1 ] || fail "search parade"
[ -z "$("$ARMSTRACE" search --db a.db submarine)" ] || fail "search found a missing word"
"$ARMSTRACE" search --db a.db -f jsonl harbour > hits.jsonl
py hits.jsonl <<'PY' || fail "search jsonl"
import json, sys
hits = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert [h["id"] for h in hits] == ["t3"], hits
assert "[harbour]" in hits[0]["snippet"] and hits[0]["title"] == "Harbour fair opens"
PY
set +e
"$ARMSTRACE" search --db a.db 'drones AND' 2>err.txt; rc=$?
set -e
[ "$rc" = 2 ] || fail "bad FTS syntax: exit $rc, want 2"
grep -q "syntax error" err.txt || fail "bad FTS syntax message: $(cat err.txt)"

# a changed text under the same id replaces the document (and the index)
sed 's/brass band/steel band/' news.jsonl > news2.jsonl
"$ARMSTRACE" ingest --db a.db news2.jsonl 2>summary.txt
grep -q "0 added, 1 replaced, 2 unchanged" summary.txt || fail "replace summary: $(cat summary.txt)"
[ -z "$("$ARMSTRACE" search --db a.db brass)" ] || fail "old text still indexed"
[ -n "$("$ARMSTRACE" search --db a.db steel)" ] || fail "new text not indexed"

# claims: replace whatever the extractor found with planted claims (made-up
# party codes, evidence in the stored texts), so the counts below do not
# depend on the extractor
py a.db <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("delete from claims")
def doc(i):
    return db.execute("select rowid, text from documents where id=?", (i,)).fetchone()
def plant(d, sup, rec, cat, stage, fact, date, ev):
    rowid, text = doc(d)
    b = text.encode()
    s = b.index(ev.encode()); e = s + len(ev.encode())
    db.execute("""insert into claims(doc_rowid, supplier, recipient, category, stage,
        factuality, certainty, date_start, date_end, date_text, sentence, ev_start,
        ev_end, evidence, mentions) values(?,?,?,?,?,?,'reported',?,?,?,0,?,?,?,1)""",
        (rowid, sup, rec, cat, stage, fact, date, date, "" if date is None else "x",
         s, e, ev))
plant("t1", "zza", "zzr", "drone", "delivered", "claimed", "2024-02",
      "Russia received hundreds of Iranian drones last month")
plant("t2", "ZZB", "ZZR", "ammunition", "delivered", "claimed", None,
      "North Korea shipped artillery shells to Russia by rail")
plant("t2", "ZZB", "zzr", "ammunition", "agreed", "negated", None,
      "North Korea shipped artillery shells")
db.commit()
PY
n() { "$ARMSTRACE" claims --db a.db --format jsonl "$@" | wc -l; }
[ "$(n)" = 3 ] || fail "claims: $(n) lines, want 3"
[ "$(n --supplier ZZA)" = 1 ] || fail "--supplier ZZA"
[ "$(n --supplier zzb)" = 2 ] || fail "--supplier zzb"
[ "$(n --recipient Zzr)" = 3 ] || fail "--recipient Zzr"
[ "$(n --recipient RUS)" = 0 ] || fail "--recipient RUS"
[ "$(n --category ammunition)" = 2 ] || fail "--category"
[ "$(n --stage agreed)" = 1 ] || fail "--stage"
[ "$(n --factuality negated)" = 1 ] || fail "--factuality"
[ "$(n --since 2024)" = 1 ] || fail "--since 2024"       # t2 falls back to 2023-11-20
[ "$(n --until 2023-12)" = 2 ] || fail "--until 2023-12"
[ "$(n --doc t2)" = 2 ] || fail "--doc"
[ "$(n --limit 2)" = 2 ] || fail "--limit"
"$ARMSTRACE" claims --db a.db --doc t1 --format jsonl > t1.jsonl
py t1.jsonl <<'PY' || fail "claims jsonl evidence"
import json, sys
(c,) = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert c["doc"] == "t1" and c["supplier"] == "zza" and c["category"] == "drone", c
assert c["evidence"]["text"] == "Russia received hundreds of Iranian drones last month", c
PY
"$ARMSTRACE" claims --db a.db --format csv | head -1 | grep -q supplier || fail "csv header"
[ "$("$ARMSTRACE" claims --db a.db --format csv | wc -l)" = 4 ] || fail "csv rows"
"$ARMSTRACE" claims --db a.db | grep -q "zza" || fail "table output"
# replacing t2 drops its claims, and t1 keeps its own
sed 's/by rail/by sea/' news2.jsonl > news3.jsonl
"$ARMSTRACE" ingest -q --db a.db news3.jsonl
[ "$(n --supplier zzb)" = 0 ] || fail "replaced document kept its claims"
[ "$(n --supplier zza)" = 1 ] || fail "an unchanged document lost its claims"

# usage errors exit 2 and name the option
for args in "--stage bogus" "--category tanks" "--factuality maybe" "--since 2024/01" \
            "--limit 0" "--format xml" "--nope"; do
    set +e
    # shellcheck disable=SC2086
    "$ARMSTRACE" claims --db a.db $args 2>err.txt; rc=$?
    set -e
    [ "$rc" = 2 ] || fail "claims $args: exit $rc, want 2"
    [ -s err.txt ] || fail "claims $args: no message"
done
"$ARMSTRACE" claims --db a.db --stage bogus 2>&1 | grep -q "delivered" \
    || fail "--stage error does not list the stages"

# a file that is not a database: exit 3
echo "not a database at all" > junk.db
set +e
"$ARMSTRACE" claims --db junk.db 2>/dev/null; rc=$?
set -e
[ "$rc" = 3 ] || fail "junk database: exit $rc, want 3"
# round trip: what ingest stores, claims prints exactly as extract does
# (read-only use of the dev corpus; skipped when it is absent)
dev="${AT_SRC:-.}/../shared/corpus/dev/docs.jsonl"
if [ -r "$dev" ]; then
    "$ARMSTRACE" extract "$dev" > extract.jsonl
    "$ARMSTRACE" ingest -q --db dev.db "$dev"
    "$ARMSTRACE" claims --db dev.db --format jsonl > stored.jsonl
    cmp -s extract.jsonl stored.jsonl || fail "claims output differs from extract output"
else
    echo "store.sh: dev corpus not found; round trip skipped"
fi
echo "store.sh: ok"
