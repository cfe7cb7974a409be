"""`deckgen brand new`: a brand folder made from a firm's own master, which is used as it is."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DeckError, Problem
from .brand import roles_and_geometry
from .template import ROLES, read_template

THEME_SLOTS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2")


@dataclass
class Made:
    folder: Path
    template_name: str
    choices: dict
    warnings: list[str] = field(default_factory=list)


def parse_layouts(values: tuple[str, ...]) -> dict[str, str]:
    """--layout ROLE=LAYOUT values as {role: layout name}; ValueError for a malformed one."""
    out: dict[str, str] = {}
    for value in values:
        role, sep, layout = value.partition("=")
        role, layout = role.strip().lower(), layout.strip().strip('"')
        if not sep or not layout:
            raise ValueError(f"'{value}' is not ROLE=LAYOUT (e.g. divider=\"Section Header\")")
        if role not in ROLES:
            raise ValueError(f"unknown role '{role}'; the roles are: {', '.join(ROLES)}")
        out[role] = layout
    return out


def yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def new_brand(name: str, source: Path, explicit: dict[str, str], templates: Path) -> Made:
    """Write templates/NAME/: the master unchanged and a brand.yaml saying which layout serves
    each role (and why), the theme's fonts and colours; DeckError where a role has no layout."""
    from .fonts import font_files

    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", name):
        raise DeckError(Problem("", f"'{name}' cannot name a brand: use letters, digits, '-' and '_' (it becomes a folder name)"))
    folder = Path(templates) / name
    if folder.exists():
        raise DeckError(Problem("", f"{folder.as_posix()} exists already: remove it or choose another name"))
    info = read_template(source)
    choices, _ = roles_and_geometry(info, explicit, source.name)
    theme = info.theme
    warnings = []
    lines = [f"# Brand '{name}', made by `deckgen brand new` from {source.name}.",
             "# The deck uses the template as it is: its layouts, placeholders, theme colours and fonts.",
             "# Name a colour or font below only to override the template's.",
             f"name: {yaml_text(name)}", f"template: {yaml_text(source.name)}",
             "layouts:  # the layout that serves each role (change with --layout ROLE=LAYOUT or here)"]
    for role, choice in choices.items():
        lines.append(f"  {role}: {yaml_text(info.label(choice.layout))}  # {choice.how}")
    fonts = []
    for what, font in (("headings", theme.major), ("body", theme.minor)):
        files = font_files(font)
        fonts.append(f"#   {what}: {font}" + (f" (measured with {files[0].stem.split('-')[0]}, metric-compatible)" if files else " (no metrics known)"))
        if files is None:
            warnings.append(f"no metrics for the theme font '{font}': put its files in {folder.as_posix()}/ as font.regular and "
                            "font.bold, or set font.metrics: approximate in brand.yaml")
    lines += ["# The theme's fonts:", *fonts, "# font:", "#   name: Arial        # one font for all text instead of the theme's",
              "#   metrics: approximate  # for a font deckgen has no metrics for: measure with a wider stand-in"]
    lines += ["# The theme's colours (deckgen writes theme colours, so a restyled master carries through):"]
    lines += [f"#   {slot}: {theme.colors[slot]}" for slot in THEME_SLOTS if slot in theme.colors]
    lines += ["# colors:", '#   primary: "#1D4F4A"   # contents tiles and the score table\'s header (default: accent1)',
              '#   deal: "#1E5B3A"      # the deal in the radar charts', ""]
    folder.mkdir(parents=True)
    try:
        shutil.copyfile(source, folder / source.name)
        (folder / "brand.yaml").write_text("\n".join(lines), encoding="utf-8")
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise DeckError(Problem("", f"cannot write {folder.as_posix()}: {exc.strerror or exc}")) from None
    try:  # the brand as a build will see it: its fonts' metrics and its colours' contrast
        from .brand import load_brand

        warnings += [w for w in load_brand(name, Path(templates)).warnings if w not in warnings]
    except DeckError as exc:
        warnings += [p.message for p in exc.problems]
    return Made(folder, source.name, choices, warnings)
