#!/bin/sh
# run.sh: run every fuzzer built in BUILD_DIR for FUZZ_SECONDS (default 60)
# each, starting from its seed corpus in fuzz/corpus/<name>/. New inputs
# go to a scratch corpus, so the seeds in the repository stay as written.
# Exits non-zero when a fuzzer finds a crash, leak or timeout.
set -eu
build=${1:?usage: fuzz/run.sh BUILD_DIR}
secs=${FUZZ_SECONDS:-60}
src=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
status=0
found=0
for bin in "$build"/fuzz_*; do
    [ -x "$bin" ] || continue
    name=$(basename "$bin")
    found=1
    mkdir -p "$work/$name"
    seeds="$src/corpus/$name"
    [ -d "$seeds" ] || seeds=
    echo "== $name: ${secs}s"
    # -rss_limit_mb: the program must stay well under 64 MiB of input
    # buffers; 512 leaves room for the sanitizers' own overhead.
    if ! "$bin" -max_len=65536 -max_total_time="$secs" -timeout=10 \
            -rss_limit_mb=512 -print_final_stats=1 \
            -artifact_prefix="$work/" "$work/$name" $seeds \
            >"$work/$name.log" 2>&1; then
        tail -n 40 "$work/$name.log"
        mkdir -p "$build/fuzz-artifacts"
        for a in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
            [ -e "$a" ] && cp "$a" "$build/fuzz-artifacts/" && echo "artifact: $build/fuzz-artifacts/$(basename "$a")"
        done
        status=1
    else
        grep -E '^stat::(number_of_executed_units|peak_rss_mb|new_units_added)' "$work/$name.log" || true
    fi
done
if [ "$found" = 0 ]; then
    echo "run.sh: no fuzz_* binaries in $build" >&2
    exit 2
fi
exit $status
