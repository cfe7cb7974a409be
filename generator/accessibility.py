"""The rules of PowerPoint's Accessibility Checker, on any .pptx, and WCAG 2.1 contrast.

`check_deck(path)` returns findings, each naming its slide: pictures, charts, tables and other
graphic frames without alternative text (unless marked decorative), slides without a title or with
the title of an earlier slide, a title that is not first in the reading order, tables without a
header row, unclear link text, text below WCAG AA contrast against what is behind it, and text runs
without a language. `deck_language` and `deck_title` read what a PDF of the deck should declare.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .contrast import contrast_ratio
from .errors import DeckError, Problem

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
}
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
A = "{%s}" % NS["a"]
P = "{%s}" % NS["p"]
R = "{%s}" % NS["r"]

UNCLEAR_LINK_TEXT = {"klik hier", "click here", "here", "hier", "link", "meer", "more", "lees meer", "read more", "klik"}
URL = re.compile(r"^(https?://|www\.|mailto:)\S+$|^\S+\.(nl|com|org|eu|net|gov|io)(/\S*)?$", re.IGNORECASE)
FILE_NAME = re.compile(r"^[^\s/\\]+\.(png|jpe?g|gif|bmp|svg|emf|wmf|tiff?|webp)$", re.IGNORECASE)
TITLE_TYPES = {"title", "ctrTitle"}

BODY_RATIO = 4.5   # WCAG 2.1 AA 1.4.3, normal text
LARGE_RATIO = 3.0  # large text: 18 pt and up, or 14 pt bold and up


def required_ratio(size_pt: float | None, bold: bool, title: bool) -> float:
    """The AA minimum for text of this size and weight (titles count as large text)."""
    if title or (size_pt is not None and (size_pt >= 18 or (bold and size_pt >= 14))):
        return LARGE_RATIO
    return BODY_RATIO


# --- findings ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    slide: int
    rule: str
    message: str

    def __str__(self) -> str:
        return f"slide {self.slide}: {self.message}"


def _open(path: Path):
    import zipfile

    from pptx import Presentation

    try:
        return Presentation(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DeckError(Problem(str(path), f"not a PowerPoint deck (.pptx) that can be read: {exc}")) from None
    except Exception as exc:  # python-pptx raises its own errors for a package without a presentation
        raise DeckError(Problem(str(path), f"not a PowerPoint deck (.pptx) that can be read: {exc}")) from None


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(A + "t")).strip()


def _shape_name(shape) -> str:
    nv = shape.find(".//p:cNvPr", NS)
    return f"'{nv.get('name')}'" if nv is not None and nv.get("name") else "a shape"


def _placeholder_type(shape) -> str | None:
    ph = shape.find("./*/p:nvPr/p:ph", NS)
    if ph is None:
        return None
    return ph.get("type", "body")


def _is_decorative(c_nv_pr) -> bool:
    for ext in c_nv_pr.findall("a:extLst/a:ext", NS):
        if ext.get("uri") == DECORATIVE_URI:
            mark = ext.find("adec:decorative", NS)
            if mark is not None and mark.get("val") in ("1", "true"):
                return True
    return False


def _graphic_kind(frame) -> str:
    data = frame.find(".//a:graphicData", NS)
    uri = data.get("uri", "") if data is not None else ""
    if uri.endswith("/table"):
        return "table"
    if uri.endswith("/chart") or "chart" in uri:
        return "chart"
    if uri.endswith("/diagram"):
        return "SmartArt graphic"
    return "graphic"


def _walk(tree):
    """Every shape of a shape tree in document order, into groups."""
    for child in tree:
        tag = child.tag
        if tag == P + "grpSp":
            yield child
            yield from _walk(child)
        elif tag in (P + "sp", P + "pic", P + "graphicFrame", P + "cxnSp"):
            yield child


def _srgb(fill_parent) -> str | None:
    """The colour of an a:solidFill with a plain a:srgbClr under fill_parent, else None (unresolvable)."""
    if fill_parent is None:
        return None
    solid = fill_parent.find("a:solidFill", NS)
    if solid is None:
        return None
    clr = solid.find("a:srgbClr", NS)
    if clr is None or len(clr):  # scheme colours and modified colours (alpha, lumMod ...) are not resolved
        return None
    return clr.get("val")


def _has_other_fill(fill_parent) -> bool:
    if fill_parent is None:
        return False
    return any(fill_parent.find(f"a:{kind}", NS) is not None for kind in ("solidFill", "gradFill", "blipFill", "pattFill", "grpFill"))


def _background(part) -> tuple[bool, str | None]:
    """(decided, colour) of a slide, layout or master's own background: decided is False when it has none."""
    bg = part._element.find("p:cSld/p:bg", NS)
    if bg is None:
        return False, None
    pr = bg.find("p:bgPr", NS)
    return True, _srgb(pr) if pr is not None else None


def _slide_background(slide) -> str | None:
    for part in (slide, slide.slide_layout, slide.slide_layout.slide_master):
        decided, colour = _background(part)
        if decided:
            return colour
    return None


def check_deck(path: Path) -> list[Finding]:
    """All accessibility findings of the deck at path, in slide order."""
    prs = _open(path)
    findings: list[Finding] = []
    titles: dict[str, int] = {}
    for number, slide in enumerate(prs.slides, start=1):
        def add(rule: str, message: str) -> None:
            findings.append(Finding(number, rule, message))

        tree = slide.shapes._spTree
        shapes = list(_walk(tree))
        top = [s for s in tree if s.tag in (P + "sp", P + "pic", P + "graphicFrame", P + "grpSp", P + "cxnSp")]

        # title: present, unique, first in reading order
        title_shapes = [s for s in shapes if _placeholder_type(s) in TITLE_TYPES]
        title = _text(title_shapes[0]) if title_shapes else ""
        if not title:
            add("title", "the slide has no title")
        else:
            shown = " ".join(title.split())
            if shown in titles:
                add("title", f"the title '{shown}' is also the title of slide {titles[shown]}")
            else:
                titles[shown] = number
            if top and top[0] is not title_shapes[0]:
                add("reading-order", f"the title '{shown}' is not first in the reading order ({_shape_name(top[0])} comes first)")

        background = _slide_background(slide)
        for shape in shapes:
            c_nv_pr = shape.find("./*/p:cNvPr", NS)
            kind = {P + "pic": "picture", P + "graphicFrame": None}.get(shape.tag, "")
            if kind is None:
                kind = _graphic_kind(shape)
            if kind and c_nv_pr is not None and not _is_decorative(c_nv_pr):
                descr = (c_nv_pr.get("descr") or "").strip()
                if not descr:
                    add("alt-text", f"the {kind} {_shape_name(shape)} has no alternative text (or mark it as decorative)")
                elif FILE_NAME.match(descr):
                    add("alt-text", f"the {kind} {_shape_name(shape)} has a file name as alternative text ('{descr}'); "
                                    "describe what it shows")
            if shape.tag == P + "graphicFrame":
                tbl = shape.find(".//a:tbl", NS)
                if tbl is not None:
                    pr = tbl.find("a:tblPr", NS)
                    if pr is None or pr.get("firstRow") not in ("1", "true"):
                        add("table-header", f"the table {_shape_name(shape)} has no header row")
            _check_text(shape, slide, background, title_shapes, add)
    return findings


def _check_text(shape, slide, background, title_shapes, add) -> None:
    is_title = shape in title_shapes
    # what is behind the text: the shape's own fill, else the slide's background
    sp_pr = shape.find("p:spPr", NS)
    shape_fill = _srgb(sp_pr)
    if shape_fill is None and _has_other_fill(sp_pr):
        behind = None  # a gradient, picture or scheme colour: not resolved
    else:
        behind = shape_fill or background
    if shape.tag == P + "graphicFrame":
        cells = shape.findall(".//a:tc", NS)
        containers = [(tc, _srgb(tc.find("a:tcPr", NS))) for tc in cells]
    elif shape.tag == P + "sp":
        containers = [(shape.find("p:txBody", NS), behind)]
    else:
        return
    unlabelled = []
    low: list[str] = []
    rels = slide.part.rels
    for body, bg in containers:
        if body is None:
            continue
        for para in body.iter(A + "p"):
            links: dict[str, list[str]] = {}
            for run in para:
                if run.tag not in (A + "r", A + "fld"):
                    continue
                text = "".join(t.text or "" for t in run.findall("a:t", NS))
                pr = run.find("a:rPr", NS)
                if text.strip() and (pr is None or not pr.get("lang")):
                    unlabelled.append(text.strip())
                link = pr.find("a:hlinkClick", NS) if pr is not None else None
                if link is not None:
                    links.setdefault(link.get(R + "id") or link.get("action") or "", []).append(text)
                colour = _srgb(pr)
                if colour and bg and text.strip():
                    size = int(pr.get("sz")) / 100 if pr.get("sz") else None
                    bold = pr.get("b") in ("1", "true")
                    ratio = contrast_ratio(colour, bg)
                    need = required_ratio(size, bold, is_title)
                    if ratio < need - 1e-9:
                        low.append(f"'{_short(text)}' #{colour} on #{bg}: {ratio:.2f}:1, needs {need:g}:1")
            for rid, parts in links.items():
                text = " ".join("".join(parts).split())
                target = ""
                if rid in rels and rels[rid].is_external:
                    target = rels[rid].target_ref
                if text.lower().strip(" .:!>»") in UNCLEAR_LINK_TEXT or URL.match(text) or (target and text == target):
                    add("link-text", f"the link text '{text}' does not say where the link goes")
    for item in low:
        add("contrast", f"text contrast below WCAG AA in {_shape_name(shape)}: {item}")
    if unlabelled:
        add("language", f"{len(unlabelled)} text run{'s' if len(unlabelled) != 1 else ''} in {_shape_name(shape)} "
                        f"without a language (e.g. '{_short(unlabelled[0])}')")


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- what a PDF of the deck declares -----------------------------------------------------------

def deck_language(path: Path) -> str | None:
    """The language most of the deck's text runs are marked with (e.g. 'nl-NL'), or None."""
    import zipfile

    counts: Counter[str] = Counter()
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if re.fullmatch(r"ppt/slides/slide\d+\.xml", name):
                counts.update(re.findall(rb'<a:rPr[^>]*?\slang="([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)"', package.read(name)))
    if not counts:
        return None
    return counts.most_common(1)[0][0].decode()


def deck_title(path: Path) -> str | None:
    """The deck's title from its core properties, or None."""
    import zipfile

    with zipfile.ZipFile(path) as package:
        try:
            core = package.read("docProps/core.xml")
        except KeyError:
            return None
    from lxml import etree

    title = etree.fromstring(core).find("{http://purl.org/dc/elements/1.1/}title")
    return title.text.strip() if title is not None and title.text and title.text.strip() else None
