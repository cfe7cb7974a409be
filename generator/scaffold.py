"""`deckgen new-deal`: a new deal file with the next free number and every indicator as a key."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import DeckError, Problem
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
    return f"# yaml-language-server: $schema={os.path.relpath(schemas, target.parent.resolve())}\n"


def new_deal(content_dir: Path, name: str) -> Path:
    """Write deals/<slug>.yaml for a deal called name; return its path."""
    name = name.strip()
    if not name:
        raise DeckError(Problem("new-deal", "the deal needs a name"))
    content = load_content(content_dir)
    deal_id = slug(name)
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
