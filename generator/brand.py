"""Brands: a folder with brand.yaml (colours, fonts, footer, logo) and template.pptx."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from .errors import Collector, DeckError, Problem
from .load import load_yaml

BUILTIN = Path(__file__).parent / "default_brand"
CHECKOUT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
"""templates/ of the source checkout deckgen runs from (absent where it is installed from a wheel)."""
HEX = r"^#[0-9A-Fa-f]{6}$"
Hex = Annotated[str, Field(pattern=HEX)]


class Colors(BaseModel):
    """Colours a brand names; each one it leaves out comes from the template's theme."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    primary: Hex | None = None  # contents tiles, table header: default the theme's accent 1
    on_primary: Hex | None = None  # text on primary
    text: Hex | None = None  # body text: default the theme's dark 1 (light 1 on dark slides)
    heading: Hex | None = None  # headings: default the theme's dark 2 (where it reads well)
    muted: Hex | None = None  # hints, footers
    band: Hex | None = None  # group bands: default a light tint of accent 1
    deal: Hex | None = None  # the deal's mean in the charts
    reference: Hex | None = None  # the all-deals mean in the charts
    range: Hex | None = None  # the deal's min-max range in the charts


CHART_COLORS = {"deal": "#1E5B3A", "reference": "#8B1A1A", "range": "#D3D3D3"}
"""The review's chart convention (dark green deal, dark red reference, grey range), kept on any template."""


class Fonts(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    name: str | None = None  # the font PowerPoint shows; default the template's theme fonts
    regular: str | None = None  # a font file in the brand folder to measure with
    bold: str | None = None
    metrics: Literal["exact", "approximate"] = "exact"


class BrandFile(BaseModel):
    """brand.yaml."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    name: str
    template: str = "template.pptx"
    layouts: dict[str, str] = {}  # role -> the template's layout name
    colors: Colors = Colors.model_construct()  # defaults not validated at import: models are built when used
    font: Fonts = Fonts.model_construct()
    footer: str | None = None
    logo: str | None = None
    charts: Literal["image", "native"] = "image"


@dataclass
class FontSet:
    """A font as written into the deck (a name, or a theme reference such as +mn-lt) and the
    files its text is measured with."""

    written: str | None  # None: the placeholder's own font
    regular: Path
    bold: Path
    shown: str  # the font's name, for messages
    scale: float = 1.0  # >1 with approximate metrics: measure wider than the stand-in


@dataclass
class Brand:
    folder: Path
    spec: BrandFile
    template: Path
    body: FontSet
    headings: FontSet
    info: object = None  # template.TemplateInfo
    choices: dict = field(default_factory=dict)  # role -> template.Choice
    geometry: object = None  # geometry.Geometry
    palette: dict = field(default_factory=dict)  # colour name -> template.Color
    warnings: list[str] = field(default_factory=list)
    key: str = ""  # the digest of its folder and code when it was loaded through the cache ("" otherwise)

    @property
    def regular_font(self) -> Path:
        return self.body.regular

    @property
    def bold_font(self) -> Path:
        return self.body.bold

    def color(self, name: str):
        return self.palette[name]

    def hex(self, name: str) -> str:
        return self.palette[name].hex

    @property
    def package(self):
        """The template as the package decks are written around (package.TemplatePackage)."""
        return template_package(self.template)


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
    if (CHECKOUT_TEMPLATES.parent / "pyproject.toml").is_file():
        places.append((CHECKOUT_TEMPLATES, "in deckgen's source folder"))
    seen, unique = set(), []
    for folder, how in places:
        key = os.path.normcase(str(folder.resolve()))
        if key not in seen:
            seen.add(key)
            unique.append((folder, how))
    return unique


def find_brand(name: str, places: Places, where: tuple[str, int | None]) -> Path:
    """The folder of the brand called name: the first of places that has it."""
    key = None if where[0].startswith("--") else "brand"
    if not name or "/" in name or "\\" in name or name.startswith(".") or Path(name).name != name:
        raise DeckError(Problem(where[0], f"unknown brand '{name}': a brand is named by its folder's name", where[1], key))
    for folder, _ in places:
        if (folder / name / "brand.yaml").is_file():
            return folder / name
    known = sorted({p.name for folder, _ in places if folder.is_dir() for p in folder.iterdir() if (p / "brand.yaml").is_file()})
    looked = "; ".join(f"{folder} ({how})" for folder, how in places)
    raise DeckError(Problem(where[0], f"unknown brand '{name}'; known: {', '.join(known) or 'none'}. Looked in: {looked}. "
                                      "Name the folder of brands with --templates DIR or $DECKGEN_TEMPLATES", where[1], key))


def load_brand(name: str | None, templates: Path | Places, where: tuple[str, int | None] = ("review.yaml", None),
               cache=None) -> Brand:
    """Load a brand by name (None: the built-in brand) from a folder of brands or the first of
    several places that has it; refuse a bad one. With a cache (cache.Cache), a brand loaded
    before is taken as it was, keyed by every file of its folder and the code that loads it."""
    places = [(templates, "--templates")] if isinstance(templates, Path) else templates
    folder = BUILTIN if name is None else find_brand(name, places, where)
    if cache is None or not cache.enabled:
        return _load_brand(folder)
    import pickle

    key = _brand_key(folder)
    hit = cache.get("brands", key) if key else None
    if hit is not None:
        try:
            return pickle.loads(hit)
        except Exception:  # written by another version: load it again
            pass
    brand = _load_brand(folder)
    if key:
        brand.key = key
        cache.put("brands", key, pickle.dumps(brand, protocol=pickle.HIGHEST_PROTOCOL))
    return brand


def _brand_key(folder: Path) -> str | None:
    """A digest of the brand folder's files and of the modules that make a Brand of them
    (None where a file cannot be read: the brand is loaded and not kept)."""
    from .cache import code_digest, digest, file_digest

    parts: list[bytes | str] = [str(folder.resolve()), code_digest()]
    try:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            parts += [path.relative_to(folder).as_posix(), file_digest(path)]
    except OSError:
        return None
    return digest(*parts)


def _load_brand(folder: Path) -> Brand:
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
            problems.add(display, f"file '{rel}' not found in the brand folder", pos.line(tuple(key.split("."))), key)
        paths[key] = path
    if (spec.font.regular is None) != (spec.font.bold is None):
        problems.add(display, "give both font.regular and font.bold, or neither", pos.line(("font",)), "font")
    problems.raise_if_any()
    return assemble(folder, spec, paths, display, pos)


def assemble(folder: Path, spec: BrandFile, paths: dict, display: str, pos=None) -> Brand:
    """A brand from its parsed brand.yaml and the template it names: the template read once
    (cached by its bytes), its layouts mapped to roles, fonts resolved, colours completed."""
    info = _template_info(paths["template"])
    choices, geometry = roles_and_geometry(info, spec.layouts, display, pos.line(("layouts",)) if pos is not None else None)
    warnings: list[str] = []
    body, headings = _fonts(spec, paths, info, display, warnings)
    brand = Brand(folder, spec, paths["template"], body, headings, info, choices, geometry, warnings=warnings)
    brand.palette = palette(spec, info, choices)
    brand.warnings += contrast_warnings(brand)
    return brand


def roles_and_geometry(info, explicit: dict[str, str], display: str, line: int | None = None):
    """The layouts that serve the roles and the geometry they give. A layout found by name or type
    that leaves no room for text (a picture over most of the slide) is passed over for the next
    one that matches; one named in brand.yaml is refused with the reason."""
    from .geometry import NoRoom, derive
    from .template import map_roles

    unusable: set[tuple[int, int]] = set()
    while True:
        try:
            choices = map_roles(info, explicit, display, unusable)
            return choices, derive(info, choices)
        except DeckError as exc:
            for problem in exc.problems:
                problem.line = problem.line or line
            raise
        except NoRoom as exc:
            key = (exc.layout.master, exc.layout.index)
            if exc.role in explicit or key in unusable:
                raise DeckError(Problem(display, str(exc), line, f"layouts.{exc.role}")) from None
            unusable.add(key)


_READ: dict[tuple[str, str, int, int], object] = {}


def _template_info(path: Path):
    """The template read once (template.TemplateInfo)."""
    from .template import read_template

    return _read_once("templates", path, read_template)


def template_package(path: Path):
    """The template prepared once as the package decks are written around (package.TemplatePackage)."""
    from .package import prepare

    return _read_once("packages", path, prepare)


def _read_once(kind: str, path: Path, make):
    """What make(path) gives, made once per template: kept in this process (deckgen watch) and in
    the disk cache, keyed by the template's bytes and by the source of the modules that make
    it (a changed deckgen reads the template anew), so builds do not open the template again."""
    import pickle

    from .cache import Cache, code_digest, digest, file_digest

    stat = path.stat()
    key = (kind, str(path), stat.st_size, stat.st_mtime_ns)
    if key in _READ:
        return _READ[key]
    cache = Cache()
    disk_key = digest(file_digest(path), code_digest())
    hit = cache.get(kind, disk_key)
    made = None
    if hit is not None:
        try:
            made = pickle.loads(hit)
        except Exception:  # written by another version: read the template again
            made = None
    if made is None:
        made = make(path)
        cache.put(kind, disk_key, pickle.dumps(made))
    if hasattr(made, "path"):
        made.path = path
    _READ[key] = made
    return made


def _fonts(spec: BrandFile, paths: dict, info, display: str, warnings: list[str]) -> tuple[FontSet, FontSet]:
    """The body's and the headings' fonts: brand.yaml's, else the template's theme fonts, each
    measured with its own file or a bundled metric-compatible one."""
    if "font.regular" in paths:
        name = spec.font.name or info.theme.minor
        one = FontSet(spec.font.name, paths["font.regular"], paths["font.bold"], name)
        return one, FontSet(spec.font.name, one.regular, one.bold, name)
    from .fonts import font_files, stand_in

    sets = []
    for theme_name, ref in ((info.theme.minor, "+mn-lt"), (info.theme.major, None)):
        name = spec.font.name or theme_name
        written = spec.font.name if spec.font.name else ref
        files = font_files(name)
        if files is not None:
            sets.append(FontSet(written, files[0], files[1], name))
            continue
        if spec.font.metrics == "approximate":
            regular, bold = stand_in()
            warnings.append(f"{display}: no metrics for the font '{name}': text is measured with a wider stand-in "
                            "and keeps a margin (font.metrics: approximate)")
            sets.append(FontSet(written, regular, bold, name, scale=1.06))
            continue
        raise DeckError(Problem(display, f"no metrics for the font '{name}' (the template's {'body' if ref else 'heading'} font), "
                                         "so text cannot be measured before it is placed. Either put the font's files in the brand "
                                         "folder and name them as font.regular and font.bold, or set font.metrics: approximate "
                                         "to measure with a wider stand-in", None, "font"))
    return sets[0], sets[1]


def palette(spec: BrandFile, info, choices: dict) -> dict:
    """Every colour the deck uses: those brand.yaml names as they are, the others from the
    template's theme (written as theme colours), chosen to read well on the content slides."""
    from .contrast import contrast_ratio as contrast
    from .template import Color

    theme = info.theme
    ground = choices["content"].layout.background
    given = {k: v for k, v in spec.colors.model_dump().items() if v is not None}
    out = {name: Color(value.upper()) for name, value in given.items()}

    def best(*candidates: Color, on: str = ground, need: float = 4.5) -> Color:
        for cand in candidates:
            if contrast(cand.hex, on) >= need:
                return cand
        return max(candidates, key=lambda c: contrast(c.hex, on))

    dk1, lt1 = theme.color("dk1"), theme.color("lt1")
    out.setdefault("text", best(dk1, lt1))
    out.setdefault("heading", best(theme.color("dk2"), out["text"]))
    text = out["text"]
    grey = theme.color(text.slot, 65_000, 35_000) if text.slot else text
    out.setdefault("muted", best(grey, text))
    out.setdefault("primary", best(theme.color("accent1"), theme.color("accent2"), dk1, need=3.0))
    out.setdefault("on_primary", best(lt1, dk1, on=out["primary"].hex))
    out.setdefault("band", best(theme.color("accent1", 20_000, 80_000), theme.color("lt2"), lt1, on=out["heading"].hex))
    out["on_dark"] = best(out["on_primary"], lt1, dk1, on=choices["divider"].layout.background)
    out["on_band"] = best(out["heading"], out["text"], dk1, lt1, on=out["band"].hex)
    out["on_white"] = best(dk1, Color("#000000"), on="#FFFFFF")
    out["on_white_band"] = best(out["on_white"], dk1, on=out["band"].hex)
    for name, value in CHART_COLORS.items():
        out.setdefault(name, Color(value))
    return out


def contrast_warnings(brand: Brand) -> list[str]:
    """Every text colour against the ground it is drawn on (WCAG 2.1: 4.5:1 for body text, 3:1
    for titles and large text); one warning per pair that falls short."""
    from .contrast import contrast_ratio as contrast

    geo = brand.geometry
    content = geo.roles["content"].background
    pairs = [("text", "text", content, 4.5), ("heading", "headings", content, 4.5), ("muted", "hints and footers", content, 4.5),
             ("on_primary", "contents tiles", brand.hex("primary"), 3.0), ("on_band", "group bands", brand.hex("band"), 4.5),
             ("on_dark", "text on dividers", geo.roles["divider"].background, 4.5), ("on_white", "the score table", "#FFFFFF", 4.5)]
    out = []
    for name, what, ground, need in pairs:
        ratio = contrast(brand.hex(name), ground)
        if ratio < need:
            out.append(f"{brand.folder.name}: {what} ({brand.hex(name)}) on {ground} have a contrast of {ratio:.1f}:1; "
                       f"at least {need:g}:1 is needed to read well (WCAG 2.1 AA)")
    for role, frame in geo.roles.items():
        color, ground = frame.layout.text_colors.get("title"), frame.layout.ground(frame.title)
        if color is not None and contrast(color, ground) < 3.0:
            out.append(f"{brand.folder.name}: the {role} layout's titles ({color}) on {ground} have a contrast of "
                       f"{contrast(color, ground):.1f}:1; deckgen writes a readable colour instead")
    return sorted(set(out), key=out.index)
