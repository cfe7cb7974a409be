"""The content format as pydantic models: review.yaml, questionnaire.yaml, deals/*.yaml.

These models are the single definition of the format: validation uses them, and so do the
JSON Schemas. They hold plain data only.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator, model_validator


def _without_plugins() -> None:
    """deckgen's models take no pydantic plugins (an installed plugin would otherwise reach into
    how a consultant's files are validated). pydantic looks for plugins when it builds a model's
    validator, through a loader that imports importlib.metadata to scan every installed
    package's entry points: a tenth of a rebuild's time, for nothing. Its place is taken by one
    that finds none, as pydantic itself answers when PYDANTIC_DISABLE_PLUGINS is set."""
    import sys
    import types

    name = "pydantic.plugin._loader"
    if name not in sys.modules:
        loader = types.ModuleType(name, "deckgen: no pydantic plugins")
        loader.get_plugins = lambda: ()
        sys.modules[name] = loader


_without_plugins()

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
COLUMN_PATTERN = r"^[A-Za-z0-9_-]+$"

GENERATE_KINDS = ("deal-list", "deals", "example-chart", "questionnaire", "score-table")
"""The `generate:` kinds a block may name (`deals` only on a chapter)."""

WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
"""File names Windows refuses whatever their extension: an id names files (excerpts/<id>.pptx)."""


def _not_reserved(value: Any) -> Any:
    if isinstance(value, str) and value.lower() in WINDOWS_RESERVED:
        raise ValueError(f"'{value}' cannot be an id: Windows reserves it as a file name; choose another")
    return value


Id = Annotated[str, Field(pattern=ID_PATTERN, description="lowercase letters, digits and hyphens"), BeforeValidator(_not_reserved)]


def _one_line(value: Any) -> Any:
    """Line breaks, tabs and runs of spaces in a name, title or label become one space."""
    return " ".join(value.split()) if isinstance(value, str) else value


Line = Annotated[str, BeforeValidator(_one_line)]
"""Text shown on one line (names, titles, labels): line breaks are folded into spaces."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


def _scalar_text(value: Any) -> Any:
    """Numbers written as bullets ("- 2023") are text too."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


class TextOr(Strict):
    """A model that may also be written as plain text (and its JSON Schema says so)."""

    shape: ClassVar[str] = "expected text"

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        value = _scalar_text(value)
        if isinstance(value, str):
            return {"text": value}
        if not isinstance(value, dict):
            raise ValueError(cls.shape)
        return cls.check(value)

    @classmethod
    def check(cls, value: dict) -> dict:
        return value

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler):
        schema = handler.resolve_ref_schema(handler(core_schema))
        return {"anyOf": [{"type": "string"}, {"type": "number"}, dict(schema)]}


Paragraphs = Annotated[list[str], WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]})]
"""Text: one paragraph, or a list of paragraphs."""


class SubBullet(TextOr):
    """A second-level bullet: text only."""

    shape: ClassVar[str] = "a sub-bullet is text"
    text: str

    @classmethod
    def check(cls, value: dict) -> dict:
        if "bullets" in value:
            raise ValueError("more than two bullet levels; a sub-bullet cannot have bullets of its own")
        return value


class Bullet(TextOr):
    """A bullet: text, with optional sub-bullets (two levels at most)."""

    shape: ClassVar[str] = "a bullet is text, or {text: ..., bullets: [...]}"
    text: str
    bullets: list[SubBullet] = []


class Block(Strict):
    """One heading with its body: text, bullets, a numbered list or generated content."""

    heading: Line | None = None
    text: Paragraphs = []
    bullets: list[Bullet] = []
    numbered: list[Bullet] = []
    generate: str | None = Field(None, json_schema_extra={"enum": [k for k in GENERATE_KINDS if k != "deals"] + [None]})
    group: str | None = None
    page_break: bool = False

    @field_validator("text", mode="before")
    @classmethod
    def _text_list(cls, value: Any) -> Any:
        value = _scalar_text(value)
        if isinstance(value, str):
            return [value]
        if value is None:
            return []
        return value

    @model_validator(mode="after")
    def _has_body(self) -> "Block":
        if not (self.heading or self.text or self.bullets or self.numbered or self.generate):
            raise ValueError("a block needs a heading, text, bullets, numbered or generate")
        return self


class Picture(Strict):
    file: str
    alt: str


class Slide(Strict):
    title: Line
    blocks: list[Block] = []


class Chapter(Strict):
    id: Id
    title: Line
    picture: Picture | None = None
    slides: list[Slide] = []
    generate: str | None = Field(None, json_schema_extra={"enum": ["deals", None]})
    intro: list[Block] = []
    index_heading: str | None = None
    index_hint: str | None = None


class Contact(Strict):
    name: Line
    email: str | None = None
    phone: str | None = None


def _text_keys(value: Any) -> Any:
    """YAML reads `6: null` with a number as key; the survey's cells are matched as text."""
    if isinstance(value, dict):
        return {_scalar_text(k) if not isinstance(k, bool) else str(k): v for k, v in value.items()}
    return value


class SurveyConfig(Strict):
    """How to read the survey export: deckgen's own layout needs only `file`; a survey tool's export
    may need `deal_column`, and a code-only export `deal_values`, `columns` and `values`."""

    file: str
    illustrative: bool = False
    min_respondents: int = Field(default=3, ge=1)
    deal_column: str = "deal"  # the deal question's header text (in any header row) or its id
    deal_values: dict[str, str] = {}  # an answer code -> a deal's id or name
    columns: dict[str, str] = {}  # a statement id -> its column's header, for exports with code-only headers
    values: dict[str, int | None] = {}  # an answer -> its score, or null for no answer
    header_rows: int | None = Field(default=None, ge=1, le=10)  # default: detected
    exclude: dict[str, list[str]] = {}  # rows to leave out: column -> values
    sheet: str | None = None  # a workbook's sheet; default the first

    @field_validator("columns", "values", mode="before")
    @classmethod
    def _keys(cls, value: Any) -> Any:
        return _text_keys(value)

    @field_validator("exclude", mode="before")
    @classmethod
    def _exclude(cls, value: Any) -> Any:
        text = lambda x: str(x) if isinstance(x, bool) else _scalar_text(x)  # noqa: E731
        if isinstance(value, dict):
            return {text(k): [text(x) for x in (v if isinstance(v, list) else [v])] for k, v in value.items()}
        return value

    @field_validator("deal_values", mode="before")
    @classmethod
    def _deal_values(cls, value: Any) -> Any:
        return {str(k) if isinstance(k, bool) else _scalar_text(k): _scalar_text(v) for k, v in value.items()} if isinstance(value, dict) else value


class Excerpts(Strict):
    all_scores: bool = False  # an excerpt's score table shows every deal, not only its own and the all-deals mean


class Closing(Strict):
    title: Line
    lines: list[str] = []

    @field_validator("lines", mode="before")
    @classmethod
    def _lines(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [_scalar_text(v) for v in value]
        return value


class Review(Strict):
    """review.yaml: the deck as a whole."""

    title: Line
    subtitle: Line | None = None
    date: dt.date
    language: Literal["nl", "en"] = "nl"
    brand: str | None = None
    author: Line = ""
    deal_label: Line | None = None
    contacts: list[Contact] = []
    survey: SurveyConfig | None = None
    excerpts: Excerpts | None = None
    chapters: list[Chapter] = Field(min_length=1)
    closing: Closing | None = None
    charts: Literal["image", "native"] | None = None  # default: the brand's choice


class Scale(Strict):
    min: int
    max: int


class Statement(Strict):
    id: Annotated[str, Field(pattern=COLUMN_PATTERN)]
    text: str


class Indicator(Strict):
    id: Id
    label: Line
    short: Line | None = None
    heading: Line | None = None
    statements: list[Statement] = Field(min_length=1)

    @property
    def axis_label(self) -> str:
        return self.short or self.label

    @property
    def findings_heading(self) -> str:
        return self.heading or self.label


class Questionnaire(Strict):
    """questionnaire.yaml: the survey instrument."""

    scale: Scale = Scale.model_construct(min=1, max=5)  # not validated at import: no model is built before it is used
    instruction: str | None = None
    indicators: list[Indicator] = Field(min_length=3)


class Item(Strict):
    """A lesson or attention point: a heading with text or bullets."""

    heading: Line | None = None
    text: Paragraphs = []
    bullets: list[Bullet] = []

    _text_list = field_validator("text", mode="before")(Block._text_list.__func__)


class Lessons(Strict):
    title: Line | None = None
    items: list[Item] = []


class AttentionPoints(Strict):
    title: Line | None = None
    items: list[Item] = []


class Deal(Strict):
    """deals/*.yaml: one deal's qualitative findings."""

    id: Id | None = None
    number: int
    name: Line
    slide_title: Line | None = None  # the name in its findings slides' titles ("3. Slimme stad | (1/3)"); default: name
    context: list[Bullet] = []
    findings: dict[str, list[Bullet]] = {}
    lessons: Lessons | None = None
    attention_points: AttentionPoints | list[Item] | None = None  # a list is read as {items: [...]}

    @field_validator("attention_points", mode="before")
    @classmethod
    def _attention_list(cls, value: Any) -> Any:
        if isinstance(value, list):
            return {"items": value}
        return value

    @field_validator("context", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return [] if value is None else value
