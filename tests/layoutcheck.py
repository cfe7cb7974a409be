"""An independent layout checker for decks built on any template.

It shares no code with the generator: it reads a .pptx back with python-pptx and its XML and
reports, per slide, what a reader would see as broken:

* a shape extending past the slide's edges (error);
* a slide's own non-placeholder shape overlapping the title's box (error);
* a slide's own shape overlapping a non-placeholder graphic of its layout or master (error;
  the master's only when the layout shows the master's shapes; shapes covering more than 90%
  of the slide count as background; a placeholder at the position its layout gives it is
  the template's own arrangement and is not checked);
* text taller than its box (error), or taller than 92% of it, or a line wider than 98% of the
  box width (warning: it may or may not fit depending on the renderer);
* an empty placeholder, which PowerPoint shows as "Click to add text" (error).

Text is measured with a font chosen here: the run's typeface (or the theme's major/minor font)
mapped to a metric-compatible free family, else DejaVu Sans, found with fc-match or in the
bundled font folder.

    python -m tests.layoutcheck FILE.pptx    # prints the findings; exit status 1 when there are any
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree
from PIL import ImageFont
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

EMU_PT = 12700
BUNDLED = Path(__file__).resolve().parent.parent / "generator" / "fonts"
FAMILY = {"calibri": "Carlito", "calibri light": "Carlito", "carlito": "Carlito",
          "cambria": "Caladea", "caladea": "Caladea",
          "arial": "Liberation Sans", "helvetica": "Liberation Sans", "liberation sans": "Liberation Sans",
          "times new roman": "Liberation Serif", "liberation serif": "Liberation Serif",
          "courier new": "Liberation Mono", "liberation mono": "Liberation Mono"}
FILES = {"Carlito": "Carlito", "Caladea": "Caladea", "Liberation Sans": "LiberationSans",
         "Liberation Serif": "LiberationSerif", "Liberation Mono": "LiberationMono", "DejaVu Sans": "DejaVuSans"}
TITLE_TYPES = {"title", "ctrTitle"}
MEASURE = 100  # point size the fonts are loaded at; widths scale linearly


@dataclass(frozen=True)
class Finding:
    slide: int
    shape: str
    kind: str  # "error" or "warning"
    message: str

    def __str__(self) -> str:
        return f"slide {self.slide}: {self.shape!r}: {self.kind}: {self.message}"


# ---------------------------------------------------------------- geometry

def _box(el) -> tuple[int, int, int, int] | None:
    """x, y, cx, cy written on the element itself (sp/pic/graphicFrame/grpSp/cxnSp), or None."""
    for xfrm in (el.find(f"./{qn('p:spPr')}/{qn('a:xfrm')}"), el.find(f"./{qn('p:xfrm')}"),
                 el.find(f"./{qn('p:grpSpPr')}/{qn('a:xfrm')}")):
        if xfrm is not None:
            off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
            if off is not None and ext is not None:
                return int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy"))
    return None


def _ph(el):
    for nv in el:
        nvpr = nv.find(qn("p:nvPr"))
        if nvpr is not None:
            return nvpr.find(qn("p:ph"))
    return None


def _ph_key(ph) -> tuple[str, str]:
    return ph.get("type", "body"), ph.get("idx", "0")


def _name(el) -> str:
    for nv in el:
        c = nv.find(qn("p:cNvPr"))
        if c is not None:
            return c.get("name", "")
    return ""


def _find_ph(tree, ph, by_idx: bool):
    """The placeholder of `tree` matching `ph`: by idx first (slide -> layout), then by type."""
    kind, idx = _ph_key(ph)
    cands = [(el, _ph(el)) for el in tree if _ph(el) is not None]
    if by_idx and ph.get("idx") is not None:
        for el, p in cands:
            if p.get("idx") == idx:
                return el
    norm = {"ctrTitle": "title", "subTitle": "body", "obj": "body"}
    for el, p in cands:
        if norm.get(p.get("type", "body"), p.get("type", "body")) == norm.get(kind, kind):
            return el
    return None


def _chain(el, layout_tree, master_tree) -> list:
    """The element and the placeholders it inherits from: [slide, layout, master] (those found)."""
    out = [el]
    ph = _ph(el)
    if ph is None:
        return out
    lay = _find_ph(layout_tree, ph, True)
    if lay is not None:
        out.append(lay)
    mas = _find_ph(master_tree, _ph(lay) if lay is not None else ph, False)
    if mas is not None:
        out.append(mas)
    return out


def _geometry(chain):
    for el in chain:
        b = _box(el)
        if b is not None:
            return b
    return None


def _overlap(a, b) -> bool:
    return min(a[0] + a[2], b[0] + b[2]) > max(a[0], b[0]) and min(a[1] + a[3], b[1] + b[3]) > max(a[1], b[1])


# ---------------------------------------------------------------- fonts

@lru_cache(maxsize=None)
def _font_file(family: str, bold: bool) -> str:
    style = "Bold" if bold else "Regular"
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}", f"{family}:style={style}"],
                             capture_output=True, text=True, timeout=10).stdout.strip()
        if out and Path(out).is_file() and family.replace(" ", "").lower() in Path(out).name.lower():
            return out
    except (OSError, subprocess.SubprocessError):
        pass
    bundled = BUNDLED / f"{FILES[family]}-{style}.ttf"
    return str(bundled if bundled.is_file() else BUNDLED / f"{FILES[family]}.ttf")  # DejaVuSans.ttf is the regular


@lru_cache(maxsize=None)
def _font(typeface: str, bold: bool):
    family = FAMILY.get(" ".join(typeface.split()).lower(), "DejaVu Sans")
    return ImageFont.truetype(_font_file(family, bold), MEASURE)


def _theme_fonts(master) -> tuple[str, str]:
    theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    def get(which):
        latin = theme.find(f".//{qn('a:' + which)}/{qn('a:latin')}")
        return latin.get("typeface") if latin is not None else ""
    return get("majorFont"), get("minorFont")


# ---------------------------------------------------------------- text

def _style_levels(chain, master, ph_type: str | None, lvl: int):
    """Every lvlNpPr that applies, nearest first: the shapes' lstStyles, then the master's txStyles."""
    tag = f"a:lvl{lvl + 1}pPr"
    for el in chain:
        lst = el.find(f"./{qn('p:txBody')}/{qn('a:lstStyle')}")
        if lst is not None and lst.find(qn(tag)) is not None:
            yield lst.find(qn(tag))
    styles = master._element.find(qn("p:txStyles"))
    if styles is not None:
        which = ("p:titleStyle" if ph_type in TITLE_TYPES else
                 "p:bodyStyle" if ph_type is not None and ph_type not in {"dt", "ftr", "sldNum"} else "p:otherStyle")
        lv = styles.find(f"./{qn(which)}/{qn(tag)}")
        if lv is not None:
            yield lv


def _inherited(p, chain, master, ph_type, attr: str, child: str | None = None):
    """A run property (attr on defRPr) or paragraph child (e.g. a:lnSpc) from the paragraph or styles."""
    pPr = p.find(qn("a:pPr"))
    lvl = int(pPr.get("lvl", "0")) if pPr is not None else 0
    for src in ([pPr] if pPr is not None else []) + list(_style_levels(chain, master, ph_type, lvl)):
        if child is not None:
            found = src.find(qn(child))
            if found is not None:
                return found
        else:
            d = src.find(qn("a:defRPr"))
            if d is not None and d.get(attr) is not None:
                return d.get(attr)
    return None


def _spacing(node, size: float) -> float | None:
    if node is None:
        return None
    pts, pct = node.find(qn("a:spcPts")), node.find(qn("a:spcPct"))
    if pts is not None:
        return int(pts.get("val")) / 100
    if pct is not None:
        return int(pct.get("val")) / 100000 * size
    return None


def _wrap(text: str, font, scale: float, width: float, wrap: bool) -> list[float]:
    """Widths in points of the lines `text` breaks into at `width`."""
    widths = []
    for para in text.split("\n"):
        if not wrap:
            widths.append(font.getlength(para) * scale)
            continue
        line = ""
        for word in para.split(" "):
            cand = f"{line} {word}" if line else word
            if font.getlength(cand) * scale <= width or not line:
                line = cand
            else:
                widths.append(font.getlength(line) * scale)
                line = word
            while font.getlength(line) * scale > width and len(line) > 1:  # a word broken at the edge
                cut = len(line)
                while cut > 1 and font.getlength(line[:cut]) * scale > width:
                    cut -= 1
                widths.append(font.getlength(line[:cut]) * scale)
                line = line[cut:]
        widths.append(font.getlength(line) * scale)
    return widths


def _text_findings(n, el, chain, master, fonts, box) -> list[Finding]:
    body = el.find(qn("p:txBody"))
    if body is None or not "".join(body.itertext()).strip():
        return []
    ph = _ph(el)
    ph_type = ph.get("type", "body") if ph is not None else None
    bodyPr = next((b for b in (c.find(f"./{qn('p:txBody')}/{qn('a:bodyPr')}") for c in chain) if b is not None), None)
    def inset(name, default):
        for c in chain:
            b = c.find(f"./{qn('p:txBody')}/{qn('a:bodyPr')}")
            if b is not None and b.get(name) is not None:
                return int(b.get(name))
        return default
    width = (box[2] - inset("lIns", 91440) - inset("rIns", 91440)) / EMU_PT
    height = (box[3] - inset("tIns", 45720) - inset("bIns", 45720)) / EMU_PT
    wrap = bodyPr is None or bodyPr.get("wrap") != "none"
    scale_font, reduce = 1.0, 0.0
    fit = bodyPr.find(qn("a:normAutofit")) if bodyPr is not None else None
    if fit is not None:
        scale_font = int(fit.get("fontScale", "100000")) / 100000
        reduce = int(fit.get("lnSpcReduction", "0")) / 100000
    major, minor = fonts
    total, wider = 0.0, 0.0  # wider: the text's height where a renderer sets glyphs 3% wider
    for i, p in enumerate(body.findall(qn("a:p"))):
        pPr = p.find(qn("a:pPr"))
        runs = [r for r in p if r.tag in (qn("a:r"), qn("a:br"), qn("a:fld"))]
        text = "".join("\n" if r.tag == qn("a:br") else (r.findtext(qn("a:t")) or "") for r in runs)
        first = next((r for r in runs if r.tag != qn("a:br")), None)
        rPr = first.find(qn("a:rPr")) if first is not None else None
        if rPr is None:
            rPr = p.find(qn("a:endParaRPr"))
        sz = rPr.get("sz") if rPr is not None else None
        sz = sz or _inherited(p, chain, master, ph_type, "sz")
        size = (int(sz) / 100 if sz else 18.0) * scale_font
        b = rPr.get("b") if rPr is not None else None
        bold = (b or _inherited(p, chain, master, ph_type, "b") or "0") in ("1", "true")
        latin = rPr.find(qn("a:latin")) if rPr is not None else None
        face = latin.get("typeface") if latin is not None else None
        if face is None or face.startswith("+"):
            face = major if (face or "").startswith("+mj") or (face is None and ph_type in TITLE_TYPES) else minor
        font = _font(face, bold)
        mar = int(pPr.get("marL", "0")) / EMU_PT if pPr is not None else 0
        indent = int(pPr.get("indent", "0")) / EMU_PT if pPr is not None else 0
        avail = width - mar - max(indent, 0)
        lines = _wrap(text, font, size / MEASURE, avail, wrap)
        wide_lines = _wrap(text, font, size * 1.03 / MEASURE, avail, wrap)
        pitch = _spacing(_inherited(p, chain, master, ph_type, None, "a:lnSpc"), size * 1.2)
        pitch = (pitch if pitch is not None else size * 1.2) * (1 - reduce)
        before = _spacing(_inherited(p, chain, master, ph_type, None, "a:spcBef"), size) or 0
        total += len(lines) * pitch + (before if i else 0)
        wider += len(wide_lines) * pitch + (before if i else 0)
    name = _name(el)
    if total > height + 0.5:
        return [Finding(n, name, "error", f"text is {total:.1f} pt tall in a box of {height:.1f} pt")]
    if total > 0.92 * height or wider > height + 0.5:
        return [Finding(n, name, "warning",
                        f"text is {total:.1f} pt tall in {height:.1f} pt ({wider:.1f} pt where glyphs are 3% wider): "
                        "may or may not fit depending on the renderer")]
    return []


# ---------------------------------------------------------------- the check

SHAPES = {qn("p:sp"), qn("p:pic"), qn("p:graphicFrame"), qn("p:grpSp"), qn("p:cxnSp")}
GRAPHICS = {qn("p:sp"), qn("p:pic"), qn("p:grpSp")}


def _decoration(tree, slide_area: int) -> list[tuple[str, tuple]]:
    out = []
    for el in tree:
        if el.tag in GRAPHICS and _ph(el) is None:
            b = _box(el)
            if b is not None and b[2] * b[3] <= 0.9 * slide_area:
                out.append((_name(el), b))
    return out


def check(path) -> list[Finding]:
    prs = Presentation(str(path))
    W, H = prs.slide_width, prs.slide_height
    findings: list[Finding] = []
    for n, slide in enumerate(prs.slides, 1):
        layout = slide.slide_layout
        master = layout.slide_master
        fonts = _theme_fonts(master)
        tree = slide.shapes._spTree
        layout_tree, master_tree = layout.shapes._spTree, master.shapes._spTree
        deco = _decoration(layout_tree, W * H)
        if layout._element.get("showMasterSp") != "0":
            deco += _decoration(master_tree, W * H)
        own = []
        for el in tree:
            if el.tag not in SHAPES:
                continue
            chain = _chain(el, layout_tree, master_tree)
            own.append((el, chain, _geometry(chain)))
        title = next((box for el, _, box in own
                      if _ph(el) is not None and _ph(el).get("type") in TITLE_TYPES and box), None)
        for el, chain, box in own:
            name, ph = _name(el), _ph(el)
            if ph is not None and el.tag == qn("p:sp") and not "".join(el.itertext()).strip():
                findings.append(Finding(n, name, "error", "empty placeholder shows 'Click to add text'"))
            if box is None:
                continue
            x, y, cx, cy = box
            if x < 0 or y < 0 or x + cx > W or y + cy > H:
                findings.append(Finding(n, name, "error",
                                        f"extends past the slide's edges ({x},{y} {cx}x{cy} EMU on {W}x{H})"))
            if ph is None and title is not None and _overlap(box, title):
                findings.append(Finding(n, name, "error", "overlaps the title"))
            # a placeholder left where its layout puts it sits on the template's graphics by design
            placed_by_template = ph is not None and _box(el) is None
            for dname, dbox in {} if placed_by_template else dict(deco).items():
                if _overlap(box, dbox):
                    findings.append(Finding(n, name, "error", f"overlaps the template's graphic {dname!r}"))
            findings += _text_findings(n, el, chain, master, fonts, box)
    return findings


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.layoutcheck FILE.pptx", file=sys.stderr)
        return 2
    findings = check(argv[0])
    for f in findings:
        print(f)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
