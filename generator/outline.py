"""The outline: every slide decided, measured, placed, numbered and linked. Plain data only."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Para:
    """One paragraph of a text frame."""

    text: str
    style: str  # body, heading, bullet, sub, number, link, hint, contact
    size: float
    bold: bool = False
    color: str = "text"  # a brand colour name
    number: int | None = None  # for numbered paragraphs
    link: str | None = None  # target slide key
    number_label: str | None = None  # "Slide": the text becomes "Slide <number of link's slide> | text" once numbered
    source: tuple | None = None  # (file, key path) of the YAML string it shows; None: made by deckgen
    template: bool = False  # the YAML string holds {{ }} or {% %}: what it shows is not what the file says
    part: int = 0  # 1, 2, ...: the continuation of a paragraph split over columns or slides
    space_before: float = 0.0  # points
    lines: int = 1


@dataclass
class TextFrame:
    x: int
    y: int
    w: int
    h: int
    paras: list[Para]
    fill: str | None = None  # a brand colour name for a band
    link: str | None = None  # the whole shape links to this slide key
    name: str = "Text"
    anchor: str = "top"
    align: str | None = None  # None (left), "right" or "center"


@dataclass
class Figure:
    x: int
    y: int
    w: int
    h: int
    kind: str  # radar, example, picture
    alt: str
    deal: str | None = None
    file: str | None = None


@dataclass
class Table:
    x: int
    y: int
    w: int
    h: int
    header: list[str]
    rows: list[list[str]]
    alt: str
    row_heights: list[int] = field(default_factory=list)  # the header's first
    first_col_w: int = 0
    size: float = 10.0


@dataclass
class PlannedSlide:
    key: str
    layout: str
    title: str
    subtitle: str = ""
    title_size: float = 0.0  # points, decided by measuring the title in its box
    subtitle_size: float = 0.0
    items: list = field(default_factory=list)
    notes: str = ""
    footer: bool = True
    number: int = 0
    dark: bool = False
    title_source: tuple | None = None  # (file, key path) of the title's YAML string
    title_text: str = ""  # the title as the YAML makes it, before "(k/n)" and before fitting

    def describe(self) -> list[str]:
        out = [f"{self.number:>3} [{self.layout}] {self.title}" + (f" — {self.subtitle}" if self.subtitle else "")]
        for item in self.items:
            if isinstance(item, TextFrame):
                if item.link:
                    out.append(f"      link -> {item.link}: {item.paras[0].text}")
                for p in item.paras:
                    if p.link:
                        out.append(f"      {p.text} -> {p.link}")
            elif isinstance(item, Figure):
                out.append(f"      figure {item.kind}" + (f" {item.deal}" if item.deal else ""))
            elif isinstance(item, Table):
                out.append(f"      table {len(item.rows)}x{len(item.header)}")
        return out


@dataclass
class Outline:
    slides: list[PlannedSlide]
    title: str
    author: str

    def by_key(self) -> dict[str, PlannedSlide]:
        return {s.key: s for s in self.slides}

    def __str__(self) -> str:
        return "\n".join(line for s in self.slides for line in s.describe())
