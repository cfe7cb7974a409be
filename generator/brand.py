"""Brands: a folder with brand.yaml (colours, fonts, footer, logo) and template.pptx."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Literal
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from .errors import Collector, DeckError, Problem
from .load import load_yaml

LAYOUTS = ("Cover", "Contents", "Divider", "Content", "Closing")
"""The slide layouts every brand's template.pptx must have, by name."""

BUILTIN = Path(__file__).parent / "default_brand"
HEX = r"^#[0-9A-Fa-f]{6}$"


class Colors(BaseModel):
    model_config = ConfigDict(extra="forbid")
    primary: str = Field("#3A4A5C", pattern=HEX)
    on_primary: str = Field("#FFFFFF", pattern=HEX)
    text: str = Field("#222222", pattern=HEX)
    heading: str = Field("#3A4A5C", pattern=HEX)
    muted: str = Field("#6B6B6B", pattern=HEX)
    band: str = Field("#E8ECEF", pattern=HEX)
    deal: str = Field("#1E5B3A", pattern=HEX)
    reference: str = Field("#8B1A1A", pattern=HEX)
    range: str = Field("#D3D3D3", pattern=HEX)


class Fonts(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = "Calibri"
    regular: str = "fonts/Carlito-Regular.ttf"
    bold: str = "fonts/Carlito-Bold.ttf"


class BrandFile(BaseModel):
    """brand.yaml."""

    model_config = ConfigDict(extra="forbid")
    name: str
    colors: Colors = Colors()
    font: Fonts = Fonts()
    footer: str | None = None
    logo: str | None = None
    template: str = "template.pptx"
    charts: Literal["image", "native"] = "image"


@dataclass
class Brand:
    folder: Path
    spec: BrandFile
    template: Path
    regular_font: Path
    bold_font: Path
    logo: Path | None = None
    layouts: dict[str, int] = field(default_factory=dict)

    @property
    def colors(self) -> Colors:
        return self.spec.colors


Places = list[tuple[Path, str]]
"""Folders of brands, in the order they are searched, each with how it came to be searched."""


def template_places(content_dir: Path | None, given: Path | None = None) -> Places:
    """Where brands are looked for: --templates, then $DECKGEN_TEMPLATES, then templates/ beside
    the review folder, then ./templates (and, in a source checkout, the checkout's templates/)."""
    places: Places = []
    if given is not None:
        places.append((Path(given), "--templates"))
    env = os.environ.get("DECKGEN_TEMPLATES")
    if env:
        places.append((Path(env), "$DECKGEN_TEMPLATES"))
    if content_dir is not None:
        places.append((Path(content_dir).resolve().parent / "templates", "beside the review folder"))
    places.append((Path.cwd() / "templates", "in the working folder"))
    checkout = Path(__file__).resolve().parent.parent / "templates"
    if (checkout.parent / "pyproject.toml").is_file():
        places.append((checkout, "in deckgen's source folder"))
    seen, unique = set(), []
    for folder, how in places:
        key = os.path.normcase(str(folder.resolve()))
        if key not in seen:
            seen.add(key)
            unique.append((folder, how))
    return unique


def find_brand(name: str, places: Places, where: tuple[str, int | None]) -> Path:
    """The folder of the brand called name: the first of places that has it."""
    if not name or "/" in name or "\\" in name or name.startswith(".") or Path(name).name != name:
        raise DeckError(Problem(where[0], f"unknown brand '{name}': a brand is named by its folder's name", where[1], "brand"))
    for folder, _ in places:
        if (folder / name / "brand.yaml").is_file():
            return folder / name
    known = sorted({p.name for folder, _ in places if folder.is_dir() for p in folder.iterdir() if (p / "brand.yaml").is_file()})
    looked = "; ".join(f"{folder} ({how})" for folder, how in places)
    raise DeckError(Problem(where[0], f"unknown brand '{name}'; known: {', '.join(known) or 'none'}. Looked in: {looked}. "
                                      "Name the folder of brands with --templates DIR or $DECKGEN_TEMPLATES", where[1], "brand"))


def load_brand(name: str | None, templates: Path | Places, where: tuple[str, int | None] = ("review.yaml", None)) -> Brand:
    """Load a brand by name (None: the built-in brand) from a folder of brands or the first of
    several places that has it; refuse a bad one."""
    places = [(templates, "--templates")] if isinstance(templates, Path) else templates
    folder = BUILTIN if name is None else find_brand(name, places, where)
    display = (folder / "brand.yaml").as_posix()
    data, pos = load_yaml(folder / "brand.yaml", display)
    try:
        spec = BrandFile.model_validate(data or {})
    except Exception as exc:
        raise DeckError(Problem(display, f"invalid brand: {exc}")) from None
    problems = Collector()
    paths = {}
    for key, rel in (("template", spec.template), ("font.regular", spec.font.regular), ("font.bold", spec.font.bold), ("logo", spec.logo)):
        if rel is None:
            continue
        path = (folder / rel).resolve()
        if not path.is_relative_to(folder.resolve()) or not path.is_file():
            problems.add(display, f"file '{rel}' not found in the brand folder", pos.line((key.split(".")[0],)), key)
        paths[key] = path
    problems.raise_if_any()
    brand = Brand(folder, spec, paths["template"], paths["font.regular"], paths["font.bold"], paths.get("logo"))
    brand.layouts = check_template(brand.template)
    return brand


def check_template(path: Path) -> dict[str, int]:
    """The index of each required layout in the template; refuse a template that lacks one."""
    from pptx import Presentation

    try:
        prs = Presentation(str(path))
    except Exception as exc:
        raise DeckError(Problem(str(path), f"not a PowerPoint file: {exc}")) from None
    names = {layout.name: i for i, layout in enumerate(prs.slide_layouts)}
    missing = [name for name in LAYOUTS if name not in names]
    if missing:
        raise DeckError(
            Problem(str(path), f"the template lacks the slide layout{'s' if len(missing) > 1 else ''} {', '.join(repr(n) for n in missing)}; it has: {', '.join(names)}")
        )
    return {name: names[name] for name in LAYOUTS}
