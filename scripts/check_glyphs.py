#!/usr/bin/env python3
"""Every character the UI can draw has a glyph: ImGui draws "?" for one its atlas lacks.

The atlas holds the code points of the `ImWchar` ranges in src/platform/web/web_platform.cpp, taken
from the fonts shipped in third_party/fonts (a range's glyphs come from the first font listed
for it that has them). So each non-ASCII character of a string literal in src/ui and src/core
(what the screens and the fold's messages say) must be inside a range and in some shipped font.
"Configuration → Products" once showed "Configuration ? Products": Noto Sans has no arrows.

Usage: check_glyphs.py [ROOT]   (exit 1 and a line per missing character)
"""
import pathlib
import re
import struct
import sys

ROOT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent)


def string_literals(text):
    """The decoded contents of the C++ string literals in text, comments left out."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            i = text.find("\n", i)
            i = n if i < 0 else i
        elif text.startswith("/*", i):
            i = text.find("*/", i + 2)
            i = n if i < 0 else i + 2
        elif c == "'":  # a character literal: skipped whole, so its quote starts no string
            j = i + 1
            while j < n and text[j] != "'":
                j += 2 if text[j] == "\\" else 1
            i = j + 1
        elif c == '"':
            j, raw = i + 1, bytearray()
            while j < n and text[j] != '"':
                if text[j] == "\\":
                    m = re.match(r"\\x([0-9A-Fa-f]{1,2})", text[j:])
                    if m:
                        raw.append(int(m.group(1), 16))
                        j += len(m.group(0))
                        continue
                    raw.extend(text[j + 1].encode())
                    j += 2
                else:
                    raw.extend(text[j].encode())
                    j += 1
            out.append(raw.decode("utf-8", errors="replace"))
            i = j + 1
        else:
            i += 1
    return out


def atlas_ranges(source):
    """The code points of every `ImWchar name[] = {a, b, ..., 0}` array in source."""
    points = set()
    for body in re.findall(r"ImWchar\s+\w+\[\]\s*=\s*\{([^}]*)\}", source):
        nums = [int(x, 0) for x in re.findall(r"0x[0-9A-Fa-f]+|\b\d+\b", body)]
        for a, b in zip(nums[0::2], nums[1::2]):
            points.update(range(a, b + 1))
    return points


def font_points(path):
    """The code points a TrueType font maps (its cmap's format 4 or 12 subtable)."""
    d = path.read_bytes()
    tables = {}
    for k in range(struct.unpack(">H", d[4:6])[0]):
        tag, _, off, _ = struct.unpack(">4sIII", d[12 + 16 * k : 28 + 16 * k])
        tables[tag] = off
    cmap = tables[b"cmap"]
    points = set()
    for k in range(struct.unpack(">H", d[cmap + 2 : cmap + 4])[0]):
        _, _, sub = struct.unpack(">HHI", d[cmap + 4 + 8 * k : cmap + 12 + 8 * k])
        st = cmap + sub
        fmt = struct.unpack(">H", d[st : st + 2])[0]
        if fmt == 4:
            seg2 = struct.unpack(">H", d[st + 6 : st + 8])[0]
            ends = struct.unpack(">%dH" % (seg2 // 2), d[st + 14 : st + 14 + seg2])
            starts = struct.unpack(">%dH" % (seg2 // 2), d[st + 16 + seg2 : st + 16 + 2 * seg2])
            for a, b in zip(starts, ends):
                if a != 0xFFFF:
                    points.update(range(a, b + 1))
        elif fmt == 12:
            for g in range(struct.unpack(">I", d[st + 12 : st + 16])[0]):
                a, b, _ = struct.unpack(">III", d[st + 16 + 12 * g : st + 28 + 12 * g])
                points.update(range(a, b + 1))
    return points


def main():
    loader = (ROOT / "src/platform/web/web_platform.cpp").read_text()
    ranges = atlas_ranges(loader)
    fonts = sorted((ROOT / "third_party/fonts").glob("*.ttf"))
    if not fonts:
        print("check_glyphs: no fonts in third_party/fonts (run scripts/setup.sh)")
        return 1
    # A shipped font the loader never names gives the atlas nothing.
    unloaded = [f.name for f in fonts if "/fonts/" + f.name not in loader]
    for name in unloaded:
        print("%s is shipped but not loaded by web_platform.cpp" % name)
    shipped = set().union(*(font_points(f) for f in fonts))
    missing = {}
    for src in sorted(list((ROOT / "src/ui").glob("*.cpp")) + list((ROOT / "src/core").glob("*.cpp"))):
        for lit in string_literals(src.read_text()):
            for ch in lit:
                cp = ord(ch)
                if cp < 0x80 or cp == 0xFFFD:
                    continue
                why = "not in the atlas ranges" if cp not in ranges else None
                why = why or ("in no shipped font" if cp not in shipped else None)
                if why:
                    missing.setdefault((ch, why), src.relative_to(ROOT))
    for (ch, why), where in sorted(missing.items()):
        print("U+%04X %s %s (first in %s)" % (ord(ch), ch, why, where))
    return 1 if missing or unloaded else 0


if __name__ == "__main__":
    sys.exit(main())
