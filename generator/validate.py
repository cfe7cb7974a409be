"""Validate a review folder into models, collecting every problem with its file, line and key."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import models as m
from .cache import digest
from .errors import Collector, DeckError
from .load import Positions, key_path, parse_yaml, read_file
from .models import GENERATE_KINDS


@dataclass
class Source:
    """Where a model came from: its file (as shown in messages) and the line of each key."""

    name: str
    path: Path
    positions: Positions
    digest: str = ""  # of the bytes it was read from (what the cache keys of later stages take)
    templated: bool = False  # whether those bytes hold a Jinja template ({{ }}, {% %}, {# #})

    def line(self, path: tuple) -> int | None:
        return self.positions.line(path)


@dataclass
class Content:
    """A validated review folder: plain models plus where each came from."""

    folder: Path
    review: m.Review
    questionnaire: m.Questionnaire
    deals: list[m.Deal]
    sources: dict[str, Source] = field(default_factory=dict)  # "review", "questionnaire", deal id
    warnings: list[str] = field(default_factory=list)

    def deal_source(self, deal: m.Deal) -> Source:
        return self.sources[deal.id]


SURVEY_SUFFIXES = (".csv", ".xlsx", ".txt", ".tsv")


def suggest(word: str, choices) -> str:
    """A did-you-mean clause, or an empty string."""
    import difflib

    match = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"; did you mean '{match[0]}'?" if match else ""


def unknown_kind(kind: str) -> str:
    """The message for an unknown `generate:` kind, with a did-you-mean and the known kinds."""
    hint = suggest(kind, GENERATE_KINDS)
    return f"unknown kind '{kind}'{hint}{' ' if hint else '; '}known: {', '.join(GENERATE_KINDS)}"


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names of the model found at loc (for did-you-mean on unknown keys)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = current.model_fields.get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    args = getattr(annotation, "__args__", None)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in args or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _message(err: dict, model: type[BaseModel], loc: tuple) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        return "unknown key" + (suggest(loc[-1], known) or (f"; known: {', '.join(known)}" if known else ""))
    if kind == "missing":
        return "required key is missing"
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    if kind == "string_pattern_mismatch":
        return f"'{err['input']}' is not a valid id: use lowercase letters, digits and hyphens"
    value = err.get("input")
    shown = repr(value) if isinstance(value, (str, int, float, bool)) or value is None else type(value).__name__
    simple = {
        "string_type": f"expected text, got {shown}",
        "int_type": f"expected a whole number, got {shown}",
        "int_parsing": f"expected a whole number, got {shown}",
        "int_from_float": f"expected a whole number, got {shown}",
        "bool_type": f"expected true or false, got {shown}",
        "bool_parsing": f"expected true or false, got {shown}",
        "date_type": f"expected a date like 2023-06-23, got {shown}",
        "date_parsing": f"expected a date like 2023-06-23, got {shown}",
        "date_from_datetime_parsing": f"expected a date like 2023-06-23, got {shown}",
        "list_type": f"expected a list, got {shown}",
        "dict_type": f"expected a mapping of keys, got {shown}",
        "model_type": f"expected a mapping of keys, got {shown}",
        "model_attributes_type": f"expected a mapping of keys, got {shown}",
    }
    if kind in simple:
        return simple[kind]
    if kind == "too_short":
        need = err.get("ctx", {}).get("min_length", 1)
        return f"needs at least {need} item{'s' if need != 1 else ''}"
    if kind == "literal_error":
        return f"{shown} is not allowed; expected {err.get('ctx', {}).get('expected', '')}"
    if kind == "greater_than_equal":
        return f"must be at least {err.get('ctx', {}).get('ge')}, got {shown}"
    return msg[0].lower() + msg[1:] if msg else kind


def parse(model: type[BaseModel], data: Any, source: Source, problems: Collector) -> Any:
    """Validate data against model; add one problem per error; return the model or None."""
    if not isinstance(data, dict):
        problems.add(source.name, f"expected a mapping of keys, got {type(data).__name__ if data is not None else 'an empty file'}", 1)
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if isinstance(p, (int, str)))
            problems.add(source.name, _message(err, model, loc), source.line(loc), key_path(loc) or None)
        return None


def _display(path: Path, folder: Path) -> str:
    return path.relative_to(folder).as_posix() if path.is_relative_to(folder) else str(path)


def _valid(model: type[BaseModel], path: Path, folder: Path, problems: Collector, cache=None) -> tuple[Any, Source | None]:
    """A file read once and validated as model: (the model or None, its Source or None).

    A file that validated before is taken from the cache as it was validated (keyed by its
    bytes, its name and deckgen's code), so a rebuild parses and validates only the files that
    changed. Files with problems are never kept."""
    name = _display(path, folder)
    try:
        raw = read_file(path, name)
    except DeckError as exc:
        problems.extend(exc.problems)
        return None, None
    source = partial(Source, name, path, digest=digest(raw), templated=b"{{" in raw or b"{%" in raw or b"{#" in raw)
    key = None
    if cache is not None and cache.enabled:
        import pickle

        key = digest(_code(), model.__name__, name, raw)
        hit = cache.get("valid", key)
        if hit is not None:
            try:
                parsed, positions = pickle.loads(hit)
                return parsed, source(positions)
            except Exception:  # written by another version: read again
                pass
    try:
        data, positions = parse_yaml(raw, name)
    except DeckError as exc:
        problems.extend(exc.problems)
        return None, None
    src = source(positions)
    parsed = parse(model, data, src, problems)
    if key is not None and parsed is not None:
        import pickle

        cache.put("valid", key, pickle.dumps((parsed, positions), protocol=pickle.HIGHEST_PROTOCOL))
    return parsed, src


@lru_cache(maxsize=None)
def _code() -> str:
    """deckgen's code, and pydantic's version: what turns a file into a model."""
    import pydantic

    from .cache import code_digest

    return digest(pydantic.VERSION, code_digest())


def inside(folder: Path, relative: str) -> Path | None:
    """The path of `relative` inside folder, or None if it would leave the folder."""
    root = folder.resolve()
    target = (root / relative).resolve()
    return target if target.is_relative_to(root) else None


DEAL_SUFFIXES = (".yaml", ".yml")
IGNORED = ("~$", ".")  # Office lock files, hidden files (.DS_Store, editor swap files)


def deal_files_in(folder: Path) -> tuple[list[Path], list[Path]]:
    """The deal files in folder (.yaml or .yml, in any case), and the other files there."""
    if not folder.is_dir():
        return [], []
    files = sorted((p for p in folder.iterdir() if p.is_file() and not p.name.startswith(IGNORED)), key=lambda p: p.name)
    deals = [p for p in files if p.suffix.lower() in DEAL_SUFFIXES]
    return deals, [p for p in files if p not in deals]


def load_content(folder: Path, cache=None, on_heads=None) -> Content:
    """Load and validate a review folder; raise DeckError listing every problem. With a cache
    (cache.Cache), files validated before are not parsed again. `on_heads(review,
    questionnaire, review's Source)` is called as soon as both are valid, before the deals are read."""
    folder = Path(folder)
    problems = Collector(folder)
    if not folder.is_dir():
        raise DeckError(f"{folder}: review folder not found")
    sources: dict[str, Source] = {}

    review = questionnaire = None
    for fname, model, key in (("review.yaml", m.Review, "review"), ("questionnaire.yaml", m.Questionnaire, "questionnaire")):
        path = folder / fname
        if not path.is_file():
            problems.add(fname, "file not found in the review folder")
            continue
        parsed, src = _valid(model, path, folder, problems, cache)
        if src is not None:
            sources[key] = src
            if key == "review":
                review = parsed
            else:
                questionnaire = parsed

    if on_heads is not None and review is not None and questionnaire is not None:
        on_heads(review, questionnaire, sources["review"])
    deals: list[m.Deal] = []
    deal_files, others = deal_files_in(folder / "deals")
    for path in deal_files:
        deal, src = _valid(m.Deal, path, folder, problems, cache)
        if deal is None:
            continue
        if deal.id is None:
            stem = path.stem
            if not re.match(m.ID_PATTERN, stem) or stem in m.WINDOWS_RESERVED:
                problems.add(src.name, f"no id given and the file name '{stem}' is not a valid id: add `id:`", 1, "id")
                continue
            deal.id = stem
        sources[deal.id] = src if deal.id not in sources else sources[deal.id]
        deal.__dict__["_source"] = src
        deals.append(deal)

    if review is not None:
        _check_review(review, sources["review"], folder, problems)
    if questionnaire is not None:
        _check_questionnaire(questionnaire, sources["questionnaire"], problems)
    _check_deals(deals, questionnaire, problems)
    problems.raise_if_any()
    deals.sort(key=lambda d: d.number)
    for deal in deals:
        sources[deal.id] = deal.__dict__.pop("_source")
    content = Content(folder, review, questionnaire, deals, sources)
    if others:
        names = ", ".join(f"deals/{p.name}" for p in others)
        content.warnings.append(f"{names}: not read as deal{'s' if len(others) > 1 else ''}: a deal file ends in .yaml or .yml")
    for deal in deals:
        if not (deal.context or any(deal.findings.values()) or (deal.lessons and deal.lessons.items) or (deal.attention_points and deal.attention_points.items)):
            content.warnings.append(f"{sources[deal.id].name}: deal '{deal.name}' has no findings yet")
    return content


def _check_review(review: m.Review, src: Source, folder: Path, problems: Collector) -> None:
    seen: dict[str, int] = {}
    deals_chapters = 0
    for ci, chapter in enumerate(review.chapters):
        here = ("chapters", ci)
        if chapter.id in seen:
            problems.add(src.name, f"duplicate chapter id '{chapter.id}' (also chapters[{seen[chapter.id]}])", src.line(here + ("id",)), key_path(here + ("id",)))
        seen.setdefault(chapter.id, ci)
        if chapter.generate is not None:
            if chapter.generate != "deals":
                problems.add(src.name, f"unknown kind '{chapter.generate}' for a chapter; known: deals", src.line(here + ("generate",)), key_path(here + ("generate",)))
            deals_chapters += 1
        if chapter.picture is not None:
            pic = inside(folder, chapter.picture.file)
            where = here + ("picture", "file")
            if pic is None:
                problems.add(src.name, f"'{chapter.picture.file}' lies outside the review folder", src.line(where), key_path(where))
            elif not pic.is_file():
                problems.add(src.name, f"picture '{chapter.picture.file}' not found", src.line(where), key_path(where))
            else:
                trouble = picture_problem(pic)
                if trouble:
                    problems.add(src.name, f"picture '{chapter.picture.file}' {trouble}", src.line(where), key_path(where))
        blocks = [(("slides", si, "blocks", bi), b) for si, s in enumerate(chapter.slides) for bi, b in enumerate(s.blocks)]
        blocks += [(("intro", bi), b) for bi, b in enumerate(chapter.intro)]
        for sub, block in blocks:
            where = here + sub + ("generate",)
            if block.generate == "deals":
                problems.add(src.name, "`generate: deals` belongs on a chapter, not on a block", src.line(where), key_path(where))
            elif block.generate is not None and block.generate not in m.GENERATE_KINDS:
                problems.add(src.name, unknown_kind(block.generate), src.line(where), key_path(where))
    if deals_chapters > 1:
        problems.add(src.name, "more than one chapter has `generate: deals`", src.line(("chapters",)), "chapters")
    if review.survey is not None:
        where = ("survey", "file")
        path = inside(folder, review.survey.file)
        if path is None:
            problems.add(src.name, f"'{review.survey.file}' lies outside the review folder", src.line(where), key_path(where))
        elif not path.is_file():
            problems.add(src.name, f"survey file '{review.survey.file}' not found", src.line(where), key_path(where))
        elif path.suffix.lower() not in SURVEY_SUFFIXES:
            problems.add(src.name, f"survey file must be .csv, .xlsx or .txt (Excel's 'Unicode text'), not '{path.suffix}'",
                         src.line(where), key_path(where))


MAX_PICTURE_BYTES = 20_000_000
MAX_PICTURE_PIXELS = 40_000_000  # 8000 x 5000: far more than a slide shows, far less than a decompression bomb
PICTURE_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "GIF": "GIF", "BMP": "BMP", "TIFF": "TIFF"}


def picture_problem(path: Path) -> str | None:
    """Why the picture at path cannot go on a slide (too large, not a picture, broken), or None.

    Only the header is read: the pixel count is known before anything is decompressed."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    size = path.stat().st_size
    if size > MAX_PICTURE_BYTES:
        return f"is {size // 1_000_000} MB; at most {MAX_PICTURE_BYTES // 1_000_000} MB (save it smaller)"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                kind, (width, height) = image.format, image.size
                if kind in PICTURE_FORMATS and width * height <= MAX_PICTURE_PIXELS:
                    image.verify()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return f"has too many pixels; at most {MAX_PICTURE_PIXELS:,} (save it smaller)"
    except UnidentifiedImageError:
        return "is not a picture (PNG, JPEG, GIF, BMP or TIFF)"
    except Exception as exc:  # Pillow raises many kinds for a damaged file
        return f"cannot be read as a picture: {exc}"
    if kind not in PICTURE_FORMATS:
        return f"is a {kind} picture; use PNG, JPEG, GIF, BMP or TIFF"
    if width * height > MAX_PICTURE_PIXELS:
        return f"has {width} x {height} pixels; at most {MAX_PICTURE_PIXELS:,} (save it smaller)"
    if width < 1 or height < 1:
        return "has no pixels"
    try:
        from pptx.parts.image import Image as SlideImage

        SlideImage.from_file(str(path)).size  # what the renderer will read
    except Exception as exc:
        return f"cannot be placed on a slide: {exc}"
    return None


def _check_questionnaire(q: m.Questionnaire, src: Source, problems: Collector) -> None:
    if q.scale.min >= q.scale.max:
        problems.add(src.name, f"scale min ({q.scale.min}) must be below max ({q.scale.max})", src.line(("scale",)), "scale")
    ind_seen: dict[str, int] = {}
    st_seen: dict[str, tuple] = {}
    for ii, ind in enumerate(q.indicators):
        where = ("indicators", ii, "id")
        if ind.id in ind_seen:
            problems.add(src.name, f"duplicate indicator id '{ind.id}' (also on line {src.line(('indicators', ind_seen[ind.id], 'id'))})", src.line(where), key_path(where))
        ind_seen.setdefault(ind.id, ii)
        for si, st in enumerate(ind.statements):
            swhere = ("indicators", ii, "statements", si, "id")
            if st.id.lower() in ("deal", "respondent"):
                problems.add(src.name, f"'{st.id}' is reserved for the survey's own columns", src.line(swhere), key_path(swhere))
            if st.id in st_seen:
                problems.add(src.name, f"duplicate statement id '{st.id}' (also on line {src.line(st_seen[st.id])})", src.line(swhere), key_path(swhere))
            st_seen.setdefault(st.id, swhere)


def _check_deals(deals: list[m.Deal], q: m.Questionnaire | None, problems: Collector) -> None:
    by: dict[str, dict] = {"number": {}, "name": {}, "id": {}}
    for deal in deals:
        src: Source = deal.__dict__["_source"]
        for attr in ("number", "name", "id"):
            value = getattr(deal, attr)
            norm = value.lower() if isinstance(value, str) else value
            other = by[attr].get(norm)
            if other is not None:
                problems.add(src.name, f"duplicate deal {attr} '{value}' (also in {other.name})", src.line((attr,)) or 1, attr)
            else:
                by[attr][norm] = src
        if q is not None:
            ids = [i.id for i in q.indicators]
            for key in deal.findings:
                if key not in ids:
                    problems.add(src.name, f"'{key}' is not an indicator{suggest(key, ids)}{'' if suggest(key, ids) else '; known: ' + ', '.join(ids)}", src.line(("findings", key)), f"findings.{key}")
