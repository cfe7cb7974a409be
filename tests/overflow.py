"""An independent overflow check: read a .pptx back and measure every text box with the font's metrics.

It shares no code with the generator's planner: it wraps each paragraph at the full box width
(the planner wraps a little earlier) using the sizes, indents and exact line spacing written in
the file, and reports every box whose text is taller than the box.
"""

from __future__ import annotations

from pathlib import Path

from PIL import ImageFont
from pptx import Presentation
from pptx.oxml.ns import qn

FONTS = Path(__file__).resolve().parent.parent / "templates" / "aef" / "fonts"
EMU_PT = 12700
_cache: dict = {}


def _font(bold: bool):
    if bold not in _cache:
        _cache[bold] = ImageFont.truetype(str(FONTS / ("Carlito-Bold.ttf" if bold else "Carlito-Regular.ttf")), 100)
    return _cache[bold]


def _lines(text: str, width_pt: float, size: float, bold: bool) -> int:
    font = _font(bold)
    scale = size / 100
    count = 0
    for para in text.split("\n") or [""]:
        line = ""
        count += 1
        for word in para.split():
            cand = f"{line} {word}" if line else word
            if font.getlength(cand) * scale <= width_pt:
                line = cand
                continue
            if line:
                count += 1
            while font.getlength(word) * scale > width_pt and len(word) > 1:  # a broken word
                cut = len(word)
                while cut > 1 and font.getlength(word[:cut]) * scale > width_pt:
                    cut -= 1
                word = word[cut:]
                count += 1
            line = word
    return count


def _paragraph_height(p, width_pt: float) -> float:
    pPr = p._p.pPr
    mar = int(pPr.get("marL", "0")) / EMU_PT if pPr is not None else 0
    runs = p.runs
    size = next((r.font.size.pt for r in runs if r.font.size is not None), 18.0)
    bold = any(r.font.bold for r in runs)
    pitch = p.line_spacing.pt if hasattr(p.line_spacing, "pt") else size * 1.2 * (p.line_spacing or 1)
    before = p.space_before.pt if p.space_before is not None else 0
    text = "".join(r.text for r in runs)
    return before, _lines(text, width_pt - mar, size, bold) * pitch


def _frame_overflow(tf, width_emu: int, height_emu: int, margins=(0, 0, 0, 0)) -> float:
    width_pt = (width_emu - margins[0] - margins[1]) / EMU_PT
    height_pt = (height_emu - margins[2] - margins[3]) / EMU_PT
    total = 0.0
    for i, p in enumerate(tf.paragraphs):
        before, body = _paragraph_height(p, width_pt)
        total += body + (before if i else 0)
    return total - height_pt


def overflowing(path: Path, tolerance_pt: float = 1.0) -> list[str]:
    """Every text box or table cell whose measured text is taller than its box."""
    found = []
    prs = Presentation(str(path))
    for n, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                tf = shape.text_frame
                body = tf._txBody.find(qn("a:bodyPr"))
                autofit = body.find(qn("a:normAutofit")) if body is not None else None
                if autofit is not None and autofit.get("fontScale") is None:
                    found.append(f"slide {n}: {shape.name}: relies on PowerPoint's autofit")
                margins = (tf.margin_left, tf.margin_right, tf.margin_top, tf.margin_bottom)
                over = _frame_overflow(tf, shape.width, shape.height, margins)
                if over > tolerance_pt:
                    found.append(f"slide {n}: {shape.name}: {over:.1f} pt too tall: {tf.text[:60]!r}")
            if shape.has_table:
                table = shape.table
                for r, row in enumerate(table.rows):
                    for c, cell in enumerate(row.cells):
                        margins = (cell.margin_left, cell.margin_right, cell.margin_top, cell.margin_bottom)
                        over = _frame_overflow(cell.text_frame, table.columns[c].width, row.height, margins)
                        if over > tolerance_pt:
                            found.append(f"slide {n}: table cell ({r},{c}): {over:.1f} pt too tall: {cell.text[:40]!r}")
    return found
