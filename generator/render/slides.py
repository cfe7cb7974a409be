"""Render an Outline into a deck on the brand's template: each slide on the layout that serves
its role, titles in the layout's own placeholders, footers in its footer placeholders (or on a
line of their own), everything else where the Geometry put it."""

from __future__ import annotations

import io

from .. import drawingml as x
from ..cache import code_digest, digest
from ..brand import Brand
from ..geometry import FOOTER_H, Frame
from ..outline import Figure, Outline, Para, PlannedSlide, Table, TextFrame
from ..package import LayoutShapes, Media, SlidePart, footer_shape
from ..template import Box

SLIDE_HEAD = ('<?xml version=\'1.0\' encoding=\'UTF-8\' standalone=\'yes\'?>\n'
              f'<p:sld {x.NSDECLS}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
              '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm>'
              '</p:grpSpPr>')
SLIDE_TAIL = '</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>'
PICTURE_EXT = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "BMP": "bmp", "TIFF": "tiff"}


class Slide:
    """One slide being written: its shapes (XML text), its relationships, its next shape id."""

    def __init__(self, planned: PlannedSlide, layout: LayoutShapes):
        self.planned = planned
        self.layout = layout
        self.shapes: list[str] = []
        self.rels: list[tuple[str, str, str]] = [("rId1", "layout", layout.partname)]
        self._ids = 1

    def next_id(self) -> int:
        self._ids += 1
        return self._ids

    def relate(self, kind: str, target: str) -> str:
        """The rId of a relationship to target (one per target, as PowerPoint keeps them)."""
        for rid, k, t in self.rels:
            if k == kind and t == target:
                return rid
        rid = f"rId{len(self.rels) + 1}"
        self.rels.append((rid, kind, target))
        return rid

    def part(self, notes: str | None) -> SlidePart:
        return SlidePart(SLIDE_HEAD + "".join(self.shapes) + SLIDE_TAIL, self.rels, notes)


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
        self.media: dict[str, Media] = {}  # media key -> the picture, one part per distinct picture
        self.native: dict[str, tuple[bytes, bytes]] = {}  # chart key -> (chart XML, its sheet)
        self.marked: list[tuple[int, TextFrame]] = []  # (slide number, frame) of the plan's text boxes, for deckgen pull

    def render(self, cache=None) -> list[tuple[str, SlidePart]]:
        """Every slide of the outline as (key, SlidePart), in order. Within a slide: the title,
        the content as it is read, pictures above the text, the footer last (the reading order).

        With a cache (cache.Cache) and a brand loaded from it, a slide rendered before is taken
        from it, compressed: keyed by everything the slide is made of (its plan, number and
        links, the pictures it shows, the brand, the texts of the footer, the code)."""
        import pickle

        layouts = self.brand.package.layouts
        base = self._cache_base() if cache is not None and cache.enabled and self.brand.key else None
        out = []
        for planned in self.outline.slides:
            # its pictures first: they are the package's whether the slide is rendered or kept
            targets = [self.register(item) for item in planned.items if isinstance(item, Figure)]
            key = None
            if base is not None:
                # the slide's plan as pickle writes it: all of its content, ten times faster than repr
                key = digest(base, pickle.dumps(planned, protocol=5), str(len(self.marked)), repr(targets))
                hit = cache.get("slides", key)
                if hit is not None:
                    try:
                        part = pickle.loads(hit)
                    except Exception:  # written by another version: rendered again
                        part = None
                    if part is not None:
                        self.marked += [(planned.number, item) for item in planned.items if isinstance(item, TextFrame)]
                        out.append((planned.key, part))
                        continue
            part = self.slide(planned, layouts, targets)
            if key is not None:
                part = part.pack()
                cache.put("slides", key, pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))
            out.append((planned.key, part))
        return out

    def _cache_base(self) -> str:
        return digest(self.brand.key, code_digest(), self.footer_text, self.back_label, self.date_text, self.lang_tag, self.charts.mode)

    def slide(self, planned: PlannedSlide, layouts, targets: list) -> SlidePart:
        """One slide rendered; `targets`: what register() gave for each of its figures."""
        lay = self.frame(planned).layout
        slide = Slide(planned, layouts[(lay.master, lay.index)])
        self.title(slide, planned)
        for item in planned.items:
            if isinstance(item, TextFrame):
                self.text_frame(slide, item, planned, marked=True)
            elif isinstance(item, Table):
                self.table(slide, item)
        for item, target in zip((item for item in planned.items if isinstance(item, Figure)), targets):
            self.figure(slide, item, target)
        if planned.footer:
            self.footer(slide, planned)
        return slide.part(x.notes(planned.notes, self.lang_tag) if planned.notes else None)

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
    def title(self, slide: Slide, planned: PlannedSlide) -> None:
        """The layout's title placeholders (and the cover's subtitle) with the slide's text; the
        layout's other placeholders are left off, so no slide shows an empty "Click to add text"."""
        frame = self.frame(planned)
        for attrs in slide.layout.titles:
            body = x.placeholder_body(planned.title.split("\n"), planned.title_size, self.lang_tag, self.title_font,
                                      "ctr" if planned.layout in ("Content", "Contents") else "",
                                      color=self.readable(frame, "title", 3.0))
            slide.shapes.append(self.placeholder(slide, "Title", attrs, self.repaired(frame, "title", frame.title), body))
        if planned.layout == "Cover" and planned.subtitle and slide.layout.subtitle is not None:
            body = x.placeholder_body(planned.subtitle.split("\n"), planned.subtitle_size, self.lang_tag, self.body_font,
                                      flat=True, color=self.readable(frame, "subTitle", 4.5))
            slide.shapes.append(self.placeholder(slide, "Subtitle", slide.layout.subtitle,
                                                 self.repaired(frame, "subTitle", frame.subtitle), body))
        if planned.layout == "Divider" and planned.subtitle and frame.subtitle is not None:
            box = frame.subtitle
            self.text_frame(slide, TextFrame(box.x, box.y, box.w, box.h, [Para(planned.subtitle, "body", 18, color="heading")],
                                             name="Subtitle", anchor="bottom" if box.bottom <= frame.title.y else "top"), planned)

    def placeholder(self, slide: Slide, name: str, ph_attrs: str, xfrm: str, body: str) -> str:
        shape_id = slide.next_id()
        return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name} {shape_id - 1}"/><p:cNvSpPr><a:spLocks noGrp="1"/>'
                f'</p:cNvSpPr><p:nvPr><p:ph {ph_attrs}/></p:nvPr></p:nvSpPr><p:spPr>{xfrm}</p:spPr>{body}</p:sp>')

    def repaired(self, frame: Frame, kind: str, box: Box | None) -> str:
        """The box of a placeholder whose layout box is empty or off the slide: the one deckgen
        placed it in ("" keeps the layout's)."""
        if box is None or kind not in frame.layout.repaired:
            return ""
        return x.xfrm(box)

    def readable(self, frame: Frame, kind: str, need: float) -> str | None:
        """None where the placeholder's own text colour reads on the slide's background; else the
        theme colour that does (the template's white text on a white layout is not kept)."""
        from ..contrast import contrast_ratio as contrast

        inherited = frame.layout.text_colors.get(kind)
        ground = frame.layout.ground(frame.title if kind == "title" else (frame.subtitle or frame.title))
        if inherited is None or contrast(inherited, ground) >= need:
            return None
        dk1, lt1 = self.brand.info.theme.color("dk1"), self.brand.info.theme.color("lt1")
        return max((dk1, lt1), key=lambda c: contrast(c.hex, ground)).xml()

    def text_frame(self, slide: Slide, frame: TextFrame, planned: PlannedSlide, marked: bool = False) -> None:
        """Write the frame's DrawingML directly: exact line pitch and spacing, bullets, links. A
        box of the plan is named with a marker that deckgen pull finds its paragraphs by."""
        name = frame.name
        if marked:
            name = f"{frame.name} #f{len(self.marked)}"
            self.marked.append((planned.number, frame))

        def link(target: str) -> str:
            return x.link(slide.relate("slide", target))

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
        shape_id = slide.next_id()
        slide.shapes.append(x.text_box(shape_id, name, Box(frame.x, frame.y, frame.w, frame.h), paras, fill, anchor,
                                       link(frame.link) if frame.link else "", inset))

    def register(self, fig: Figure) -> tuple[str, str] | None:
        """The part a figure shows, added to the package's pictures (or native charts) once:
        ("image" or "chart", its key), or None where there is nothing to show."""
        if fig.kind == "picture":
            data = self.charts.picture(fig.file)
            if data is None:
                return None
            key, ext = picture_key(data)
            self.media.setdefault(key, Media(ext, lambda data=data: data))
            return ("image", key)
        chart = self.charts.data(fig.kind, fig.deal)
        if chart is None:
            return None
        key, fetch = self.charts.later(chart)
        if self.charts.mode == "native":
            if key not in self.native:
                from .native import native_chart  # python-pptx's chart data needs xlsxwriter: imported only here

                self.native[key] = native_chart(chart, self.body_font or "+mn-lt")
            return ("chart", key)
        self.media.setdefault(key, Media("png", fetch))  # one part for equal charts
        return ("image", key)

    def figure(self, slide: Slide, fig: Figure, target: tuple[str, str] | None) -> None:
        if target is None:
            return
        kind, key = target
        box = Box(fig.x, fig.y, fig.w, fig.h)
        if fig.kind == "picture":
            slide.shapes.append(x.picture(slide.next_id(), "Picture", slide.relate("image", key), box, fig.alt))
        elif kind == "chart":
            slide.shapes.append(x.chart_frame(slide.next_id(), "Radar chart", slide.relate("chart", key), box, fig.alt))
        else:  # the chart's white ground is the picture's own fill: no shape without meaning beside it
            slide.shapes.append(x.picture(slide.next_id(), "Radar chart", slide.relate("image", key), box, fig.alt,
                                          fill='<a:srgbClr val="FFFFFF"/>'))

    def table(self, slide: Slide, tab: Table) -> None:
        cols = len(tab.header)
        other = (tab.w - tab.first_col_w) // max(1, cols - 1)
        widths = [tab.first_col_w] + [other] * (cols - 1)
        rows = list(zip([tab.header] + tab.rows, tab.row_heights))
        box = Box(tab.x, tab.y, sum(widths), sum(tab.row_heights))
        slide.shapes.append(x.table(
            slide.next_id(), "Score table", box, widths, rows, tab.alt, tab.size, self.lang_tag, self.body_font,
            self.color("primary"), self.color("on_primary"), self.color("band"), self.color("on_white"), self.color("on_white_band")))

    def footer(self, slide: Slide, planned: PlannedSlide) -> None:
        """The footer text with a link back to the contents, the date and the slide number: in the
        layout's own footer placeholders where it has them, else on a footer line of their own."""
        frame = self.frame(planned)
        if frame.footer:
            back = x.link(slide.relate("slide", "contents"))
            color = None  # the template's own footer style
            for kind, text in (("ftr", self.footer_text), ("dt", self.date_text), ("sldNum", str(planned.number))):
                shape = slide.layout.footers.get(kind) if kind in frame.footer else None
                if shape is None:
                    continue
                if kind == "sldNum":
                    body = x.field_body("slidenum", text, 9, self.lang_tag, self.body_font, color)
                elif kind == "ftr":
                    runs = (x.run(text + "  |  ", 9, self.lang_tag, self.body_font, color) if text else "") + \
                        x.run(f"‹ {self.back_label}", 9, self.lang_tag, self.body_font, color, link=back)
                    body = f'<p:txBody><a:bodyPr/><a:lstStyle/><a:p>{runs}</a:p></p:txBody>'
                else:
                    body = x.field_body("", text, 9, self.lang_tag, self.body_font, color)
                repaired = self.repaired(frame, kind, frame.footer.get(kind)) or None
                slide.shapes.append(footer_shape(shape, slide.next_id(), repaired, body))
            if "ftr" not in frame.footer:  # the way back to the contents still needs a place
                self.own_footer(slide, planned, frame, number=False, text=False)
            return
        self.own_footer(slide, planned, frame)

    def own_footer(self, slide: Slide, planned: PlannedSlide, frame: Frame, number: bool = True, text: bool = True) -> None:
        band = frame.footer_band
        if band is None:
            return
        color = "on_dark" if frame.dark else "muted"
        w_number, w_back = min(band.w // 8, 548640), min(band.w // 4, 1188720)
        if text:
            words = "  |  ".join(t for t in (self.footer_text, self.date_text) if t)
            self.text_frame(slide, TextFrame(band.x, band.y, band.w - w_number - w_back - 91440, FOOTER_H,
                                             [Para(words, "body", 9, color=color)], name="Footer"), planned)
        if number:
            self.text_frame(slide, TextFrame(band.right - w_number, band.y, w_number, FOOTER_H, [Para(str(planned.number), "body", 9, color=color)],
                                             name="Slide number", align="right"), planned)
        self.text_frame(slide, TextFrame(band.right - w_number - w_back, band.y, w_back, FOOTER_H,
                                         [Para(f"‹ {self.back_label}", "body", 9, color=color)], name="Back to contents", align="right",
                                         link="contents"), planned)


def picture_key(data: bytes) -> tuple[str, str]:
    """A picture's media key (its hash: one part for equal pictures) and file extension."""
    import hashlib

    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        ext = PICTURE_EXT.get(image.format or "", (image.format or "png").lower())
    return "picture:" + hashlib.sha1(data).hexdigest(), ext
