"""Brands: a folder with brand.yaml (colours, fonts, footer, logo) and template.pptx."""

from __future__ import annotations

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


def brand_dir(name: str | None, templates: Path) -> Path:
    if name is None:
        return BUILTIN
    return templates / name


def load_brand(name: str | None, templates: Path, where: tuple[str, int | None] = ("review.yaml", None)) -> Brand:
    """Load a brand by name from templates/ (None: the built-in brand); refuse a bad one."""
    folder = brand_dir(name, templates)
    if name is not None:
        known = sorted(p.name for p in templates.iterdir() if (p / "brand.yaml").is_file()) if templates.is_dir() else []
        if "/" in name or "\\" in name or name.startswith(".") or not (folder / "brand.yaml").is_file():
            raise DeckError(Problem(where[0], f"unknown brand '{name}'; known: {', '.join(known) or 'none'} (folders under {templates})", where[1], "brand"))
    display = str(folder / "brand.yaml")
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
