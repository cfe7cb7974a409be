"""Render a planned deck: charts for its figures, slides on the brand's template, file properties."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..brand import Brand
from ..cache import Cache, digest
from ..i18n import Language
from ..geometry import RADAR_H_IN, RADAR_W_IN
from ..outline import Figure, Outline
from ..scores import Scores
from ..validate import Content, inside
from .charts import ENCODING, RadarData, radar_png
from .slides import Renderer


class Charts:
    """The data of every chart, its picture (drawn once per distinct data), and chapter pictures."""

    def __init__(self, data, mode: str, folder, cache: Cache, pool=None):
        self.data = data  # (kind, deal id) -> RadarData or None
        self.mode = mode  # "image" or "native"
        self.folder = folder
        self.cache = cache
        self.pool = pool  # a ChartPool drawing in another process, or None

    def known(self, key: str) -> bytes | None:
        return known(self.cache, key)

    def prefetch(self, wanted: list[tuple[str, str | None]]) -> None:
        """Send the charts the deck will need, (kind, deal id), that nobody has drawn yet to the pool."""
        if self.pool is None or self.mode != "image":
            return
        for kind, deal in wanted:
            data = self.data(kind, deal)
            if data is not None:
                key = chart_key(data)
                if self.known(key) is None:
                    self.pool.submit(key, data)

    def png(self, data: RadarData) -> bytes:
        """The chart's picture: from memory, the disk cache, the pool, or drawn now (and kept)."""
        key = chart_key(data)
        png = self.known(key)
        if png is not None:
            return png
        png = self.pool.result(key) if self.pool is not None else None
        if png is None:
            png = radar_png(data)
        if self.cache.enabled:
            self.cache.put("charts", key, png)
            _drawn[key] = png
        return png

    def later(self, data: RadarData):
        """The chart's key (equal for equal charts) and a function that gives its picture."""
        return chart_key(data), lambda: self.png(data)

    def picture(self, file: str) -> bytes | None:
        path = inside(self.folder, file)
        return path.read_bytes() if path and path.is_file() else None


_drawn: dict[str, bytes] = {}  # this process's charts (a watching process keeps them)


def known(cache: Cache, key: str) -> bytes | None:
    """A chart's picture drawn before: in this process's memory or the disk cache."""
    if not cache.enabled:
        return None
    png = _drawn.get(key) or cache.get("charts", key)
    if png is not None:
        _drawn[key] = png
    return png


def chart_mode(content: Content, brand: Brand) -> str:
    """"image" or "native": the review's choice, else the brand's."""
    return content.review.charts or brand.spec.charts


@lru_cache(maxsize=None)
def _versions(font: str) -> str:
    import PIL

    from ..cache import code_digest

    return PIL.__version__ + ENCODING + code_digest() + digest(Path(font).read_bytes())


def chart_key(data: RadarData) -> str:
    return digest(repr(data), _versions(data.font))


def chart_maker(content: Content, scores: Scores, brand: Brand, lang: Language):
    """A function (kind, deal id) -> the RadarData of that chart, or None (a deal without scores)."""
    review = content.review
    q = content.questionnaire
    labels = tuple(ind.axis_label for ind in q.indicators)
    ids = [ind.id for ind in q.indicators]
    colors = tuple(brand.hex(name) for name in ("deal", "reference", "range", "text", "muted"))
    survey = review.survey
    min_n = survey.min_respondents if survey else 1
    legend = (lang("legend_deal"), lang("legend_all"), lang("legend_range"))
    illustrative = lang("illustrative") if survey and survey.illustrative else ""
    reference = tuple(scores.overall[i].mean if i in scores.overall else q.scale.min for i in ids) if scores.overall else None

    width, height = RADAR_W_IN, RADAR_H_IN

    def make(kind: str, key: str | None = None) -> RadarData | None:
        if kind == "example":
            n = len(ids)
            lo, hi = q.scale.min, q.scale.max
            span = hi - lo
            mean = tuple(round(lo + span * (0.55 + 0.2 * ((i * 37) % 7) / 6), 2) for i in range(n))
            ref = tuple(round(lo + span * 0.6, 2) for _ in range(n))
            low = tuple(max(lo, m - span * 0.25) for m in mean)
            high = tuple(min(hi, m + span * 0.2) for m in mean)
            data = RadarData(labels, mean, ref, low, high, (lo, hi), legend, (lang("example_title"),), colors,
                             str(brand.regular_font), round(width, 3), round(height, 3), str(brand.bold_font))
        else:
            s = scores.for_deal(key)
            if not s:
                return None
            n = scores.respondents.get(key, 0)
            mean = tuple(s[i].mean if i in s else q.scale.min for i in ids)
            show_range = n >= min_n
            notes = [illustrative, lang("respondent") if n == 1 else lang("respondents", n=n)]
            if not show_range:
                notes.append(lang("no_range", k=min_n))
            data = RadarData(labels, mean, reference,
                             tuple(s[i].min if i in s else q.scale.min for i in ids) if show_range else None,
                             tuple(s[i].max if i in s else q.scale.min for i in ids) if show_range else None,
                             (q.scale.min, q.scale.max), legend, tuple(notes), colors, str(brand.regular_font),
                             round(width, 3), round(height, 3), str(brand.bold_font))
        return data

    return make


def uses_example(review) -> bool:
    """Whether a chapter of the review shows the example chart."""
    blocks = [block for chapter in review.chapters for block in chapter.intro]
    blocks += [block for chapter in review.chapters for slide in chapter.slides for block in slide.blocks]
    return any(block.generate == "example-chart" for block in blocks)


def early_charts(review, questionnaire, brand: Brand, cache: Cache, pool) -> None:
    """Have the chart process draw the charts' common ground, and the example chart, as soon as
    the review, the questionnaire and the brand are known (before the deals are read)."""
    from types import SimpleNamespace

    content = SimpleNamespace(review=review, questionnaire=questionnaire)
    if chart_mode(content, brand) != "image":
        return
    data = chart_maker(content, Scores(), brand, Language(review.language, review.deal_label))("example")
    key = chart_key(data)
    if known(cache, key) is None:
        pool.prepare(data)
        if uses_example(review):
            pool.submit(key, data)


def warm_charts(content: Content, scores: Scores, brand: Brand, cache: Cache, pool, deals=None) -> None:
    """Send the deals' charts that are not in the cache to the chart process before the deck is
    planned, so it draws them while this process plans (their data is known from the scores)."""
    review = content.review
    if pool is None or chart_mode(content, brand) != "image":
        return
    make = chart_maker(content, scores, brand, Language(review.language, review.deal_label))
    wanted = [d for d in (make("deal", deal.id) for deal in (deals if deals is not None else content.deals)) if d is not None]
    example = [make("example")] if uses_example(review) else []
    missing = [(chart_key(d), d) for d in example + wanted if known(cache, chart_key(d)) is None]
    if missing:
        pool.prepare(missing[0][1])
    for key, data in missing:
        pool.submit(key, data)


def render_deck(outline: Outline, content: Content, scores: Scores, brand: Brand, cache: Cache | None = None, pool=None) -> bytes:
    """The deck's package (the .pptx file's bytes)."""
    from .. import package
    from ..manifest import PROPERTY, manifest

    review = content.review
    lang = Language(review.language, review.deal_label)
    charts = Charts(chart_maker(content, scores, brand, lang), chart_mode(content, brand), content.folder, cache or Cache(None), pool)
    charts.prefetch([(f.kind, f.deal) for slide in outline.slides for f in slide.items if isinstance(f, Figure) and f.kind != "picture"])
    renderer = Renderer(outline, brand, charts, review.author or brand.spec.footer or "",
                        lang("back"), lang.date(review.date), {"nl": "nl-NL", "en": "en-GB"}[review.language])
    slides = renderer.render(cache)
    template = brand.package
    custom = dict(template.custom)
    custom[PROPERTY] = manifest(outline, renderer.marked)
    core = package.core_xml(review.title, review.author or "", review.date, renderer.lang_tag)
    return package.write(template, slides, renderer.media, renderer.native, core, custom)
