"""Plan the deck: decide, measure, paginate, number and link every slide before any is drawn."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from . import geometry as g
from .fit import WRAP_SLACK, Measurer, fit_box, line_height_emu
from .flow import Unit, flow, split_lines
from .geometry import FILL, Geometry
from .i18n import Language
from .load import key_path
from .models import Block, Bullet, Deal, Item
from .outline import Figure, Outline, Para, PlannedSlide, Table, TextFrame
from .pages import fit_titles, number_links
from .scoretext import chart_alt, score_rows
from .scores import Scores
from .textrender import TextRenderer
from .validate import Content, Source

SIZES = {"body": 11.0, "bullet": 11.0, "sub": 10.5, "number": 11.0, "heading": 12.5, "band": 12.0,
         "link": 12.0, "hint": 10.0, "contact": 11.0}
SPACE = {"body": 4, "bullet": 4, "sub": 2, "number": 4, "heading": 10, "link": 4, "hint": 8, "contact": 2}
INDENT = {"bullet": g.inches(0.22), "number": g.inches(0.28), "sub": g.inches(0.45)}
BAND_H = g.inches(0.36)
FIGURE_H = g.inches(4.3)


def roomy(height: int, room: int) -> int:
    """A text box's height for text of `height`: a margin of 1/FILL, within the room there is."""
    return max(height, min(int(height / FILL) + 1, room))


def _is_template(value: str | None) -> bool:
    return bool(value) and ("{{" in value or "{%" in value or "{#" in value)


def slug(text: str) -> str:
    """'Midterm review City Deals' -> 'midterm-review-city-deals'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "deck"


def tag(units: list, path: tuple) -> list:
    """Mark units with the key path they came from (those not marked already)."""
    where = key_path(path)
    for unit in units:
        if unit.source is None:
            unit.source = where
    return units


class Planner:
    """Builds the Outline of one deck (the full deck, or an excerpt for some deals)."""

    def __init__(self, content: Content, scores: Scores, measurer: Measurer, render: TextRenderer, language: Language,
                 geometry: Geometry, title_measurer: Measurer | None = None, deals: list[Deal] | None = None,
                 subtitle: str | None = None, cache=None, brand_key: str = ""):
        self.geo = geometry
        self.tm = title_measurer or measurer
        self.c = content
        self.review = content.review
        self.scores = scores
        self.m = measurer
        self.t = render
        self.lang = language
        self.deals = deals if deals is not None else content.deals
        self.excerpt = deals is not None
        self.subtitle = subtitle
        self.slides: list[PlannedSlide] = []
        # planned deal sections kept in the cache (see deal_section): only for a brand loaded through it
        self.cache = cache if cache is not None and cache.enabled and brand_key else None
        self.brand_key = brand_key
        self._base: str | None = None
        self._chapters: str | None = None

    # ---- text helpers -------------------------------------------------------------------
    def text(self, value: str | None, src: Source, path: tuple, **extra) -> str:
        return self.t(value, (src.name, src.line(path), key_path(path)), **extra)

    def sourced(self, value: str, src: Source, path: tuple, style: str, width: int, extra: dict | None = None, **kw) -> Para:
        """A paragraph of a YAML string, which knows the file and key it came from (deckgen pull)."""
        p = self.para(self.text(value, src, path, **(extra or {})), style, width, **kw)
        p.source, p.template = (src.name, path), _is_template(value)
        return p

    def para(self, text: str, style: str, width: int, **kw) -> Para:
        size = SIZES[style]
        bold = kw.pop("bold", style in ("heading",))
        indent = INDENT.get(style, 0)
        lines = self.m.wrap(text, (width - indent) / g.EMU_PER_PT, size, bold)
        return Para(text=text, style=style, size=size, bold=bold, lines=len(lines), space_before=SPACE.get(style, 4), **kw)

    def unit(self, p: Para, **kw) -> Unit:
        return Unit("para", p.lines * line_height_emu(p.size), g.pt(p.space_before), para=p, **kw)

    # ---- block to units -----------------------------------------------------------------
    def block_units(self, block: Block | Item, src: Source, path: tuple, width: int, extra: dict, numbering: list) -> list[Unit]:
        units: list[Unit] = []
        heading = None
        group = getattr(block, "group", None)
        if group:
            group = self.text(group, src, path + ("group",), **extra)
        if block.heading:
            heading = self.sourced(block.heading, src, path + ("heading",), "heading", width, extra, color="heading")
            units.append(self.unit(heading, keep_with_next=True, group=group))
        for i, value in enumerate(block.text):
            units.append(self.unit(self.sourced(value, src, path + ("text", i), "body", width, extra), heading=heading, group=group))
        units += self.bullet_units(block.bullets, src, path + ("bullets",), width, extra, heading, group)
        if getattr(block, "numbered", None):
            for i, item in enumerate(block.numbered):
                numbering[0] += 1
                p = self.sourced(item.text, src, path + ("numbered", i, "text"), "number", width, extra, number=numbering[0])
                units.append(self.unit(p, heading=heading, group=group))
                for j, sub in enumerate(item.bullets):
                    sp = self.sourced(sub.text, src, path + ("numbered", i, "bullets", j, "text"), "sub", width, extra)
                    units.append(self.unit(sp, heading=heading, group=group))
        if getattr(block, "generate", None):
            units += self.generated(block.generate, width, heading, group)
        if units and getattr(block, "page_break", False):
            units[0].page_break = True
        return units

    def bullet_units(self, bullets: list[Bullet], src: Source, path: tuple, width: int, extra: dict, heading, group) -> list[Unit]:
        units = []
        for i, item in enumerate(bullets):
            p = self.sourced(item.text, src, path + (i, "text"), "bullet", width, extra)
            units.append(self.unit(p, heading=heading, group=group))
            for j, sub in enumerate(item.bullets):
                sp = self.sourced(sub.text, src, path + (i, "bullets", j, "text"), "sub", width, extra)
                units.append(self.unit(sp, heading=heading, group=group))
        return units

    def generated(self, kind: str, width: int, heading, group) -> list[Unit]:
        """The units of a `generate:` block (validate.py refuses unknown kinds)."""
        return GENERATED[kind](self, width, heading, group)

    def deal_list_units(self, width: int, heading, group) -> list[Unit]:
        return [self.unit(self.para(d.name, "bullet", width), heading=heading, group=group) for d in self.c.deals]

    def example_chart_units(self, width: int, heading, group) -> list[Unit]:
        h = min(FIGURE_H, int(width * g.RADAR_H_IN / g.RADAR_W_IN))
        return [Unit("figure", h, g.pt(8), heading=heading, group=group,
                     figure={"kind": "example", "alt": self.lang("chart_alt", name=self.lang("example_title"))})]

    def questionnaire_units(self, width: int, heading, group) -> list[Unit]:
        units = []
        for n, ind in enumerate(self.c.questionnaire.indicators, 1):
            hp = self.para(f"{n}. {ind.label}", "heading", width, color="heading")
            units.append(self.unit(hp, keep_with_next=True, group=group))
            for st in ind.statements:
                units.append(self.unit(self.para(st.text, "bullet", width), heading=hp, group=group))
        return units

    def score_table_units(self, width: int, heading, group) -> list[Unit]:
        return [self.table_unit(width, heading, group)]

    def table_unit(self, width: int, heading, group) -> Unit:
        q = self.c.questionnaire
        # an excerpt goes to its deals' stakeholders: their rows and the all-deals mean, no other deal's scores
        all_scores = self.review.excerpts is not None and self.review.excerpts.all_scores
        shown = self.deals if self.excerpt and not all_scores else self.c.deals
        header, rows = score_rows(q, self.scores, self.lang, shown, with_mean=shown is not self.c.deals)
        size = 10.0
        widest = max(self.m.width(r[0], size) for r in rows + [header])
        first_w = max(g.inches(2.2), min(int(width * 0.3), g.pt(widest / WRAP_SLACK + 16)))
        other_w = (width - first_w) // max(1, len(q.indicators))
        header_lines = max(len(self.m.wrap(h, other_w / g.EMU_PER_PT - 10, size, True)) for h in header[1:])
        name_lines = [len(self.m.wrap(r[0], first_w / g.EMU_PER_PT - 10, size)) for r in rows]
        line = line_height_emu(size)
        row_hs = [max(1, n) * line + g.pt(8) for n in name_lines]
        header_h = header_lines * line + g.pt(8)
        return Unit("table", header_h + sum(row_hs), g.pt(8), heading=heading, group=group,
                    table={"header": header, "first_w": first_w, "header_h": header_h, "size": size,
                           "alt": self.lang("table_alt")}, rows=list(zip(rows, row_hs)))

    # ---- the flow -------------------------------------------------------------------------
    def flow(self, units: list[Unit], ncols: int, width: int):
        """Place units into columns and pages (see flow.flow); the columns keep a margin."""
        return flow(units, ncols, int(self.geo.body.h * FILL), line_height_emu,
                    lambda u, avail, orphans: self.split_para(u, avail, width, orphans),
                    lambda u: self.continuation(u, width))

    def continuation(self, u: Unit, width: int) -> list[Unit]:
        """The group band and block heading repeated at the top of a new column."""
        cont = self.lang("continued")
        out = []
        if u.group and u.kind != "band":
            out.append(self.band_unit(f"{u.group} {cont}", width))
        if u.heading is not None and not (u.kind == "para" and u.para is u.heading):
            out.append(self.unit(self.para(f"{u.heading.text} {cont}", "heading", width, color="heading")))
        return out

    def split_para(self, u: Unit, avail: int, width: int, orphans: bool = True):
        """Split a paragraph at a line break so that its head fills avail."""
        lines = self.m.wrap(u.para.text, (width - INDENT.get(u.para.style, 0)) / g.EMU_PER_PT, u.para.size, u.para.bold)
        fit = split_lines(lines, line_height_emu(u.para.size), avail, orphans)
        if not fit:
            return None, u
        head = self.unit(replace(u.para, text=" ".join(lines[:fit]), lines=fit), heading=u.heading, group=u.group)
        tail_para = replace(u.para, text=" ".join(lines[fit:]), lines=len(lines) - fit, part=u.para.part + 1,
                            style="body" if u.para.style in ("bullet", "number") else u.para.style)
        if tail_para.style == "body":
            tail_para.space_before = SPACE["body"]
        return head, self.unit(tail_para, heading=u.heading, group=u.group)

    def band_unit(self, text: str, width: int) -> Unit:
        p = self.para(text, "band", width - g.inches(0.2), bold=True, color="heading")
        h = max(BAND_H, p.lines * line_height_emu(p.size) + g.inches(0.12))
        return Unit("band", h, g.pt(10), para=p, keep_with_next=True, group=None)

    def frames(self, column: list[tuple[Unit, int]], x: int, width: int) -> list:
        """Turn a column's placed units into text frames, bands, figures and tables."""
        items: list = []
        run: list[tuple[Unit, int]] = []
        body = self.geo.body

        def flush():
            if not run:
                return
            top = run[0][1]
            paras = []
            for k, (unit, y) in enumerate(run):
                paras.append(replace(unit.para, space_before=0.0 if k == 0 else unit.para.space_before))
            bottom = run[-1][1] + run[-1][0].height
            items.append(TextFrame(x, body.y + top, width, roomy(bottom - top, body.bottom - body.y - top), paras))
            run.clear()

        for unit, y in column:
            if unit.kind == "para":
                run.append((unit, y))
                continue
            flush()
            if unit.kind == "band":
                items.append(TextFrame(x, body.y + y, width, unit.height, [replace(unit.para, space_before=0.0)], fill="band", name="Band", anchor="middle"))
            elif unit.kind == "figure":
                w = min(width, int(unit.height * g.RADAR_W_IN / g.RADAR_H_IN))
                items.append(Figure(x + (width - w) // 2, body.y + y, w, unit.height, **unit.figure))
            elif unit.kind == "table":
                t = unit.table
                items.append(Table(x, body.y + y, width, unit.height, t["header"], [r for r, _ in unit.rows], t["alt"],
                                   row_heights=[t["header_h"]] + [h for _, h in unit.rows], first_col_w=t["first_w"], size=t["size"]))
        flush()
        return items

    # ---- slides ---------------------------------------------------------------------------
    def flowed_slides(self, key: str, title: str, units: list[Unit], ncols: int, always_number: bool = False, file: str = "",
                      title_source: tuple | None = None) -> None:
        width = self.geo.columns(ncols)[0][1]
        pages = self.flow(units, ncols, width)
        n = len(pages)
        for k, page in enumerate(pages, 1):
            t = f"{title} | ({k}/{n})" if (n > 1 or always_number) else title
            sources = list(dict.fromkeys(u.source for column in page for u, _ in column if u.source))
            notes = f"{self.lang('source')}: {file}" + (f" — {', '.join(sources)}" if sources else "")
            slide = PlannedSlide(key=key if k == 1 else f"{key}#{k}", layout="Content", title=t, notes=notes,
                                 title_source=title_source, title_text=title)
            for (x, w), column in zip(self.geo.columns(ncols), page):
                slide.items += self.frames(column, x, w)
            self.slides.append(slide)

    def plan(self) -> Outline:
        r = self.review
        src = self.c.sources["review"]
        lang = self.lang
        self.slides.append(self.cover(self.text(r.title, src, ("title",)), self.subtitle or self.text(r.subtitle, src, ("subtitle",)),
                                      f"{lang('source')}: {src.name} — title, subtitle, author, date"))
        self.slides.append(PlannedSlide("contents", "Contents", lang("contents"), notes=f"{lang('source')}: {src.name} — chapters, contacts"))
        for ci, chapter in enumerate(r.chapters):
            here = ("chapters", ci)
            ctitle = self.text(chapter.title, src, here + ("title",))
            divider = PlannedSlide(f"chapter:{chapter.id}", "Divider", ctitle, dark=self.geo.roles["divider"].dark, title_text=ctitle,
                                   title_source=None if _is_template(chapter.title) else (src.name, here + ("title",)), notes=f"{lang('source')}: {src.name} — chapters[{ci}]")
            if chapter.picture is not None:
                divider.items.append(Figure(*self.divider_figure(), "picture", self.text(chapter.picture.alt, src, here + ("picture", "alt")),
                                            file=chapter.picture.file))
            self.slides.append(divider)
            if chapter.generate == "deals":
                self.deal_chapter(chapter, ci, src, ctitle)
            for si, slide in enumerate(chapter.slides):
                self.chapter_slide(slide, here + ("slides", si), src, f"{chapter.id}:{si}")
        if r.closing is not None:
            frame = self.geo.roles["closing"]
            closing = PlannedSlide("closing", "Closing", self.text(r.closing.title, src, ("closing", "title")), dark=frame.dark,
                                   notes=f"{lang('source')}: {src.name} — closing, contacts")
            area = frame.body
            color = "on_dark" if frame.dark else "text"
            lines = [self.text(line, src, ("closing", "lines", i)) for i, line in enumerate(r.closing.lines)]
            lines += [" / ".join(x for x in (c.name, c.email, c.phone) if x) for c in r.contacts]
            for size in (11.0, 10.0, 9.0, 8.0):  # smaller where the closing layout leaves little room
                paras = [self.para(line, "contact", area.w, color=color) for line in lines]
                for p in paras:
                    p.size, p.space_before = size, 2 * size / 11
                    p.lines = len(self.m.wrap(p.text, area.w / g.EMU_PER_PT, size))
                h = sum(p.lines * line_height_emu(p.size) + g.pt(p.space_before) for p in paras[1:]) + (
                    paras[0].lines * line_height_emu(size) if paras else 0)
                if h <= area.h * FILL:
                    break
            if paras:
                paras[0].space_before = 0
                closing.items.append(TextFrame(area.x, area.y, area.w, roomy(h, area.h), paras, name="Contacts"))
            self.slides.append(closing)
        for number, slide in enumerate(self.slides, 1):
            slide.number = number
        fit_titles(self.slides, self.geo, self.tm, self.m)
        self.contents_items()
        number_links(self.slides)
        return Outline(self.slides, r.title, r.author)

    def _chapter_slide(self, slide, path: tuple, src: Source, key: str) -> None:
        title = self.text(slide.title, src, path + ("title",))
        ncols = 1 if any(b.generate == "score-table" for b in slide.blocks) else 2
        width = self.geo.columns(ncols)[0][1]
        units: list[Unit] = []
        group = None
        numbering = [0]
        for bi, block in enumerate(slide.blocks):
            bunits = tag(self.block_units(block, src, path + ("blocks", bi), width, {}, numbering), path + ("blocks", bi))
            bgroup = self.text(block.group, src, path + ("blocks", bi, "group")) if block.group else None
            if bgroup and bgroup != group:
                band = self.band_unit(bgroup, width)
                band.para.source, band.para.template = (src.name, path + ("blocks", bi, "group")), _is_template(block.group)
                band.page_break = block.page_break
                band.source = key_path(path + ("blocks", bi, "group"))
                units.append(band)
            group = bgroup
            units += bunits
        source = None if _is_template(slide.title) else (src.name, path + ("title",))
        self.flowed_slides(key, title, units, ncols, file=src.name, title_source=source)

    def deal_chapter(self, chapter, ci: int, src: Source, ctitle: str) -> None:
        here = ("chapters", ci)
        width = self.geo.columns(2)[0][1]
        units: list[Unit] = []
        numbering = [0]
        for bi, block in enumerate(chapter.intro):
            units += tag(self.block_units(block, src, here + ("intro", bi), width, {}, numbering), here + ("intro", bi))
        heading_text = self.text(chapter.index_heading, src, here + ("index_heading",)) if chapter.index_heading else self.lang("index_heading")
        head = self.para(heading_text, "heading", width, color="heading")
        index_units = [self.unit(head, keep_with_next=True)]
        for deal in self.deals:
            # measured with room for a three-digit number; the number itself is filled in by reference
            p = self.para(f"{self.lang('slide')} 000 | {deal.name}", "link", width, link=f"deal:{deal.id}", color="heading")
            p.text, p.number_label = deal.name, self.lang("slide")
            index_units.append(self.unit(p, heading=head))
        hint = self.text(chapter.index_hint, src, here + ("index_hint",)) if chapter.index_hint else self.lang("index_hint")
        index_units.append(self.unit(self.para(hint, "hint", width, color="muted"), heading=head))
        index_units[0].column_break = True  # the index stands in a column of its own
        index_units[1 if len(index_units) > 1 else 0].source = "deals/ (the index)"
        self.flowed_slides(f"index:{chapter.id}", f"{ctitle} | {self.lang('index_title')}", units + index_units, 2, file=src.name)
        for deal in self.deals:
            self.deal_section(deal)

    def deal_section(self, deal: Deal) -> None:
        """A deal's divider and findings slides, planned or taken from the cache (see _kept)."""
        self._kept(lambda: self._deal_key(deal), lambda: self._deal_section(deal))

    def chapter_slide(self, slide, path: tuple, src: Source, key: str) -> None:
        """A slide of review.yaml's chapters (and its continuations), planned or taken from the cache."""
        self._kept(lambda: self._chapter_key(path), lambda: self._chapter_slide(slide, path, src, key))

    # ---- planned slides kept in the cache --------------------------------------------------
    # With a cache, the slides a deal's section or a chapter's slide was planned into are kept,
    # keyed by everything they are made of: the deal's file and scores, or the review's; the
    # questionnaire, the brand and this code; all deals' files where a text holds a template
    # (`deals` reaches any of them). An edit in one deal plans that deal's slides again, and no
    # other's. Numbers, titles and links are set over the whole deck after, every time.
    def _kept(self, make_key, plan) -> None:
        key = make_key() if self.cache is not None else None
        if key is not None:
            import pickle

            hit = self.cache.get("sections", key)
            if hit is not None:
                try:
                    self.slides += pickle.loads(hit)
                    return
                except Exception:  # written by another version: planned again
                    pass
        start, problems = len(self.slides), len(self.t.problems)
        plan()
        if key is not None and len(self.t.problems) == problems:
            import pickle

            kept = pickle.dumps(self.slides[start:], protocol=pickle.HIGHEST_PROTOCOL)
            self.cache.put("sections", key, kept)
            # go on with the slides as the next build will read them, so that a slide's render key
            # (its plan as pickle writes it, shared objects and all) is the same either way
            self.slides[start:] = pickle.loads(kept)

    def _base_key(self) -> str:
        from .cache import code_digest, digest

        if self._base is None:
            inputs = [self.c.sources[k].digest for k in ("review", "questionnaire")]
            self._base = digest(code_digest(), *inputs, self.brand_key, repr(self.excerpt), repr(sorted(self.scores.overall.items())))
        return self._base

    def _deals_files(self) -> list[str]:
        """The digests of every deal's file (what a template may read through `deals`)."""
        return [self.c.deal_source(d).digest for d in self.c.deals]

    def _deal_key(self, deal: Deal) -> str:
        from .cache import digest

        src = self.c.deal_source(deal)
        parts = [self._base_key(), src.name, src.digest, repr(sorted(self.scores.for_deal(deal.id).items())),
                 repr(self.scores.respondents.get(deal.id))]
        if src.templated:
            parts += self._deals_files()
        return digest(*parts)

    def _chapter_key(self, path: tuple) -> str:
        """A chapter slide reads the review, the deals' ids, numbers and names (lists, links) and
        all scores (the score table); any deal's text only through a template."""
        from .cache import digest

        if self._chapters is None:
            parts = [self._base_key(), "chapter", repr([(d.id, d.number, d.name) for d in self.deals]),
                     repr(sorted((k, sorted(v.items())) for k, v in self.scores.per_deal.items())),
                     repr(sorted(self.scores.respondents.items()))]
            if self.c.sources["review"].templated:
                parts += self._deals_files()
            self._chapters = digest(*parts)
        return digest(self._chapters, repr(path))

    def _deal_section(self, deal: Deal) -> None:
        src = self.c.deal_source(deal)
        lang = self.lang
        scores = self.scores.for_deal(deal.id)
        extra = {"deal": deal, "scores": scores}
        name = self.text(deal.name, src, ("name",), **extra)
        label = f"{lang.deal_label} {deal.number}"
        divider = PlannedSlide(f"deal:{deal.id}", "Divider", name, subtitle=label, dark=self.geo.roles["divider"].dark, title_text=name,
                               title_source=None if _is_template(deal.name) else (src.name, ("name",)),
                               notes=f"{lang('source')}: {src.name} — number, name; {lang('scores_source')}")
        if scores:  # a deal without responses gets its section without a chart (and a warning)
            divider.items.append(Figure(*self.divider_figure(), "radar", self.chart_alt(deal), deal=deal.id))
        self.slides.append(divider)
        width = self.geo.columns(2)[0][1]
        units: list[Unit] = []
        if deal.context:
            head = self.para(lang("context"), "heading", width, color="heading")
            units.append(self.unit(head, keep_with_next=True, source="context"))
            units += tag(self.bullet_units(deal.context, src, ("context",), width, extra, head, None), ("context",))
        for ind in self.c.questionnaire.indicators:
            items = deal.findings.get(ind.id)
            if not items:
                continue
            head = self.para(ind.findings_heading, "heading", width, color="heading")
            units.append(self.unit(head, keep_with_next=True, source=f"findings.{ind.id}"))
            units += tag(self.bullet_units(items, src, ("findings", ind.id), width, extra, head, None), ("findings", ind.id))
        for key, part, default in (("lessons", deal.lessons, lang("lessons")), ("attention_points", deal.attention_points, lang("attention"))):
            if part is None or not part.items:
                continue
            title = self.text(part.title, src, (key, "title"), **extra) if part.title else default
            band = self.band_unit(title, width)
            band.page_break = key == "lessons" or not deal.lessons or not deal.lessons.items
            band.source = f"{key}.title" if part.title else None
            units.append(band)
            for ii, item in enumerate(part.items):
                for u in tag(self.block_units(item, src, (key, "items", ii), width, extra, [0]), (key, "items", ii)):
                    u.group = title
                    units.append(u)
        if not units:
            return
        shown = self.text(deal.slide_title, src, ("slide_title",), **extra) if deal.slide_title else name
        self.flowed_slides(f"findings:{deal.id}", f"{deal.number}. {shown}", units, 2, always_number=True, file=src.name)

    def chart_alt(self, deal: Deal) -> str:
        survey = self.review.survey
        return chart_alt(deal, self.c.questionnaire, self.scores, self.lang, survey.min_respondents if survey else 1)

    def cover(self, title: str, subtitle: str, notes: str) -> PlannedSlide:
        """The cover: title and subtitle in the layout's placeholders; the author and the date in
        the free area below them, or with the subtitle where there is no room of their own."""
        src = self.c.sources["review"]
        slide = PlannedSlide("cover", "Cover", title, subtitle=subtitle, footer=False, notes=notes, title_text=title,
                             title_source=None if _is_template(self.review.title) else (src.name, ("title",)))
        frame = self.geo.roles["cover"]
        lines = [(t, bold) for t, bold in ((self.review.author, True), (self.lang.date(self.review.date), False)) if t]
        if frame.subtitle is None and subtitle:  # a cover layout without a subtitle placeholder
            lines.insert(0, (subtitle, False))
            slide.subtitle = ""
        area = frame.body
        paras = [self.para(t, "body", area.w, bold=bold, color="heading" if bold else "muted") for t, bold in lines]
        for i, p in enumerate(paras):
            p.size, p.space_before = (18.0 if i == 0 and not slide.subtitle and subtitle else 14.0), 0.0 if i == 0 else 4.0
            p.lines = len(self.m.wrap(p.text, area.w / g.EMU_PER_PT, p.size, p.bold))
        h = sum(p.lines * line_height_emu(p.size) + g.pt(p.space_before) for p in paras)
        if paras and frame.subtitle is not None and (area.w < g.inches(2.5) or h / FILL > area.h):
            slide.subtitle = "\n".join([t for t in (subtitle,) if t] + [t for t, _ in lines])
        elif paras:
            slide.items.append(TextFrame(area.x, area.y, area.w, roomy(h, area.h), paras, name="Author and date"))
        return slide

    def divider_figure(self) -> tuple[int, int, int, int]:
        """(x, y, w, h) of a chart or picture in the divider's free area, at the charts' aspect."""
        area = self.geo.roles["divider"].body
        w = min(area.w, int(area.h * g.RADAR_ASPECT), g.inches(g.RADAR_W_IN))  # drawn at 200 dpi for this size: never larger
        h = int(w / g.RADAR_ASPECT)
        return area.x + (area.w - w) // 2, area.y + (area.h - h) // 2, w, h

    def contents_items(self) -> None:
        """The contents slide: a clickable block per chapter, and the contacts."""
        slide = next(s for s in self.slides if s.key == "contents")
        chapters = self.review.chapters
        area = self.geo.roles["contents"].body
        src = self.c.sources["review"]
        contacts = [" / ".join(v for v in (c.name, c.email, c.phone) if v) for c in self.review.contacts]
        gap = g.inches(0.25)
        side_w = min(g.inches(3.6), area.w // 3) if contacts else 0
        tiles_w = area.w - (side_w + gap if contacts else 0)
        cols = 3 if len(chapters) > 4 else 2
        rows = -(-len(chapters) // cols)
        bw = (min(tiles_w, g.inches(8.0)) - (cols - 1) * gap) // cols
        tiles_w = cols * bw + (cols - 1) * gap
        hint = self.para(self.lang("contents_hint"), "hint", tiles_w, color="muted")
        hint_h = roomy(line_height_emu(hint.size) * hint.lines, area.h)
        bh = min(g.inches(1.9), (area.h - hint_h - gap - (rows - 1) * gap) // rows)
        for i, chapter in enumerate(chapters):
            r, c = divmod(i, cols)
            title = self.text(chapter.title, src, ("chapters", i, "title"))
            inner_w, inner_h = (bw - g.inches(0.3)) / g.EMU_PER_PT, (bh - g.inches(0.2)) / g.EMU_PER_PT * FILL
            size, title = fit_box(self.m, title, inner_w, inner_h, [16, 14, 12, 11, 10], bold=True)
            p = self.para(title, "heading", bw - g.inches(0.3), color="on_primary", bold=True)
            p.size = size
            p.lines = len(self.m.wrap(title, inner_w, size, True))
            slide.items.append(TextFrame(area.x + c * (bw + gap), area.y + r * (bh + gap), bw, bh, [p], fill="primary",
                                         link=f"chapter:{chapter.id}", name=f"Chapter {i + 1}", anchor="middle", align="center"))
        slide.items.append(TextFrame(area.x, area.y + rows * (bh + gap), tiles_w, hint_h, [replace(hint, space_before=0)], name="Hint"))
        if contacts:
            w = side_w
            paras = [self.para(self.lang("contacts_intro"), "body", w)]
            paras += [self.para(line, "contact", w, color="heading") for line in contacts]
            paras[0].space_before = 0
            paras[1].space_before = 8
            h = sum(p.lines * line_height_emu(p.size) + g.pt(p.space_before) for p in paras)
            slide.items.append(TextFrame(area.right - w, area.y, w, roomy(h, area.h), paras, name="Contacts"))


GENERATED = {
    "deal-list": Planner.deal_list_units,
    "example-chart": Planner.example_chart_units,
    "questionnaire": Planner.questionnaire_units,
    "score-table": Planner.score_table_units,
}
"""What each `generate:` kind of a block makes; models.GENERATE_KINDS names them for validation
(a new kind: an entry there and a method here)."""
