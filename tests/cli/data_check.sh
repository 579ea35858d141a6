#!/bin/bash
# data_check.sh: the shipped dictionaries pass tools/check_data.py, the
# generated countries.tsv matches what tools/gen_countries.py makes from the
# installed iso-codes, and the checker really rejects broken copies (conflict
# across files, bad kind, unknown slug, unsorted lines, bad category).
set -eu
: "${AT_SRC:?set AT_SRC to the source directory}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "data_check.sh: FAIL: $*" >&2; exit 1; }

python3 "$AT_SRC/tools/check_data.py" "$AT_SRC/data" >"$tmp/ok.out" 2>&1 ||
    { cat "$tmp/ok.out" >&2; fail "check_data.py rejects data/"; }
grep -q '^check_data: ok' "$tmp/ok.out" || fail "no ok line: $(cat "$tmp/ok.out")"

if [ -f /usr/share/iso-codes/json/iso_3166-1.json ]; then
    (cd "$AT_SRC" && python3 tools/gen_countries.py) >"$tmp/countries.tsv"
    diff -u "$AT_SRC/data/parties/countries.tsv" "$tmp/countries.tsv" >&2 ||
        fail "countries.tsv is stale: run tools/gen_countries.py -o data/parties/countries.tsv"
else
    echo "data_check.sh: iso-codes not installed; generator comparison skipped"
fi

# The checker's names are the loader's (src/dict.c), in both directions.
python3 - "$AT_SRC" <<'PY' || fail "check_data.py and src/dict.c disagree on names"
import re, subprocess, sys
src = sys.argv[1]
c = open(src + "/src/dict.c", encoding="utf-8").read()
def c_array(name):
    m = re.search(r"\b" + name + r"\[[A-Z_]*\]\s*=\s*\{(.*?)\};", c, re.S)
    return {w for w in re.findall(r'"([^"]*)"', m.group(1)) if w}
out = subprocess.run([sys.executable, src + "/tools/check_data.py", "--vocabularies"],
                     capture_output=True, text=True, check=True).stdout
py = {l.split()[0]: set(l.split()[1:]) for l in out.splitlines()}
ok = True
for c_name, py_name in (("frames", "frames"), ("cues", "cues"),
                        ("strengths", "strengths"), ("party_kinds", "kinds")):
    a, b = c_array(c_name), py[py_name]
    if a != b:
        print("%s: only in dict.c %s, only in check_data.py %s"
              % (py_name, sorted(a - b), sorted(b - a)), file=sys.stderr)
        ok = False
sys.exit(0 if ok else 1)
PY

# Each case: copy data/, break one thing, expect exit 1 and a message that
# names the file and line.
expect_reject() { # name, expected message regex
    local out="$tmp/$1.out" rc=0
    python3 "$AT_SRC/tools/check_data.py" "$tmp/$1" >"$out" 2>&1 || rc=$?
    [ "$rc" -eq 1 ] || { cat "$out" >&2; fail "$1: exit $rc, expected 1"; }
    grep -Eq "$2" "$out" || { cat "$out" >&2; fail "$1: no message /$2/"; }
}
fresh() { rm -rf "${tmp:?}/$1"; cp -r "$AT_SRC/data" "$tmp/$1"; }
tab=$'\t'

# "Kremlin" already stands for RUS in capitals.tsv.
fresh conflict
printf '# zz_extra.tsv: test entries.\n# Sorted by party code, then surface.\nKremlin\tUKR\tcapital\n' \
    >"$tmp/conflict/parties/zz_extra.tsv"
expect_reject conflict "kremlin' maps to several parties: RUS at .*capitals.tsv:[0-9]+; UKR at .*zz_extra.tsv:3"

fresh kind
sed -i "s/^Putin${tab}RUS${tab}person\$/Putin${tab}RUS${tab}leader/" "$tmp/kind/parties/officials.tsv"
expect_reject kind "officials.tsv:[0-9]+: unknown kind 'leader'"

fresh slug
printf 'Hamas fighters\thamas_movement_x\tgroup\n' >>"$tmp/slug/parties/companies.tsv"
expect_reject slug "slug 'hamas_movement_x' is not listed in groups.tsv"

fresh code
printf 'Atlantis\tATL\tname\n' >>"$tmp/code/parties/altnames.tsv"
expect_reject code "altnames.tsv:[0-9]+: 'ATL' is not an ISO 3166-1 alpha-3 code"

fresh order
printf 'Aardvark Arms\tAFG\tcompany\n' >>"$tmp/order/parties/companies.tsv"
expect_reject order "companies.tsv:[0-9]+: out of order"

fresh category
sed -i "s/^HIMARS${tab}HIMARS${tab}artillery${tab}/HIMARS${tab}HIMARS${tab}mlrs${tab}/" \
    "$tmp/category/weapons/systems.tsv"
expect_reject category "systems.tsv:[0-9]+: unknown category 'mlrs'"

# One matching form ("Geran 2" ~ "Geran-2") may not name two systems.
fresh alias
printf 'Geran 2\tLancet\tdrone\tRUS\n' >>"$tmp/alias/weapons/systems.tsv"
expect_reject alias "alias 'Geran 2' also names 'Shahed-136' at .*systems.tsv:[0-9]+"

fresh columns
printf 'Putin\tRUS\n' >>"$tmp/columns/parties/officials.tsv"
expect_reject columns "officials.tsv:[0-9]+: expected 3 tab-separated columns, found 2"

fresh strength
printf 'zap gun\tweapons\tstrongish\n' >>"$tmp/strength/weapons/generic.tsv"
expect_reject strength "generic.tsv:[0-9]+: unknown strength 'strongish'"

# hyphens and spaces are one form: the same sense twice is a slip
fresh generic_dup
printf 'anti-ship missiles\tcruise_missile\tstrong\nanti ship missiles\tcruise_missile\tstrong\n' \
    >>"$tmp/generic_dup/weapons/generic.tsv"
expect_reject generic_dup "generic.tsv:[0-9]+: 'anti ship missiles' as cruise_missile repeats .*generic.tsv:[0-9]+"

fresh frame
printf 'lease\tdelivered\tlease leases leased:p\n' >>"$tmp/frame/verbs.tsv"
expect_reject frame "verbs.tsv:[0-9]+: unknown frame 'lease'"

fresh form
printf 'give\tdelivered\tlease leases leased:x\n' >>"$tmp/form/verbs.tsv"
expect_reject form "verbs.tsv:[0-9]+: bad form 'leased:x'"

fresh cue
printf 'perhaps\tmaybe\n' >>"$tmp/cue/cues.tsv"
expect_reject cue "cues.tsv:[0-9]+: unknown cue 'maybe'"

fresh cue_dup
printf 'denied\tdeny\n' >>"$tmp/cue_dup/cues.tsv"
expect_reject cue_dup "cues.tsv:[0-9]+: 'denied' as deny repeats .*cues.tsv:[0-9]+"

fresh adversary
printf 'UKR\tRUS\nFRA\tFRA\n' >>"$tmp/adversary/adversaries.tsv"
expect_reject adversary "adversaries.tsv:[0-9]+: pair UKR-RUS repeats"
expect_reject adversary "adversaries.tsv:[0-9]+: 'FRA' paired with itself"

fresh claim_slug
printf 'no_such_group\n' >>"$tmp/claim_slug/claim_slugs.tsv"
expect_reject claim_slug "claim_slugs.tsv:[0-9]+: slug 'no_such_group' is not listed in groups.tsv"

echo "data_check.sh: ok"
