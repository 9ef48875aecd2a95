#!/usr/bin/env python3
# hostile.py DIR GOOD.tif SEED: writes hostile TIFFs (bytes made by hand)
# into DIR, one per name below; GOOD.tif (a real fax) is the base of the
# truncated and bit-flipped ones.
#   huge.tif        one page claiming 100000 x 100000 pixels (G4, tiny strip)
#   pages5000.tif   5000 pages of 16 x 16 bilevel
#   colour.tif      RGB 8 bits, 200 x 100      grey.tif   8-bit grey, 200 x 100
#   loop.tif        an IFD whose next offset points back at itself
#   bigstrip.tif    a strip claiming 4 GiB of bytes
#   zerowidth.tif   width 0                    badbps.tif  BitsPerSample 13
#   hugetags.tif    an IFD claiming 65535 entries
#   truncated.tif, truncated-ifd.tif, random.tif, random-ii.tif,
#   empty.tif, text.tif, bitflip-N.tif (N = 1..10)
import os
import random
import struct
import sys

SHORT, LONG, RATIONAL = 3, 4, 5


def ifd_bytes(entries, next_off, base):
    """entries: list of (tag, type, values). Returns (ifd, extra) where extra
    holds out-of-line values placed right after the IFD, at base."""
    entries = sorted(entries)
    n = len(entries)
    ifd_len = 2 + 12 * n + 4
    extra = b""
    body = struct.pack("<H", n)
    for tag, typ, vals in entries:
        if typ == SHORT:
            raw = b"".join(struct.pack("<H", v) for v in vals)
        elif typ == LONG:
            raw = b"".join(struct.pack("<I", v) for v in vals)
        else:
            raw = b"".join(struct.pack("<II", a, b) for a, b in vals)
        if len(raw) <= 4:
            body += struct.pack("<HHI", tag, typ, len(vals)) + raw.ljust(4, b"\0")
        else:
            off = base + ifd_len + len(extra)
            body += struct.pack("<HHII", tag, typ, len(vals), off)
            extra += raw
            if len(extra) % 2:
                extra += b"\0"
    body += struct.pack("<I", next_off)
    return body, extra


def page_entries(w, h, bps, spp, photo, comp, data_off, data_len, extra=()):
    e = [(256, LONG, [w]), (257, LONG, [h]), (258, SHORT, [bps] * spp),
         (259, SHORT, [comp]), (262, SHORT, [photo]), (273, LONG, [data_off]),
         (277, SHORT, [spp]), (278, LONG, [h]), (279, LONG, [data_len]),
         (282, RATIONAL, [(204, 1)]), (283, RATIONAL, [(196, 1)]), (296, SHORT, [2])]
    e += list(extra)
    return e


def tiff(pages):
    """pages: list of (entries_without_data, data). Data follows each IFD."""
    out = bytearray(b"II*\0" + struct.pack("<I", 8))
    for i, (mk, data) in enumerate(pages):
        ifd_off = len(out)
        # lay out: IFD, extra, data; the IFD needs data's offset: two passes
        ents = mk(0, len(data))
        body, extra = ifd_bytes(ents, 0, ifd_off)
        data_off = ifd_off + len(body) + len(extra)
        last = i == len(pages) - 1
        next_off = 0 if last else data_off + len(data) + (len(data) % 2)
        body, extra = ifd_bytes(mk(data_off, len(data)), next_off, ifd_off)
        out += body + extra + data
        if len(data) % 2:
            out += b"\0"
    return bytes(out)


def simple(w, h, bps, spp, photo, comp, data, extra=()):
    return tiff([(lambda off, ln: page_entries(w, h, bps, spp, photo, comp, off, ln, extra), data)])


def main():
    d, good, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rnd = random.Random(seed)
    g = open(good, "rb").read()
    files = {}
    files["huge.tif"] = simple(100000, 100000, 1, 1, 0, 4, b"\0" * 64)
    bl = bytes(2 * 16)  # 16 x 16 bilevel uncompressed: 2 bytes a row
    files["pages5000.tif"] = tiff([(lambda off, ln: page_entries(16, 16, 1, 1, 0, 1, off, ln), bl)] * 5000)
    files["colour.tif"] = simple(200, 100, 8, 3, 2, 1, bytes(rnd.randrange(256) for _ in range(200 * 100 * 3)))
    files["grey.tif"] = simple(200, 100, 8, 1, 1, 1, bytes(rnd.randrange(256) for _ in range(200 * 100)))
    loop = bytearray(simple(16, 16, 1, 1, 0, 1, bl))
    n = struct.unpack_from("<H", loop, 8)[0]
    struct.pack_into("<I", loop, 8 + 2 + 12 * n, 8)  # next IFD: itself
    files["loop.tif"] = bytes(loop)
    files["bigstrip.tif"] = tiff([(lambda off, ln: page_entries(1728, 2200, 1, 1, 0, 1, off, 0xFFFFFFF0), bl)])
    files["zerowidth.tif"] = simple(0, 16, 1, 1, 0, 1, bl)
    files["badbps.tif"] = simple(16, 16, 13, 1, 0, 1, bl)
    files["hugetags.tif"] = b"II*\0" + struct.pack("<I", 8) + struct.pack("<H", 65535) + bytes(rnd.randrange(256) for _ in range(4096))
    files["truncated.tif"] = g[: len(g) // 3]
    # cut inside the first IFD (it sits where the header points)
    ifd0 = struct.unpack_from("<I", g, 4)[0]
    files["truncated-ifd.tif"] = g[: ifd0 + 20]
    files["random.tif"] = bytes(rnd.randrange(256) for _ in range(65536))
    files["random-ii.tif"] = b"II*\0" + bytes(rnd.randrange(256) for _ in range(65536))
    files["empty.tif"] = b""
    files["text.tif"] = b"this is not a fax\n" * 10
    for k in range(1, 11):
        b = bytearray(g)
        for _ in range(k * 3):
            i = rnd.randrange(len(b))
            b[i] ^= 1 << rnd.randrange(8)
        files["bitflip-%d.tif" % k] = bytes(b)
    for name, data in files.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
