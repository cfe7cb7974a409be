"""Slide geometry shared by the template maker, the plan and the renderer (EMU integers)."""

from __future__ import annotations

EMU_PER_INCH = 914400
EMU_PER_PT = 12700


def inches(value: float) -> int:
    return int(round(value * EMU_PER_INCH))


def pt(value: float) -> int:
    return int(round(value * EMU_PER_PT))


SLIDE_W = inches(13.333)
SLIDE_H = inches(7.5)
MARGIN = inches(0.5)

TITLE_BAR_H = inches(0.95)
TITLE_BOX = (MARGIN, inches(0.12), SLIDE_W - 2 * MARGIN, inches(0.72))
TITLE_SIZE = 24

BODY_TOP = inches(1.2)
FOOTER_TOP = inches(7.02)
FOOTER_H = inches(0.32)
BODY_BOTTOM = inches(6.9)
BODY_H = BODY_BOTTOM - BODY_TOP
BODY_W = SLIDE_W - 2 * MARGIN
COLUMN_GAP = inches(0.45)

DIVIDER_TITLE_BOX = (inches(0.8), inches(2.3), inches(6.2), inches(2.4))
COVER_TITLE_BOX = (inches(0.8), inches(2.6), inches(8.5), inches(1.4))
COVER_SUBTITLE_BOX = (inches(0.8), inches(4.0), inches(8.5), inches(0.6))


RADAR_W_IN, RADAR_H_IN = 5.1, 5.55
"""Every radar chart is drawn at this size (200 dpi) and placed at this aspect ratio."""


def columns(count: int) -> list[tuple[int, int]]:
    """(left, width) of each body column."""
    width = (BODY_W - (count - 1) * COLUMN_GAP) // count
    return [(MARGIN + i * (width + COLUMN_GAP), width) for i in range(count)]
