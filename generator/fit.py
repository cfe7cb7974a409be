"""Measure text with the brand's font metrics and wrap it into lines, before anything is drawn."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .geometry import EMU_PER_PT

LINE_FACTOR = 1.2  # line pitch as a multiple of the font size; written into the file as exact spacing
WRAP_SLACK = 0.94  # wrap before the edge: renderers differ in kerning, and every box keeps a margin
_UNITS = 200  # fonts are loaded at this size and scaled, for sub-point precision


class Measurer:
    """Text widths in points for a regular and a bold font file.

    A line's width is the sum of its words' widths and the spaces between them, a word's the
    sum of its characters' advance widths, each asked of FreeType once. That is the width
    PowerPoint gives text it does not kern (its default); kerning and ligatures only ever
    make a line narrower, and WRAP_SLACK keeps a margin for renderers that differ.
    """

    def __init__(self, regular: Path, bold: Path, scale: float = 1.0, cache=None):
        self._paths = {False: str(regular), True: str(bold)}
        self._words: dict[tuple[str, bool], float] = _WORDS.setdefault((str(regular), str(bold), scale), {})
        self._chars = {bold: _CHARS.setdefault(path, {}) for bold, path in self._paths.items()}
        self.scale = scale  # > 1: measure wider than the font file (a stand-in for a font without metrics)
        self._cache = cache if cache is not None and cache.enabled else None
        self._key = None
        if self._cache is not None:
            self._load()

    def _font(self, bold: bool):
        return _font(self._paths[bold])

    def _word(self, word: str, bold: bool) -> float:
        key = (word, bold)
        width = self._words.get(key)
        if width is None:
            width = self._words[key] = self._units(word, bold) * self.scale
        return width

    def _units(self, text: str, bold: bool) -> float:
        """The advance width of text in font units: the sum of its characters'."""
        chars = self._chars[bold]
        total = 0.0
        for ch in text:
            advance = chars.get(ch)
            if advance is None:
                advance = chars[ch] = _length(self._font(bold), ch)
            total += advance
        return total

    # ---- word widths kept on disk --------------------------------------------------------
    # A fresh process asks FreeType for each character's advance once and sums a word's; the
    # characters' and the words' widths are kept in the cache, keyed by the font files, the
    # scale, Pillow's version and deckgen's code, so the next build finds them (and imports no
    # Pillow while its words are made of characters met before). They are the same numbers
    # either way: a build with the cache and one without make the same deck.
    def _disk_key(self) -> str:
        if self._key is None:
            import PIL

            from .cache import code_digest, digest, file_digest

            self._key = digest(file_digest(Path(self._paths[False])), file_digest(Path(self._paths[True])), repr(self.scale),
                               PIL.__version__, code_digest())
        return self._key

    def _load(self) -> None:
        import pickle

        fonts = (self._paths[False], self._paths[True], self.scale)
        if fonts in _LOADED:  # by another measurer of the same fonts in this process
            self._stored = len(self._words)
            return
        _LOADED.add(fonts)

        stored = self._cache.get("widths", self._disk_key())
        if stored is not None:
            try:
                words, chars = pickle.loads(stored)
                for key, width in words.items():
                    self._words.setdefault(key, width)
                for bold, advances in chars.items():
                    for ch, advance in advances.items():
                        self._chars[bold].setdefault(ch, advance)
            except Exception:  # written by another version: measured again
                pass
        self._stored = len(self._words)

    def save(self) -> None:
        """Keep the widths measured by this build in the cache (when it learnt new words)."""
        if self._cache is not None and len(self._words) > self._stored:
            import pickle

            self._cache.put("widths", self._disk_key(), pickle.dumps((self._words, self._chars), protocol=pickle.HIGHEST_PROTOCOL))
            self._stored = len(self._words)

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Advance width of text in points."""
        words = text.split(" ")
        total = sum(self._word(w, bold) for w in words if w) + (len(words) - 1) * self._word(" ", bold)
        return total * size / _UNITS

    def wrap(self, text: str, width_pt: float, size: float, bold: bool = False) -> list[str]:
        """Greedy word wrap into lines no wider than width_pt; a word wider than a line is broken."""
        limit = width_pt * WRAP_SLACK * _UNITS / size  # in font units
        space = self._word(" ", bold)
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line: list[str] = []
            used = 0.0
            for word in paragraph.split():
                w = self._word(word, bold)
                if line and used + space + w <= limit:
                    line.append(word)
                    used += space + w
                    continue
                if line:
                    lines.append(" ".join(line))
                    line, used = [], 0.0
                while w > limit:  # break an over-long word
                    cut = self._fit_chars(word, limit, bold)
                    lines.append(word[:cut])
                    word = word[cut:]
                    w = self._word(word, bold)
                line, used = [word], w
            lines.append(" ".join(line))
        return lines

    def _fit_chars(self, word: str, limit: float, bold: bool) -> int:
        lo, hi = 1, len(word)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._units(word[:mid], bold) * self.scale <= limit:
                lo = mid
            else:
                hi = mid - 1
        return max(1, lo)


_WORDS: dict[tuple[str, str], dict] = {}  # word widths per font pair, kept by a watching process
_CHARS: dict[str, dict[str, float]] = {}  # advance widths per font file
_LOADED: set[tuple[str, str, float]] = set()  # the font pairs whose widths were read from the cache


_BREAKS = str.maketrans({c: " " for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})


def _length(font, text: str) -> float:
    """The advance width of one line of text in font units; a line break counts as a space."""
    text = text.translate(_BREAKS)
    try:
        return font.getlength(text)
    except (RuntimeError, ValueError, OSError):  # text the shaper cannot lay out: a wide estimate
        return len(text) * font.getlength("M")


@lru_cache(maxsize=None)
def _font(path: str):
    from PIL import ImageFont

    return ImageFont.truetype(path, _UNITS)


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
