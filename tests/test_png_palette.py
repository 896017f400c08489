"""The manifest's icons as indexed PNGs (issue 23, light pages): scripts/png_palette.py keeps an image
of at most 256 colours exactly and moves a rarer edge colour of a larger one only to its nearest kept
colour; scripts/make_icons.py writes every icon through it, and the committed icons are indexed."""
from __future__ import annotations

import json
import struct
import sys
import zlib
from pathlib import Path

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from png_palette import SIGNATURE, read_rgba, to_palette  # noqa: E402

sys.path.insert(0, str(ROOT / "hooks"))
from otsite.web_manifest import web_manifest  # noqa: E402

ICONS = sorted((ROOT / "overrides" / "assets" / "icons").glob("*.png"))
MANIFEST_ICONS = [icon for icon in ICONS if icon.name != "apple-touch-icon.png"]  # iOS's stays opaque RGB (test_installable)


def web_manifest_icons() -> list[dict]:
    return json.loads(web_manifest("Guide", "Guide", "", "en"))["icons"]


def rgba_png(rows: list[list[tuple[int, int, int, int]]]) -> bytes:
    """An 8-bit RGBA PNG of `rows`, unfiltered, as a screenshot could be."""
    raw = b"".join(b"\x00" + bytes(v for pixel in row for v in pixel) for row in rows)
    chunks = [(b"IHDR", struct.pack(">IIBBBBB", len(rows[0]), len(rows), 8, 6, 0, 0, 0)), (b"IDAT", zlib.compress(raw)), (b"IEND", b"")]
    return SIGNATURE + b"".join(struct.pack(">I", len(b)) + k + b + struct.pack(">I", zlib.crc32(k + b)) for k, b in chunks)


def colour_type(data: bytes) -> int:
    return data[len(SIGNATURE) + 8 + 9]  # IHDR's body starts after its length and name; colour type is its 10th byte


def test_an_image_of_few_colours_is_kept_exactly() -> None:
    rows = [[(x * 16, y * 16, 200, 255 if x else 0) for x in range(16)] for y in range(16)]  # 256 colours
    indexed, change = to_palette(rgba_png(rows))
    assert change == 0 and colour_type(indexed) == 3
    assert read_rgba(indexed)[2] == rows


def test_a_rare_colour_becomes_the_nearest_common_one() -> None:
    common = [(k, 255 - k, 100, 255) for k in range(255)]  # 255 colours, each in a row of its own
    rows = [[colour] * 8 for colour in common]
    rare = [(k, 255 - k, 103, 255) for k in range(0, 255, 5)]  # 51 more, each once: 3 off a common one
    rows.append(rare[:8])
    rows += [rare[i:i + 8] + [common[0]] * (8 - len(rare[i:i + 8])) for i in range(8, len(rare), 8)]
    indexed, change = to_palette(rgba_png(rows))
    width, height, back = read_rgba(indexed)
    assert (width, height) == (8, len(rows)) and colour_type(indexed) == 3
    assert back[:255] == rows[:255], "a common colour changed"
    assert change == 3 and [pixel[:2] for pixel in back[255]] == [pixel[:2] for pixel in rare[:8]]


def test_the_committed_icons_are_indexed_and_make_icons_writes_them_so() -> None:
    assert MANIFEST_ICONS
    for icon in MANIFEST_ICONS:
        data = icon.read_bytes()
        assert colour_type(data) == 3, f"{icon.name}: RGBA, not indexed (run scripts/png_palette.py on it)"
        assert to_palette(data)[1] == 0, f"{icon.name}: more than 256 colours"
    assert "to_palette(" in (ROOT / "scripts" / "make_icons.py").read_text(encoding="utf-8")
    assert {icon.name for icon in MANIFEST_ICONS} == {entry["src"].rsplit("/", 1)[-1] for entry in web_manifest_icons()}
