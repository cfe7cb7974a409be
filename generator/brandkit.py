"""Make a brand's template.pptx from its brand.yaml: named 16:9 layouts a designer can restyle."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.util import Emu

from .brand import BrandFile
from .geometry import inches
from .load import load_yaml
from .template import ROLES
from pptx.oxml.ns import qn

LAYOUTS = tuple(role.deckgen for role in ROLES.values())
"""The named layouts of a template made here (any template's layouts may serve, see template.ROLES)."""


class g:  # the design of a template made here: 16:9 at 13.33 in, a title bar, a brand stripe on the cover
    SLIDE_W, SLIDE_H = inches(13.333), inches(7.5)
    MARGIN = inches(0.5)
    TITLE_BAR_H = inches(0.95)
    TITLE_BOX = (MARGIN, inches(0.12), SLIDE_W - 2 * MARGIN, inches(0.72))
    TITLE_SIZE = 24
    DIVIDER_TITLE_BOX = (inches(0.8), inches(2.3), inches(6.2), inches(2.4))
    COVER_TITLE_BOX = (inches(0.8), inches(2.6), inches(8.5), inches(1.4))
    COVER_SUBTITLE_BOX = (inches(0.8), inches(4.0), inches(8.5), inches(0.6))
    inches = staticmethod(inches)

# which layout of python-pptx's default template becomes which named layout
SOURCE_LAYOUTS = {"Cover": 0, "Contents": 5, "Divider": 2, "Content": 5, "Closing": 2}


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#"))


def _style_title(placeholder, size: int, color: str, bold: bool = True, align: str | None = None) -> None:
    """Give a layout's title placeholder its font size and colour (a designer can change them)."""
    from pptx.oxml.ns import qn
    from lxml import etree

    tx_body = placeholder._element.find(qn("p:txBody"))
    lst = tx_body.find(qn("a:lstStyle"))
    if lst is None:
        lst = etree.SubElement(tx_body, qn("a:lstStyle"))
        tx_body.remove(lst)
        tx_body.insert(1, lst)
    for child in list(lst):
        lst.remove(child)
    lvl = etree.SubElement(lst, qn("a:lvl1pPr"))
    if align:
        lvl.set("algn", align)
    rpr = etree.SubElement(lvl, qn("a:defRPr"), sz=str(size * 100), b="1" if bold else "0")
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=color.lstrip("#").upper())


def make_template(brand_folder: Path) -> Path:
    """Write brand_folder/template.pptx from brand_folder/brand.yaml; return its path."""
    data, _ = load_yaml(brand_folder / "brand.yaml")
    spec = BrandFile.model_validate(data)
    colors = spec.colors.model_copy(update={k: v for k, v in {
        "primary": "#3A4A5C", "on_primary": "#FFFFFF", "heading": "#3A4A5C", "muted": "#6B6B6B"}.items() if getattr(spec.colors, k) is None})
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(g.SLIDE_W), Emu(g.SLIDE_H)
    source = list(prs.slide_layouts)

    # a scratch slide makes the shapes we copy into layouts
    scratch = prs.slides.add_slide(source[6])
    bar = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Emu(g.SLIDE_W), Emu(g.TITLE_BAR_H))
    bar.name = "Title bar"
    bar.fill.solid()
    bar.fill.fore_color.rgb = _rgb(colors.primary)
    bar.line.fill.background()
    stripe = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, Emu(g.SLIDE_H - g.inches(0.35)), Emu(g.SLIDE_W), Emu(g.inches(0.35)))
    stripe.name = "Brand stripe"
    stripe.fill.solid()
    stripe.fill.fore_color.rgb = _rgb(colors.primary)
    stripe.line.fill.background()

    made = {}
    for name in LAYOUTS:
        idx = SOURCE_LAYOUTS[name]
        layout = source[idx] if idx not in made.values() else None
        if layout is None:  # a second layout from the same source: copy it
            layout = _clone_layout(prs, source[idx])
        made[name] = idx
        layout._element.cSld.set("name", name)
        for ph in list(layout.placeholders):
            kind = ph.placeholder_format.type
            if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
                continue
            if name == "Cover" and kind == PP_PLACEHOLDER.SUBTITLE:
                continue
            ph._element.getparent().remove(ph._element)
        title = next(ph for ph in layout.placeholders if ph.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE))
        if name in ("Content", "Contents"):
            title.left, title.top, title.width, title.height = (Emu(v) for v in g.TITLE_BOX)
            _style_title(title, g.TITLE_SIZE, colors.on_primary)
            layout.shapes._spTree.insert(2, copy.deepcopy(bar._element))
        elif name in ("Divider", "Closing"):
            layout.background.fill.solid()
            layout.background.fill.fore_color.rgb = _rgb(colors.primary)
            title.left, title.top, title.width, title.height = (Emu(v) for v in g.DIVIDER_TITLE_BOX)
            _style_title(title, 36, colors.on_primary, align="l")
            title._element.find(qn("p:txBody")).find(qn("a:bodyPr")).set("anchor", "t")
        else:  # Cover
            title.left, title.top, title.width, title.height = (Emu(v) for v in g.COVER_TITLE_BOX)
            _style_title(title, 40, colors.heading, align="l")
            sub = next(ph for ph in layout.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE)
            sub.left, sub.top, sub.width, sub.height = (Emu(v) for v in g.COVER_SUBTITLE_BOX)
            _style_title(sub, 20, colors.muted, bold=False, align="l")
            layout.shapes._spTree.insert(2, copy.deepcopy(stripe._element))

    # drop the scratch slide and every layout not in LAYOUTS
    sld_ids = prs.slides._sldIdLst
    rid = sld_ids[0].rId
    prs.part.drop_rel(rid)
    sld_ids.remove(sld_ids[0])
    for layout in list(prs.slide_layouts):
        if layout.name not in LAYOUTS:
            prs.slide_layouts.remove(layout)
    prs.core_properties.author = spec.name
    prs.core_properties.title = f"{spec.name} template"
    prs.core_properties.last_modified_by = spec.name
    prs.core_properties.revision = 1
    prs.core_properties.created = prs.core_properties.modified = dt.datetime(2023, 1, 1)
    out = brand_folder / spec.template
    prs.save(str(out))
    return out


def _clone_layout(prs, layout):
    """Add a copy of a slide layout to the first master (python-pptx has no API for this)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.packuri import PackURI
    from pptx.parts.slide import SlideLayoutPart

    master = prs.slide_masters[0]
    existing = {str(p.partname) for p in prs.part.package.iter_parts()}
    i = 1
    while f"/ppt/slideLayouts/slideLayout{i}.xml" in existing:
        i += 1
    partname = PackURI(f"/ppt/slideLayouts/slideLayout{i}.xml")
    element = copy.deepcopy(layout._element)
    part = SlideLayoutPart(partname, layout.part.content_type, prs.part.package, element)
    part.relate_to(master.part, RT.SLIDE_MASTER)
    rid = master.part.relate_to(part, RT.SLIDE_LAYOUT)
    lst = master._element.get_or_add_sldLayoutIdLst()
    new_id = max(int(x.get("id")) for x in lst) + 1
    entry = lst._add_sldLayoutId()
    entry.set("id", str(new_id))
    entry.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id", rid)
    return part.slide_layout
