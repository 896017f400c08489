"""An 8-bit RGBA PNG as an indexed PNG of at most 256 colours (issue 23, light pages).

Chrome fetches the manifest's 192 px icon on every page it checks the guide can be installed from:
Chromium's screenshot of it is 4.6 KB of RGBA; indexed, under 2 KB. Icons drawn from the site's SVG
have few colours: the flat ones and the anti-aliased edge's blends. An image of at most 256 colours
is kept exactly; above that, the most common 255 are kept and each rarer colour (an edge pixel)
becomes the nearest kept one, so no pixel moves far (the change of each channel is returned).

Pure Python (zlib and struct): no image package to install. Used by scripts/make_icons.py;
`.venv/bin/python scripts/png_palette.py FILE.png...` rewrites committed PNGs in place.
"""
from __future__ import annotations

import struct
import sys
import zlib
from collections import Counter
from pathlib import Path

SIGNATURE = b"\x89PNG\r\n\x1a\n"
Pixel = tuple[int, int, int, int]


def read_rgba(data: bytes) -> tuple[int, int, list[list[Pixel]]]:
    """(width, height, rows of RGBA pixels) of an 8-bit, non-interlaced RGB, RGBA or indexed PNG."""
    if not data.startswith(SIGNATURE):
        raise ValueError("not a PNG file")
    pos, idat, header, colours, alphas = len(SIGNATURE), b"", None, b"", b""
    while pos < len(data):
        (length,), kind = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"PLTE":
            colours = body
        elif kind == b"tRNS":
            alphas = body
    if header is None or header[2] != 8 or header[3] not in (2, 3, 6) or header[6] != 0:
        raise ValueError("expected an 8-bit, non-interlaced RGB, RGBA or indexed PNG")
    width, height, channels = header[0], header[1], {2: 3, 3: 1, 6: 4}[header[3]]
    raw, stride = zlib.decompress(idat), width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        line = _unfilter(raw[start], bytearray(raw[start + 1:start + 1 + stride]), previous, channels)
        rows.append([_pixel(line[x:x + channels], colours, alphas) for x in range(0, stride, channels)])
        previous = line
    return width, height, rows


def _pixel(values: bytearray, colours: bytes, alphas: bytes) -> Pixel:
    if len(values) == 1:  # an index into PLTE; tRNS gives the alpha of the first entries
        i = values[0]
        return (*colours[3 * i:3 * i + 3], alphas[i] if i < len(alphas) else 255)  # type: ignore[return-value]
    return tuple(values) + ((255,) if len(values) == 3 else ())  # type: ignore[return-value]


def _unfilter(kind: int, line: bytearray, previous: bytearray, step: int) -> bytearray:
    for x in range(len(line)):
        left = line[x - step] if x >= step else 0
        up, corner = previous[x], previous[x - step] if x >= step else 0
        if kind == 1:
            line[x] = (line[x] + left) & 255
        elif kind == 2:
            line[x] = (line[x] + up) & 255
        elif kind == 3:
            line[x] = (line[x] + ((left + up) >> 1)) & 255
        elif kind == 4:
            guess = left + up - corner
            near = min((abs(guess - left), 0, left), (abs(guess - up), 1, up), (abs(guess - corner), 2, corner))
            line[x] = (line[x] + near[2]) & 255
    return line


def palette_for(rows: list[list[Pixel]]) -> tuple[dict[Pixel, Pixel], int]:
    """Each colour -> the colour it becomes, and the largest change of any channel."""
    counts = Counter(pixel for row in rows for pixel in row)
    if len(counts) <= 256:
        return {colour: colour for colour in counts}, 0
    kept = [colour for colour, _ in counts.most_common(255)]
    mapping = {colour: colour for colour in kept}
    for colour in counts:
        if colour not in mapping:
            mapping[colour] = min(kept, key=lambda other: sum((a - b) ** 2 for a, b in zip(colour, other)))
    change = max(abs(a - b) for colour, other in mapping.items() for a, b in zip(colour, other))
    return mapping, change


def indexed_png(width: int, height: int, rows: list[list[Pixel]], mapping: dict[Pixel, Pixel]) -> bytes:
    """The image as an indexed PNG: PLTE, tRNS for the colours that are not opaque (listed first), IDAT."""
    colours = sorted(set(mapping.values()), key=lambda colour: colour[3] == 255)
    index = {colour: i for i, colour in enumerate(colours)}
    raw = b"".join(b"\x00" + bytes(index[mapping[pixel]] for pixel in row) for row in rows)
    alphas = bytes(colour[3] for colour in colours if colour[3] != 255)
    chunks = [(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)),
              (b"PLTE", b"".join(bytes(colour[:3]) for colour in colours))]
    chunks += [(b"tRNS", alphas)] if alphas else []
    chunks += [(b"IDAT", zlib.compress(raw, 9)), (b"IEND", b"")]
    return SIGNATURE + b"".join(struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
                                for kind, body in chunks)


def to_palette(data: bytes) -> tuple[bytes, int]:
    """The PNG `data` indexed, and the largest change of any pixel's channel (0: the same image)."""
    width, height, rows = read_rgba(data)
    mapping, change = palette_for(rows)
    return indexed_png(width, height, rows, mapping), change


def main(paths: list[str]) -> int:
    for name in paths:
        path = Path(name)
        before = path.read_bytes()
        after, change = to_palette(before)
        if len(after) < len(before):
            path.write_bytes(after)
        print(f"{name}: {len(before)} -> {min(len(after), len(before))} bytes (largest channel change {change})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
