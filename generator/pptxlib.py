"""Every use of python-pptx's internals, in one place (python-pptx is pinned to the tested
versions in pyproject.toml): opening a template as a fresh deck (once per template, see
package.py), and custom document properties."""

from __future__ import annotations

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from .template import open_presentation

__all__ = ["open_presentation", "fresh_deck", "set_custom_property", "custom_property"]


def fresh_deck(path):
    """The template at path as an empty deck: its own (sample) slides and its thumbnail dropped,
    its masters, layouts and theme kept as they are."""
    prs = open_presentation(path)
    ids = prs.slides._sldIdLst
    for entry in list(ids):
        prs.part.drop_rel(entry.rId)
        ids.remove(entry)
    package = prs.part.package
    for rid, rel in list(package._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.drop_rel(rid)
    _ensure_view_props(prs)
    return prs


VIEW_PROPS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:viewPr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
              b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
              b'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:normalViewPr><p:restoredLeft sz="15620"/>'
              b'<p:restoredTop sz="94660"/></p:normalViewPr><p:gridSpacing cx="76200" cy="76200"/></p:viewPr>')


def _ensure_view_props(prs) -> None:
    """A master saved by LibreOffice has no view properties part, without which PowerPoint
    offers to repair the deck: add a plain one."""
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    if any(rel.reltype == RT.VIEW_PROPS for rel in prs.part.rels.values()):
        return
    part = Part(PackURI("/ppt/viewProps.xml"), CT.PML_VIEW_PROPS, prs.part.package, VIEW_PROPS)
    prs.part.relate_to(part, RT.VIEW_PROPS)


CUSTOM_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"


def set_custom_property(prs, name: str, value: str) -> None:
    """A custom document property (File > Properties > Custom): PowerPoint and LibreOffice keep
    them when they save. The template's own custom properties are kept beside it."""
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    from .package import custom_xml

    package = prs.part.package
    existing = {}
    for rid, rel in list(package._rels.items()):
        if rel.reltype == CUSTOM_RT:
            existing = _custom(rel.target_part.blob)
            package.drop_rel(rid)
    existing[name] = value
    part = Part(PackURI("/docProps/custom.xml"), CUSTOM_CT, package, custom_xml(existing))
    package.relate_to(part, CUSTOM_RT)


def custom_property(prs, name: str) -> str | None:
    for rel in prs.part.package._rels.values():
        if rel.reltype == CUSTOM_RT:
            return _custom(rel.target_part.blob).get(name)
    return None


def _custom(blob: bytes) -> dict[str, str]:
    from lxml import etree

    try:
        root = etree.fromstring(blob)
    except etree.XMLSyntaxError:
        return {}
    return {prop.get("name"): "".join(prop.itertext()) for prop in root.iter(f"{{{CUSTOM_NS}}}property") if prop.get("name")}
