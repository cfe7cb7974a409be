"""JSON Schemas (draft 2020-12) of the content files, generated from the models the validator uses."""

from __future__ import annotations

import json
from pathlib import Path

from . import models as m

SCHEMAS = {
    "review.schema.json": (m.Review, "review.yaml", "The deck as a whole: metadata, chapters, general slides."),
    "questionnaire.schema.json": (m.Questionnaire, "questionnaire.yaml", "The survey instrument: indicators and their statements."),
    "deal.schema.json": (m.Deal, "deals/*.yaml", "One deal's qualitative findings."),
}


def schema_texts() -> dict[str, str]:
    out = {}
    for name, (model, file, description) in SCHEMAS.items():
        schema = model.model_json_schema()
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": name, "title": f"deckgen {file}",
                  "description": description, **{k: v for k, v in schema.items() if k not in ("title", "description")}}
        out[name] = json.dumps(schema, indent=2, ensure_ascii=False, default=str) + "\n"
    return out


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in schema_texts().items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return paths
