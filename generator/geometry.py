"""Where things go on the slides, derived from the template: its slide size, the placeholders of
the layout that serves each role, and its own graphics, which nothing of deckgen's may cover.
The plan and the renderer read one Geometry; nobody else computes a position."""

from __future__ import annotations

from dataclasses import dataclass, field

from .template import FOOTER_TYPES, Box, Choice, Layout, TemplateInfo, largest_free

EMU_PER_INCH = 914400
EMU_PER_PT = 12700


def inches(value: float) -> int:
    return int(round(value * EMU_PER_INCH))


def pt(value: float) -> int:
    return int(round(value * EMU_PER_PT))


RADAR_W_IN, RADAR_H_IN = 5.1, 5.55
"""Every radar chart is drawn at this size (200 dpi) and placed at this aspect ratio."""
RADAR_ASPECT = RADAR_W_IN / RADAR_H_IN

COLUMN_GAP = inches(0.4)
GAP = inches(0.2)  # between deckgen's boxes and the template's title, graphics and footers
FOOTER_H = inches(0.32)
LABEL_H = inches(0.5)  # the divider's "City Deal 3" line
FILL = 0.9
"""The share of a text box its measured text may fill: every box keeps a margin, so a renderer
whose line breaks differ a little from the plan's still has room."""


@dataclass
class Frame:
    """The geometry of one role's slides."""

    layout: Layout
    title: Box
    title_size: float  # points: the template's size for this title
    body: Box  # content's and contents' text area; the divider's chart area; the cover's and closing's free area
    subtitle: Box | None = None  # the cover's subtitle placeholder; the divider's label
    footer: dict[str, Box] = field(default_factory=dict)  # the layout's own date, footer and slide number placeholders
    footer_band: Box | None = None  # deckgen's footer line where the layout has no footer placeholders

    @property
    def dark(self) -> bool:
        return self.layout.dark

    @property
    def background(self) -> str:
        return self.layout.background


@dataclass
class Geometry:
    width: int
    height: int
    roles: dict[str, Frame]

    def columns(self, count: int) -> list[tuple[int, int]]:
        """(left, width) of each column of the content area."""
        body = self.roles["content"].body
        width = (body.w - (count - 1) * COLUMN_GAP) // count
        return [(body.x + i * (width + COLUMN_GAP), width) for i in range(count)]

    @property
    def body(self) -> Box:
        return self.roles["content"].body

    @property
    def slide(self) -> Box:
        return Box(0, 0, self.width, self.height)


def derive(info: TemplateInfo, choices: dict[str, Choice]) -> Geometry:
    """The Geometry of a template whose layouts serve the roles as chosen."""
    frames = {role: _frame(role, choice.layout, info.width, info.height) for role, choice in choices.items()}
    if frames["closing"].body.h < inches(0.8) and choices["closing"].layout is not choices["content"].layout:
        choices["closing"] = Choice(choices["content"].layout, f"the content layout: '{choices['closing'].layout.name}' leaves no room for contacts")
        frames["closing"] = _frame("closing", choices["content"].layout, info.width, info.height)
    for role in ("content", "contents"):
        body = frames[role].body
        if body.w < inches(2) or body.h < inches(1.2):
            raise NoRoom(role, frames[role].layout, body)
    return Geometry(info.width, info.height, frames)


class NoRoom(Exception):
    """A layout leaves no room for text beside its title, its graphics and its footers."""

    def __init__(self, role: str, layout: Layout, body: Box):
        self.role, self.layout = role, layout
        super().__init__(f"the {role} layout '{layout.name}' leaves no room for text beside its title, graphics and footers "
                         f"({body.w / EMU_PER_INCH:.1f} x {body.h / EMU_PER_INCH:.1f} in); choose another with --layout {role}=...")


def _clear(box: Box, lay: Layout, kind: str) -> Box:
    """A placeholder's box; where deckgen had to place it itself (the layout's was empty or past
    the edge), the largest part of it clear of the template's graphics."""
    if kind not in lay.repaired:
        return box
    free = largest_free(box, lay.graphics, GAP // 2)
    return free if free.h >= box.h // 3 and free.w >= box.w // 2 else box


def _frame(role: str, lay: Layout, width: int, height: int) -> Frame:
    slide = Box(0, 0, width, height)
    margin = max(inches(0.3), round(min(width, height) * 0.0667))
    edge = round(margin * 0.3)
    safe = Box(edge, edge, width - 2 * edge, height - 2 * edge)
    inner = Box(margin, edge, width - 2 * margin, height - 2 * edge)
    title = lay.placeholders.get("title", Box(margin, edge, width - 2 * margin, inches(0.8))).clip(slide)
    title = _clear(title, lay, "title")
    footer = {k: lay.placeholders[k] for k in FOOTER_TYPES
              if k in lay.placeholders and lay.placeholders[k].inside(slide) and k not in lay.repaired}
    band = None
    if not footer and role not in ("cover",):
        zone = Box(margin, round(height * 0.8), width - 2 * margin, height - edge - round(height * 0.8))
        free = largest_free(zone, lay.graphics + [title], GAP // 2)
        if free.h >= FOOTER_H and free.w >= inches(2.5):
            band = Box(free.x, free.bottom - FOOTER_H, free.w, FOOTER_H)
    obstacles = lay.graphics + [title] + list(footer.values()) + ([band] if band else [])
    bottom = min([b.y for b in footer.values()] + ([band.y] if band else []) + [safe.bottom])
    frame = Frame(lay, title, lay.title_size, title, footer=footer, footer_band=band)
    if role in ("content", "contents"):
        base = lay.placeholders.get("body")
        if base is None or base.h < inches(1):
            base = Box(margin, title.bottom + GAP, width - 2 * margin, bottom - GAP - title.bottom - GAP)
        base = base.clip(Box(margin, title.bottom + GAP, width - 2 * margin, bottom - GAP - title.bottom - GAP))
        frame.body = largest_free(base, obstacles, GAP)
    elif role == "divider":
        label = lay.placeholders.get("body")
        if label is not None and not label.overlaps(title):  # one line of the text placeholder, next to the title
            y = title.y - LABEL_H - GAP // 2 if label.bottom <= title.y else title.bottom + GAP // 2
            label = Box(label.x, y, label.w, LABEL_H).clip(safe)
        if label is None or label.overlaps(title) or label.h < LABEL_H // 2 or any(label.overlaps(o) for o in lay.graphics):
            above = Box(title.x, title.y - LABEL_H - GAP // 2, title.w, LABEL_H)
            below = Box(title.x, title.bottom + GAP // 2, title.w, LABEL_H)
            label = next((b for b in (above, below) if b.inside(safe) and not any(b.overlaps(o) for o in lay.graphics)), None)
            if label is None:  # beside the title's band of graphics: the largest free line anywhere
                free = largest_free(inner, obstacles, GAP // 2)
                label = Box(free.x, free.y, free.w, min(LABEL_H, free.h))
        frame.subtitle = label
        frame.body = largest_free(inner.clip(Box(0, 0, width, bottom)), obstacles + [label], GAP, aspect=RADAR_ASPECT)
    elif role == "cover":
        frame.subtitle = _clear(lay.placeholders["subTitle"], lay, "subTitle") if "subTitle" in lay.placeholders else None
        top = (frame.subtitle or title).bottom + GAP // 2
        left = max(margin, title.x)
        zone = Box(left, top, width - margin - left, bottom - top)
        frame.body = largest_free(zone, obstacles + ([frame.subtitle] if frame.subtitle else []), GAP // 2)
    else:  # closing: the contacts in the layout's text placeholder, or below the title, whichever holds more
        top, left = title.bottom + GAP, max(margin, title.x)
        below = largest_free(Box(left, top, width - margin - left, bottom - top), obstacles, GAP)
        text = lay.placeholders.get("body")
        placed = largest_free(text.clip(safe), obstacles, 0) if text is not None and not text.overlaps(title) else None
        anywhere = largest_free(inner.clip(Box(0, 0, width, bottom)), obstacles, GAP)
        frame.body = max((b for b in (placed, below) if b is not None and b.h >= inches(1.2)), key=lambda b: b.area, default=anywhere)
    return frame
