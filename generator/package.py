"""The deck's package (the zip of parts a .pptx is), written without python-pptx's object model.

A template is prepared once per template (and cached with the template's reading, keyed by its
bytes): python-pptx opens it, drops its own slides and thumbnail, adds the notes master, view
properties and property parts every deck needs, and serializes it. What comes out is kept as
plain data (`TemplatePackage`): the template's parts as bytes, their content types, the
presentation part with a mark where the slide list goes, and per layout the placeholders a
slide on it takes. A build then writes slides, notes, pictures and charts around those bytes:
no python-pptx import, no object model, the same bytes for the same deck.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from dataclasses import dataclass, field

from .drawingml import attr, escape
from .errors import DeckError, Problem

STORED = (".png", ".jpeg", ".jpg", ".gif", ".xlsx")  # compressed already: deflating them again gains nothing

RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_SLIDE, RT_LAYOUT, RT_NOTES, RT_NOTES_MASTER = RT + "slide", RT + "slideLayout", RT + "notesSlide", RT + "notesMaster"
RT_IMAGE, RT_CHART, RT_PACKAGE = RT + "image", RT + "chart", RT + "package"
CT = "application/vnd.openxmlformats-officedocument."
CT_SLIDE = CT + "presentationml.slide+xml"
CT_NOTES = CT + "presentationml.notesSlide+xml"
CT_CHART = CT + "drawingml.chart+xml"
CT_XLSX = CT + "spreadsheetml.sheet"
CT_CUSTOM = CT + "custom-properties+xml"
CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
IMAGE_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "bmp": "image/bmp",
               "tiff": "image/tiff"}
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
SENTINEL = "deckgen-slides"  # the r:id of the mark in the prepared presentation part
XML_HEAD = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PH_ATTRS = ("type", "orient", "sz", "idx")


@dataclass
class LayoutShapes:
    """What a slide on one layout takes from it."""

    partname: str  # ppt/slideLayouts/slideLayoutN.xml
    titles: list[str] = field(default_factory=list)  # the <p:ph> attributes of its title placeholders, in order
    subtitle: str | None = None  # those of its subtitle placeholder
    footers: dict[str, tuple[str, str]] = field(default_factory=dict)  # dt/ftr/sldNum -> (shape with marks, its own xfrm)


@dataclass
class TemplatePackage:
    members: list[Member]  # the template's parts (and their rels) kept as they are, in order, compressed
    defaults: dict[str, str]  # extension -> content type
    overrides: dict[str, str]  # part name -> content type, of the kept parts
    presentation: str  # ppt/presentation.xml with the slide-list mark
    pres_rels: list[tuple[str, str, str]]  # (rId, type, target) of the presentation part, the template's own
    package_rels: bytes  # _rels/.rels
    notes_master: str  # its part name
    custom: dict[str, str]  # the template's own custom properties
    layouts: dict[tuple[int, int], LayoutShapes]  # (master, layout index) -> its shapes


# ---- preparing a template (python-pptx, once per template) ---------------------------------------
def prepare(path) -> TemplatePackage:
    """The template at path as a TemplatePackage (see the module's doc)."""
    import zipfile

    from lxml import etree

    from .pptxlib import fresh_deck, set_custom_property

    prs = fresh_deck(path)
    prs.notes_master  # noqa: B018  (python-pptx adds a notes master and its theme where the template has none)
    prs.core_properties  # noqa: B018  (and a core properties part)
    custom = _template_custom(prs)
    set_custom_property(prs, "deckgen", "")  # the custom properties part, rewritten by every build
    pres = prs.part._element
    ids = pres.find(f"{{{P}}}sldIdLst")
    if ids is None:
        ids = prs.slides._sldIdLst
    mark = etree.SubElement(ids, f"{{{P}}}sldId", {"id": "256", f"{{{R}}}id": SENTINEL})
    layouts = {}
    for mi, master in enumerate(prs.slide_masters):
        for li, layout in enumerate(master.slide_layouts):
            layouts[(mi, li)] = _layout_shapes(layout)
    notes_master = str(prs.notes_master.part.partname).lstrip("/")
    raw = io.BytesIO()
    prs.save(raw)
    mark.getparent().remove(mark)
    with zipfile.ZipFile(raw) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    defaults, overrides = _content_types(parts.pop("[Content_Types].xml"))
    pres_rels = _rels(parts.pop("ppt/_rels/presentation.xml.rels"))
    presentation = parts.pop("ppt/presentation.xml").decode("utf-8")
    package_rels = parts.pop("_rels/.rels")
    for name in ("docProps/core.xml", "docProps/custom.xml"):
        parts.pop(name, None)
        overrides.pop(name, None)
    overrides.pop("ppt/presentation.xml", None)
    members = [member(name, data) for name, data in parts.items()]
    return TemplatePackage(members, defaults, overrides, presentation, pres_rels, package_rels, notes_master, custom, layouts)



def _layout_shapes(layout) -> LayoutShapes:
    from lxml import etree

    shapes = LayoutShapes(str(layout.part.partname).lstrip("/"))
    for sp in layout.shapes._spTree.iterchildren(f"{{{P}}}sp"):
        ph = sp.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph")
        if ph is None:
            continue
        kind = ph.get("type", "obj")
        attrs = " ".join(f'{k}="{attr(ph.get(k))}"' for k in PH_ATTRS if ph.get(k) is not None)
        if kind in ("title", "ctrTitle"):
            shapes.titles.append(attrs)
        elif kind == "subTitle" and shapes.subtitle is None:
            shapes.subtitle = attrs
        elif kind in ("dt", "ftr", "sldNum") and kind not in shapes.footers:
            copy = etree.fromstring(etree.tostring(sp))
            copy.find(f"{{{P}}}nvSpPr/{{{P}}}cNvPr").set("id", "@ID@")
            sppr = copy.find(f"{{{P}}}spPr")
            own = ""
            if sppr is None:
                sppr = etree.SubElement(copy, f"{{{P}}}spPr")
                copy.find(f"{{{P}}}nvSpPr").addnext(sppr)
            for old in sppr.findall(f"{{{A}}}xfrm"):
                own = etree.tostring(old, encoding="unicode")
                sppr.remove(old)
            sppr.insert(0, etree.Element("deckgen-xfrm"))
            for old in copy.findall(f"{{{P}}}txBody"):
                copy.remove(old)
            copy.append(etree.Element("deckgen-body"))
            shapes.footers[kind] = (etree.tostring(copy, encoding="unicode"), own)
    return shapes


def footer_shape(template: tuple[str, str], shape_id: int, xfrm: str | None, body: str) -> str:
    """A layout's footer placeholder as a slide's shape: its id, its box (its own, or the one given), the body."""
    shape, own = template
    return (shape.replace('"@ID@"', f'"{shape_id}"', 1).replace("<deckgen-xfrm/>", xfrm if xfrm is not None else own, 1)
            .replace("<deckgen-body/>", body, 1))


def _template_custom(prs) -> dict[str, str]:
    from .pptxlib import CUSTOM_RT, _custom

    for rel in prs.part.package._rels.values():
        if rel.reltype == CUSTOM_RT:
            return _custom(rel.target_part.blob)
    return {}


def _content_types(xml: bytes) -> tuple[dict[str, str], dict[str, str]]:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(xml)
    ns = "{http://schemas.openxmlformats.org/package/2006/content-types}"
    defaults = {el.get("Extension").lower(): el.get("ContentType") for el in root.iter(ns + "Default")}
    overrides = {el.get("PartName").lstrip("/"): el.get("ContentType") for el in root.iter(ns + "Override")}
    return defaults, overrides


def _rels(xml: bytes) -> list[tuple[str, str, str]]:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(xml)
    return [(el.get("Id"), el.get("Type"), el.get("Target")) for el in root]


# ---- writing a deck --------------------------------------------------------------------------------
@dataclass
class SlidePart:
    """A rendered slide: its XML (relationship ids local to it) and what they point at."""

    xml: str
    rels: list[tuple[str, str, str]]  # (rId, kind, target): kind layout (a part name), slide (a slide's key),
    #                                   image (a media key), chart (a chart key)
    notes: str | None = None  # the notes slide's XML
    packed: tuple | None = None  # (slide, notes or None) as Member fields without a name: compressed once (see pack)

    def pack(self) -> "SlidePart":
        """This slide with its XML compressed, as a rebuild takes it from the cache."""
        slide = member("", self.xml.encode("utf-8"))
        notes = member("", self.notes.encode("utf-8")) if self.notes is not None else None
        fields = (lambda m: (m.method, m.crc, m.size, m.data))
        return SlidePart("", self.rels, None if notes is None else "", (fields(slide), fields(notes) if notes else None))


@dataclass
class Media:
    ext: str  # png, jpg, ...
    fetch: object  # () -> bytes: a chart may still be drawing in another process


def rels_xml(rels: list[tuple[str, str, str]]) -> bytes:
    body = "".join(f'<Relationship Id="{rid}" Type="{kind}" Target="{attr(target)}"/>'
                   for rid, kind, target in rels)
    return (f'{XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{body}'
            f"</Relationships>").encode("utf-8")


def core_xml(title: str, author: str, day, language: str) -> bytes:
    stamp = f"{day.year:04d}-{day.month:02d}-{day.day:02d}T00:00:00Z"
    return (f'{XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            f'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            f'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(author)}</dc:creator>"
            f"<cp:lastModifiedBy>{escape(author)}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
            f"<dc:language>{escape(language)}</dc:language></cp:coreProperties>").encode("utf-8")


def custom_xml(props: dict[str, str]) -> bytes:
    """Custom document properties (File > Properties > Custom): PowerPoint and LibreOffice keep them."""
    body = "".join(f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" name="{attr(key)}">'
                   f"<vt:lpwstr>{escape(val)}</vt:lpwstr></property>" for pid, (key, val) in enumerate(sorted(props.items()), 2))
    return (f'{XML_HEAD}<Properties xmlns="{CUSTOM_NS}" '
            f'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{body}</Properties>').encode("utf-8")


def write(tp: TemplatePackage, slides: list[tuple[str, SlidePart]], media: dict[str, Media],
          charts: dict[str, tuple[bytes, bytes]], core: bytes, custom: dict[str, str]) -> bytes:
    """The deck's zip: the template's parts, then the slides (keyed, in order) with their notes,
    charts and pictures. Pictures are fetched last, so slides are compressed while charts are drawn."""
    taken = {m.name for m in tp.members}
    counters: dict[str, int] = {}

    def fresh(template: str) -> str:
        n = counters.get(template, 0) + 1
        while template % n in taken:
            n += 1
        counters[template] = n
        taken.add(template % n)
        return template % n

    slide_names = {key: fresh("ppt/slides/slide%d.xml") for key, _ in slides}
    media_names = {key: fresh("ppt/media/image%d." + m.ext) for key, m in media.items()}
    chart_names = {key: fresh("ppt/charts/chart%d.xml") for key in charts}
    sheet_names = {key: fresh("ppt/embeddings/Microsoft_Excel_Sheet%d.xlsx") for key in charts}
    overrides = dict(tp.overrides)
    defaults = dict(tp.defaults)
    out: list[tuple[str, object]] = []
    pres_rels = list(tp.pres_rels)
    next_rid = 1 + max((int(rid[3:]) for rid, _, _ in pres_rels if rid[3:].isdigit()), default=0)
    entries = []
    for n, (key, slide) in enumerate(slides):
        name = slide_names[key]
        rid = f"rId{next_rid + n}"
        pres_rels.append((rid, RT_SLIDE, name[len("ppt/"):]))
        entries.append(f'<p:sldId id="{256 + n}" r:id="{rid}"/>')
        targets = {"layout": lambda t: "../" + t[len("ppt/"):], "slide": lambda t: slide_names[t].rsplit("/", 1)[1],
                   "image": lambda t: "../" + media_names[t][len("ppt/"):], "chart": lambda t: "../" + chart_names[t][len("ppt/"):]}
        types = {"layout": RT_LAYOUT, "slide": RT_SLIDE, "image": RT_IMAGE, "chart": RT_CHART}
        rels = [(lrid, types[kind], targets[kind](target)) for lrid, kind, target in slide.rels]
        overrides[name] = CT_SLIDE
        notes_parts = []
        if slide.notes is not None:
            notes = fresh("ppt/notesSlides/notesSlide%d.xml")
            rels.append((f"rId{len(slide.rels) + 1}", RT_NOTES, "../" + notes[len("ppt/"):]))
            notes_parts = [(notes, slide.notes.encode("utf-8")) if slide.packed is None else Member(notes, *slide.packed[1]),
                           (_rels_name(notes), rels_xml([("rId1", RT_NOTES_MASTER, "../" + tp.notes_master[len("ppt/"):]),
                                                         ("rId2", RT_SLIDE, "../" + name[len("ppt/"):])]))]
            overrides[notes] = CT_NOTES
        body = (name, slide.xml.encode("utf-8")) if slide.packed is None else Member(name, *slide.packed[0])
        out += [body, (_rels_name(name), rels_xml(rels))] + notes_parts
    for key, (chart, sheet) in charts.items():
        cname, sname = chart_names[key], sheet_names[key]
        out.append((cname, chart))
        out.append((_rels_name(cname), rels_xml([("rId1", RT_PACKAGE, "../" + sname[len("ppt/"):])])))
        out.append((sname, sheet))
        overrides[cname] = CT_CHART
        defaults.setdefault("xlsx", CT_XLSX)
    for key, m in media.items():
        defaults.setdefault(m.ext, IMAGE_TYPES.get(m.ext, "image/" + m.ext))
        out.append((media_names[key], m.fetch))  # fetched when written: last
    presentation = _with_slides(tp.presentation, "".join(entries))
    overrides["ppt/presentation.xml"] = CT + "presentationml.presentation.main+xml"
    overrides["docProps/core.xml"] = CT_CORE
    overrides["docProps/custom.xml"] = CT_CUSTOM
    head = [("[Content_Types].xml", _types_xml(defaults, overrides)), ("_rels/.rels", tp.package_rels),
            ("ppt/presentation.xml", presentation.encode("utf-8")), ("ppt/_rels/presentation.xml.rels", rels_xml(pres_rels)),
            ("docProps/core.xml", core), ("docProps/custom.xml", custom_xml(custom))]
    return zip_bytes(head + list(tp.members) + out)


def _rels_name(partname: str) -> str:
    folder, name = partname.rsplit("/", 1)
    return f"{folder}/_rels/{name}.rels"


def _with_slides(presentation: str, entries: str) -> str:
    """The presentation part with the slide list where its mark is (in the prefixes it uses)."""
    mark = re.search(r'<(\w+:)?sldId id="256" (\w+):id="' + SENTINEL + '"/>', presentation)
    p, r = mark.group(1) or "", mark.group(2)
    entries = entries.replace("<p:sldId ", f"<{p}sldId ").replace(" r:id=", f" {r}:id=")
    return presentation[:mark.start()] + entries + presentation[mark.end():]


def _types_xml(defaults: dict[str, str], overrides: dict[str, str]) -> bytes:
    body = "".join(f'<Default Extension="{ext}" ContentType="{ct}"/>' for ext, ct in sorted(defaults.items()))
    body += "".join(f'<Override PartName="/{name}" ContentType="{ct}"/>' for name, ct in sorted(overrides.items()))
    return f'{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">{body}</Types>'.encode("utf-8")


@dataclass(frozen=True)
class Member:
    """A zip member, compressed: the template's are compressed once, when it is prepared."""

    name: str
    method: int  # 0 stored, 8 deflated
    crc: int
    size: int
    data: bytes


def member(name: str, raw: bytes) -> Member:
    if name.lower().endswith(STORED):
        return Member(name, 0, zlib.crc32(raw), len(raw), raw)
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Member(name, 8, zlib.crc32(raw), len(raw), packer.compress(raw) + packer.flush())


DOS_TIME, DOS_DATE = 0, (0 << 9) | (1 << 5) | 1  # 1980-01-01 00:00:00, zip's first day
UNIX_600 = 0o100600 << 16  # a regular file, read and write for its owner


def zip_bytes(members: list) -> bytes:
    """A zip of members (Member, or (name, bytes or a function that gives them, called when the
    member is written)), with fixed times and modes and the same header fields on every OS, so
    equal decks are equal bytes."""
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for item in members:
        if not isinstance(item, Member):
            name, data = item
            item = member(name, data() if callable(data) else data)
        name = item.name.encode("utf-8")
        flags = 0 if name.isascii() else 0x800  # UTF-8 names
        local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, flags, item.method, DOS_TIME, DOS_DATE, item.crc, len(item.data),
                            item.size, len(name), 0)
        central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", (3 << 8) | 20, 20, flags, item.method, DOS_TIME, DOS_DATE,
                                   item.crc, len(item.data), item.size, len(name), 0, 0, 0, 0, UNIX_600, offset) + name)
        out += (local, name, item.data)
        offset += len(local) + len(name) + len(item.data)
    if offset >= 0xFFFFFFFF or len(central) >= 0xFFFF:
        raise DeckError(Problem("", "the deck is too large for a .pptx file (4 GB or 65,535 parts)"))
    directory = b"".join(central)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join(out) + directory + end
