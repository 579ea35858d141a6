#!/bin/sh
# events.sh: the events benchmark. (1) Ingest of the benchmark corpus,
# once and repeated (ids unique per copy), with shared passages and events
# kept up to date and with --no-events (documents and claims only), runs
# taking turns, median of each, and their ratio (must be <= 1.5).
# (2) A database of synthetic claims (1,000,000 by default) over ~100
# parties, 20 categories, 5 stages and ten years, events rebuilt, then
# typical event queries timed in process (each must take < 100 ms).
#
# Environment: ARMSTRACE (default build/armstrace), AT_BUILD (the build
# directory holding libarmstrace.a; default the binary's), BENCH_CORPUS,
# BENCH_COPIES (10), BENCH_RUNS (3), BENCH_CLAIMS (1000000), BASELINE (an
# armstrace without events, e.g. an older build, timed as a third line),
# BENCH_DB (keep the synthetic database there; reused when it exists).
set -eu

AT_SRC=$(cd "$(dirname "$0")/.." && pwd)
ARMSTRACE=${ARMSTRACE:-$AT_SRC/build/armstrace}
AT_BUILD=${AT_BUILD:-$(dirname "$ARMSTRACE")}
BENCH_CORPUS=${BENCH_CORPUS:-$AT_SRC/../shared/corpus/bench/news.jsonl}
BENCH_COPIES=${BENCH_COPIES:-10}
BENCH_RUNS=${BENCH_RUNS:-3}
BENCH_CLAIMS=${BENCH_CLAIMS:-1000000}

die() {
    echo "bench/events: $*" >&2
    exit 1
}
[ -x "$ARMSTRACE" ] || die "no binary at $ARMSTRACE (run make, or set ARMSTRACE)"
[ -r "$AT_BUILD/libarmstrace.a" ] || die "no library at $AT_BUILD/libarmstrace.a (set AT_BUILD)"
[ -r "$BENCH_CORPUS" ] || die "no corpus at $BENCH_CORPUS (set BENCH_CORPUS)"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# MARK: (1) ingest with and without events

# The corpus as it is (its excerpts are distinct stories, as a day's
# crawl mostly is), and BENCH_COPIES copies of it with ids unique per copy:
# every story then comes ten times, as a wire story syndicated by ten
# outlets, which is the worst case for linking (each document links to
# every earlier copy of itself).
python3 - "$BENCH_CORPUS" "$BENCH_COPIES" "$T" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
def write(path, copies):
    with open(path, "w", encoding="utf-8") as f:
        for c in range(copies):
            for r in recs:
                f.write(json.dumps({"id": f"{r['id']}-{c}", "text": r["text"]},
                                   ensure_ascii=False) + "\n")
write(sys.argv[3] + "/one.jsonl", 1)
write(sys.argv[3] + "/many.jsonl", int(sys.argv[2]))
PY
mb() { python3 -c "import os, sys; print(round(os.path.getsize(sys.argv[1]) / 1e6, 1))" "$1"; }

# Median wall seconds of RUNS ingests of INPUT into fresh databases, runs
# of the two commands taking turns (A B A B ...) so that a drift in the
# machine's speed falls on both: prints "A_MEDIAN B_MEDIAN".
time_pair() { # RUNS INPUT BIN_A ARGS_A BIN_B ARGS_B
    python3 - "$T/b.db" "$@" <<'PY'
import os, statistics, subprocess, sys, time
db, runs, inp, bin_a, args_a, bin_b, args_b = sys.argv[1:]
def once(binary, args):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    t = time.monotonic()
    subprocess.run([binary, "ingest", "-q", "--db", db, *args.split(), inp], check=True)
    return time.monotonic() - t
a, b = [], []
for _ in range(int(runs)):
    a.append(once(bin_a, args_a))
    b.append(once(bin_b, args_b))
print(statistics.median(a), statistics.median(b))
PY
}

ingest_set() { # LABEL INPUT RUNS
    set -- "$1" "$2" "$3" $(time_pair "$3" "$2" "$ARMSTRACE" --no-events "$ARMSTRACE" "")
    echo "ingest: $1 ($(mb "$2") MB of JSON lines), median of $3 runs each"
    printf '  ingest --no-events   %7.3f s\n' "$4"
    printf '  ingest (events on)   %7.3f s\n' "$5"
    printf '  events on / off      %7.2f (limit 1.5)\n' "$(echo "$5 / $4" | bc -l)"
    "$ARMSTRACE" events --db "$T/b.db" --links | wc -l | sed 's/^/  shared-passage links: /'
    if [ -n "${BASELINE:-}" ]; then
        set -- "$@" $(time_pair "$3" "$2" "$BASELINE" "" "$ARMSTRACE" "")
        printf '  baseline ingest      %7.3f s  (%s)\n' "$6" "$BASELINE"
        printf '  events on / baseline %7.2f\n' "$(echo "$7 / $6" | bc -l)"
    fi
}
ingest_set "the benchmark corpus, once" "$T/one.jsonl" $((BENCH_RUNS * 3))
ingest_set "$BENCH_COPIES copies, every story $BENCH_COPIES times" "$T/many.jsonl" "$BENCH_RUNS"

# MARK: (2) queries over synthetic claims

echo "queries: $BENCH_CLAIMS synthetic claims"
BIG=$T/big.db
if [ -n "${BENCH_DB:-}" ] && [ -f "$BENCH_DB" ]; then
    BIG=$BENCH_DB # made by an earlier run: reuse it
else
if [ -n "${BENCH_DB:-}" ]; then BIG=$BENCH_DB; fi
printf '{"id":"seed","text":"seed"}\n' | "$ARMSTRACE" ingest -q --db "$BIG" - ||
    die "cannot create the database"
python3 - "$BIG" "$BENCH_CLAIMS" <<'PY'
import random, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = int(sys.argv[2])
r = random.Random(3)
parties = ("RUS IRN PRK CHN USA UKR BLR SYR VEN TUR ISR SAU ARE EGY IND PAK DEU FRA GBR "
           "POL ITA ESP NLD SWE NOR FIN CZE SVK HUN ROU BGR GRC SRB HRV KAZ UZB AZE ARM "
           "GEO AFG IRQ JOR LBN YEM OMN QAT KWT BHR LBY DZA MAR TUN SDN ETH ERI SOM KEN "
           "NGA MLI NER TCD CAF COD AGO ZAF MOZ ZWE BRA ARG CHL COL PER MEX CUB NIC KOR "
           "JPN TWN VNM THA MMR IDN MYS PHL SGP AUS NZL CAN BGD LKA NPL MNG KGZ TJK TKM "
           "houthis hezbollah hamas wagner").split()
w = [1 / (i + 1) ** 1.1 for i in range(len(parties))]  # a few parties dominate
cats = ("weapons missile ballistic_missile cruise_missile anti_tank_missile air_defense "
        "drone ammunition rocket launcher artillery armored_vehicle aircraft naval "
        "small_arms components technology production nuclear personnel").split()
stages = ["intent", "negotiating", "agreed", "delivered", "used"]
certs = ["asserted", "reported", "assessed"]
systems = [f"System-{i}" for i in range(60)]
text = "Officials said a transfer of weapons between the two countries took place."
ndocs = max(1, n // 8)
docs = []
for i in range(ndocs):
    y, m, d = 2015 + r.randrange(10), 1 + r.randrange(12), 1 + r.randrange(28)
    docs.append((f"s{i:07d}", f"h{i}", f"{y}-{m:02d}-{d:02d}", f"Outlet {r.randrange(300)}",
                 text, len(text), "2025-01-01T00:00:00Z", "synthetic"))
# no doc_origins rows: each document is its own origin
db.executemany("INSERT INTO documents(id, hash, date, outlet, text, bytes, ingested_at,"
               " extractor) VALUES(?,?,?,?,?,?,?,?)", docs)
first = db.execute("SELECT min(rowid) FROM documents WHERE id LIKE 's%'").fetchone()[0]
def claims():
    for i in range(n):
        sup, rec = r.choices(parties, w, k=2)
        if sup == rec:
            rec = parties[(parties.index(rec) + 1) % len(parties)]
        f = r.random()
        fact = "negated" if f < 0.05 else "hypothetical" if f < 0.10 else "claimed"
        sysn = r.choice(systems) if r.random() < 0.15 else None
        q = r.random() < 0.2
        lo = r.randrange(1, 500) if q else None
        dt = None
        if r.random() < 0.3:
            dt = f"{2015 + r.randrange(10)}-{1 + r.randrange(12):02d}"
        yield (first + r.randrange(ndocs), sup, rec, r.choice(cats), r.choice(stages), fact,
               r.choice(certs), sysn, lo, lo * 2 if q else None, 0 if q else None,
               dt, dt, r.choice(["the White House", "officials", None]),
               r.randrange(5), 0, len(text), text, 1)
db.executemany("INSERT INTO claims(doc_rowid, supplier, recipient, category, stage,"
               " factuality, certainty, system, qty_min, qty_max, qty_approx, date_start,"
               " date_end, source_name, sentence, ev_start, ev_end, evidence, mentions)"
               " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", claims())
db.commit()
PY
t0=$(date +%s.%N)
"$ARMSTRACE" events --db "$BIG" --rebuild --limit 1 > /dev/null || die "rebuild failed"
t1=$(date +%s.%N)
sqlite3 "$BIG" "SELECT count(*) || ' events' FROM events" 2>/dev/null |
    sed 's/^/  /' || true
printf '  rebuild of all events  %.1f s\n' "$(echo "$t1 - $t0" | bc -l)"
fi

cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -I"$AT_SRC/include" "$AT_SRC/bench/events_query.c" \
    "$AT_BUILD/libarmstrace.a" $(pkg-config --libs sqlite3) -lm -lpthread -o "$T/events_query" ||
    die "cannot build bench/events_query.c"
"$T/events_query" "$BIG" 5 | sed 's/^/  /'
