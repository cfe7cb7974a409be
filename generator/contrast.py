"""WCAG 2.1 contrast: relative luminance and contrast ratio of sRGB colours. The palette, the
renderer, the brand's warnings and the accessibility checker all use these."""

from __future__ import annotations

import re
from functools import lru_cache


def parse_colour(colour: str | tuple[int, int, int]) -> tuple[int, int, int]:
    """'#777', '777777', '#1A2B3C' or (r, g, b) as an (r, g, b) tuple of 0..255."""
    if isinstance(colour, tuple):
        return colour
    text = colour.strip().lstrip("#")
    if len(text) == 3:
        text = "".join(ch * 2 for ch in text)
    if not re.fullmatch(r"[0-9a-fA-F]{6}", text):
        raise ValueError(f"not a colour: {colour!r}")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


@lru_cache(maxsize=1024)
def relative_luminance(colour: str | tuple[int, int, int]) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour: 0 for black, 1 for white (a deck asks
    for the same few colours a thousand times)."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in parse_colour(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str | tuple[int, int, int], background: str | tuple[int, int, int]) -> float:
    """WCAG 2.1 contrast ratio, from 1 (same colour) to 21 (black on white); order does not matter."""
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
