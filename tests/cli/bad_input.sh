#!/bin/bash
# bad_input.sh: `armstrace extract` on a batch of broken inputs next to one
# good document: every bad input is named on stderr (with its line for
# JSON lines), the run exits 1, and the good document is still extracted.
# Also standard input, as text and as JSON lines, through a pipe.
set -eu
: "${ARMSTRACE:?set ARMSTRACE to the armstrace binary}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "bad_input.sh: FAIL: $*" >&2; exit 1; }

claim='Iran has supplied Russia with hundreds of Shahed drones, officials said.'
in="$tmp/in"
mkdir "$in"
printf 'TEHRAN, Sept 7 (Wire) - %s\n' "$claim" >"$in/good.txt"
: >"$in/empty.txt"
printf 'PNG\0\0\0\1\2\3binary\0data' >"$in/logo.png"
printf 'Bogot\xe1 is fine.\nThis line is not: \xff\xfe.\n' >"$in/latin1.txt"
{
    printf '{"id":"j1","text":"The first line is fine."}\n'
    printf '{"id":"j2","text":"This line was cut off in the mi\n'
    printf '{"id":"j3","text":"The third line is fine."}\n'
    printf '{"id":"j4"}\n'
} >"$in/batch.jsonl"
# 9 MB of text: over the 8 MiB document limit
head -c 9000000 /dev/zero | tr '\0' 'a' >"$in/huge.txt"
mkdir "$in/.hidden"
printf 'hidden files are skipped\0\0\0' >"$in/.hidden/skip.bin"

# The good document alone: what the batch must still produce.
"$ARMSTRACE" extract "$in/good.txt" >"$tmp/alone.out" 2>"$tmp/alone.err" ||
    fail "good document alone: exit $? ($(cat "$tmp/alone.err"))"

rc=0
"$ARMSTRACE" extract "$in" "$tmp/missing.txt" >"$tmp/out" 2>"$tmp/err" || rc=$?
[ "$rc" = 1 ] || fail "exit code $rc, want 1; stderr: $(cat "$tmp/err")"

expect_err() {
    grep -qF -- "$1" "$tmp/err" || fail "stderr lacks '$1'; stderr was:
$(cat "$tmp/err")"
}
expect_err "$in/empty.txt: empty file, no document"
expect_err "$in/logo.png: binary file, skipped"
expect_err "$in/batch.jsonl:2: truncated JSON"
expect_err "$in/batch.jsonl:4: no \"text\""
expect_err "$in/huge.txt: document of 9000000 bytes is over the 8 MiB limit"
expect_err "$tmp/missing.txt: No such file or directory"
# a warning, not a failure, but named with its line
expect_err "$in/latin1.txt:1: invalid UTF-8 (3 bytes replaced)"
if grep -q 'skip.bin' "$tmp/err" "$tmp/out"; then
    fail "a hidden file was read"
fi

# The good document's claims are the same as when it is read alone.
while IFS= read -r line; do
    grep -qxF -- "$line" "$tmp/out" ||
        fail "the good document's output changed in the batch: $line"
done <"$tmp/alone.out"
grep -q '"doc":"good","supplier":"IRN","recipient":"RUS"' "$tmp/out" ||
    fail "no IRN->RUS claim of doc good in: $(cat "$tmp/out")"

# Standard input through a pipe: text, then JSON lines with a bad line.
rc=0
printf '%s\n' "$claim" | "$ARMSTRACE" extract - >"$tmp/stdin.out" 2>"$tmp/stdin.err" || rc=$?
[ "$rc" = 0 ] || fail "stdin text: exit $rc: $(cat "$tmp/stdin.err")"
grep -q '"doc":"stdin","supplier":"IRN"' "$tmp/stdin.out" ||
    fail "stdin: no claim of doc stdin: $(cat "$tmp/stdin.out")"
rc=0
printf '{"id":"p1","text":"%s"}\n{"id":"p2","text":"cut\n' "$claim" |
    "$ARMSTRACE" extract - >"$tmp/stdin2.out" 2>"$tmp/stdin2.err" || rc=$?
[ "$rc" = 1 ] || fail "stdin JSON lines: exit $rc, want 1"
grep -qF -- "-:2: truncated JSON" "$tmp/stdin2.err" ||
    fail "stdin JSON lines: stderr lacks '-:2: truncated JSON': $(cat "$tmp/stdin2.err")"
grep -q '"doc":"p1","supplier":"IRN"' "$tmp/stdin2.out" ||
    fail "stdin JSON lines: no claim of doc p1"

# Empty standard input is a failure, not silence.
rc=0
"$ARMSTRACE" extract - </dev/null >/dev/null 2>"$tmp/stdin3.err" || rc=$?
[ "$rc" = 1 ] || fail "empty stdin: exit $rc, want 1"
grep -qF -- "-: empty file, no document" "$tmp/stdin3.err" ||
    fail "empty stdin: $(cat "$tmp/stdin3.err")"
echo "bad_input.sh: ok"
