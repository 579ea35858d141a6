#!/usr/bin/env bash
# eval.sh: `armstrace eval` against the reference scorer: usage and input
# errors, a hand-computed fixture, then random gold/prediction/corpus sets
# (and the dev corpus when present) whose output must be byte-identical to
# tools/score.py's, with and without --show, --corpus and --docs ids.
set -eu

: "${ARMSTRACE:?set ARMSTRACE to the armstrace binary}"
: "${AT_SRC:?set AT_SRC to the source directory}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
SHARED=$AT_SRC/../shared
SCORE=$SHARED/tools/score.py
DEV=$SHARED/corpus/dev
export PYTHONIOENCODING=utf-8

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# expect CODE CMD...: run CMD (stdout to $T/out, stderr to $T/err) and
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

# same SCORE_ARGS -- EVAL_ARGS: score.py and armstrace eval print the same
# bytes (score.py may not fail).
same() {
    local py=() at=()
    while [ "$1" != -- ]; do py+=("$1"); shift; done
    shift
    at=("$@")
    python3 "$SCORE" "${py[@]}" >"$T/py.out" || fail "score.py ${py[*]} failed"
    expect 0 "$ARMSTRACE" eval "${at[@]}"
    cmp -s "$T/py.out" "$T/out" || {
        diff "$T/py.out" "$T/out" | head -20 >&2
        fail "eval ${at[*]} differs from score.py ${py[*]}"
    }
}

cd "$T"

# MARK: usage and input errors
expect 0 "$ARMSTRACE" eval --help
grep -q -- '--docs' out || fail "--help does not describe --docs"
expect 2 "$ARMSTRACE" eval
expect 2 "$ARMSTRACE" eval only-one.jsonl
expect 2 "$ARMSTRACE" eval a b c
expect 2 "$ARMSTRACE" eval --bogus a b
expect 2 "$ARMSTRACE" eval a b --format xml
expect 2 "$ARMSTRACE" eval a b --corpus
printf '{"doc":"a","supplier":"IRN","recipient":"RUS","category":"drone","stage":"used","factuality":"claimed"}\n' >one.jsonl
expect 3 "$ARMSTRACE" eval missing.jsonl one.jsonl
grep -q 'missing.jsonl' err || fail "unreadable file not named"
printf '{"doc":"a"}\n\n{"doc": oops}\n' >bad.jsonl
expect 3 "$ARMSTRACE" eval one.jsonl bad.jsonl
grep -q 'bad.jsonl:3:' err || fail "malformed line not given as file:line: $(cat err)"
printf '{"doc":"a"}\n["not an object"]\n' >bad2.jsonl
expect 3 "$ARMSTRACE" eval bad2.jsonl one.jsonl
grep -q 'bad2.jsonl:2:' err || fail "non-object line not reported"
printf '{"text":"no id"}\n' >nocorpusid.jsonl
expect 3 "$ARMSTRACE" eval one.jsonl one.jsonl --corpus nocorpusid.jsonl

# MARK: a fixture scored by hand
# Gold: a drone (system KN-23), a ammunition, b weapons (optional); the
# predictions hit a drone twice (the second with the right system), miss
# ammunition, predict b weapons (optional: no FP), a null-party and an
# economic key (dropped), and z (FP only with the corpus).
cat >gold.jsonl <<'EOF'
{"doc":"a","supplier":"IRN","recipient":"RUS","category":"drone","stage":"delivered","factuality":"claimed","systems":["KN-23"],"quantities":[[200,null]],"dates":[],"note":"drones"}
{"doc":"a","supplier":"IRN","recipient":"RUS","category":"ammunition","stage":"delivered","factuality":"claimed","note":"shells"}

{"doc":"b","supplier":"PRK","recipient":"RUS","category":"weapons","stage":"intent","factuality":"claimed","optional":true}
EOF
cat >pred.jsonl <<'EOF'
{"doc":"a","supplier":"IRN","recipient":"RUS","category":"drone","stage":"delivered","factuality":"claimed","system":"Shahed-136","quantity":{"min":200.0,"max":null}}
{"doc":"a","supplier":"IRN","recipient":"RUS","category":"drone","stage":"delivered","factuality":"claimed","system":"kn-23","evidence":{"text":"x"}}
{"doc":"b","supplier":"PRK","recipient":"RUS","category":"weapons","stage":"intent","factuality":"claimed"}
{"doc":"b","supplier":null,"recipient":"RUS","category":"weapons","stage":"intent","factuality":"claimed"}
{"doc":"b","supplier":"RUS","recipient":"PRK","category":"economic","stage":"delivered","factuality":"claimed"}
{"doc":"z","supplier":"CHN","recipient":"RUS","category":"drone","stage":"delivered","factuality":"claimed","evidence":{"text":"Beijing\nsent drones"}}
EOF
printf '{"id":"a"}\n{"id":"b"}\n{"id":"z"}\n' >corpus.jsonl
expect 0 "$ARMSTRACE" eval gold.jsonl pred.jsonl
[ "$(cat out)" = "keys: P=1.000 R=0.500 F1=0.667 tp=1 fp=0 fn=1 | system 1/1 quantity 1/1 date 0/0" ] ||
    fail "fixture: $(cat out)"
expect 0 "$ARMSTRACE" eval gold.jsonl pred.jsonl --corpus corpus.jsonl --show
cat >want <<'EOF'
MISS a IRN RUS ammunition delivered claimed | shells
FALSE z CHN RUS drone delivered claimed | Beijing sent drones
keys: P=0.500 R=0.500 F1=0.500 tp=1 fp=1 fn=1 | system 1/1 quantity 1/1 date 0/0
EOF
cmp -s want out || fail "fixture with --show: $(cat out)"
expect 0 "$ARMSTRACE" eval gold.jsonl pred.jsonl --corpus=corpus.jsonl --docs z,b
[ "$(cat out)" = "keys: P=0.000 R=0.000 F1=0.000 tp=0 fp=1 fn=0 | system 0/0 quantity 0/0 date 0/0" ] ||
    fail "fixture with --docs ids: $(cat out)"
expect 0 "$ARMSTRACE" eval gold.jsonl pred.jsonl --corpus corpus.jsonl --detail
head -1 out | grep -q '^keys: ' || fail "--detail changed the first line"
grep -q '^category drone: P=0.500 R=1.000 F1=0.667 tp=1 fp=1 fn=0$' out || fail "--detail: $(cat out)"
expect 0 "$ARMSTRACE" eval gold.jsonl pred.jsonl --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["tp"]==1 and d["fn"]==1, d' out ||
    fail "--format json"

# MARK: random sets against score.py
if [ ! -f "$SCORE" ]; then
    echo "eval.sh: $SCORE not found: skipping the comparisons with score.py"
    exit 0
fi

# gen.py N DIR SCORE: N random sets over small vocabularies that reach
# score.py's corners: optional lines (truthy and falsy values), null and
# missing parties, economic, duplicate predictions, documents without gold,
# numbers as document ids, unicode (and case) in systems and evidence,
# evidence past 160 characters, 200 vs 200.0, blank lines, CRLF.
cat >gen.py <<'EOF'
import contextlib, importlib.util, json, os, random, sys
DOCS = ["d1", "d2", "d3", "d\u00f6k-4", "d5", 12, 7]
PARTIES = ["RUS", "IRN", "PRK", "UKR", "houthis", None, ""]
CATS = ["drone", "ammunition", "ballistic_missile", "weapons", "economic", "air_defense"]
STAGES = ["intent", "agreed", "delivered", "used"]
FACTS = ["claimed", "negated", "hypothetical"]
SYSTEMS = ["Shahed-136", "KN-23", "Fatah-360", "\u015eahed-\u0130", "\u0428\u0410\u0425\u0415\u0414-136",
           "\u03a3\u0399\u0393\u039c\u0391\u03a3", "Storm Shadow"]
VALS = [None, 0, 24, 100, 200, 200.0, 999, 1000, 1.5, True]
DATES = ["2024", "2024-01", "2024-09-07", "2023-12-31"]
WORDS = ["Russia", "Iran", "shipped", "drones", "\u0414\u0440\u043e\u043d\u044b", "\u65e5\u672c\u8a9e",
         "\u00e9", "\u2014", "\n", "\u00a0", "\"q\"", "'", "\\", "\t", "x" * 40, "\r", "\U0001f680"]

rnd = random.Random(0)

def vary(s):
    return rnd.choice([s, s.lower(), s.upper(), s.swapcase()])

def key():
    return {"doc": rnd.choice(DOCS[:5]), "supplier": rnd.choice(PARTIES),
            "recipient": rnd.choice(PARTIES), "category": rnd.choice(CATS),
            "stage": rnd.choice(STAGES), "factuality": rnd.choice(FACTS)}

def text(n):
    return "".join(rnd.choice(WORDS) + " " for _ in range(n))

def write(path, recs, crlf=False):
    with open(path, "w", encoding="utf-8", newline="") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=rnd.random() < 0.5))
            f.write("\r\n" if crlf else "\n")
            if rnd.random() < 0.05:
                f.write(rnd.choice(["\n", "   \n", "\t\n", "\u3000\n"]))

def make(seed, out):
    global rnd
    rnd = random.Random(seed)
    gold = []
    for _ in range(rnd.randint(0, 40)):
        g = key()
        g["systems"] = rnd.sample(SYSTEMS, rnd.randint(0, 2))
        g["quantities"] = [[rnd.choice(VALS), rnd.choice(VALS)] for _ in range(rnd.randint(0, 2))]
        g["dates"] = rnd.sample(DATES, rnd.randint(0, 2))
        if rnd.random() < 0.3:
            g["optional"] = rnd.choice([True, 1, "yes"])
        elif rnd.random() < 0.2:
            g["optional"] = rnd.choice([False, 0, None, ""])
        if rnd.random() < 0.8:
            g["note"] = rnd.choice([text(rnd.randint(0, 5)), None, 3])
        gold.append(g)

    KEY = ("doc", "supplier", "recipient", "category", "stage", "factuality")
    pred = []
    for _ in range(rnd.randint(0, 60)):
        src = None
        if gold and rnd.random() < 0.6:
            src = rnd.choice(gold)
            p = {k: rnd.choice(gold)[k] if rnd.random() < 0.1 else v
                 for k, v in src.items() if k in KEY}
        else:
            p = key()
            p["doc"] = rnd.choice(DOCS)
        for k in list(p):
            if rnd.random() < 0.03:
                del p[k]
        r = rnd.random()
        p["system"] = vary(rnd.choice(SYSTEMS)) if r < 0.5 else (None if r < 0.8 else "")
        if src and src["systems"] and rnd.random() < 0.5:
            p["system"] = vary(rnd.choice(src["systems"]))
        if src and src["quantities"] and rnd.random() < 0.5:
            q = rnd.choice(src["quantities"])
            p["quantity"] = {"min": q[0], "max": q[1]}
        elif rnd.random() < 0.5:
            q = {"min": rnd.choice(VALS), "max": rnd.choice(VALS), "approx": False}
            if rnd.random() < 0.1:
                del q["max"]
            p["quantity"] = q
        else:
            p["quantity"] = rnd.choice([None, {}])
        p["date"] = rnd.choice([None, {"start": rnd.choice(DATES), "end": None},
                                {"end": "2024"}, {"start": None}])
        if src and src["dates"] and rnd.random() < 0.5:
            p["date"] = {"start": rnd.choice(src["dates"])}
        r = rnd.random()
        if r < 0.7:
            p["evidence"] = {"sentence": 0, "start": 0, "end": 5, "text": text(rnd.randint(0, 60))}
        elif r < 0.8:
            p["evidence"] = None
        elif r < 0.9:
            p["evidence"] = {"sentence": 1}
        p["extra"] = rnd.choice([1, "x", [1, 2], {"a": None}])
        pred.append(p)
        if rnd.random() < 0.15:
            pred.append(dict(p))

    corpus = [{"id": d, "text": "..."} for d in DOCS if rnd.random() < 0.8]
    write(out + "/gold.jsonl", gold, rnd.random() < 0.3)
    write(out + "/pred.jsonl", pred, rnd.random() < 0.3)
    write(out + "/corpus.jsonl", corpus)
    ids = rnd.sample([str(d) for d in DOCS] + ["", "zz"], rnd.randint(1, 4))
    with open(out + "/ids", "w", encoding="utf-8") as f:
        f.write(",".join(ids))


# score.py run in this process (one Python start for all sets): its
# output for each variant goes to DIR/SEED/vN; eval.sh runs the same
# variants through armstrace.
spec = importlib.util.spec_from_file_location("score", sys.argv[3])
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)
for seed in range(1, int(sys.argv[1]) + 1):
    d = "%s/%d" % (sys.argv[2], seed)
    os.makedirs(d)
    make(seed, d)
    G, P, C = d + "/gold.jsonl", d + "/pred.jsonl", d + "/corpus.jsonl"
    ids = open(d + "/ids", encoding="utf-8").read()
    variants = [[G, P], [G, P, "--show"], [G, P, "--corpus=" + C],
                [G, P, "--corpus=" + C, "--show"], [G, P, "--docs=" + ids, "--show"],
                [G, P, "--docs=" + ids, "--corpus=" + C, "--show"]]
    for n, args in enumerate(variants, 1):
        with open("%s/v%d" % (d, n), "w", encoding="utf-8", newline="") as f:
            with contextlib.redirect_stdout(f):
                score.main(["score.py"] + args)
EOF

seeds=${EVAL_SEEDS:-100}
python3 gen.py "$seeds" r "$SCORE" || fail "generating the random sets"
for seed in $(seq 1 "$seeds"); do
    d=r/$seed
    G=$d/gold.jsonl P=$d/pred.jsonl C=$d/corpus.jsonl
    ids=$(cat "$d/ids")
    # The variants of gen.py, in its order, with armstrace's spellings.
    n=0
    for args in "$G $P" "$G $P --show" "$G $P --corpus $C" "--show $G --corpus=$C $P" \
        "$G $P --ids IDS --show" "$G $P --docs=IDS --corpus $C --show"; do
        n=$((n + 1))
        # shellcheck disable=SC2086 # word splitting of ARGS is meant
        set -- $args
        for a; do
            shift
            a=${a//IDS/$ids}
            set -- "$@" "$a"
        done
        expect 0 "$ARMSTRACE" eval "$@"
        cmp -s "$d/v$n" out || {
            diff "$d/v$n" out | head -20 >&2
            fail "set $seed: 'eval $*' differs from score.py"
        }
    done
done
echo "eval.sh: $seeds random sets agree with score.py"

# MARK: fixed corners against score.py
# str() of odd document ids (1e16, 1.0, -0.0, a list, a dict), notes that
# print as Python reprs, None in gold attribute lists, an empty gold system
# against a null one, 1 == True in a key, İ and final sigma in lower().
python3 - <<'EOF'
import json
K = dict(supplier="IRN", recipient="RUS", category="drone", stage="delivered", factuality="claimed")
def k(doc, **kw):
    d = dict(K); d.update(kw); d["doc"] = doc; return d
gold = [dict(k("1e+16"), note=[1, "it's", None, 2.5, "x\ty\\"]),
        dict(k("1.0"), note={"a": "x\ny", "b": True}),
        dict(k("-0.0"), systems=["", "KN-23"], note=7),
        dict(k("[1, 'a']"), dates=[None, "2024"], note=1e22),
        dict(k("{'a': \"it's\"}"), quantities=[[None, None]], note=1e-7),
        dict(k("g7"), quantities=[[1, 2]], systems=["\u0130SKANDER"]),
        dict(k("g8", category="\u03a3\u0391\u03a3"), note="a\u00a0b")]
pred = [k(1e16), k(1.0), dict(k(-0.0), system=None), dict(k([1, "a"]), date={"end": "x"}),
        dict(k({"a": "it's"}), quantity={"approx": True}),
        dict(k("g7"), quantity={}, system="i\u0307skander"),
        dict(k("g8", category="\u03c3\u03b1\u03c2"), evidence={"text": "\u00e9" * 200})]
open("eg.jsonl", "w").write("".join(json.dumps(g) + "\n" for g in gold))
open("ep.jsonl", "w").write("".join(json.dumps(p) + "\n" for p in pred))
open("kg.jsonl", "w").write(json.dumps(k("g", supplier=1)) + "\n" + json.dumps(k("h", supplier=5)))
open("kp.jsonl", "w").write(json.dumps(k("g", supplier=True)) + "\n" + json.dumps(k("h", supplier="5")))
EOF
same eg.jsonl ep.jsonl --show -- eg.jsonl ep.jsonl --show
grep -q 'tp=6 fp=1 fn=1 | system 2/2 quantity 1/2 date 1/1' out || fail "corners: $(tail -1 out)"
same kg.jsonl kp.jsonl -- kg.jsonl kp.jsonl
grep -q 'tp=1 fp=1 fn=1' out || fail "1 == True in keys: $(cat out)"

# MARK: the dev corpus
if [ ! -f "$DEV/gold.jsonl" ] || [ ! -f "$DEV/docs.jsonl" ]; then
    echo "eval.sh: no dev corpus: skipping it"
    exit 0
fi
DG=$DEV/gold.jsonl DD=$DEV/docs.jsonl
# The gold file as predictions: every non-optional key predicted.
same "$DG" "$DG" --corpus="$DD" --show -- "$DG" "$DG" --corpus "$DD" --show
grep -q '^keys: P=1.000 R=1.000 F1=1.000 ' out || fail "gold as predictions: $(cat out)"
if "$ARMSTRACE" extract "$DD" >dev-pred.jsonl 2>dev-err && [ -s dev-pred.jsonl ]; then
    same "$DG" dev-pred.jsonl --corpus="$DD" --show -- "$DG" dev-pred.jsonl --corpus "$DD" --show
    cp out dev-score
    # Extract and score in one go: the same figures, and --save-pred
    # writes the predictions it scored.
    expect 0 "$ARMSTRACE" eval "$DG" --docs "$DD" --show --save-pred saved.jsonl
    cmp -s dev-score out || fail "eval --docs FILE differs from extract + eval"
    same "$DG" saved.jsonl --corpus="$DD" --show -- "$DG" --docs-file "$DD" --show
    echo "eval.sh: dev corpus: $(tail -1 out)"
else
    echo "eval.sh: armstrace extract not usable yet: skipping the dev extraction"
fi
