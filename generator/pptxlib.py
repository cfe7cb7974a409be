"""Every use of python-pptx's internals, in one place (python-pptx is pinned to the tested
versions in pyproject.toml): opening a template as a fresh deck, adding slides and parts
quickly, and writing the package with fixed timestamps."""

from __future__ import annotations

import io
import zipfile
from copy import deepcopy

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.parts.image import ImagePart

from .template import open_presentation

__all__ = ["open_presentation", "fresh_deck", "SlideMaker", "ChartPicturePart", "add_notes", "package_bytes", "relate", "parse_xml"]

SP = qn("p:sp")
PH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"


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
    _fast_partnames(package)
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


def _fast_partnames(package) -> None:
    """Give this package a next_partname that counts instead of walking every part each time
    (python-pptx's walks the whole package for every notes slide: quadratic in slides)."""
    from pptx.opc.packuri import PackURI

    taken = {str(part.partname) for part in package.iter_parts()}
    counters: dict[str, int] = {}

    def next_partname(template: str) -> PackURI:
        n = counters.get(template, 0) + 1
        while template % n in taken:
            n += 1
        counters[template] = n
        taken.add(template % n)
        return PackURI(template % n)

    package.next_partname = next_partname
    package.next_image_partname = lambda ext: next_partname("/ppt/media/image%d." + ext)
    images: dict[str, object] = {}

    def get_or_add_image_part(image_file):
        from pptx.parts.image import Image

        image = Image.from_file(image_file)
        if image.sha1 not in images:
            images[image.sha1] = ImagePart.new(package, image)
        return images[image.sha1]

    package.get_or_add_image_part = get_or_add_image_part


class SlideMaker:
    """Adds slides on layouts. python-pptx clones a layout's placeholders for the first slide of
    each layout; later slides copy that slide's placeholders (the clone goes through its object
    model, a millisecond a slide)."""

    def __init__(self, prs):
        self.prs = prs
        self._placeholders: dict[int, list] = {}

    def add(self, layout):
        placeholders = self._placeholders.get(id(layout))
        if placeholders is None:
            slide = self.prs.slides.add_slide(layout)
            self._placeholders[id(layout)] = [deepcopy(sp) for sp in slide.shapes._spTree.iterchildren(SP)]
            return slide
        rid, slide = self.prs.part.add_slide(layout)
        tree = slide.shapes._spTree
        for sp in placeholders:
            tree.append(deepcopy(sp))
        self.prs.slides._sldIdLst.add_sldId(rid)
        return slide


def placeholders(slide) -> list:
    """(sp element, its ph element) of every placeholder shape on the slide."""
    return [(sp, sp.find(PH)) for sp in slide.shapes._spTree.iterchildren(SP) if sp.find(PH) is not None]


def layout_placeholder(layout, kind: str):
    """A copy of the layout's placeholder of this type (dt, ftr, sldNum), or None."""
    for sp in layout.shapes._spTree.iterchildren(SP):
        ph = sp.find(PH)
        if ph is not None and ph.get("type") == kind:
            return deepcopy(sp)
    return None


def spTree(slide):
    return slide.shapes._spTree


def relate(slide, target, kind: str) -> str:
    """A relationship from the slide to a slide ("slide") or an image part ("image"); its rId."""
    return slide.part.relate_to(target.part if kind == "slide" else target, RT.SLIDE if kind == "slide" else RT.IMAGE)


class ChartPicturePart(ImagePart):
    """A chart's PNG, fetched only when the deck is written (after the slides' XML, see
    package_bytes): the slides are serialized while the last charts are being drawn."""

    def __init__(self, partname, package, fetch):
        super().__init__(partname, "image/png", package, b"")
        self._fetch = fetch

    @property
    def blob(self) -> bytes:
        if not self._blob:
            self._blob = self._fetch()
        return self._blob

    @classmethod
    def new(cls, slide, fetch) -> "ChartPicturePart":
        package = slide.part.package
        return cls(package.next_image_partname("png"), package, fetch)


def add_notes(slide, xml: str) -> None:
    """A notes slide part made from xml (python-pptx's clones the notes master's placeholders
    through its object model, slowly)."""
    from pptx.parts.slide import NotesSlidePart

    package = slide.part.package
    master = package.presentation_part.notes_master_part
    partname = package.next_partname("/ppt/notesSlides/notesSlide%d.xml")
    part = NotesSlidePart(partname, CT.PML_NOTES_SLIDE, package, parse_xml(xml))
    part.relate_to(master, RT.NOTES_MASTER)
    part.relate_to(slide.part, RT.SLIDE)
    slide.part.relate_to(part, RT.NOTES_SLIDE)


FIXED_TIME = (1980, 1, 1, 0, 0, 0)
STORED = (".png", ".jpeg", ".jpg", ".xlsx")  # compressed already: deflating them again gains nothing


def package_bytes(prs, fix_member=None) -> bytes:
    """The presentation as a zip with fixed timestamps, so equal decks are equal bytes.

    python-pptx stamps every zip member with the current time; its zip writer is given fixed
    ones for the duration of the save (compressing once, not saving and re-zipping). Parts
    whose content is still being made (charts drawn in another process) are written last.
    `fix_member(name, blob)` may rewrite a member."""
    from pptx.opc import serialized

    def write(self, pack_uri, blob: bytes) -> None:
        name = pack_uri.membername
        if fix_member is not None:
            blob = fix_member(name, blob)
        info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
        info.compress_type = zipfile.ZIP_STORED if name.endswith(STORED) else zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        self._zipf.writestr(info, blob)

    package = prs.part.package
    parts = sorted(package.iter_parts(), key=lambda part: isinstance(part, ChartPicturePart))
    original = serialized._ZipPkgWriter.write
    serialized._ZipPkgWriter.write = write
    try:
        raw = io.BytesIO()
        serialized.PackageWriter.write(raw, package._rels, parts)
    finally:
        serialized._ZipPkgWriter.write = original
    return raw.getvalue()


CUSTOM_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"


def set_custom_property(prs, name: str, value: str) -> None:
    """A custom document property (File > Properties > Custom): PowerPoint and LibreOffice keep
    them when they save. The template's own custom properties are kept beside it."""
    from xml.sax.saxutils import escape

    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    package = prs.part.package
    existing = {}
    for rid, rel in list(package._rels.items()):
        if rel.reltype == CUSTOM_RT:
            existing = _custom(rel.target_part.blob)
            package.drop_rel(rid)
    existing[name] = value
    props = "".join(f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" name="{escape(key, {chr(34): "&quot;"})}">'
                    f"<vt:lpwstr>{escape(val)}</vt:lpwstr></property>" for pid, (key, val) in enumerate(sorted(existing.items()), 2))
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="{CUSTOM_NS}" '
           f'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{props}</Properties>')
    part = Part(PackURI("/docProps/custom.xml"), CUSTOM_CT, package, xml.encode("utf-8"))
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
