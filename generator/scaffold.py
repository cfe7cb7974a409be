"""`deckgen new-deal`: a new deal file with the next free number and every indicator as a key."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import DeckError, Problem
from .models import WINDOWS_RESERVED
from .plan import slug
from .validate import load_content


def yaml_text(value: str) -> str:
    """A double-quoted YAML string."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def schema_line(target: Path, schema: str) -> str:
    """The yaml-language-server line pointing at the project's schema, relative when possible."""
    schemas = Path(__file__).resolve().parent.parent / "schemas" / schema
    if not schemas.is_file():
        return ""
    return f"# yaml-language-server: $schema={schema_ref(schemas, target.parent.resolve())}\n"


def schema_ref(schema: Path, folder: Path) -> str:
    """schema's path relative to folder with forward slashes (as YAML editors on every OS read
    it), or its file URI where no relative path exists (another drive on Windows)."""
    try:
        return Path(os.path.relpath(schema, folder)).as_posix()
    except ValueError:
        return schema.as_uri()


def new_deal(content_dir: Path, name: str) -> Path:
    """Write deals/<slug>.yaml for a deal called name; return its path."""
    name = name.strip()
    if not name:
        raise DeckError(Problem("new-deal", "the deal needs a name"))
    content = load_content(content_dir)
    deal_id = slug(name)
    if not deal_id:
        raise DeckError(Problem("new-deal", f"'{name}' gives no id (it needs letters or digits)"))
    if deal_id in WINDOWS_RESERVED:
        raise DeckError(Problem("new-deal", f"'{name}' would give the id '{deal_id}', which Windows reserves as a file name; choose another name"))
    for deal in content.deals:
        if deal.id == deal_id or deal.name.lower() == name.lower():
            raise DeckError(Problem(content.sources[deal.id].name, f"a deal '{deal.name}' (id {deal.id}) exists already"))
    path = Path(content_dir) / "deals" / f"{deal_id}.yaml"
    if path.exists():
        raise DeckError(Problem(str(path), "file exists already"))
    number = max((d.number for d in content.deals), default=0) + 1
    lines = [schema_line(path, "deal.schema.json") + f"number: {number}", f"name: {yaml_text(name)}", "context: []", "findings:"]
    for indicator in content.questionnaire.indicators:
        lines.append(f"  {indicator.id}: []  # {indicator.findings_heading}")
    lines += ["lessons:", "  items: []", "attention_points: []", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
