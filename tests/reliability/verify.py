#!/usr/bin/env python3
# verify.py - the invariants of a faxintake home after any mishap (crash,
# full disk, I/O error, lock): nothing lost, nothing doubled.
#
#   verify.py HOME --dropped N [--duplicates N] [--refused N]
#             [--report-dates FILE] [--faxintake BIN] [--schemas DIR]
#
# Checks:
#   - `faxintake export` lists exactly N faxes, each processed, duplicate or
#     corrupt; every file name once (--names FILE: exactly these names);
#   - duplicates (when given): that many faxes with status duplicate and
#     each duplicate's sha256 has exactly one non-duplicate original;
#   - no case holds two tickets, no ticket id twice;
#   - the outbox holds, for every ticket row (id, revision N), exactly the
#     files id.xml, id.r2.xml .. id.rN.xml, and nothing else visible; each
#     validates against ticket.xsd and carries its id and revision; the
#     last one equals the row's xml;
#   - PRAGMA integrity_check is ok; foreign keys hold;
#   - spool/work and spool/incoming are empty; archive + corrupt + refused
#     hold N files and every fax's recorded place exists;
#   - --report-dates FILE: the tickets' report dates (ISO, one a line) are
#     exactly those (as a multiset): the outcome does not depend on how
#     many runs or crashes it took.
# Exit 0 when all hold, 1 with one line per broken invariant.
import argparse
import os
import re
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = "{urn:faxintake:export:1}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("home")
    ap.add_argument("--dropped", type=int, required=True)
    ap.add_argument("--duplicates", type=int)
    ap.add_argument("--refused", type=int)
    ap.add_argument("--report-dates")
    ap.add_argument("--names")
    ap.add_argument("--faxintake", default=os.path.join(os.environ.get("BUILD", "build"), "faxintake"))
    ap.add_argument("--schemas", default=os.environ.get("FAXINTAKE_SCHEMAS", "schemas"))
    ap.add_argument("--allow-incoming", action="store_true",
                    help="files may still wait in spool/incoming (counted as in line)")
    a = ap.parse_args()
    bad = []
    home = a.home

    # --- the export
    r = subprocess.run([a.faxintake, "-H", home, "export"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if r.returncode != 0:
        print("export failed: %s" % r.stderr.decode(errors="replace"))
        return 1
    root = ET.fromstring(r.stdout)
    faxes = root.findall(NS + "fax")
    if len(faxes) != a.dropped:
        bad.append("export lists %d faxes, %d files were dropped" % (len(faxes), a.dropped))
    names = {}
    for f in faxes:
        st = f.get("status")
        if st not in ("processed", "duplicate", "corrupt"):
            bad.append("fax %s has status %r" % (f.get("id"), st))
        n = f.get("file")
        if n is None and f.get("file-hex") is not None:
            n = "hex:" + f.get("file-hex")
        names[n] = names.get(n, 0) + 1
    for n, c in names.items():
        if c != 1:
            bad.append("file %r appears %d times in the export" % (n, c))
    if a.names:
        want = [l.rstrip("\n") for l in open(a.names, encoding="utf-8", errors="surrogateescape")]
        missing = [n for n in want if n not in names]
        if missing:
            bad.append("files missing from the export: %r" % missing[:10])
    dups = [f for f in faxes if f.get("status") == "duplicate"]
    if a.duplicates is not None and len(dups) != a.duplicates:
        bad.append("%d duplicates, expected %d" % (len(dups), a.duplicates))
    orig = {}
    for f in faxes:
        if f.get("status") != "duplicate":
            orig.setdefault(f.get("sha256"), []).append(f.get("id"))
    for f in faxes:
        sha = f.get("sha256")
        if len(orig.get(sha, [])) != 1:
            bad.append("content %s.. has %d originals (%s)" % (sha[:12], len(orig.get(sha, [])),
                                                              f.get("id")))
    refused = [f for f in faxes if any(x.get("code") == "REFUSED_FILE" for x in f.findall(NS + "reason"))]
    if a.refused is not None and len(refused) != a.refused:
        bad.append("%d refused, expected %d" % (len(refused), a.refused))
    tickets = root.findall(NS + "ticket")
    tid = [t.get("id") for t in tickets]
    if len(set(tid)) != len(tid):
        bad.append("a ticket id appears twice in the export")
    tcase = [t.get("case") for t in tickets]
    if len(set(tcase)) != len(tcase):
        bad.append("a case holds two tickets")

    # --- the database
    db = sqlite3.connect("file:%s/faxintake.db?mode=ro" % home, uri=True)
    ic = db.execute("PRAGMA integrity_check").fetchall()
    if ic != [("ok",)]:
        bad.append("integrity_check: %r" % ic[:5])
    fk = db.execute("PRAGMA foreign_key_check").fetchall()
    if fk:
        bad.append("foreign_key_check: %r" % fk[:5])
    rows = db.execute("SELECT id, revision, xml, written FROM tickets").fetchall()
    if sorted(r[0] for r in rows) != sorted(tid):
        bad.append("tickets in the export and in the database differ")

    # --- the outbox
    outbox = os.path.join(home, "outbox")
    visible = set(n for n in os.listdir(outbox) if not n.startswith("."))
    want = {}
    for t, rev, xml, written in rows:
        if written != rev:
            bad.append("ticket %s: revision %d, written %d" % (t, rev, written))
        for k in range(1, rev + 1):
            want["%s.xml" % t if k == 1 else "%s.r%d.xml" % (t, k)] = (t, k, xml if k == rev else None)
    for n in sorted(visible - set(want)):
        bad.append("outbox file %s matches no ticket revision" % n)
    for n in sorted(set(want) - visible):
        bad.append("ticket revision %s is missing from the outbox" % n)
    for n in sorted(visible & set(want)):
        p = os.path.join(outbox, n)
        t, k, xml = want[n]
        data = open(p, "rb").read()
        v = subprocess.run(["xmllint", "--noout", "--schema", os.path.join(a.schemas, "ticket.xsd"), p],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if v.returncode != 0:
            bad.append("outbox %s does not validate: %s" % (n, v.stderr.decode(errors="replace")[:200]))
            continue
        el = ET.fromstring(data)
        if el.get("id") != t or el.get("revision") != str(k):
            bad.append("outbox %s carries id %s revision %s" % (n, el.get("id"), el.get("revision")))
        if xml is not None and data.decode() != xml:
            bad.append("outbox %s differs from the ticket row" % n)
    if a.report_dates:
        want_dates = sorted(l.strip() for l in open(a.report_dates) if l.strip())
        got = sorted(t.get("report-date") for t in tickets)
        if got != want_dates:
            bad.append("report dates %r, expected %r" % (got, want_dates))

    # --- the spool
    sp = os.path.join(home, "spool")
    work = os.listdir(os.path.join(sp, "work"))
    if work:
        bad.append("spool/work not empty: %r" % work[:5])
    inc = [n for n in os.listdir(os.path.join(sp, "incoming"))]
    if inc and not a.allow_incoming:
        bad.append("spool/incoming not empty: %r" % inc[:5])
    kept = 0
    for dp, dn, fn in os.walk(os.path.join(sp, "archive")):
        kept += len(fn)
    for sub in ("corrupt", "refused"):  # any kind of entry: links, fifos, folders
        kept += len(os.listdir(os.path.join(sp, sub)))
    if kept != a.dropped:
        bad.append("archive + corrupt + refused hold %d entries, %d were dropped" % (kept, a.dropped))
    for fid, place in db.execute("SELECT id, CAST(archived AS BLOB) FROM faxes"):
        if not place or not os.path.lexists(bytes(place)):
            bad.append("fax F-%06d: recorded place %r does not exist" % (fid, place))
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
