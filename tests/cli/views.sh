#!/usr/bin/env bash
# views.sh: the views over events end to end: an invented multi-document
# fixture (tests/data/views: two suppliers, both directions between Iran
# and Russia, a denial) is ingested, then `graph` is opened by Graphviz
# (DOT) and by python3's XML and JSON parsers (GraphML, GEXF, JSON),
# `timeline` is checked for order, directions and stage changes, and
# `export --format register` is read back with python3's csv module.
set -eu
: "${ARMSTRACE:?path to the armstrace binary}"
: "${AT_SRC:?path to the source tree}"
FIX="$AT_SRC/tests/data/views"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T"
fail() { echo "views.sh: FAIL: $*" >&2; exit 1; }
command -v dot >/dev/null ||
    fail "graphviz's 'dot' is not installed (scripts/install-deps.sh installs it)"
command -v python3 >/dev/null || fail "python3 is needed to parse the outputs"

# The extractor must read the fixture as intended, or nothing below means much.
"$ARMSTRACE" extract "$FIX" > claims.jsonl || fail "extract exit $?"
python3 - claims.jsonl <<'PY' || fail "the fixture no longer yields its claims"
import json, sys
keys = {(c["doc"], c["supplier"], c["recipient"], c["category"], c["stage"], c["factuality"])
        for c in map(json.loads, open(sys.argv[1]))}
want = {("drones-plan", "IRN", "RUS", "drone", "intent", "claimed"),
        ("drones-delivered", "IRN", "RUS", "drone", "delivered", "claimed"),
        ("drones-denial", "IRN", "RUS", "drone", "delivered", "negated"),
        ("shells-rail", "PRK", "RUS", "ammunition", "delivered", "claimed"),
        ("jets-deal", "RUS", "IRN", "aircraft", "agreed", "claimed"),
        ("missiles-shipped", "IRN", "RUS", "ballistic_missile", "delivered", "claimed")}
missing = want - keys
if missing:
    sys.exit("missing claims: %s" % sorted(missing))
PY

"$ARMSTRACE" ingest -q --db v.db "$FIX" || fail "ingest exit $?"

# --help names every option; usage errors exit 2; a missing db exits 3
for o in --db --format --per-event --supplier --recipient --party --category --min-confidence; do
    "$ARMSTRACE" graph --help | grep -q -- "$o" || fail "graph --help lacks $o"
done
for o in --party --dyad --db --format; do
    "$ARMSTRACE" timeline --help | grep -q -- "$o" || fail "timeline --help lacks $o"
done
"$ARMSTRACE" export --help | grep -q -- "--format register" || fail "export --help"
expect_exit() { # WANT COMMAND...
    local want=$1 rc=0
    shift
    "$@" >/dev/null 2>err.txt || rc=$?
    [ "$rc" = "$want" ] || fail "'$*': exit $rc, want $want ($(cat err.txt))"
}
expect_exit 2 "$ARMSTRACE" graph --db v.db --format svg
expect_exit 2 "$ARMSTRACE" graph --db v.db --category tanks
expect_exit 2 "$ARMSTRACE" graph --db v.db --min-confidence 2
expect_exit 2 "$ARMSTRACE" export --db v.db --format json
grep -q "option --format" err.txt || fail "export --format json: message: $(cat err.txt)"
expect_exit 2 "$ARMSTRACE" timeline --db v.db
expect_exit 2 "$ARMSTRACE" timeline --db v.db --party IRN --dyad IRN,RUS
expect_exit 2 "$ARMSTRACE" timeline --db v.db --dyad IRN
expect_exit 3 "$ARMSTRACE" graph --db missing.db
expect_exit 3 "$ARMSTRACE" timeline --db missing.db --party IRN
expect_exit 3 "$ARMSTRACE" export --db missing.db
[ ! -e missing.db ] || fail "a read created missing.db"

# DOT: Graphviz lays it out as it is
"$ARMSTRACE" graph --db v.db --format dot > g.dot || fail "graph dot exit $?"
dot -Tsvg g.dot > g.svg 2>dot.err || fail "dot rejects the graph: $(cat dot.err)"
[ ! -s dot.err ] || fail "dot warns: $(cat dot.err)"
grep -q "PRK" g.svg || fail "the SVG lacks a node"
"$ARMSTRACE" graph --db v.db --per-event > ge.dot || fail "graph --per-event exit $?"
dot -Tsvg ge.dot > /dev/null || fail "dot rejects the per-event graph"

# The events, for the counts the graphs must show
"$ARMSTRACE" events --db v.db -f jsonl > events.jsonl || fail "events exit $?"
nevents=$(wc -l < events.jsonl)
[ "$nevents" -ge 4 ] || fail "want at least 4 events, got $nevents"

# GraphML and GEXF: well-formed XML with declared attributes
for per in "" --per-event; do
    "$ARMSTRACE" graph --db v.db --format graphml $per > g.graphml || fail "graphml exit $?"
    "$ARMSTRACE" graph --db v.db --format gexf $per > g.gexf || fail "gexf exit $?"
    python3 - g.graphml g.gexf "$per" "$nevents" <<'PY' || fail "graphml/gexf $per"
import sys, xml.etree.ElementTree as ET
graphml, gexf, per, nevents = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
want_edges = nevents if per else 3          # IRN->RUS, PRK->RUS, RUS->IRN
G = "{http://graphml.graphdrawing.org/xmlns}"
r = ET.parse(graphml).getroot()
g = r.find(G + "graph")
assert g.get("edgedefault") == "directed", g.attrib
nodes = g.findall(G + "node"); edges = g.findall(G + "edge")
assert sorted(n.get("id") for n in nodes) == ["IRN", "PRK", "RUS"], [n.get("id") for n in nodes]
assert len(edges) == want_edges, (len(edges), want_edges)
keys = {k.get("id"): (k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in r.findall(G + "key")}
names = {v[1]: v for v in keys.values()}
for name, typ in [("categories", "string"), ("stage", "string"), ("events", "long"),
                  ("reports", "long"), ("confidence_max", "double"), ("confidence_mean", "double")]:
    assert names[name][0] == "edge" and names[name][2] == typ, (name, names.get(name))
for e in edges:
    for d in e.findall(G + "data"):
        assert d.get("key") in keys, d.get("key")
        if keys[d.get("key")][2] == "double":
            float(d.text)
        if keys[d.get("key")][2] == "long":
            int(d.text)
pair = [e for e in edges if (e.get("source"), e.get("target")) == ("IRN", "RUS")]
if not per:
    vals = {keys[d.get("key")][1]: d.text for d in pair[0].findall(G + "data")}
    assert set(vals["categories"].split("; ")) == {"drone", "ballistic_missile"}, vals
    assert vals["events"] == "2" and vals["contradictions"] == "1", vals
X = "{http://gexf.net/1.3}"
r = ET.parse(gexf).getroot()
assert r.get("version") == "1.3"
g = r.find(X + "graph")
assert g.get("defaultedgetype") == "directed"
declared = {a.get("id"): a.get("type") for c in g.findall(X + "attributes") for a in c}
nodes = g.find(X + "nodes").findall(X + "node"); edges = g.find(X + "edges").findall(X + "edge")
assert len(nodes) == 3 and len(edges) == want_edges, (len(nodes), len(edges))
for el in nodes + edges:
    for av in el.iter(X + "attvalue"):
        assert av.get("for") in declared, av.get("for")
PY
done

# JSON: node-link form
"$ARMSTRACE" graph --db v.db --format json > g.json || fail "graph json exit $?"
python3 - g.json <<'PY' || fail "graph json"
import json, sys
g = json.load(open(sys.argv[1]))
assert g["directed"] is True
ids = [n["id"] for n in g["nodes"]]
assert ids == ["IRN", "PRK", "RUS"], ids
by = {(e["source"], e["target"]): e for e in g["edges"]}
assert set(by) == {("IRN", "RUS"), ("PRK", "RUS"), ("RUS", "IRN")}, set(by)
e = by[("IRN", "RUS")]
assert sorted(e["categories"]) == ["ballistic_missile", "drone"], e
assert e["stage"] in ("delivered", "used") and e["events"] == 2, e
assert 0 < e["confidence_mean"] <= e["confidence_max"] <= 1, e
assert by[("RUS", "IRN")]["stage"] == "agreed", by[("RUS", "IRN")]
rus = [n for n in g["nodes"] if n["id"] == "RUS"][0]
assert rus["as_recipient"] == 3 and rus["as_supplier"] == 1, rus
PY
# filters narrow the graph
"$ARMSTRACE" graph --db v.db --format json --supplier PRK > p.json
python3 -c 'import json,sys; g=json.load(open(sys.argv[1])); assert len(g["nodes"])==2 and len(g["edges"])==1, g' p.json ||
    fail "graph --supplier PRK"
"$ARMSTRACE" graph --db v.db --format json --category aircraft > a.json
python3 -c 'import json,sys; g=json.load(open(sys.argv[1])); assert [(e["source"],e["target"]) for e in g["edges"]]==[("RUS","IRN")], g' a.json ||
    fail "graph --category aircraft"

# Timeline: both directions of the pair, in date order, stage changes marked
"$ARMSTRACE" timeline --db v.db --dyad IRN,RUS -f jsonl > tl.jsonl || fail "timeline exit $?"
"$ARMSTRACE" timeline --db v.db --dyad rus,irn -f jsonl > tl2.jsonl || fail "timeline (swapped) exit $?"
cmp -s tl.jsonl tl2.jsonl || fail "--dyad IRN,RUS and rus,irn differ"
python3 - tl.jsonl <<'PY' || fail "timeline --dyad IRN,RUS"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
dates = [r["date"] for r in rows]
assert all(dates) and dates == sorted(dates), dates
pairs = {(r["supplier"], r["recipient"]) for r in rows}
assert pairs == {("IRN", "RUS"), ("RUS", "IRN")}, pairs
assert "PRK" not in {r["supplier"] for r in rows}
drone = [r for r in rows if r["category"] == "drone"]
kinds = [r["kind"] for r in drone]
assert kinds[0] == "intent" and drone[0]["stage_change"], drone[0]
assert "denied" in kinds and not [r for r in drone if r["kind"] == "denied"][0]["stage_change"]
# the delivered report dates the event (August) before its own report date
d = [r for r in drone if r["kind"] == "delivered"][0]
assert d["date_from"] == "event" and d["date"] < d["reported"], d
assert d["stage_change"] and d["evidence"].startswith("KYIV"), d
# every event's first supporting report is a stage change, in order
seen = {}
for r in rows:
    if r["kind"] in ("denied", "hypothetical"):
        continue
    order = ["intent", "negotiating", "agreed", "delivered", "used"]
    best = seen.get(r["event"], -1)
    assert r["stage_change"] == (order.index(r["kind"]) > best), r
    seen[r["event"]] = max(best, order.index(r["kind"]))
PY
"$ARMSTRACE" timeline --db v.db --party PRK > tl.txt || fail "timeline --party exit $?"
grep -q "PRK -> RUS" tl.txt || fail "timeline --party PRK lacks PRK -> RUS: $(cat tl.txt)"
! grep -q "IRN -> RUS" tl.txt || fail "timeline --party PRK lists IRN"
grep -q "1 reports on 1 events" tl.txt || fail "timeline footer: $(cat tl.txt)"
"$ARMSTRACE" timeline --db v.db --party RUS > tl.txt
grep -q "denied" tl.txt || fail "timeline --party RUS lacks the denial"
grep -q "^2023-03-04 .*\* intent" tl.txt || fail "timeline table: no marked intent: $(cat tl.txt)"

# Register: CSV with the exact header, one row per event, sorted
"$ARMSTRACE" export --db v.db --format register > reg.csv || fail "export exit $?"
"$ARMSTRACE" export --db v.db -o reg2.csv || fail "export -o exit $?"
cmp -s reg.csv reg2.csv || fail "export -o differs from standard output"
python3 - reg.csv "$nevents" <<'PY' || fail "register"
import csv, sys
with open(sys.argv[1], newline="") as f:
    rows = list(csv.reader(f))
assert rows[0] == ["supplier", "recipient", "designation", "category", "number", "stage",
                   "years", "sources", "comments"], rows[0]
body = rows[1:]
assert len(body) == int(sys.argv[2]), (len(body), sys.argv[2])
assert all(len(r) == 9 for r in body)
keys = [(r[0], r[1], r[6]) for r in body]
assert keys == sorted(keys), keys
rec = {(r[0], r[1], r[3]): dict(zip(rows[0], r)) for r in body}
drone = rec[("IRN", "RUS", "drone")]
assert drone["designation"] == "Shahed-136" and drone["years"] == "2023", drone
assert "contradicted by 1 report" in drone["comments"], drone
assert "confidence 0." in drone["comments"] and "independent origin" in drone["comments"]
bm = rec[("IRN", "RUS", "ballistic_missile")]
assert bm["number"] == ">200" and bm["stage"] == "delivered" and bm["years"] == "2024", bm
assert rec[("PRK", "RUS", "ammunition")]["designation"] == "ammunition"
jets = rec[("RUS", "IRN", "aircraft")]
assert jets["number"] == "24" and jets["stage"] == "agreed", jets
PY

echo "views.sh: ok"
