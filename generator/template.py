"""Read a PowerPoint master (.pptx or .potx) as it is: its slide size, its layouts and which one
serves each role of the deck, the boxes of their placeholders, their own graphics, backgrounds,
theme colours and theme fonts. Plain data comes out; nothing here writes a deck."""

from __future__ import annotations

import colorsys
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .contrast import relative_luminance as luminance
from .errors import DeckError, Problem

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
EMU_PER_INCH = 914400

TEMPLATE_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PRESENTATION_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def open_presentation(path: Path):
    """python-pptx's Presentation of a .pptx or a .potx (a template differs only in the content
    type of its main part, which python-pptx refuses); DeckError for anything else."""
    import zipfile

    from pptx import Presentation

    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DeckError(Problem(Path(path).as_posix(), f"cannot read: {exc.strerror or exc}")) from None
    try:
        if raw[:2] == b"PK":
            with zipfile.ZipFile(io.BytesIO(raw)) as zf:
                types = zf.read("[Content_Types].xml")
                if TEMPLATE_MAIN in types:
                    raw = _retype(zf, types.replace(TEMPLATE_MAIN, PRESENTATION_MAIN))
        return Presentation(io.BytesIO(raw))
    except DeckError:
        raise
    except Exception as exc:
        raise DeckError(Problem(Path(path).as_posix(), f"not a PowerPoint presentation or template (.pptx, .potx): {exc}")) from None


def _retype(zf, types: bytes) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in zf.infolist():
            dst.writestr(info, types if info.filename == "[Content_Types].xml" else zf.read(info.filename))
    return out.getvalue()


# ---- boxes -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Box:
    """A rectangle on the slide in EMU."""

    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    @property
    def area(self) -> int:
        return max(0, self.w) * max(0, self.h)

    def overlaps(self, other: "Box") -> bool:
        return self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom

    def inside(self, other: "Box") -> bool:
        return self.x >= other.x and self.y >= other.y and self.right <= other.right and self.bottom <= other.bottom

    def clip(self, other: "Box") -> "Box":
        x, y = max(self.x, other.x), max(self.y, other.y)
        return Box(x, y, max(0, min(self.right, other.right) - x), max(0, min(self.bottom, other.bottom) - y))

    def grow(self, d: int) -> "Box":
        return Box(self.x - d, self.y - d, self.w + 2 * d, self.h + 2 * d)


def largest_free(bounds: Box, obstacles: list[Box], gap: int = 0, aspect: float | None = None) -> Box:
    """The largest rectangle inside bounds that keeps `gap` away from every obstacle (by area, or
    with `aspect` = w/h given, the one that holds the largest box of that aspect). The candidate
    edges are the bounds' and the obstacles' edges: exact for axis-aligned obstacles."""
    if bounds.w <= 0 or bounds.h <= 0:
        return Box(bounds.x, bounds.y, 0, 0)
    blocks = [o.grow(gap).clip(bounds) for o in obstacles]
    blocks = [b for b in blocks if b.area > 0]
    xs = sorted({bounds.x, bounds.right, *(v for b in blocks for v in (b.x, b.right))})
    ys = sorted({bounds.y, bounds.bottom, *(v for b in blocks for v in (b.y, b.bottom))})
    best, best_score = Box(bounds.x, bounds.y, 0, 0), (-1.0, 0)
    for i, x0 in enumerate(xs):
        for x1 in xs[i + 1:]:
            for j, y0 in enumerate(ys):
                for y1 in ys[j + 1:]:
                    cand = Box(x0, y0, x1 - x0, y1 - y0)
                    if any(cand.overlaps(b) for b in blocks):
                        break  # taller candidates from y0 overlap too
                    score = (float(cand.area) if aspect is None else min(cand.w, cand.h * aspect) ** 2 / aspect, cand.area)
                    if score > best_score:
                        best, best_score = cand, score
    return best


# ---- colours -----------------------------------------------------------------------------------
SCHEME_SLOTS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink", "folHlink")


def tint(hex_color: str, lum_mod: float, lum_off: float) -> str:
    """DrawingML's lumMod/lumOff applied to a colour (as PowerPoint's theme tints are)."""
    value = hex_color.lstrip("#")
    r, g, b = (int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))
    h, lum, s = colorsys.rgb_to_hls(r, g, b)
    lum = min(1.0, max(0.0, lum * lum_mod + lum_off))
    r, g, b = colorsys.hls_to_rgb(h, lum, s)
    return "#" + "".join(f"{round(c * 255):02X}" for c in (r, g, b))


@dataclass(frozen=True)
class Color:
    """A colour as written into the deck: a theme slot (so restyling the master carries through)
    with an optional tint, or a fixed RGB value; `hex` is what it shows in this template."""

    hex: str
    slot: str | None = None
    lum_mod: int = 100_000
    lum_off: int = 0

    def xml(self) -> str:
        if self.slot is None:
            return f'<a:srgbClr val="{self.hex.lstrip("#").upper()}"/>'
        mods = ""
        if self.lum_mod != 100_000:
            mods += f'<a:lumMod val="{self.lum_mod}"/>'
        if self.lum_off:
            mods += f'<a:lumOff val="{self.lum_off}"/>'
        return f'<a:schemeClr val="{self.slot}">{mods}</a:schemeClr>'


@dataclass
class Theme:
    colors: dict[str, str]  # slot -> #RRGGBB
    major: str  # the headings' font
    minor: str  # the body's font

    def color(self, slot: str, lum_mod: int = 100_000, lum_off: int = 0) -> Color:
        base = self.colors.get(slot, "#000000" if slot.startswith("dk") else "#FFFFFF")
        shown = tint(base, lum_mod / 100_000, lum_off / 100_000) if (lum_mod != 100_000 or lum_off) else base
        return Color(shown, slot, lum_mod, lum_off)


def _color_of(el, theme_colors: dict[str, str], clr_map: dict[str, str]) -> str | None:
    """The colour of a fill element's first colour child (srgbClr, sysClr, schemeClr), or None."""
    if el is None:
        return None
    for child in el.iter():
        tag = child.tag.split("}")[-1]
        if tag == "srgbClr":
            return "#" + child.get("val", "000000").upper()
        if tag == "sysClr":
            return "#" + child.get("lastClr", "000000").upper()
        if tag == "schemeClr":
            slot = clr_map.get(child.get("val"), child.get("val"))
            base = theme_colors.get(slot)
            if base is None:
                return None
            mod = child.find(f"{A}lumMod")
            off = child.find(f"{A}lumOff")
            if mod is not None or off is not None:
                base = tint(base, int(mod.get("val")) / 100_000 if mod is not None else 1.0,
                            int(off.get("val")) / 100_000 if off is not None else 0.0)
            return base
        if tag == "prstClr":
            return {"black": "#000000", "white": "#FFFFFF"}.get(child.get("val"), None)
    return None


def read_theme(master) -> Theme:
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    colors: dict[str, str] = {}
    major = minor = "Calibri"
    try:
        root = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    except Exception:  # a master without a theme: Office's defaults
        return Theme({"dk1": "#000000", "lt1": "#FFFFFF", "dk2": "#1F497D", "lt2": "#EEECE1", "accent1": "#4F81BD"}, major, minor)
    scheme = root.find(f".//{A}clrScheme")
    if scheme is not None:
        for slot in SCHEME_SLOTS:
            el = scheme.find(f"{A}{slot}")
            value = _color_of(el, {}, {})
            if value:
                colors[slot] = value
    fonts = root.find(f".//{A}fontScheme")
    if fonts is not None:
        found = fonts.find(f"{A}majorFont/{A}latin")
        major = found.get("typeface") if found is not None and found.get("typeface") else major
        found = fonts.find(f"{A}minorFont/{A}latin")
        minor = found.get("typeface") if found is not None and found.get("typeface") else minor
    return Theme(colors, major, minor)


# ---- layouts -----------------------------------------------------------------------------------
TITLE_TYPES = ("title", "ctrTitle")
FOOTER_TYPES = ("dt", "ftr", "sldNum")
CONTENT_TYPES = ("body", "obj", "pic", "tbl", "chart", "dgm", "media", "clipArt")


@dataclass
class Layout:
    """One slide layout of the template, with what deckgen needs to place things on it."""

    master: int  # index of its master
    index: int  # index among its master's layouts
    name: str
    type: str | None  # the layout's type attribute (title, obj, secHead, titleOnly, ...)
    placeholders: dict[str, Box] = field(default_factory=dict)  # "title", "subTitle", "body", "dt", "ftr", "sldNum"
    title_size: float = 32.0  # points: the title placeholder's font size
    graphics: list[Box] = field(default_factory=list)  # its own and its master's shapes that are no placeholders
    background: str = "#FFFFFF"
    text_colors: dict[str, str] = field(default_factory=dict)  # placeholder kind -> the colour its text inherits
    fills: list[tuple[Box, str]] = field(default_factory=list)  # its graphics' colours, in drawing order
    repaired: set[str] = field(default_factory=set)  # placeholder kinds whose own box is empty (taken from the master)

    def ground(self, box: Box) -> str:
        """The colour under box: the topmost filled graphic covering most of it, else the background."""
        for fill_box, color in reversed(self.fills):
            if box.clip(fill_box).area >= 0.5 * max(1, box.area):
                return color
        return self.background

    @property
    def label(self) -> str:
        return f"'{self.name}'" + (f" (type {self.type})" if self.type else "")

    @property
    def dark(self) -> bool:
        return luminance(self.background) < 0.25


@dataclass
class TemplateInfo:
    path: Path
    width: int
    height: int
    layouts: list[Layout]
    theme: Theme
    masters: int

    def named(self, name: str) -> Layout | None:
        """The layout of this name, the first in file order; "NAME (master 2)" picks the master."""
        qualified = re.fullmatch(r"(.*\S)\s*\(master (\d+)\)", name.strip())
        wanted = (qualified.group(1) if qualified else name).strip().lower()
        master = int(qualified.group(2)) - 1 if qualified else None
        return next((lay for lay in self.layouts if lay.name.strip().lower() == wanted and master in (None, lay.master)), None)

    def label(self, lay: Layout) -> str:
        """The layout's name as brand.yaml gives it: qualified by its master where masters share names."""
        same = [other for other in self.layouts if other.name.strip().lower() == lay.name.strip().lower()]
        return lay.name if len(same) == 1 else f"{lay.name} (master {lay.master + 1})"


def _ph_kind(ph) -> str:
    kind = ph.get("type", "obj")
    if kind in TITLE_TYPES:
        return "title"
    if kind in CONTENT_TYPES:
        return "body"
    return kind


def _font_size(shape_el, master_el, kind: str) -> float | None:
    """The size of a placeholder's first level: its own list style, else the master's text style."""
    for el in (shape_el,):
        sz = el.find(f"{P}txBody/{A}lstStyle/{A}lvl1pPr/{A}defRPr")
        if sz is not None and sz.get("sz"):
            return int(sz.get("sz")) / 100
    style = "titleStyle" if kind == "title" else "bodyStyle"
    found = master_el.find(f"{P}txStyles/{P}{style}/{A}lvl1pPr/{A}defRPr")
    if found is not None and found.get("sz"):
        return int(found.get("sz")) / 100
    return None


def _text_color(shape_el, master_ph_el, master_el, kind: str, theme: Theme, clr_map: dict[str, str]) -> str | None:
    """The colour a placeholder's first-level text inherits: its own list style, the master
    placeholder's, then the master's title or body text style."""
    path = f"{P}txBody/{A}lstStyle/{A}lvl1pPr/{A}defRPr/{A}solidFill"
    for el in (shape_el, master_ph_el):
        if el is not None:
            color = _color_of(el.find(path), theme.colors, clr_map)
            if color:
                return color
    style = "titleStyle" if kind == "title" else "bodyStyle"
    return _color_of(master_el.find(f"{P}txStyles/{P}{style}/{A}lvl1pPr/{A}defRPr/{A}solidFill"), theme.colors, clr_map)


def _shape_box(shape) -> Box | None:
    try:
        if shape.left is None or shape.width is None:
            return None
        return Box(int(shape.left), int(shape.top), int(shape.width), int(shape.height))
    except Exception:  # a shape python-pptx cannot place (no xfrm anywhere)
        return None


def _graphics(shapes, slide_area: int) -> list[Box]:
    """The boxes of shapes that are no placeholders, less those that cover the whole slide (a
    background picture or rectangle, on which everything stands anyway)."""
    boxes = []
    for shape in shapes:
        if shape.is_placeholder:
            continue
        box = _shape_box(shape)
        if box is not None and box.area > 0 and box.area < 0.9 * slide_area:
            boxes.append(box)
    return boxes


def _fills(shapes, part, theme: Theme, clr_map: dict[str, str]) -> list[tuple[Box, str]]:
    """(box, colour) of the shapes that are no placeholders and have a solid fill or a picture."""
    out = []
    for shape in shapes:
        box = None if shape.is_placeholder else _shape_box(shape)
        if box is None:
            continue
        el = shape._element
        blip = el.find(f".//{A}blip")
        color = (_picture_color(part, blip.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"))
                 if blip is not None else _color_of(el.find(f"{P}spPr/{A}solidFill"), theme.colors, clr_map))
        if color:
            out.append((box, color))
    return out


def _backdrop(shapes, part, slide_area: int, theme: Theme, clr_map: dict[str, str]) -> str | None:
    """The colour of the topmost shape that covers the whole slide (a background picture or
    rectangle drawn as a shape), or None."""
    found = None
    for shape in shapes:
        box = None if shape.is_placeholder else _shape_box(shape)
        if box is None or box.area < 0.9 * slide_area:
            continue
        el = shape._element
        blip = el.find(f".//{A}blip")
        if blip is not None:
            found = _picture_color(part, blip.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")) or found
            continue
        fill = el.find(f"{P}spPr/{A}solidFill")
        grad = el.findall(f"{P}spPr/{A}gradFill/{A}gsLst/{A}gs")
        if fill is not None:
            found = _color_of(fill, theme.colors, clr_map) or found
        elif grad:
            colors = [c for c in (_color_of(gs, theme.colors, clr_map) for gs in grad) if c]
            found = _mean(colors) if colors else found
    return found


def _background(el, part, fallback: str | None, theme: Theme, clr_map: dict[str, str]) -> str | None:
    """The colour a slide's background shows: a solid fill, the mean of a gradient's stops, or
    the mean colour of a background picture (text must read on it)."""
    bg = el.find(f"{P}cSld/{P}bg")
    if bg is None:
        return fallback
    pr = bg.find(f"{P}bgPr")
    if pr is not None:
        blip = pr.find(f"{A}blipFill/{A}blip")
        if blip is not None:
            return _picture_color(part, blip.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")) or fallback
        stops = pr.findall(f"{A}gradFill/{A}gsLst/{A}gs")
        if stops:
            colors = [c for c in (_color_of(gs, theme.colors, clr_map) for gs in stops) if c]
            if colors:
                return _mean(colors)
    color = _color_of(pr, theme.colors, clr_map) or _color_of(bg.find(f"{P}bgRef"), theme.colors, clr_map)
    return color or fallback


def _mean(colors: list[str]) -> str:
    rgb = [[int(c.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)] for c in colors]
    return "#" + "".join(f"{round(sum(v[i] for v in rgb) / len(rgb)):02X}" for i in range(3))


def _picture_color(part, rid: str | None) -> str | None:
    """The mean colour of a picture related to part (a background picture)."""
    if part is None or not rid:
        return None
    try:
        from PIL import Image, ImageStat

        with Image.open(io.BytesIO(part.related_part(rid).blob)) as image:
            image.draft("RGB", (64, 64))
            mean = ImageStat.Stat(image.convert("RGB").resize((16, 16))).mean
    except Exception:  # a picture Pillow cannot read (EMF, WMF): unknown
        return None
    return "#" + "".join(f"{round(v):02X}" for v in mean[:3])


def read_template(path: Path, prs=None) -> TemplateInfo:
    """Everything deckgen needs to know of a template, read once."""
    prs = prs if prs is not None else open_presentation(path)
    width, height = int(prs.slide_width), int(prs.slide_height)
    area = width * height
    layouts: list[Layout] = []
    theme = None
    for mi, master in enumerate(prs.slide_masters):
        mtheme = read_theme(master)
        theme = theme or mtheme
        mel = master._element
        cmap_el = mel.find(f"{P}clrMap")
        clr_map = dict(cmap_el.attrib) if cmap_el is not None else {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
        master_bg = _background(mel, master.part, "#FFFFFF", mtheme, clr_map)
        master_backdrop = _backdrop(master.shapes, master.part, area, mtheme, clr_map)
        master_graphics = _graphics(master.shapes, area)
        master_fills = _fills(master.shapes, master.part, mtheme, clr_map)
        master_ph = {}
        for shape in master.placeholders:
            kind = _ph_kind(shape._element.find(f"{P}nvSpPr/{P}nvPr/{P}ph"))
            box = _shape_box(shape)
            if box is not None and box.w > 0 and box.h > 0:
                master_ph.setdefault(kind, (box, shape._element))
        for li, layout in enumerate(master.slide_layouts):
            el = layout._element
            lay = Layout(mi, li, layout.name or f"Layout {li + 1}", el.get("type"))
            shows_master = el.get("showMasterSp", "1") not in ("0", "false")
            lay.background = (_backdrop(layout.shapes, layout.part, area, mtheme, clr_map)
                              or (master_backdrop if shows_master else None)
                              or _background(el, layout.part, master_bg, mtheme, clr_map) or "#FFFFFF")
            lay.graphics = _graphics(layout.shapes, area)
            lay.fills = (master_fills if shows_master else []) + _fills(layout.shapes, layout.part, mtheme, clr_map)
            if shows_master:
                lay.graphics += master_graphics
            for shape in layout.placeholders:
                ph = shape._element.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
                kind = _ph_kind(ph)
                if ph.get("type") == "subTitle":
                    kind = "subTitle"
                box = _shape_box(shape)
                if box is not None and (box.w <= 0 or box.h <= 0):  # an empty box: PowerPoint would show nothing there
                    lay.repaired.add(kind)
                    box = None
                if box is None and kind in master_ph:
                    box = master_ph[kind][0]
                slide_box = Box(0, 0, width, height)
                if box is not None and not box.inside(slide_box) and box.overlaps(slide_box):  # past the edge: deckgen keeps it in
                    box = box.clip(slide_box)
                    lay.repaired.add(kind)
                if box is not None and (box.w <= 0 or box.h <= 0):
                    box = None
                if box is None or kind in lay.placeholders:
                    continue
                lay.placeholders[kind] = box
                base = master_ph.get("title" if kind == "title" else "body", (None, None))[1]
                color = _text_color(shape._element, base, mel, kind, mtheme, clr_map)
                if color:
                    lay.text_colors[kind] = color
                if kind == "title":
                    size = _font_size(shape._element, mel, "title")
                    if size is None and "title" in master_ph:
                        size = _font_size(master_ph["title"][1], mel, "title")
                    lay.title_size = size or 32.0
            layouts.append(lay)
    if not layouts:
        raise DeckError(Problem(Path(path).as_posix(), "the template has no slide layouts"))
    return TemplateInfo(Path(path), width, height, layouts, theme, len(prs.slide_masters))


# ---- roles -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Role:
    """A kind of slide the deck needs, and how a template's layout for it is recognised."""

    name: str
    deckgen: str  # the layout name deckgen's own templates use
    names: tuple[str, ...]  # PowerPoint's standard names, English and Dutch
    types: tuple[str, ...]  # the layout's type attribute
    fallback: str | None  # the role whose layout serves when none is found

    def shaped(self, lay: Layout) -> bool:
        """Whether the layout's placeholders suit the role."""
        ph = lay.placeholders
        if self.name == "cover":
            return "title" in ph and "subTitle" in ph
        if self.name == "content":
            return "title" in ph and "body" in ph
        if self.name == "contents":
            return "title" in ph and "body" not in ph and lay.type not in ("title", "secHead")
        return "title" in ph


ROLES: dict[str, Role] = {
    "cover": Role("cover", "Cover", ("Title Slide", "Titeldia", "TITLE"), ("title",), "content"),
    "contents": Role("contents", "Contents", ("Title Only", "Alleen titel", "TITLE_ONLY"), ("titleOnly",), "content"),
    "divider": Role("divider", "Divider", ("Section Header", "Sectiekop", "SECTION_HEADER"), ("secHead",), "cover"),
    "content": Role("content", "Content", ("Title and Content", "Titel en object", "Title and Text", "Titel en tekst", "Title, Content",
                                           "TITLE_AND_BODY"), ("obj", "tx"), None),
    "closing": Role("closing", "Closing", ("Closing", "Afsluiting"), (), "divider"),
}
"""Every role of the deck; a new kind of slide is a new entry here (and its place in the plan)."""


@dataclass
class Choice:
    layout: Layout
    how: str  # why this layout was chosen


def map_roles(info: TemplateInfo, explicit: dict[str, str] | None = None, file: str = "brand.yaml",
              unusable: set[tuple[int, int]] = frozenset()) -> dict[str, Choice]:
    """Which layout serves each role: the explicit mapping, deckgen's own names, PowerPoint's
    standard names, the layout's type, its placeholders; the first match in file order wins
    (passing over `unusable` layouts, (master, index), that leave no room for text). A role
    with no match takes its fallback role's layout; DeckError where nothing serves."""
    explicit = explicit or {}
    chosen: dict[str, Choice] = {}
    for role_name, wanted in explicit.items():
        if role_name not in ROLES:
            raise DeckError(Problem(file, f"unknown role '{role_name}'; the roles are: {', '.join(ROLES)}", None, f"layouts.{role_name}"))
        lay = info.named(wanted)
        if lay is None:
            raise DeckError(Problem(file, f"the template has no layout named '{wanted}'. {describe_layouts(info)}", None, f"layouts.{role_name}"))
        chosen[role_name] = Choice(lay, f"named in {file}")
    for role in ROLES.values():
        if role.name in chosen:
            continue
        tests = [
            (lambda lay: lay.name.strip().lower() == role.deckgen.lower(), f"deckgen's name '{role.deckgen}'"),
            (lambda lay: lay.name.strip().lower() in {n.lower() for n in role.names}, "PowerPoint's standard name"),
            (lambda lay: lay.type in role.types, "its layout type"),
        ]
        if role.name != "closing":
            tests.append((role.shaped, "its placeholders"))
        for test, how in tests:
            lay = next((lay for lay in info.layouts if test(lay) and "title" in lay.placeholders
                        and (lay.master, lay.index) not in unusable), None)
            if lay is not None:
                chosen[role.name] = Choice(lay, f"{how}")
                break
    for _ in range(len(ROLES)):  # fallbacks, which may chain (closing -> divider -> cover -> content)
        for role in ROLES.values():
            if role.name not in chosen and role.fallback in chosen:
                chosen[role.name] = Choice(chosen[role.fallback].layout, f"the {role.fallback} layout serves too")
    missing = [name for name in ROLES if name not in chosen]
    if missing:
        raise DeckError(Problem(file, f"no layout found for {', '.join(missing)}. {describe_layouts(info)} "
                                      f"Choose one with --layout {missing[0]}=\"LAYOUT NAME\" (or `layouts:` in brand.yaml)"))
    return {name: chosen[name] for name in ROLES}


def describe_layouts(info: TemplateInfo) -> str:
    parts = []
    for mi in range(info.masters):
        names = [lay.label for lay in info.layouts if lay.master == mi]
        parts.append(f"master {mi + 1}: {', '.join(names)}")
    return "The template's layouts are " + "; ".join(parts) + "."
