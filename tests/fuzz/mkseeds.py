#!/usr/bin/env python3
"""Writes the hand-made seeds of tests/fuzz/corpus/tiff/: tiny bilevel TIFFs
(uncompressed, several strips, min-is-black, big-endian), broken ones
(truncated strip, directory loop, absurd size, 16 bits per sample) and
hostile sender TSIs.
The mkfax seeds are made with build/mkfax (see tests/fuzz/README)."""
import os
import struct
import sys

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus", "tiff")


def tiff(w, h, strips, photo=0, bps=1, endian="<", comp=1, loop=False, extra=None, cut=None):
    """strips: list of bytes; rows per strip = ceil(h / len(strips))."""
    rps = -(-h // len(strips))
    body = b"".join(strips)
    data_off = 8
    ifd_off = data_off + len(body)
    ifd_off += ifd_off & 1
    offs, o = [], data_off
    for s in strips:
        offs.append(o)
        o += len(s)
    n = len(strips)
    # arrays of offsets/counts go after the IFD when more than one strip
    entries = [
        (256, 4, 1, w), (257, 4, 1, h), (258, 3, 1, bps), (259, 3, 1, comp),
        (262, 3, 1, photo), (277, 3, 1, 1), (278, 4, 1, rps),
    ] + (extra or [])
    nent = len(entries) + 2
    ifd_size = 2 + 12 * nent + 4
    arr_off = ifd_off + ifd_size
    if n == 1:
        entries += [(273, 4, 1, offs[0]), (279, 4, 1, len(strips[0]))]
        arrays = b""
    else:
        entries += [(273, 4, n, arr_off), (279, 4, n, arr_off + 4 * n)]
        arrays = struct.pack(endian + "%dI" % n, *offs) + struct.pack(endian + "%dI" % n, *[len(s) for s in strips])
    entries.sort()
    hdr = (b"II" if endian == "<" else b"MM") + struct.pack(endian + "HI", 42, ifd_off)
    ifd = struct.pack(endian + "H", len(entries))
    for tag, typ, cnt, val in entries:
        if typ == 3 and cnt == 1:
            ifd += struct.pack(endian + "HHIHH", tag, typ, cnt, val, 0)
        else:
            ifd += struct.pack(endian + "HHII", tag, typ, cnt, val)
    ifd += struct.pack(endian + "I", ifd_off if loop else 0)
    b = hdr + body + (b"\0" if (8 + len(body)) & 1 else b"") + ifd + arrays
    return b[:cut] if cut else b


def tiff_desc(desc):
    """A 16x16 page whose ImageDescription (the sender's TSI) is desc."""
    strip = bytes([0x0F, 0xF0]) * 16
    desc_off = 8 + len(strip)
    ifd_off = desc_off + len(desc)
    ifd_off += ifd_off & 1
    ents = [(256, 4, 1, 16), (257, 4, 1, 16), (258, 3, 1, 1), (259, 3, 1, 1), (262, 3, 1, 0),
            (270, 2, len(desc), desc_off), (273, 4, 1, 8), (277, 3, 1, 1), (278, 4, 1, 16),
            (279, 4, 1, len(strip))]
    b = b"II" + struct.pack("<HI", 42, ifd_off) + strip + desc
    b += b"\0" * (len(b) & 1) + struct.pack("<H", len(ents))
    for t, ty, c, v in ents:
        b += struct.pack("<HHIHH", t, ty, c, v, 0) if ty == 3 else struct.pack("<HHII", t, ty, c, v)
    return b + struct.pack("<I", 0)


def rows(w, h, pat):
    rb = (w + 7) // 8
    return bytes(pat(r, c) for r in range(h) for c in range(rb))


seeds = {
    "ok-tiny-16x16-none.tif": tiff(16, 16, [rows(16, 16, lambda r, c: 0xAA if r % 2 else 0x0F)]),
    "ok-tiny-40x30-3strips-black.tif": tiff(40, 30, [rows(40, 10, lambda r, c: r * 7 + c)] * 3, photo=1),
    "ok-tiny-24x20-bigendian.tif": tiff(24, 20, [rows(24, 20, lambda r, c: 0xF0)], endian=">"),
    "tiny-short-strip.tif": tiff(32, 32, [rows(32, 10, lambda r, c: 0x55)]),
    "bad-strip-past-end.tif": tiff(32, 32, [rows(32, 32, lambda r, c: 1)], cut=100),
    "bad-ifd-loop.tif": tiff(16, 16, [rows(16, 16, lambda r, c: 0)], loop=True),
    "bad-huge.tif": tiff(100000, 100000, [b"\0" * 64]),
    "bad-16bit.tif": tiff(16, 16, [b"\0" * 512], bps=16),
    "bad-g3-garbage.tif": tiff(64, 64, [bytes(range(256))], comp=3),
    "bad-g4-garbage.tif": tiff(64, 64, [bytes(range(255, -1, -1))], comp=4),
    "bad-header.tif": b"II*\0\xff\xff\xff\x7f" + b"\0" * 16,
    # found by the TSI property: a 128-byte cut in the middle of a character,
    # and U+FFFF with a control character (both once broke `export`)
    "bad-tsi-cut-in-utf8.tif": tiff_desc(b"a" * 127 + "\u00e9".encode() + b"\0"),
    "bad-tsi-noncharacter.tif": tiff_desc(b"+39 02\xef\xbf\xbf 5550100\x01\0"),
}
os.makedirs(out, exist_ok=True)
for name, b in seeds.items():
    with open(os.path.join(out, name), "wb") as f:
        f.write(b)
