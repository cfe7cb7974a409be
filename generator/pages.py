"""Whole-deck passes over planned slides: titles fitted in their boxes, slide numbers filled in
where the index refers to them. Pure functions of the slides, the geometry and the measurers."""

from __future__ import annotations

from .fit import Measurer, fit_box
from .geometry import EMU_PER_PT, FILL, Geometry
from .outline import PlannedSlide, TextFrame


def title_sizes(top: float) -> list[float]:
    """The sizes a title is tried at: the template's own, then smaller, down to 12 pt."""
    return sorted({round(top * f) for f in (1, 0.9, 0.8, 0.7, 0.6, 0.5) if round(top * f) >= 12} | {12}, reverse=True)


def fit_titles(slides: list[PlannedSlide], geometry: Geometry, titles: Measurer, body: Measurer) -> None:
    """Measure every title (and the cover's subtitle) in its box, from the template's size down:
    shrink, never overflow, and keep a margin."""
    for slide in slides:
        frame = geometry.roles[slide.layout.lower()]
        box = frame.title
        slide.title_size, slide.title = fit_box(titles, slide.title, box.w / EMU_PER_PT * 0.97, box.h / EMU_PER_PT * FILL,
                                                title_sizes(frame.title_size), bold=True)
        if slide.layout == "Cover" and slide.subtitle:
            box = frame.subtitle or frame.body
            slide.subtitle_size, slide.subtitle = fit_box(body, slide.subtitle, box.w / EMU_PER_PT * 0.97, box.h / EMU_PER_PT * FILL,
                                                          [20, 18, 16, 14, 12])


def number_links(slides: list[PlannedSlide]) -> None:
    """Give every line that names a slide ("Slide 22 | Slimme Stad") its target's number, once
    the slides are numbered."""
    numbers = {s.key: s.number for s in slides}
    for slide in slides:
        for item in slide.items:
            if isinstance(item, TextFrame):
                for p in item.paras:
                    if p.number_label is not None:
                        p.text = f"{p.number_label} {numbers[p.link]} | {p.text}"
                        p.number_label = None
