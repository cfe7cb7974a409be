"""Measure text with the brand's font metrics and wrap it into lines, before anything is drawn."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from .geometry import EMU_PER_PT

LINE_FACTOR = 1.2  # line pitch as a multiple of the font size; written into the file as exact spacing
WRAP_SLACK = 0.97  # wrap a little before the edge: renderers differ slightly in kerning
_UNITS = 200  # fonts are loaded at this size and scaled, for sub-point precision


class Measurer:
    """Text widths in points for a regular and a bold font file."""

    def __init__(self, regular: Path, bold: Path):
        self._fonts = {False: ImageFont.truetype(str(regular), _UNITS), True: ImageFont.truetype(str(bold), _UNITS)}
        self._width = lru_cache(maxsize=65536)(self._measure)

    def _measure(self, text: str, bold: bool) -> float:
        return self._fonts[bold].getlength(text)

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Advance width of text in points."""
        return self._width(text, bold) * size / _UNITS

    def wrap(self, text: str, width_pt: float, size: float, bold: bool = False) -> list[str]:
        """Greedy word wrap into lines no wider than width_pt; a word wider than a line is broken."""
        limit = width_pt * WRAP_SLACK
        lines: list[str] = []
        for paragraph in text.split("\n"):
            words = paragraph.split()
            line = ""
            for word in words:
                candidate = f"{line} {word}" if line else word
                if self.width(candidate, size, bold) <= limit:
                    line = candidate
                    continue
                if line:
                    lines.append(line)
                    line = ""
                while self.width(word, size, bold) > limit:  # break an over-long word
                    cut = self._fit_chars(word, limit, size, bold)
                    lines.append(word[:cut])
                    word = word[cut:]
                line = word
            lines.append(line)
        return lines

    def _fit_chars(self, word: str, limit: float, size: float, bold: bool) -> int:
        lo, hi = 1, len(word)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.width(word[:mid], size, bold) <= limit:
                lo = mid
            else:
                hi = mid - 1
        return max(1, lo)


def line_height_emu(size: float) -> int:
    return int(round(size * LINE_FACTOR * EMU_PER_PT))


def fit_box(m: Measurer, text: str, width_pt: float, height_pt: float, sizes: list[float], bold: bool = False) -> tuple[float, str]:
    """The largest size at which text fits the box, and the text (shortened with an ellipsis
    only when it does not fit even at the smallest size)."""
    for size in sizes:
        if len(m.wrap(text, width_pt, size, bold)) * size * LINE_FACTOR <= height_pt:
            return size, text
    size = sizes[-1]
    words = text.split()
    while words and len(m.wrap(" ".join(words) + " …", width_pt, size, bold)) * size * LINE_FACTOR > height_pt:
        words.pop()
    return size, (" ".join(words) + " …") if words else "…"
