#!/usr/bin/env python3
"""Draws the toolbar icons (a saffron shield-circle with a white "!") as PNGs.
Run once; the PNGs are committed. Pure standard library: no image tools needed."""
import struct, zlib, sys, os

def png(size):
    rows = []
    c = (size - 1) / 2.0
    r = size / 2.0
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            dx, dy = x - c, y - c
            d = (dx * dx + dy * dy) ** 0.5
            a = max(0.0, min(1.0, r - d))  # anti-aliased edge
            # the "!" : a bar and a dot, in white
            bw = max(1.0, size * 0.14)
            bar = abs(dx) <= bw / 2 and size * 0.18 <= y <= size * 0.60
            dot = ((dx) ** 2 + (y - size * 0.76) ** 2) ** 0.5 <= bw * 0.62
            if bar or dot:
                px = (255, 255, 255)
            else:
                px = (180, 62, 9)  # #b43e09, white on it is > 4.5:1
            row += bytes(px) + bytes([int(a * 255)])
        rows.append(bytes(row))
    raw = b"".join(rows)
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))

out = sys.argv[1] if len(sys.argv) > 1 else "extension/icons"
os.makedirs(out, exist_ok=True)
for s in (16, 32, 48, 128):
    with open(os.path.join(out, f"icon-{s}.png"), "wb") as f:
        f.write(png(s))
