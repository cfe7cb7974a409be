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
    for role in ("content", "contents"):
        body = frames[role].body
        if body.w < inches(2) or body.h < inches(1.2):
            from .errors import DeckError, Problem

            raise DeckError(Problem(info.path.as_posix(), f"the {role} layout '{frames[role].layout.name}' leaves no room for text "
                                                          f"beside its title, graphics and footers ({body.w / EMU_PER_INCH:.1f} x "
                                                          f"{body.h / EMU_PER_INCH:.1f} in); choose another with --layout {role}=..."))
    return Geometry(info.width, info.height, frames)


def _frame(role: str, lay: Layout, width: int, height: int) -> Frame:
    slide = Box(0, 0, width, height)
    margin = max(inches(0.3), round(min(width, height) * 0.0667))
    edge = round(margin * 0.3)
    safe = Box(edge, edge, width - 2 * edge, height - 2 * edge)
    inner = Box(margin, edge, width - 2 * margin, height - 2 * edge)
    title = lay.placeholders.get("title", Box(margin, edge, width - 2 * margin, inches(0.8))).clip(slide)
    footer = {k: lay.placeholders[k] for k in FOOTER_TYPES if k in lay.placeholders and lay.placeholders[k].inside(slide)}
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
        if label is None or label.overlaps(title) or label.h < LABEL_H // 2:
            above = Box(title.x, title.y - LABEL_H - GAP // 2, title.w, LABEL_H)
            below = Box(title.x, title.bottom + GAP // 2, title.w, LABEL_H)
            label = next((b for b in (above, below) if b.inside(safe) and not any(b.overlaps(o) for o in lay.graphics)), below.clip(safe))
        frame.subtitle = label
        frame.body = largest_free(inner.clip(Box(0, 0, width, bottom)), obstacles + [label], GAP, aspect=RADAR_ASPECT)
    elif role == "cover":
        frame.subtitle = lay.placeholders.get("subTitle")
        top = (frame.subtitle or title).bottom + GAP // 2
        left = max(margin, title.x)
        zone = Box(left, top, width - margin - left, bottom - top)
        frame.body = largest_free(zone, obstacles + ([frame.subtitle] if frame.subtitle else []), GAP // 2)
    else:  # closing: the contacts below the title, in the layout's text placeholder where it has one
        text = lay.placeholders.get("body")
        if text is not None and not text.overlaps(title) and text.h >= inches(0.8):
            frame.body = largest_free(text.clip(safe), obstacles, 0)
        else:
            top, left = title.bottom + GAP, max(margin, title.x)
            frame.body = largest_free(Box(left, top, width - margin - left, bottom - top), obstacles, GAP)
    return frame
