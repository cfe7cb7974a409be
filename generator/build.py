"""The pipeline: load -> validate -> aggregate -> plan -> render -> write."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import json

from typing import TYPE_CHECKING

from .brand import CHECKOUT_TEMPLATES, Brand, load_brand, template_places
from .cache import Cache, code_digest, digest
from .errors import DeckError, Problem
from .i18n import Language
from .scores import Scores
from .validate import Content, load_content, suggest

if TYPE_CHECKING:
    from .outline import Outline


@dataclass
class Result:
    path: Path
    slides: int
    warnings: list[str] = field(default_factory=list)
    outline: Outline | None = None


def project_templates() -> Path:
    """templates/ of the source checkout this package runs from, else of the working directory."""
    return CHECKOUT_TEMPLATES if CHECKOUT_TEMPLATES.is_dir() else Path.cwd() / "templates"


def default_output(content: Content, out_dir: Path = Path("output")) -> Path:
    from .plan import slug

    return out_dir / f"{slug(content.review.title)}.pptx"


def load_scores(content: Content, cache: Cache | None = None) -> tuple[Scores, list[str]]:
    """The survey's aggregates; from the cache when the survey, questionnaire and deals are unchanged."""
    survey = content.review.survey
    if survey is None:
        return Scores(), []
    path = content.folder / survey.file
    cache = cache or Cache(None)
    key = None
    if cache.enabled:
        deals = json.dumps([(d.id, d.name) for d in content.deals])
        # the models' repr holds every field, like their JSON, without building a serializer for it
        key = digest(code_digest(), path.read_bytes(), path.suffix.lower(), repr(content.questionnaire), deals, repr(survey))
        hit = cache.get("scores", key)
        if hit is not None:
            data = json.loads(hit)
            return Scores.from_json(data["scores"]), data["warnings"]
    from .survey import aggregate, read_responses

    rows, warnings = read_responses(path, survey.file, content.questionnaire, content.deals, survey)
    scores = aggregate(rows, content.questionnaire)
    if key is not None:
        cache.put("scores", key, json.dumps({"scores": scores.to_json(), "warnings": warnings}).encode())
    return scores, warnings


def find_deals(content: Content, wanted: list[str]) -> list:
    """The deals named by id or name (case-insensitive); DeckError for an unknown one."""
    chosen = []
    for word in wanted:
        key = word.strip().lower()
        deal = next((d for d in content.deals if d.id == key or d.name.lower() == key), None)
        if deal is None:
            names = [d.id for d in content.deals]
            raise DeckError(Problem("--deal", f"unknown deal '{word}'{suggest(word, names)}; known: {', '.join(names)}"))
        if deal not in chosen:
            chosen.append(deal)
    return sorted(chosen, key=lambda d: d.number)


def plan_deck(content: Content, scores: Scores, brand: Brand, deals=None, cache: Cache | None = None) -> Outline:
    from .fit import Measurer
    from .plan import Planner
    from .textrender import TextRenderer

    review = content.review
    lang = Language(review.language, review.deal_label)
    context = {"review": review, "deals": content.deals, "overall": scores.overall}
    renderer = TextRenderer(lang, context)
    subtitle = None
    if deals is not None:
        subtitle = " · ".join(d.name for d in deals)
    body = Measurer(brand.body.regular, brand.body.bold, brand.body.scale, cache)
    titles = Measurer(brand.headings.regular, brand.headings.bold, brand.headings.scale, cache)
    planner = Planner(content, scores, body, renderer, lang, brand.geometry, titles, deals=deals, subtitle=subtitle, cache=cache,
                      brand_key=brand.key)
    outline = planner.plan()
    if renderer.problems:
        raise DeckError(renderer.problems)
    body.save()
    titles.save()
    return outline


@dataclass
class Prepared:
    """A loaded, validated and scored review with its brand: what every deck of it is made from."""

    content: Content
    scores: Scores
    brand: Brand
    warnings: list[str]
    cache: Cache = field(default_factory=lambda: Cache(None))


def prepare(content_dir: Path, templates: Path | None = None, cache: Cache | None = None, brand: str | None = None,
            pool=None) -> Prepared:
    """Load, validate and aggregate a review folder and load its brand (DeckError on any problem).

    The brand is loaded as soon as review.yaml and questionnaire.yaml are valid, so that a
    chart process (`pool`) can start on the charts' common ground (and the example chart)
    while the deals are read and the survey aggregated. A problem with the brand is reported
    after the review's own problems, as if it had been loaded last."""
    cache = cache if cache is not None else Cache()
    loaded: dict = {}

    def on_heads(review, questionnaire, src) -> None:
        where = ("--brand", None) if brand else (src.name, src.line(("brand",)))
        try:
            loaded["brand"] = load_brand(brand or review.brand, template_places(content_dir, templates), where, cache)
        except DeckError as exc:
            loaded["error"] = exc
            return
        if pool is not None:
            from .render.deck import early_charts

            early_charts(review, questionnaire, loaded["brand"], cache, pool)

    content = load_content(Path(content_dir), cache, on_heads)
    if "error" in loaded:
        raise loaded["error"]
    scores, warnings = load_scores(content, cache)
    warnings = content.warnings + warnings
    for deal in content.deals:
        if content.review.survey is not None and deal.id not in scores.per_deal:
            warnings.append(f"{content.sources[deal.id].name}: no survey responses for '{deal.name}'; its section has no chart")
    brand_obj = loaded["brand"]
    warnings += brand_obj.warnings
    return Prepared(content, scores, brand_obj, warnings, cache)


def write_deck(prepared: Prepared, out: Path | None = None, deals: list[str] | None = None, pool=None) -> Result:
    """Plan, render and write one deck: the full deck, or an excerpt of the given deals."""
    from .render.deck import render_deck, warm_charts
    from .write import write_atomic

    content = prepared.content
    chosen = find_deals(content, deals) if deals else None
    warm_charts(content, prepared.scores, prepared.brand, prepared.cache, pool, chosen)
    outline = plan_deck(content, prepared.scores, prepared.brand, chosen, prepared.cache)
    data = render_deck(outline, content, prepared.scores, prepared.brand, prepared.cache, pool)
    if out is None:
        out = default_output(content)
        if chosen:
            out = out.parent / "excerpts" / f"{'+'.join(d.id for d in chosen)}.pptx"
    write_atomic(Path(out), data)
    return Result(Path(out), len(outline.slides), list(prepared.warnings), outline)


def build(content_dir: Path, out: Path | None = None, templates: Path | None = None, deals: list[str] | None = None,
          cache: Cache | None = None, pool=None, brand: str | None = None) -> Result:
    """Build one deck (the full deck, or an excerpt of the given deals) and write it atomically.

    `pool` (a render.pool.ChartPool) draws charts in another process, started before loading."""
    return write_deck(prepare(content_dir, templates, cache, brand, pool), out, deals, pool)
