#!/usr/bin/env bash
# extract.sh: `armstrace extract` end to end: help and usage errors, exit
# codes, stdin (JSON lines and plain text), -o, output errors, and the same
# bytes whatever --threads is. Needs ARMSTRACE (the binary) and python3.
set -eu

: "${ARMSTRACE:?set ARMSTRACE to the armstrace binary}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# expect CODE CMD...: run CMD, stdout to $T/out, stderr to $T/err, and
# check its exit code.
expect() {
    local want=$1 rc=0
    shift
    "$@" >"$T/out" 2>"$T/err" || rc=$?
    [ "$rc" -eq "$want" ] || {
        cat "$T/err" >&2
        fail "'$*' exited $rc, expected $want"
    }
}

# The invented wire report used below; document I gets its own figures so
# that out-of-order output would show.
python3 - "$T" <<'EOF'
import json, sys
d = sys.argv[1]
parties = [("Iran", "Russia"), ("North Korea", "Russia"), ("Germany", "Ukraine"),
           ("France", "Ukraine"), ("China", "Iran"), ("the United States", "Taiwan")]
things = ["Shahed-136 drones", "artillery shells", "ballistic missiles",
          "Storm Shadow cruise missiles", "air-defence systems", "tanks"]
with open(f"{d}/many.jsonl", "w", encoding="utf-8") as f:
    for i in range(400):
        s, r = parties[i % len(parties)]
        t = things[(i * 7) % len(things)]
        text = (f"KYIV, March {i % 28 + 1} (Wire) \u2014 {s} has delivered more than "
                f"{100 + i} {t} to {r}, officials said on Tuesday.\n\n"
                f"Talks on a further deal were under way, according to a "
                f"defence ministry spokesperson. " * (1 + i % 5)
                + f"{r} denied receiving any \u201cforeign\u201d weapons.")
        f.write(json.dumps({"id": f"w{i:04d}", "date": "2024-03-01",
                            "text": text}, ensure_ascii=(i % 2 == 0)) + "\n")
        if i == 200:
            f.write('{"id": "broken", "text": \n')   # a bad record
with open(f"{d}/plain.txt", "w", encoding="utf-8") as f:
    f.write("MOSCOW (Wire) \u2014 North Korea has sent millions of artillery "
            "shells to Russia, South Korea's spy agency said.\n")
EOF
head -c 1000000 "$T/many.jsonl" | grep -v broken >"$T/good.jsonl" || true
sed -i '$d' "$T/good.jsonl" # the cut may leave half a line

# --help: exit 0, every option, the inputs and the exit codes.
expect 0 "$ARMSTRACE" extract --help
for opt in --format -f jsonl csv table --data --threads -j --output -o \
    --quiet -q --progress --no-progress --help -h; do
    grep -q -- "$opt" "$T/out" || fail "--help does not mention $opt"
done
grep -qi "exit codes" "$T/out" || fail "--help does not list exit codes"
grep -qi "json lines" "$T/out" || fail "--help does not describe inputs"

# Usage errors: exit 2, the message names the option and the value.
expect 2 "$ARMSTRACE" extract --bogus "$T/plain.txt"
grep -q -- "--bogus" "$T/err" || fail "unknown option not named"
expect 2 "$ARMSTRACE" extract --format xml "$T/plain.txt"
grep -qx "armstrace: extract: option --format: expected jsonl, csv or table, got 'xml'" \
    "$T/err" || fail "bad --format message: $(cat "$T/err")"
[ ! -s "$T/out" ] || fail "output written after a usage error"
expect 2 "$ARMSTRACE" extract --threads 0 "$T/plain.txt"
grep -q -- "--threads.*'0'" "$T/err" || fail "bad --threads message"
expect 2 "$ARMSTRACE" extract -j two "$T/plain.txt"
grep -q -- "'two'" "$T/err" || fail "bad -j message"
expect 2 "$ARMSTRACE" extract --output
grep -q -- "--output" "$T/err" || fail "missing value not named"

# A missing file: exit 1, named, and the other inputs still processed.
expect 1 "$ARMSTRACE" extract -f csv "$T/nope.txt" "$T/plain.txt"
grep -q "nope.txt" "$T/err" || fail "missing file not named"
head -n 1 "$T/out" | grep -q "^doc,supplier,recipient," || fail "no CSV header"
"$ARMSTRACE" extract -f csv "$T/plain.txt" >"$T/plain.csv"
cmp -s "$T/plain.csv" "$T/out" || fail "missing file changed the output of the rest"

# Standard input: JSON lines, plain text, and "-".
expect 0 "$ARMSTRACE" extract <"$T/good.jsonl"
cp "$T/out" "$T/stdin.jsonl"
expect 0 "$ARMSTRACE" extract - <"$T/good.jsonl"
cmp -s "$T/out" "$T/stdin.jsonl" || fail "'-' differs from no path"
expect 0 "$ARMSTRACE" extract "$T/good.jsonl"
cmp -s "$T/out" "$T/stdin.jsonl" || fail "stdin differs from the file"
expect 0 "$ARMSTRACE" extract -f table <"$T/plain.txt"
grep -q "^DOC" "$T/out" || fail "no table heading"

# -o FILE: everything goes to the file, nothing to stdout.
expect 0 "$ARMSTRACE" extract -f csv -o "$T/o.csv" "$T/plain.txt"
[ ! -s "$T/out" ] || fail "-o still wrote to stdout"
cmp -s "$T/o.csv" "$T/plain.csv" || fail "-o output differs from stdout"
expect 3 "$ARMSTRACE" extract -o "$T/no/such/dir/x" "$T/plain.txt"
grep -q "no/such/dir" "$T/err" || fail "unwritable -o not named"

# Output errors: a full disk is fatal with a message; a closed pipe is
# fatal and quiet, not a death by SIGPIPE.
if [ -w /dev/full ]; then
    expect 3 "$ARMSTRACE" extract -f csv -o /dev/full "$T/plain.txt"
    grep -qi "no space" "$T/err" || fail "ENOSPC not reported"
fi
python3 - "$ARMSTRACE" "$T/many.jsonl" <<'EOF' || fail "closed pipe"
import os, subprocess, sys
r, w = os.pipe()
os.close(r)  # nobody reads: every write fails with EPIPE
p = subprocess.run([sys.argv[1], "extract", "-f", "table", sys.argv[2]],
                   stdout=w, stderr=subprocess.PIPE)  # SIGPIPE restored
if p.returncode != 3 or b"write error" in p.stderr:
    sys.exit(f"exit {p.returncode}, stderr {p.stderr!r}")
EOF

# --threads: the same bytes, on stdout and stderr, as one thread.
for fmt in jsonl csv table; do
    expect 1 "$ARMSTRACE" extract -f "$fmt" --threads 1 "$T/many.jsonl" "$T/plain.txt"
    mv "$T/out" "$T/t1.$fmt"
    mv "$T/err" "$T/t1.err"
    grep -q "many.jsonl:202" "$T/t1.err" || fail "bad record not reported with its line"
    for n in 2 3; do
        expect 1 "$ARMSTRACE" extract -f "$fmt" --threads "$n" "$T/many.jsonl" "$T/plain.txt"
        cmp -s "$T/out" "$T/t1.$fmt" || fail "--threads $n $fmt output differs"
        cmp -s "$T/err" "$T/t1.err" || fail "--threads $n $fmt messages differ"
    done
done

# The dev corpus, when present (CI has it beside the repo): real articles,
# so real claims, in the same order whatever --threads is.
DEV=${AT_SRC:-.}/../shared/corpus/dev/docs.jsonl
if [ -r "$DEV" ]; then
    expect 0 "$ARMSTRACE" extract --threads 1 "$DEV"
    mv "$T/out" "$T/dev1.jsonl"
    expect 0 "$ARMSTRACE" extract --threads 2 "$DEV"
    cmp -s "$T/out" "$T/dev1.jsonl" || fail "--threads 2 differs on the dev corpus"
    cat "$T/dev1.jsonl" >>"$T/t1.jsonl"
else
    echo "extract.sh: note: no dev corpus at $DEV, skipped"
fi

# JSON lines: each line one object with the spec's keys, in order.
python3 - "$T/t1.jsonl" <<'EOF' || fail "jsonl output is not the spec's record"
import json, sys
keys = ["doc", "supplier", "recipient", "category", "stage", "factuality",
        "certainty", "system", "quantity", "date", "source", "evidence",
        "mentions"]
n = 0
with open(sys.argv[1], encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        o = json.loads(line)
        assert list(o) == keys, (n, list(o))
        assert list(o["evidence"]) == ["sentence", "start", "end", "text"]
if n == 0:
    print("extract.sh: note: no claims extracted (extractor is a stub?)")
EOF

# A directory: its files, sorted.
mkdir "$T/dir"
cp "$T/plain.txt" "$T/dir/b.txt"
cp "$T/plain.txt" "$T/dir/a.txt"
expect 0 "$ARMSTRACE" extract -f csv -q --no-progress "$T/dir"

# --progress when forced goes to stderr only, and leaves stdout alone.
expect 0 "$ARMSTRACE" extract --progress "$T/good.jsonl"
cmp -s "$T/out" "$T/stdin.jsonl" || fail "--progress changed the output"

echo "extract.sh: ok"
