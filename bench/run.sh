#!/bin/sh
# run.sh: the speed benchmark (`make bench`). Builds a >= 100 MB input from
# the shared news excerpts, then times `wc -w` (the baseline) and
# `armstrace extract` with 1 and 2 threads, median of 3 runs each, on the
# big input and on a single copy. See bench/README.md for what it means.
#
# Environment: ARMSTRACE (default build/armstrace), BENCH_CORPUS (default
# ../shared/corpus/bench/news.jsonl beside the repo), BENCH_MB (100),
# BENCH_RUNS (3), BENCH_THREADS (2: the parallel run's --threads).
set -eu

AT_SRC=$(cd "$(dirname "$0")/.." && pwd)
ARMSTRACE=${ARMSTRACE:-$AT_SRC/build/armstrace}
BENCH_CORPUS=${BENCH_CORPUS:-$AT_SRC/../shared/corpus/bench/news.jsonl}
BENCH_MB=${BENCH_MB:-100}
BENCH_RUNS=${BENCH_RUNS:-3}
BENCH_THREADS=${BENCH_THREADS:-2}

die() {
    echo "bench: $*" >&2
    exit 1
}
[ -x "$ARMSTRACE" ] || die "no binary at $ARMSTRACE (run make, or set ARMSTRACE)"
[ -r "$BENCH_CORPUS" ] || die "no corpus at $BENCH_CORPUS (set BENCH_CORPUS)"
command -v python3 >/dev/null || die "python3 is needed to build the input"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# The inputs: flat text (excerpts joined by a blank line) for wc, and JSON
# lines with one document per excerpt, ids unique per copy, for extract.
python3 - "$BENCH_CORPUS" "$T" "$BENCH_MB" <<'EOF'
import json, math, sys
corpus, out, mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
recs = [json.loads(l) for l in open(corpus, encoding="utf-8") if l.strip()]
flat = "".join(r["text"] + "\n\n" for r in recs).encode("utf-8")
text_bytes = sum(len(r["text"].encode("utf-8")) for r in recs)
copies = math.ceil(mb * 1e6 / text_bytes)
# Serialise each excerpt once; a copy only changes the id.
tails = [',"text":' + json.dumps(r["text"], ensure_ascii=False) + "}\n"
         for r in recs]
def jsonl(path, n):
    with open(path, "w", encoding="utf-8") as f:
        for c in range(n):
            for r, tail in zip(recs, tails):
                f.write('{"id":' + json.dumps(f'{r["id"]}-{c}') + tail)
def text(path, n):
    with open(path, "wb") as f:
        for _ in range(n):
            f.write(flat)
jsonl(f"{out}/big.jsonl", copies)
jsonl(f"{out}/one.jsonl", 1)
text(f"{out}/big.txt", copies)
text(f"{out}/one.txt", 1)
with open(f"{out}/sizes", "w") as f:
    f.write(f"{copies} {len(recs)} {text_bytes} {len(flat)}\n")
EOF
read -r COPIES NDOCS TEXT_BYTES FLAT_BYTES <"$T/sizes"

# One timed run of a command: "WALL_SECONDS PEAK_KIB" on stdout. Wall time
# comes from the nanosecond clock (finer than time(1)'s 10 ms, which
# matters for the single copy); peak RSS from /usr/bin/time, or from
# getrusage(RUSAGE_CHILDREN) via python3 when time(1) is not installed.
if [ -x /usr/bin/time ]; then
    TIMER="wall: date +%s%N; peak RSS: /usr/bin/time -f %M"
    timed() {
        local t0 t1
        t0=$(date +%s%N)
        /usr/bin/time -f '%M' -o "$T/rss" "$@" >/dev/null 2>"$T/stderr" ||
            { cat "$T/stderr" >&2; die "failed: $*"; }
        t1=$(date +%s%N)
        echo "$(((t1 - t0) / 1000)) $(tail -n 1 "$T/rss")" |
            awk '{ printf "%.4f %d\n", $1 / 1e6, $2 }'
    }
else
    TIMER="wall and peak RSS: python3 time.monotonic + getrusage (no /usr/bin/time)"
    timed() {
        python3 - "$@" <<'EOF' 2>"$T/stderr" || { cat "$T/stderr" >&2; die "failed: $*"; }
import resource, subprocess, sys, time
t0 = time.monotonic()
p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
t1 = time.monotonic()
if p.returncode:
    sys.exit(p.returncode)
print(f"{t1 - t0:.4f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
EOF
    }
fi

# The median of BENCH_RUNS runs: "WALL PEAK_KIB" (peak: the largest seen).
measure() {
    i=0
    while [ "$i" -lt "$BENCH_RUNS" ]; do
        timed "$@"
        i=$((i + 1))
    done | sort -n | awk '{ w[NR] = $1; if ($2 > m) m = $2 }
        END { printf "%s %d\n", w[int((NR + 1) / 2)], m }'
}

# One row: label, seconds, peak, bytes -> "label  s  MB/s  MiB".
row() {
    awk -v l="$1" -v s="$2" -v k="$3" -v b="$4" 'BEGIN {
        printf "  %-24s %9.3f %9.1f %9.1f\n", l, s, (s > 0 ? b / 1e6 / s : 0), k / 1024 }'
}

run_set() { # NAME JSONL TXT TEXT_BYTES FLAT_BYTES
    local wc j1 jn
    wc=$(measure wc -w "$3")
    j1=$(measure "$ARMSTRACE" extract -q --no-progress --threads 1 "$2")
    jn=$(measure "$ARMSTRACE" extract -q --no-progress --threads "$BENCH_THREADS" "$2")
    printf "\n%s\n  %-24s %9s %9s %9s\n" "$1" "" "wall s" "MB/s" "peak MiB"
    row "wc -w (flat text)" $wc "$5"
    row "extract --threads 1" $j1 "$4"
    row "extract --threads $BENCH_THREADS" $jn "$4"
    # Throughputs over text bytes, so the two inputs' framing cancels out.
    awk -v w="${wc% *}" -v a="${j1% *}" -v b="${jn% *}" -v tb="$4" -v fb="$5" \
        -v n="$BENCH_THREADS" 'BEGIN {
        wr = fb / w; ar = tb / a; br = tb / b
        printf "  ratio extract/wc (MB/s):   threads 1 %.3f, threads %d %.3f\n", ar / wr, n, br / wr
        printf "  ratio threads %d/threads 1: %.2fx\n", n, a / b }'
}

echo "armstrace bench: $("$ARMSTRACE" --version 2>/dev/null || echo "$ARMSTRACE")"
echo "  corpus  $BENCH_CORPUS ($NDOCS excerpts, $TEXT_BYTES text bytes)"
echo "  machine $(nproc) CPUs; $BENCH_RUNS runs each, median wall time"
echo "  timer   $TIMER"

run_set "single copy: $NDOCS docs, $(awk -v b="$TEXT_BYTES" 'BEGIN { printf "%.2f", b / 1e6 }') MB of text" \
    "$T/one.jsonl" "$T/one.txt" "$TEXT_BYTES" "$FLAT_BYTES"
BIG_TEXT=$((TEXT_BYTES * COPIES))
run_set "$COPIES copies: $((NDOCS * COPIES)) docs, $(awk -v b="$BIG_TEXT" 'BEGIN { printf "%.1f", b / 1e6 }') MB of text" \
    "$T/big.jsonl" "$T/big.txt" "$BIG_TEXT" "$((FLAT_BYTES * COPIES))"
