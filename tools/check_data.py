#!/usr/bin/env python3
"""check_data.py: validate the dictionary TSV files under data/.

Checks data/parties/*.tsv (surface, party, kind) and data/weapons/systems.tsv
(alias, canonical, category, origin): header, columns, allowed values, party
codes, duplicates, conflicts between files and sort order. Prints one
"file:line: message" per problem and exits 1 if there was any.

usage: check_data.py [DATA_DIR]        (default: the data/ beside tools/)
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


def read_tsv(path, ncols, rep):
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
    if not 2 <= len(header) <= 5:
        rep.error(path + ":1", "expected a 2-5 line '#' header, found %d"
                  % len(header))
    rows = []
    for no, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        where = "%s:%d" % (path, no)
        if len(fields) != ncols:
            rep.error(where, "expected %d tab-separated columns, found %d"
                      % (ncols, len(fields)))
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
    path = os.path.join(data_dir, "parties", "countries.tsv")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if not line.startswith("#") and len(parts) == 3:
                    codes.add(parts[1])
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


def main(argv):
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
    # Other data files belong to other parts of the extractor and have
    # formats of their own: name them, so nobody thinks they were checked.
    other = []
    for path in sorted(glob.glob(os.path.join(data_dir, "**", "*.tsv"),
                                 recursive=True)):
        rel = os.path.relpath(path, data_dir)
        if not (rel.startswith("parties" + os.sep)
                or rel == os.path.join("weapons", "systems.tsv")):
            other.append(rel)
    if other:
        sys.stderr.write("check_data: no schema here, not checked: %s\n"
                         % ", ".join(other))
    if rep.problems:
        print("check_data: %d problem(s)" % rep.problems)
        return 1
    print("check_data: ok: %d party surfaces, %d canonical systems"
          % (len(surfaces), n or 0))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
