"""Render an Outline into a python-pptx Presentation on the brand's template."""

from __future__ import annotations

import io
from copy import deepcopy

from xml.sax.saxutils import escape

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.parts.image import ImagePart
from pptx.util import Emu

from .. import geometry as g
from ..brand import Brand
from ..fit import LINE_FACTOR
from ..outline import Figure, Outline, Para, PlannedSlide, Table, TextFrame

NSDECLS = ('xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
           'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
           'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


def fast_partnames(package) -> None:
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


def attr(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def xfrm(x: int, y: int, w: int, h: int, tag: str = "a:xfrm") -> str:
    """A shape's position and size (EMU)."""
    return f'<{tag}><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></{tag}>'


SP, PH, TXBODY = qn("p:sp"), f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}", qn("p:txBody")

BULLET = {"bullet": ("•", g.inches(0.22), -g.inches(0.22)), "sub": ("–", g.inches(0.45), -g.inches(0.2))}


class ChartPicturePart(ImagePart):
    """A chart's PNG, fetched only when the deck is written (after the slides' XML, see
    write.deck_bytes): the slides are serialized while the last charts are being drawn."""

    def __init__(self, partname, package, fetch):
        super().__init__(partname, "image/png", package, b"")
        self._fetch = fetch

    @property
    def blob(self) -> bytes:
        if not self._blob:
            self._blob = self._fetch()
        return self._blob


class Renderer:
    def __init__(self, outline: Outline, brand: Brand, charts, footer_text: str, back_label: str, date_text: str,
                 language_tag: str = "en-GB"):
        self.outline = outline
        self.brand = brand
        self.charts = charts  # render.deck.Charts
        self.footer_text = footer_text
        self.back_label = back_label
        self.date_text = date_text
        self.colors = brand.colors
        self.font = brand.spec.font.name
        self.lang_tag = language_tag
        self._ids: dict[int, int] = {}
        self._placeholders: dict[int, list] = {}  # layout -> the placeholders its slides start with
        self._chart_parts: dict[str, ChartPicturePart] = {}  # chart key -> its picture part

    def render(self) -> Presentation:
        prs = Presentation(str(self.brand.template))
        layouts = list(prs.slide_layouts)
        fast_partnames(prs.part.package)
        made: dict[str, object] = {}
        for planned in self.outline.slides:  # every slide first, so every link has its target
            made[planned.key] = self.add_slide(prs, layouts[self.brand.layouts[planned.layout]])
        for planned in self.outline.slides:
            slide = made[planned.key]
            self.title(slide, planned)
            for item in planned.items:
                if isinstance(item, TextFrame):
                    self.text_frame(slide, item, made)
                elif isinstance(item, Table):
                    self.table(slide, item)
            if planned.footer:
                self.footer(slide, planned, made)
            if planned.notes:
                self.notes(slide, planned.notes)
        # pictures last, above the text of their slide
        for planned in self.outline.slides:
            for item in planned.items:
                if isinstance(item, Figure):
                    self.figure(made[planned.key], item)
        return prs

    # ---- pieces -----------------------------------------------------------------------------
    def add_slide(self, prs, layout):
        """A new slide on `layout` with the layout's placeholders. python-pptx clones them for the
        first slide of each layout; later slides copy that slide's placeholders (the clone goes
        through its object model, a millisecond a slide)."""
        placeholders = self._placeholders.get(id(layout))
        if placeholders is None:
            slide = prs.slides.add_slide(layout)
            self._placeholders[id(layout)] = [deepcopy(sp) for sp in slide.shapes._spTree.iterchildren(SP)]
            return slide
        rid, slide = prs.part.add_slide(layout)
        tree = slide.shapes._spTree
        for sp in placeholders:
            tree.append(deepcopy(sp))
        prs.slides._sldIdLst.add_sldId(rid)
        return slide

    def title(self, slide, planned: PlannedSlide) -> None:
        """Fill the title and subtitle placeholders (a subtitle placeholder without text goes)."""
        for sp in slide.shapes._spTree.iterchildren(SP):
            ph = sp.find(PH)
            kind = ph.get("type") if ph is not None else None
            if kind in ("title", "ctrTitle"):
                anchor = ' anchor="ctr"' if planned.layout in ("Content", "Contents") else ""
                self.placeholder_text(sp, planned.title, planned.title_size, anchor)
            elif kind == "subTitle":
                if planned.subtitle:
                    self.placeholder_text(sp, planned.subtitle, planned.subtitle_size, "", ' marL="0" indent="0"', "<a:buNone/>")
                else:
                    sp.getparent().remove(sp)
        if planned.layout == "Cover":
            self.simple_text(slide, g.MARGIN + g.inches(0.3), g.inches(0.7), g.inches(6), g.inches(0.5), self.outline.author, 16, "heading", bold=True)
            self.simple_text(slide, g.COVER_SUBTITLE_BOX[0], g.inches(4.75), g.inches(6), g.inches(0.4), self.date_text, 14, "muted")
        if planned.layout == "Divider" and planned.subtitle:
            x, y, w, _ = g.DIVIDER_TITLE_BOX
            self.simple_text(slide, x, y - g.inches(0.55), w, g.inches(0.5), planned.subtitle, 18, "on_primary")

    def placeholder_text(self, sp, text: str, size: float, anchor: str, ppr: str = "", bullet: str = "") -> None:
        """Replace a placeholder's text body: the given size and exact line pitch, no insets, no autofit."""
        pitch = int(round(size * LINE_FACTOR * 100))
        paras = "".join(
            f'<a:p><a:pPr{ppr}><a:lnSpc><a:spcPts val="{pitch}"/></a:lnSpc>{bullet}</a:pPr><a:r><a:rPr lang="{self.lang_tag}" '
            f'sz="{int(round(size * 100))}" dirty="0"><a:latin typeface="{attr(self.font)}"/></a:rPr><a:t>{escape(line)}</a:t></a:r></a:p>'
            for line in text.split("\n")
        )
        body = parse_xml(f'<p:txBody {NSDECLS}><a:bodyPr wrap="square" lIns="0" tIns="0" rIns="0" bIns="0"{anchor}><a:noAutofit/>'
                         f'</a:bodyPr><a:lstStyle/>{paras}</p:txBody>')
        old = sp.find(TXBODY)
        if old is not None:
            sp.remove(old)
        sp.append(body)

    def simple_text(self, slide, x, y, w, h, text, size, color, bold=False, align=None, name="Text", link=None, made=None):
        para = Para(text=text, style="body", size=size, bold=bold, color=color)
        frame = TextFrame(x, y, w, h, [para], name=name, link=link, align=align)
        self.text_frame(slide, frame, made or {})

    def text_frame(self, slide, frame: TextFrame, made: dict) -> None:
        """Write the frame's DrawingML directly (python-pptx's object model is slow at this size):
        exact line pitch and spacing, bullets, links, no autofit."""
        spTree = slide.shapes._spTree
        shape_id = self.next_id(slide)

        def link(target: str) -> str:
            rid = slide.part.relate_to(made[target].part, RT.SLIDE)
            return f'<a:hlinkClick r:id="{rid}" action="ppaction://hlinksldjump"/>'

        fill = f'<a:solidFill><a:srgbClr val="{self.hex(frame.fill)}"/></a:solidFill>' if frame.fill else "<a:noFill/>"
        inset = g.inches(0.1) if frame.fill else 0
        anchor = "ctr" if frame.anchor == "middle" else "t"
        paras = "".join(self.paragraph_xml(p, frame.align, link) for p in frame.paras)
        txbox = "" if frame.fill else ' txBox="1"'
        xml = (
            f'<p:sp {NSDECLS}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{attr(frame.name)}">'
            f'{link(frame.link) if frame.link else ""}</p:cNvPr><p:cNvSpPr{txbox}/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr>{xfrm(frame.x, frame.y, frame.w, frame.h)}'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill}<a:ln><a:noFill/></a:ln></p:spPr>'
            f'<p:txBody><a:bodyPr wrap="square" lIns="{inset}" tIns="0" rIns="{inset}" bIns="0" anchor="{anchor}" rtlCol="0">'
            f'<a:noAutofit/></a:bodyPr><a:lstStyle/>{paras}</p:txBody></p:sp>'
        )
        spTree.append(parse_xml(xml))

    def paragraph_xml(self, para: Para, align: str | None, link) -> str:
        """One a:p with exact line pitch and spacing and its bullet, so every client lays it out alike."""
        pitch = int(round(para.size * LINE_FACTOR * 100))
        before = int(round(para.space_before * 100))
        algn = {"right": ' algn="r"', "center": ' algn="ctr"'}.get(align or "", "")
        if para.style in BULLET or para.style == "number":
            char, mar, ind = BULLET.get(para.style, ("", g.inches(0.28), -g.inches(0.28)))
            if para.style == "number":
                bullet = f'<a:buFont typeface="+mj-lt"/><a:buAutoNum type="arabicPeriod" startAt="{para.number or 1}"/>'
            else:
                bullet = f'<a:buFont typeface="Arial"/><a:buChar char="{char}"/>'
        else:
            mar, ind, bullet = 0, 0, "<a:buNone/>"
        run_link = link(para.link) if para.link else ""
        rpr = (f'<a:rPr lang="{self.lang_tag}" sz="{int(round(para.size * 100))}" b="{1 if para.bold else 0}" dirty="0">'
               f'<a:solidFill><a:srgbClr val="{self.hex(para.color)}"/></a:solidFill>'
               f'<a:latin typeface="{attr(self.font)}"/><a:cs typeface="{attr(self.font)}"/>{run_link}</a:rPr>')
        return (f'<a:p><a:pPr marL="{mar}" indent="{ind}"{algn}><a:lnSpc><a:spcPts val="{pitch}"/></a:lnSpc>'
                f'<a:spcBef><a:spcPts val="{before}"/></a:spcBef><a:spcAft><a:spcPts val="0"/></a:spcAft>{bullet}</a:pPr>'
                f'<a:r>{rpr}<a:t>{escape(para.text)}</a:t></a:r></a:p>')

    def next_id(self, slide) -> int:
        """A fresh shape id on this slide (counted, not searched for each shape)."""
        ids = self._ids.get(id(slide))
        if ids is None:
            ids = max((int(i) for i in slide.shapes._spTree.xpath(".//p:cNvPr/@id")), default=1)
        ids += 1
        self._ids[id(slide)] = ids
        return ids

    def hex(self, name: str) -> str:
        return getattr(self.colors, name).lstrip("#").upper()

    def figure(self, slide, fig: Figure) -> None:
        if fig.kind == "picture":
            data = self.charts.picture(fig.file)
            if data is not None:
                pic = slide.shapes.add_picture(io.BytesIO(data), Emu(fig.x), Emu(fig.y), Emu(fig.w), Emu(fig.h))
                pic.name = "Picture"
                pic._element.nvPicPr.cNvPr.set("descr", fig.alt)
            return
        chart = self.charts.data(fig.kind, fig.deal)
        if chart is None:
            return
        slide.shapes._spTree.append(parse_xml(  # a white panel behind the chart, no outline
            f'<p:sp {NSDECLS}><p:nvSpPr><p:cNvPr id="{self.next_id(slide)}" name="Chart background"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr>{xfrm(fig.x, fig.y, fig.w, fig.h)}<a:prstGeom prst="rect"><a:avLst/>'
            f'</a:prstGeom><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>'))
        if self.charts.mode == "native":
            from .native import add_radar  # python-pptx's chart data needs xlsxwriter: imported only here

            add_radar(slide, fig.x, fig.y, fig.w, fig.h, chart, self.font, fig.alt)
            return
        key, fetch = self.charts.later(chart)
        part = self._chart_parts.get(key)  # one part for equal charts
        if part is None:
            package = slide.part.package
            part = self._chart_parts[key] = ChartPicturePart(package.next_image_partname("png"), package, fetch)
        rid = slide.part.relate_to(part, RT.IMAGE)
        slide.shapes._spTree.append(parse_xml(
            f'<p:pic {NSDECLS}><p:nvPicPr><p:cNvPr id="{self.next_id(slide)}" name="Radar chart" descr="{attr(fig.alt)}"/>'
            f'<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/>'
            f'<a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>{xfrm(fig.x, fig.y, fig.w, fig.h)}'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'))

    def table(self, slide, tab: Table) -> None:
        """A native table, written as DrawingML: header row in the brand colour, banded rows."""
        cols = len(tab.header)
        other = (tab.w - tab.first_col_w) // max(1, cols - 1)
        widths = [tab.first_col_w] + [other] * (cols - 1)
        pitch = int(round(tab.size * LINE_FACTOR * 100))
        margin = g.pt(5), g.pt(4)
        rows_xml = []
        for r, (values, height) in enumerate(zip([tab.header] + tab.rows, tab.row_heights)):
            fill = self.hex("primary") if r == 0 else (self.hex("band") if r % 2 == 0 else "FFFFFF")
            color = self.hex("on_primary") if r == 0 else self.hex("text")
            cells = "".join(
                f'<a:tc><a:txBody><a:bodyPr/><a:lstStyle/><a:p><a:pPr algn="{"l" if c == 0 else "ctr"}">'
                f'<a:lnSpc><a:spcPts val="{pitch}"/></a:lnSpc></a:pPr><a:r><a:rPr lang="{self.lang_tag}" '
                f'sz="{int(tab.size * 100)}" b="{1 if r == 0 else 0}" dirty="0"><a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'
                f'<a:latin typeface="{attr(self.font)}"/></a:rPr><a:t>{escape(value)}</a:t></a:r></a:p></a:txBody>'
                f'<a:tcPr marL="{margin[0]}" marR="{margin[0]}" marT="{margin[1]}" marB="{margin[1]}" anchor="ctr">'
                f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill></a:tcPr></a:tc>'
                for c, value in enumerate(values)
            )
            rows_xml.append(f'<a:tr h="{height}">{cells}</a:tr>')
        grid = "".join(f'<a:gridCol w="{w}"/>' for w in widths)
        shape_id = self.next_id(slide)
        xml = (
            f'<p:graphicFrame {NSDECLS}><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name="Score table" descr="{attr(tab.alt)}"/>'
            f'<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
            f'{xfrm(tab.x, tab.y, sum(widths), sum(tab.row_heights), "p:xfrm")}'
            f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl>'
            f'<a:tblPr firstRow="1" bandRow="1"/><a:tblGrid>{grid}</a:tblGrid>{"".join(rows_xml)}</a:tbl></a:graphicData></a:graphic>'
            f'</p:graphicFrame>'
        )
        slide.shapes._spTree.append(parse_xml(xml))

    def notes(self, slide, text: str) -> None:
        """The speaker notes, written as a notes slide part directly (python-pptx's clones the
        notes master's placeholders through its object model, slowly)."""
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.parts.slide import NotesSlidePart

        package = slide.part.package
        master = slide.part.package.presentation_part.notes_master_part
        lines = "".join(f'<a:p><a:r><a:rPr lang="{self.lang_tag}" dirty="0"/><a:t>{escape(line)}</a:t></a:r></a:p>' for line in text.split("\n"))
        xml = (
            f'<p:notes {NSDECLS}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
            f'<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr>'
            f'<p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>'
            f'<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f'<p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{lines}</p:txBody></p:sp>'
            f'</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>'
        )
        partname = package.next_partname("/ppt/notesSlides/notesSlide%d.xml")
        part = NotesSlidePart(partname, CT.PML_NOTES_SLIDE, package, parse_xml(xml))
        part.relate_to(master, RT.NOTES_MASTER)
        part.relate_to(slide.part, RT.SLIDE)
        slide.part.relate_to(part, RT.NOTES_SLIDE)

    def footer(self, slide, planned: PlannedSlide, made: dict) -> None:
        color = "on_primary" if planned.dark else "muted"
        y = g.FOOTER_TOP
        text = "  |  ".join(t for t in (self.footer_text, self.date_text) if t)
        self.simple_text(slide, g.MARGIN, y, g.inches(7), g.FOOTER_H, text, 9, color, name="Footer")
        self.simple_text(slide, g.SLIDE_W - g.MARGIN - g.inches(0.6), y, g.inches(0.6), g.FOOTER_H, str(planned.number), 9, color,
                         align="right", name="Slide number")
        self.simple_text(slide, g.SLIDE_W - g.MARGIN - g.inches(2.0), y, g.inches(1.3), g.FOOTER_H, f"‹ {self.back_label}", 9, color,
                         align="right", name="Back to contents", link="contents", made=made)
