#!/usr/bin/env python3
"""derive-bench - data for measuring the derivation (tools only, not run by
make check): a registry of COMPANIES companies with three lines each and a
legal representative, and FAXES already-read XML faxes (setting xml_faxes)
on its lines, received over the weeks before 2026-11-25: mostly fault
forms, some theft sets (block, denunciation, identity), some address
changes.

usage: derive-bench.py OUTDIR COMPANIES FAXES [SEED]
writes OUTDIR/registry.xml and OUTDIR/faxes/NNNNNN.xml (feed them to a home
with xml_faxes = yes; `run --once --timings` then shows the derivation as
"validation + rules")."""
import os, random, sys

def vat(n):
    d = [int(c) for c in "%010d" % n]
    s = sum(d[i] if i % 2 == 0 else (2 * d[i] - 9 if 2 * d[i] > 9 else 2 * d[i]) for i in range(10))
    return "%010d%d" % (n, (10 - s % 10) % 10)

def imei(n):
    p = "35%012d" % n
    s = 0
    for i, c in enumerate(p):
        v = int(c)
        if i % 2 == 1:
            v *= 2
            v = v - 9 if v > 9 else v
        s += v
    return p + str((10 - s % 10) % 10)

ODD = {c: v for c, v in zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
       [1,0,5,7,9,13,15,17,19,21,1,0,5,7,9,13,15,17,19,21,2,4,18,20,11,3,6,8,12,14,16,10,22,25,24,23])}
def even(c):
    return int(c) if c.isdigit() else ord(c) - 65

def cf_part(s, given):
    s = s.upper()
    cons = [c for c in s if c.isalpha() and c not in "AEIOU"]
    vow = [c for c in s if c in "AEIOU"]
    if given and len(cons) >= 4:
        cons = [cons[0], cons[2], cons[3]]
    return ("".join(cons + vow) + "XXX")[:3]

def fiscal(surname, name, y, m, d):
    b = cf_part(surname, False) + cf_part(name, True) + "%02d%s%02dF205" % (y % 100, "ABCDEHLMPRST"[m - 1], d)
    s = sum(ODD[c] if i % 2 == 0 else even(c) for i, c in enumerate(b))
    return b + chr(65 + s % 26)

SURNAMES = ["Rossi", "Bianchi", "Verdi", "Russo", "Ferrari", "Esposito", "Romano", "Colombo",
            "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "Costa", "Giordano"]
NAMES = ["Mario", "Luca", "Paolo", "Marco", "Andrea", "Giulia", "Anna", "Sara", "Elena", "Franco"]

def main():
    out, ncomp, nfax = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    os.makedirs(out + "/faxes", exist_ok=True)
    comps = []
    with open(out + "/registry.xml", "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<registry xmlns="urn:faxintake:registry:1"'
                ' generated="2026-11-23T22:00:00+01:00">\n')
        for i in range(ncomp):
            sn, nm = SURNAMES[i % 16], NAMES[(i // 16) % 10]
            k = i // 160
            y, m, d = 1940 + k % 60, 1 + (k // 60) % 12, 1 + (k // 720) % 28
            cf = fiscal(sn, nm, y, m, d)
            c = dict(vat=vat(1000000 + i), name="Ditta %d S.r.l." % i, cf=cf, signer="%s %s" % (nm, sn),
                     surname=sn.upper(), given=nm.upper(), birth="%04d-%02d-%02d" % (y, m, d),
                     lines=[("3%09d" % (100000000 + 3 * i + j), imei(3 * i + j)) for j in range(3)])
            comps.append(c)
            f.write('  <company vat="%s" name="%s">\n' % (c["vat"], c["name"]))
            f.write('    <address effective="2025-01-01T00:00:00+01:00">Via Roma %d, 20121 Milano MI</address>\n' % i)
            f.write('    <person fiscal-code="%s" name="%s" role="legal-representative"/>\n' % (cf, c["signer"]))
            for ln, im in c["lines"]:
                f.write('    <line number="%s" imei="%s" model="Samsung Galaxy S24" coverage-start="2025-03-01"'
                        ' coverage-end="2027-02-28"/>\n' % (ln, im))
            f.write('  </company>\n')
        f.write('</registry>\n')
    for n in range(nfax):
        c = rng.choice(comps)
        ln, im = rng.choice(c["lines"])
        day = 1 + n * 40 // max(nfax, 1)        # spread over 40 days, mostly in receipt order
        when = "2026-10-%02dT%02d:%02d:%02d+01:00" % (min(day, 31), 8 + rng.randrange(10), rng.randrange(60), rng.randrange(60)) \
            if day <= 31 else "2026-11-%02dT%02d:%02d:%02d+01:00" % (day - 31 + 14, 8 + rng.randrange(10), rng.randrange(60), rng.randrange(60))
        date = when[:10]
        common = ("<company>%s</company><vat>%s</vat><line>%s</line><imei>%s</imei>"
                  "<model>Samsung Galaxy S24</model>" % (c["name"], c["vat"], ln, im))
        r = rng.random()
        docs = []
        if r < 0.8:
            addr = "Via Nuova %d, 20121 Milano MI" % n if rng.random() < 0.05 else "Via Roma 1, 20121 Milano MI"
            docs.append("<onsite>%s<claim>fault</claim><description>Lo schermo resta nero</description>"
                        "<address>%s</address><contact>%s</contact><contact_phone>02 5550100</contact_phone>"
                        "<declaration>true</declaration><signer>%s</signer><signer_role>legal-representative</signer_role>"
                        "<signer_cf>%s</signer_cf><place>Milano</place><date>%s</date><signature>true</signature></onsite>"
                        % (common, addr, c["signer"], c["signer"], c["cf"], date))
        else:
            docs.append("<block>%s<event>theft</event><event_date>%s</event_date><event_place>Milano</event_place>"
                        "<delivery>point</delivery><signer>%s</signer><signer_cf>%s</signer_cf>"
                        "<id_document>CA12345AB</id_document><date>%s</date><signature>true</signature></block>"
                        % (common, date, c["signer"], c["cf"], date))
            docs.append("<denunciation><authority>Stazione Carabinieri di Milano</authority><number>%d/2026</number>"
                        "<date>%s</date><event>theft</event><event_date>%s</event_date><reporter>%s</reporter>"
                        "<reporter_cf>%s</reporter_cf><imei>%s</imei><line>%s</line></denunciation>"
                        % (n, date, date, c["signer"], c["cf"], im, ln))
            docs.append("<identity><kind>electronic-id-card</kind><number>CA12345AB</number><surname>%s</surname>"
                        "<name>%s</name><birth_date>%s</birth_date><expiry>2031-01-01</expiry>"
                        "<fiscal_code>%s</fiscal_code></identity>" % (c["surname"], c["given"], c["birth"], c["cf"]))
        with open("%s/faxes/%06d.xml" % (out, n), "w") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n<fax xmlns="urn:faxintake:fax:1" received="%s"'
                    ' sender="+39 02 5550100">\n' % when)
            for d in docs:
                i = d.index(">")
                f.write(d[:i] + ' xmlns="urn:faxintake:document:1"' + d[i:] + "\n")
            f.write("</fax>\n")

main()
