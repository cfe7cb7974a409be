"""Freely licensed font files with the metrics of the fonts masters use, so text is measured in
the font PowerPoint will show (see README.md here for each file's origin and licence)."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

FAMILIES = {
    "carlito": ("Carlito-Regular.ttf", "Carlito-Bold.ttf"),
    "caladea": ("Caladea-Regular.ttf", "Caladea-Bold.ttf"),
    "liberation-sans": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "liberation-serif": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
    "liberation-mono": ("LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf"),
    "dejavu-sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
}

METRIC_COMPATIBLE = {
    "calibri": "carlito", "calibri light": "carlito", "carlito": "carlito",
    "cambria": "caladea", "caladea": "caladea",
    "arial": "liberation-sans", "arial mt": "liberation-sans", "helvetica": "liberation-sans", "helvetica neue": None,
    "liberation sans": "liberation-sans",
    "times new roman": "liberation-serif", "times": "liberation-serif", "liberation serif": "liberation-serif",
    "courier new": "liberation-mono", "courier": "liberation-mono", "liberation mono": "liberation-mono",
    "dejavu sans": "dejavu-sans",
}
"""A font's name as a theme or brand names it (lower case) -> the family measured for it.
Calibri Light is measured with Carlito's regular widths, which are not narrower than its own."""


def font_files(name: str) -> tuple[Path, Path] | None:
    """The (regular, bold) files to measure the named font with, or None where none is bundled."""
    family = METRIC_COMPATIBLE.get(" ".join(name.split()).lower())
    if family is None:
        return None
    regular, bold = FAMILIES[family]
    return HERE / regular, HERE / bold


def stand_in() -> tuple[Path, Path]:
    """DejaVu Sans, wider than most fonts: the measure of a font without metrics (font.metrics: approximate)."""
    regular, bold = FAMILIES["dejavu-sans"]
    return HERE / regular, HERE / bold
