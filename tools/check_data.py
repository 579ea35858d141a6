#!/usr/bin/env python3
"""check_data.py: validate the dictionary TSV files under data/.

Checks every file the extractor loads: data/parties/*.tsv (surface, party,
kind), data/weapons/systems.tsv (alias, canonical, category, origin),
weapons/generic.tsv (term, category, strength), verbs.tsv (frame, stage,
forms), cues.tsv (phrase, cue), adversaries.tsv (party, party) and
claim_slugs.tsv (slug): header, columns, allowed values, party codes,
duplicates, conflicts between files and sort order. Prints one
"file:line: message" per problem and exits 1 if there was any.

usage: check_data.py [DATA_DIR]        (default: the data/ beside tools/)
       check_data.py --vocabularies  (the names it allows, one set a line)
"""
import glob
import json
import os
import re
import sys

ISO_3166_1 = "/usr/share/iso-codes/json/iso_3166-1.json"

# Codes outside ISO 3166-1 that the spec uses (claims.md section 2).
EXTRA_CODES = {"SUN", "XKX"}

KINDS = {"name", "adj", "capital", "gov", "person", "company", "group", "none"}

# claims.md section 3.
CATEGORIES = {
    "weapons", "missile", "ballistic_missile", "cruise_missile",
    "anti_tank_missile", "air_defense", "drone", "ammunition", "rocket",
    "launcher", "artillery", "armored_vehicle", "aircraft", "naval",
    "small_arms", "components", "technology", "production", "nuclear",
    "personnel", "economic",
}

# The loader's own names (src/dict.c; tests/cli/data_check.sh keeps the
# two in step).
STRENGTHS = {"strong", "weak", "block"}
FRAMES = {
    "give", "get", "use", "arrive", "use_with", "train", "seize", "give_n",
    "get_n", "deal_n", "talk_n", "use_n", "supplier_n", "buyer_n",
}
CUES = {
    "neg", "deny", "hyp", "cond", "intent", "negotiating", "agreed",
    "control", "will", "report", "assess", "made", "supplied", "return",
    "boundary", "ref", "skip", "military", "modal", "evidence", "nonhead",
    "dealverb", "speaker", "bound", "own", "aspect", "win", "purpose",
    "carrier",
}
# claims.md section 4.
STAGES = {"intent", "negotiating", "agreed", "delivered", "used"}
FORM_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9'_-]*(:[pg])?$")

MIN_CANONICALS = 200
SLUG_RE = re.compile(r"^[a-z][a-z0-9_]*$")
CODE_RE = re.compile(r"^[A-Z]{3}$")

# What a header may say about order, and the sort key it means.
SORT_RULES = (
    ("by party code, then surface", lambda f: (f[1], f[0])),
    ("by canonical name, then alias", lambda f: (f[1], f[0])),
    ("by surface", lambda f: (f[0],)),
)


class Report:
    def __init__(self):
        self.problems = 0

    def error(self, where, msg):
        self.problems += 1
        print("%s: %s" % (where, msg))

    @staticmethod
    def warn(where, msg):
        sys.stderr.write("%s: warning: %s\n" % (where, msg))


def norm(surface):
    """The form the matcher compares: case-folded, hyphens as spaces."""
    return " ".join(surface.replace("-", " ").split()).casefold()


def tsv_pairs(path, ncols, col):
    """(first column, column COL) of each entry of a file of NCOLS columns,
    unchecked: for looking values up in files checked elsewhere."""
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f
                if not line.startswith("#")]
    return [(r[0], r[col]) for r in rows if len(r) == ncols]


def read_tsv(path, ncols, rep, max_header=5):
    """Yield (lineno, fields) for data lines; check header and layout."""
    try:
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
    except UnicodeDecodeError as e:
        rep.error(path, "not UTF-8 (%s)" % e)
        return None, []
    if text.startswith("\ufeff"):
        rep.error(path + ":1", "byte-order mark; save as plain UTF-8")
    if "\r" in text:
        rep.error(path, "CR line endings; use LF only")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line)
    if not 2 <= len(header) <= max_header:
        rep.error(path + ":1", "expected a 2-%d line '#' header, found %d"
                  % (max_header, len(header)))
    rows = []
    for no, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        where = "%s:%d" % (path, no)
        lo, hi = ncols if isinstance(ncols, tuple) else (ncols, ncols)
        if not lo <= len(fields) <= hi:
            rep.error(where, "expected %s tab-separated columns, found %d"
                      % (lo if lo == hi else "%d-%d" % (lo, hi), len(fields)))
            continue
        if any(x != x.strip() or not x for x in fields):
            rep.error(where, "empty column or stray whitespace")
            continue
        rows.append((no, fields))
    return " ".join(h.lstrip("# ") for h in header), rows


def check_sorted(path, header, rows, rep):
    if header is None:
        return
    flat = " ".join(header.split()).lower()
    for phrase, key in SORT_RULES:
        if phrase in flat:
            break
    else:
        rep.error(path + ":1", "header does not say how entries are sorted")
        return
    prev = None
    for no, fields in rows:
        k = key(fields)
        if prev is not None and k < prev:
            rep.error("%s:%d" % (path, no), "out of order (%s)" % phrase)
        prev = k


def known_codes(data_dir):
    """Alpha-3 codes from iso-codes, or from the committed countries.tsv."""
    codes = set(EXTRA_CODES)
    if os.path.exists(ISO_3166_1):
        with open(ISO_3166_1, encoding="utf-8") as f:
            codes.update(e["alpha_3"] for e in json.load(f)["3166-1"])
        return codes
    codes.update(v for _, v in tsv_pairs(
        os.path.join(data_dir, "parties", "countries.tsv"), 3, 1))
    return codes


def check_parties(data_dir, codes, rep):
    files = sorted(glob.glob(os.path.join(data_dir, "parties", "*.tsv")))
    if not files:
        rep.error(os.path.join(data_dir, "parties"), "no *.tsv files")
    tables = {}
    for path in files:
        header, rows = read_tsv(path, 3, rep)
        check_sorted(path, header, rows, rep)
        tables[path] = rows

    groups = os.path.join(data_dir, "parties", "groups.tsv")
    slugs = {f[1] for _, f in tables.get(groups, []) if SLUG_RE.match(f[1])}
    if groups not in tables:
        rep.error(groups, "missing: it lists the known party slugs")

    pairs = {}      # (surface, party) -> where
    surfaces = {}   # normalized surface -> {party: where}
    for path, rows in tables.items():
        for no, (surface, party, kind) in rows:
            where = "%s:%d" % (path, no)
            if kind not in KINDS:
                rep.error(where, "unknown kind '%s' (one of %s)"
                          % (kind, ", ".join(sorted(KINDS))))
            if kind == "none" or party == "-":
                if kind != "none" or party != "-":
                    rep.error(where, "kind 'none' goes with party '-' (a phrase"
                              " that is not a party)")
            elif CODE_RE.match(party):
                if party not in codes:
                    rep.error(where, "'%s' is not an ISO 3166-1 alpha-3 code"
                              % party)
            elif SLUG_RE.match(party):
                if party not in slugs:
                    rep.error(where, "slug '%s' is not listed in groups.tsv"
                              % party)
            else:
                rep.error(where, "party '%s' is neither an alpha-3 code nor"
                          " a lowercase slug" % party)
            if norm(surface).startswith("the "):
                rep.error(where, "drop the leading 'the' (the matcher skips"
                          " determiners)")
            if surface.replace(" ", "").isdigit():
                rep.error(where, "bare number as surface")
            if (surface, party) in pairs:
                rep.error(where, "duplicate of %s" % pairs[(surface, party)])
            else:
                pairs[(surface, party)] = where
            if kind != "none":
                surfaces.setdefault(norm(surface), {}).setdefault(party, where)

    for key, by_party in sorted(surfaces.items()):
        if len(by_party) > 1:
            rep.error(sorted(by_party.values())[0],
                      "'%s' maps to several parties: %s" % (key, "; ".join(
                          "%s at %s" % (p, w)
                          for p, w in sorted(by_party.items()))))
    return surfaces


def check_systems(data_dir, codes, party_surfaces, rep):
    path = os.path.join(data_dir, "weapons", "systems.tsv")
    if not os.path.exists(path):
        rep.error(path, "missing")
        return
    header, rows = read_tsv(path, 4, rep)
    check_sorted(path, header, rows, rep)
    aliases = {}     # normalized alias -> (canonical, where)
    canon = {}       # canonical -> (category, origin, where)
    self_line = set()
    exact = {}       # (alias, canonical) -> where
    for no, (alias, name, cat, origin) in rows:
        where = "%s:%d" % (path, no)
        if cat not in CATEGORIES:
            rep.error(where, "unknown category '%s'" % cat)
        if origin != "-" and origin not in codes:
            rep.error(where, "origin '%s' is not an alpha-3 code or '-'"
                      % origin)
        if alias.replace(" ", "").isdigit():
            rep.error(where, "bare number as alias")
        if name in canon and canon[name][:2] != (cat, origin):
            rep.error(where, "'%s' has category/origin %s/%s at %s" % (
                name, canon[name][0], canon[name][1], canon[name][2]))
        canon.setdefault(name, (cat, origin, where))
        if alias == name:
            self_line.add(name)
        # Spelling variants of one system may share a matching form
        # ("Shahed-136", "Shahed 136"); one form naming two systems may not.
        if (alias, name) in exact:
            rep.error(where, "duplicate of %s" % exact[(alias, name)])
        exact.setdefault((alias, name), where)
        key = norm(alias)
        other, at = aliases.setdefault(key, (name, where))
        if other != name:
            rep.error(where, "alias '%s' also names '%s' at %s"
                      % (alias, other, at))
        if key in party_surfaces:
            rep.warn(where, "alias '%s' is also a party surface (%s)" % (
                alias, ", ".join(sorted(party_surfaces[key]))))
    for name in sorted(set(canon) - self_line):
        rep.error(canon[name][2], "canonical '%s' has no line of its own"
                  " (alias == canonical)" % name)
    if len(canon) < MIN_CANONICALS:
        rep.error(path, "only %d canonical systems; expected at least %d"
                  % (len(canon), MIN_CANONICALS))
    return len(canon)


def check_generic(data_dir, systems, rep):
    """generic.tsv: a term may have several senses ("fighters": aircraft,
    personnel), never the same one twice."""
    path = os.path.join(data_dir, "weapons", "generic.tsv")
    header, rows = read_tsv(path, (2, 3), rep, max_header=40)
    seen = {}
    for no, fields in rows:
        term, cat = fields[:2]
        strength = fields[2] if len(fields) > 2 else "strong"
        where = "%s:%d" % (path, no)
        if cat == "none":
            if strength != "block":
                rep.error(where, "category 'none' goes with strength 'block'"
                          " (a phrase that is never a weapon)")
        elif cat not in CATEGORIES:
            rep.error(where, "unknown category '%s'" % cat)
        if strength not in STRENGTHS:
            rep.error(where, "unknown strength '%s' (one of %s)"
                      % (strength, ", ".join(sorted(STRENGTHS))))
        key = (norm(term), cat)
        if key in seen:
            rep.error(where, "'%s' as %s repeats %s" % (term, cat, seen[key]))
        seen.setdefault(key, where)
        if norm(term) in systems:
            rep.warn(where, "'%s' is also a system alias (%s)"
                     % (term, systems[norm(term)]))
    return len(rows)


def check_verbs(data_dir, rep):
    """verbs.tsv: known frames and stages, forms of words with an optional
    :p or :g, no form twice in one frame."""
    path = os.path.join(data_dir, "verbs.tsv")
    header, rows = read_tsv(path, 3, rep, max_header=40)
    seen = {}
    for no, (frame, stage, forms) in rows:
        where = "%s:%d" % (path, no)
        if frame not in FRAMES:
            rep.error(where, "unknown frame '%s' (one of %s)"
                      % (frame, ", ".join(sorted(FRAMES))))
        if stage not in STAGES:
            rep.error(where, "unknown stage '%s' (one of %s)"
                      % (stage, ", ".join(sorted(STAGES))))
        for form in forms.split(" "):
            if not FORM_RE.match(form):
                rep.error(where, "bad form '%s' (a word, '_' joining a"
                          " particle, then :p or :g)" % form)
                continue
            key = (norm(form.split(":")[0].replace("_", " ")), frame)
            if key in seen:
                rep.error(where, "'%s' in frame %s repeats %s"
                          % (form, frame, seen[key]))
            seen.setdefault(key, where)
    return len(rows)


def check_cues(data_dir, rep):
    """cues.tsv: known cues, each described in the header; a phrase may
    carry several cues, never one twice."""
    path = os.path.join(data_dir, "cues.tsv")
    header, rows = read_tsv(path, 2, rep, max_header=40)
    described = set()
    for word in re.findall(r"[a-z_]+", header or ""):
        described.add(word)
    seen = {}
    for no, (phrase, cue) in rows:
        where = "%s:%d" % (path, no)
        if cue not in CUES:
            rep.error(where, "unknown cue '%s' (one of %s)"
                      % (cue, ", ".join(sorted(CUES))))
        elif cue not in described:
            rep.error(where, "cue '%s' is not described in the header" % cue)
        key = (norm(phrase), cue)
        if key in seen:
            rep.error(where, "'%s' as %s repeats %s" % (phrase, cue, seen[key]))
        seen.setdefault(key, where)
    return len(rows)


def group_slugs(data_dir):
    return {v for _, v in tsv_pairs(
        os.path.join(data_dir, "parties", "groups.tsv"), 3, 1)}


def check_adversaries(data_dir, codes, rep):
    path = os.path.join(data_dir, "adversaries.tsv")
    header, rows = read_tsv(path, 2, rep)
    groups = group_slugs(data_dir)
    seen = {}
    for no, (a, b) in rows:
        where = "%s:%d" % (path, no)
        for code in (a, b):
            if code not in codes and code not in groups:
                rep.error(where, "'%s' is neither an ISO 3166-1 alpha-3 code"
                          " nor a slug in groups.tsv" % code)
        if a == b:
            rep.error(where, "'%s' paired with itself" % a)
        key = tuple(sorted((a, b)))
        if key in seen:
            rep.error(where, "pair %s-%s repeats %s" % (a, b, seen[key]))
        seen.setdefault(key, where)
    return len(rows)


def check_claim_slugs(data_dir, rep):
    path = os.path.join(data_dir, "claim_slugs.tsv")
    header, rows = read_tsv(path, 1, rep)
    groups = group_slugs(data_dir)
    seen = {}
    for no, (slug,) in rows:
        where = "%s:%d" % (path, no)
        if not SLUG_RE.match(slug):
            rep.error(where, "'%s' is not a lowercase slug" % slug)
        elif slug not in groups:
            rep.error(where, "slug '%s' is not listed in groups.tsv" % slug)
        if slug in seen:
            rep.error(where, "'%s' repeats %s" % (slug, seen[slug]))
        seen.setdefault(slug, where)
    return len(rows)


def system_aliases(data_dir):
    aliases = {}
    for alias, name in tsv_pairs(
            os.path.join(data_dir, "weapons", "systems.tsv"), 4, 1):
        aliases.setdefault(norm(alias), name)
    return aliases


def vocabularies():
    """The names this checker allows, for the test that keeps them in step
    with the loader's."""
    return {"categories": CATEGORIES, "strengths": STRENGTHS,
            "frames": FRAMES, "cues": CUES, "kinds": KINDS}


def main(argv):
    if argv == ["--vocabularies"]:
        for name, words in sorted(vocabularies().items()):
            print("%s %s" % (name, " ".join(sorted(words))))
        return 0
    if len(argv) > 1 or (argv and argv[0].startswith("-")):
        sys.stderr.write(__doc__.split("\n\n")[-1])
        return 2
    data_dir = argv[0] if argv else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "data")
    if not os.path.isdir(data_dir):
        sys.stderr.write("check_data: %s: not a directory\n" % data_dir)
        return 2
    rep = Report()
    codes = known_codes(data_dir)
    surfaces = check_parties(data_dir, codes, rep)
    n = check_systems(data_dir, codes, surfaces, rep)
    counts = {
        "generic terms": check_generic(data_dir, system_aliases(data_dir), rep),
        "verb rows": check_verbs(data_dir, rep),
        "cues": check_cues(data_dir, rep),
        "adversary pairs": check_adversaries(data_dir, codes, rep),
        "claim slugs": check_claim_slugs(data_dir, rep),
    }
    if rep.problems:
        print("check_data: %d problem(s)" % rep.problems)
        return 1
    print("check_data: ok: %d party surfaces, %d canonical systems, %s"
          % (len(surfaces), n or 0,
             ", ".join("%d %s" % (v, k) for k, v in counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
