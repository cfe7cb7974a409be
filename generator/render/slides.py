"""Render an Outline into a deck on the brand's template: each slide on the layout that serves
its role, titles in the layout's own placeholders, footers in its footer placeholders (or on a
line of their own), everything else where the Geometry put it."""

from __future__ import annotations

import io

from pptx.oxml.ns import qn
from pptx.util import Emu

from .. import drawingml as x
from ..brand import Brand
from ..geometry import FOOTER_H, Frame
from ..outline import Figure, Outline, Para, PlannedSlide, Table, TextFrame
from ..pptxlib import (ChartPicturePart, SlideMaker, add_notes, fresh_deck, layout_placeholder, parse_xml, placeholders, relate,
                       set_custom_property, spTree)
from ..pull import PROPERTY, manifest
from ..template import Box


class Renderer:
    def __init__(self, outline: Outline, brand: Brand, charts, footer_text: str, back_label: str, date_text: str,
                 language_tag: str = "en-GB"):
        self.outline = outline
        self.brand = brand
        self.geo = brand.geometry
        self.charts = charts  # render.deck.Charts
        self.footer_text = footer_text
        self.back_label = back_label
        self.date_text = date_text
        self.lang_tag = language_tag
        self.body_font = brand.body.written
        self.title_font = brand.headings.written
        self._ids: dict[int, int] = {}
        self._chart_parts: dict[str, ChartPicturePart] = {}  # chart key -> its picture part
        self.marked: list[tuple[int, TextFrame]] = []  # (slide number, frame) of the plan's text boxes, for deckgen pull

    def render(self):
        prs = fresh_deck(self.brand.template)
        maker = SlideMaker(prs)
        masters = list(prs.slide_masters)
        made: dict[str, object] = {}
        for planned in self.outline.slides:  # every slide first, so every link has its target
            lay = self.frame(planned).layout
            made[planned.key] = maker.add(masters[lay.master].slide_layouts[lay.index])
        for planned in self.outline.slides:
            slide = made[planned.key]
            self.title(slide, planned, made)
            for item in planned.items:
                if isinstance(item, TextFrame):
                    self.text_frame(slide, item, made, planned, marked=True)
                elif isinstance(item, Table):
                    self.table(slide, item)
            if planned.notes:
                add_notes(slide, x.notes(planned.notes, self.lang_tag))
        # pictures after the text of their slide (above it), footers last: the reading order is
        # the title, the content as it is read, then the footer
        for planned in self.outline.slides:
            for item in planned.items:
                if isinstance(item, Figure):
                    self.figure(made[planned.key], item)
            if planned.footer:
                self.footer(made[planned.key], planned, made)
        set_custom_property(prs, PROPERTY, manifest(self.outline, self.marked))
        return prs

    def frame(self, planned: PlannedSlide) -> Frame:
        return self.geo.roles[planned.layout.lower()]

    # ---- colours ----------------------------------------------------------------------------
    def color(self, name: str, planned: PlannedSlide | None = None) -> str:
        """A colour by name as written; text on a dark slide takes the colour that reads there."""
        if planned is not None and self.frame(planned).dark and name in ("text", "heading", "muted", "on_dark"):
            return self.brand.color("on_dark").xml()
        if name == "on_dark":
            name = "text"
        return self.brand.color(name).xml()

    # ---- pieces -----------------------------------------------------------------------------
    def title(self, slide, planned: PlannedSlide, made: dict) -> None:
        """Fill the title (and the cover's subtitle) placeholder; every other placeholder the
        layout brought goes, so no slide shows an empty "Click to add text"."""
        frame = self.frame(planned)
        for sp, ph in placeholders(slide):
            kind = ph.get("type")
            if kind in ("title", "ctrTitle"):
                self.repair(sp, frame, "title", frame.title)
                anchor = "ctr" if planned.layout in ("Content", "Contents") else ""
                self.fill(sp, x.placeholder_body(planned.title.split("\n"), planned.title_size, self.lang_tag, self.title_font, anchor,
                                                 color=self.readable(frame, "title", 3.0)))
            elif kind == "subTitle" and planned.layout == "Cover" and planned.subtitle:
                self.repair(sp, frame, "subTitle", frame.subtitle)
                self.fill(sp, x.placeholder_body(planned.subtitle.split("\n"), planned.subtitle_size, self.lang_tag, self.body_font,
                                                 flat=True, color=self.readable(frame, "subTitle", 4.5)))
            else:
                sp.getparent().remove(sp)
        if planned.layout == "Divider" and planned.subtitle and frame.subtitle is not None:
            box = frame.subtitle
            self.text_frame(slide, TextFrame(box.x, box.y, box.w, box.h, [Para(planned.subtitle, "body", 18, color="heading")],
                                             name="Subtitle", anchor="bottom" if box.bottom <= frame.title.y else "top"), made, planned)

    def repair(self, sp, frame: Frame, kind: str, box: Box | None) -> None:
        """Give a placeholder whose layout box is empty the box deckgen placed it in."""
        if box is None or kind not in frame.layout.repaired:
            return
        sppr = sp.find(qn("p:spPr"))
        for old in sppr.findall(qn("a:xfrm")):
            sppr.remove(old)
        sppr.insert(0, parse_xml(x.xfrm(box).replace("<a:xfrm>", f'<a:xfrm {x.NSDECLS}>', 1)))

    def readable(self, frame: Frame, kind: str, need: float) -> str | None:
        """None where the placeholder's own text colour reads on the slide's background; else the
        theme colour that does (the template's white text on a white layout is not kept)."""
        from ..accessibility import contrast_ratio as contrast

        inherited = frame.layout.text_colors.get(kind)
        ground = frame.layout.ground(frame.title if kind == "title" else (frame.subtitle or frame.title))
        if inherited is None or contrast(inherited, ground) >= need:
            return None
        dk1, lt1 = self.brand.info.theme.color("dk1"), self.brand.info.theme.color("lt1")
        return max((dk1, lt1), key=lambda c: contrast(c.hex, ground)).xml()

    def fill(self, sp, body_xml: str) -> None:
        old = sp.find(qn("p:txBody"))
        if old is not None:
            sp.remove(old)
        sp.append(parse_xml(body_xml))

    def text_frame(self, slide, frame: TextFrame, made: dict, planned: PlannedSlide | None = None, marked: bool = False) -> None:
        """Write the frame's DrawingML directly: exact line pitch and spacing, bullets, links. A
        box of the plan is named with a marker that deckgen pull finds its paragraphs by."""
        name = frame.name
        if marked:
            name = f"{frame.name} #f{len(self.marked)}"
            self.marked.append((planned.number, frame))
        def link(target: str) -> str:
            return x.link(relate(slide, made[target], "slide"))

        on_fill = {"band": "on_band"}
        paras = "".join(
            x.paragraph(p.text, p.size, self.lang_tag, self.body_font,
                        self.color(on_fill.get(frame.fill, p.color) if frame.fill else p.color, None if frame.fill else planned), bold=p.bold,
                        style=p.style, number=p.number, space_before=p.space_before, align=frame.align,
                        link=link(p.link) if p.link else "")
            for p in frame.paras)
        anchor = {"middle": "ctr", "bottom": "b"}.get(frame.anchor, "t")
        fill = self.color(frame.fill) if frame.fill else None
        inset = 91440 if frame.fill else 0
        spTree(slide).append(parse_xml(x.text_box(self.next_id(slide), name, Box(frame.x, frame.y, frame.w, frame.h), paras, fill,
                                                  anchor, link(frame.link) if frame.link else "", inset)))

    def next_id(self, slide) -> int:
        """A fresh shape id on this slide (counted, not searched for each shape)."""
        ids = self._ids.get(id(slide))
        if ids is None:
            ids = max((int(i) for i in spTree(slide).xpath(".//p:cNvPr/@id")), default=1)
        ids += 1
        self._ids[id(slide)] = ids
        return ids

    def figure(self, slide, fig: Figure) -> None:
        box = Box(fig.x, fig.y, fig.w, fig.h)
        if fig.kind == "picture":
            data = self.charts.picture(fig.file)
            if data is not None:
                pic = slide.shapes.add_picture(io.BytesIO(data), Emu(fig.x), Emu(fig.y), Emu(fig.w), Emu(fig.h))
                pic.name = "Picture"
                pic._element.nvPicPr.cNvPr.set("descr", fig.alt)
                self._ids.pop(id(slide), None)  # python-pptx gave the picture an id: count on from there
            return
        chart = self.charts.data(fig.kind, fig.deal)
        if chart is None:
            return
        if self.charts.mode == "native":
            from .native import add_radar  # python-pptx's chart data needs xlsxwriter: imported only here

            add_radar(slide, fig.x, fig.y, fig.w, fig.h, chart, self.body_font or "+mn-lt", fig.alt)
            self._ids.pop(id(slide), None)  # python-pptx gave the chart an id: count on from there
            return
        key, fetch = self.charts.later(chart)
        part = self._chart_parts.get(key)  # one part for equal charts
        if part is None:
            part = self._chart_parts[key] = ChartPicturePart.new(slide, fetch)
        # the chart's white ground is the picture's own fill: no shape without meaning beside it
        spTree(slide).append(parse_xml(x.picture(self.next_id(slide), "Radar chart", relate(slide, part, "image"), box, fig.alt,
                                                 fill='<a:srgbClr val="FFFFFF"/>')))

    def table(self, slide, tab: Table) -> None:
        cols = len(tab.header)
        other = (tab.w - tab.first_col_w) // max(1, cols - 1)
        widths = [tab.first_col_w] + [other] * (cols - 1)
        rows = list(zip([tab.header] + tab.rows, tab.row_heights))
        box = Box(tab.x, tab.y, sum(widths), sum(tab.row_heights))
        spTree(slide).append(parse_xml(x.table(
            self.next_id(slide), "Score table", box, widths, rows, tab.alt, tab.size, self.lang_tag, self.body_font,
            self.color("primary"), self.color("on_primary"), self.color("band"), self.color("on_white"), self.color("on_white_band"))))

    def footer(self, slide, planned: PlannedSlide, made: dict) -> None:
        """The footer text with a link back to the contents, the date and the slide number: in the
        layout's own footer placeholders where it has them, else on a footer line of their own."""
        frame = self.frame(planned)
        layout = slide.slide_layout
        back = x.link(relate(slide, made["contents"], "slide"))
        if frame.footer:
            color = None  # the template's own footer style
            for kind, text in (("ftr", self.footer_text), ("dt", self.date_text), ("sldNum", str(planned.number))):
                sp = layout_placeholder(layout, kind) if kind in frame.footer else None
                if sp is None:
                    continue
                if kind == "sldNum":
                    body = x.field_body("slidenum", text, 9, self.lang_tag, self.body_font, color)
                elif kind == "ftr":
                    runs = (x.run(text + "  |  ", 9, self.lang_tag, self.body_font, color) if text else "") + \
                        x.run(f"‹ {self.back_label}", 9, self.lang_tag, self.body_font, color, link=back)
                    body = f'<p:txBody {x.NSDECLS}><a:bodyPr/><a:lstStyle/><a:p>{runs}</a:p></p:txBody>'
                else:
                    body = x.field_body("", text, 9, self.lang_tag, self.body_font, color)
                sp.find(qn("p:nvSpPr")).find(qn("p:cNvPr")).set("id", str(self.next_id(slide)))
                self.repair(sp, frame, kind, frame.footer.get(kind))
                self.fill(sp, body)
                spTree(slide).append(sp)
            if "ftr" not in frame.footer:  # the way back to the contents still needs a place
                self.own_footer(slide, planned, made, frame, number=False, text=False)
            return
        self.own_footer(slide, planned, made, frame)

    def own_footer(self, slide, planned: PlannedSlide, made: dict, frame: Frame, number: bool = True, text: bool = True) -> None:
        band = frame.footer_band
        if band is None:
            return
        color = "on_dark" if frame.dark else "muted"
        w_number, w_back = min(band.w // 8, 548640), min(band.w // 4, 1188720)
        if text:
            words = "  |  ".join(t for t in (self.footer_text, self.date_text) if t)
            self.text_frame(slide, TextFrame(band.x, band.y, band.w - w_number - w_back - 91440, FOOTER_H,
                                             [Para(words, "body", 9, color=color)], name="Footer"), made, planned)
        if number:
            self.text_frame(slide, TextFrame(band.right - w_number, band.y, w_number, FOOTER_H, [Para(str(planned.number), "body", 9, color=color)],
                                             name="Slide number", align="right"), made, planned)
        self.text_frame(slide, TextFrame(band.right - w_number - w_back, band.y, w_back, FOOTER_H,
                                         [Para(f"‹ {self.back_label}", "body", 9, color=color)], name="Back to contents", align="right",
                                         link="contents"), made, planned)
