"""Freely licensed fonts, metric-compatible with the fonts that templates' themes name.

Text is measured before it is placed. When a template's theme names a proprietary font
(Calibri, Arial, Times New Roman, ...), deckgen measures with a bundled file whose glyph
advances are the same, so a line breaks where PowerPoint breaks it. A font with no
compatible file is measured with DejaVu Sans (`stand_in`), which is wider than most
sans fonts, so an approximate measure errs towards breaking early.
"""

from __future__ import annotations

from pathlib import Path

FONTS = Path(__file__).resolve().parent

# family key -> (regular, bold) file names in this folder
FAMILIES: dict[str, tuple[str, str]] = {
    "carlito": ("Carlito-Regular.ttf", "Carlito-Bold.ttf"),
    "caladea": ("Caladea-Regular.ttf", "Caladea-Bold.ttf"),
    "liberation-sans": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "liberation-serif": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
    "liberation-mono": ("LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf"),
    "dejavu-sans": ("DejaVuSans-Regular.ttf", "DejaVuSans-Bold.ttf"),
}

# lower-case font name as a theme names it -> family key
METRIC_COMPATIBLE: dict[str, str] = {
    "calibri": "carlito",
    "calibri light": "carlito",
    "carlito": "carlito",
    "cambria": "caladea",
    "caladea": "caladea",
    "arial": "liberation-sans",
    "arial mt": "liberation-sans",
    "arialmt": "liberation-sans",
    "helvetica": "liberation-sans",
    "helvetica neue": "liberation-sans",
    "liberation sans": "liberation-sans",
    "times new roman": "liberation-serif",
    "times": "liberation-serif",
    "timesnewromanpsmt": "liberation-serif",
    "liberation serif": "liberation-serif",
    "courier new": "liberation-mono",
    "courier": "liberation-mono",
    "liberation mono": "liberation-mono",
    "dejavu sans": "dejavu-sans",
}


def _files(family: str) -> tuple[Path, Path]:
    regular, bold = FAMILIES[family]
    return FONTS / regular, FONTS / bold


def font_files(name: str) -> tuple[Path, Path] | None:
    """The bundled (regular, bold) files that measure like `name`, or None when none does."""
    family = METRIC_COMPATIBLE.get(" ".join(name.split()).lower())
    return _files(family) if family else None


def stand_in() -> tuple[Path, Path]:
    """DejaVu Sans regular and bold: a deliberately wide measure for fonts with no compatible file."""
    return _files("dejavu-sans")
