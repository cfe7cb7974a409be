"""A large generated review: many deals, long findings, long titles and words. Seeded, so stable."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

WORDS = ("samenwerking gemeente partners resultaat borging proces kennis beleid netwerk uitvoering "
         "ministerie programma afspraken voortgang agenda bestuurders evaluatie instrument deal "
         "verankering financiering ontwikkeling urgentie experiment").split()


def sentence(rng: random.Random, low: int = 8, high: int = 40) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def write_large_review(folder: Path, deals: int = 30, seed: int = 7, language: str = "nl") -> Path:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    indicators = [
        {"id": f"ind-{i}", "label": f"Indicator {i} {'met een langere naam ' * (i % 2)}".strip(), "short": f"Ind {i}",
         "statements": [{"id": f"s{i}{c}", "text": sentence(rng, 6, 16)} for c in "ab"[: 1 + i % 2]]}
        for i in range(1, 9)
    ]
    (folder / "questionnaire.yaml").write_text(yaml.safe_dump({"scale": {"min": 1, "max": 5}, "indicators": indicators}, allow_unicode=True))
    review = {
        "title": "Grote review " + "met een zeer lange titel die niet op één regel past " * 2,
        "subtitle": "Gegenereerd",
        "date": "2024-01-31",
        "language": language,
        "author": "Testbureau",
        "contacts": [{"name": "Test Persoon", "email": "test@example.org"}],
        "survey": {"file": "survey/responses.csv", "min_respondents": 3},
        "chapters": [
            {"id": "conclusies", "title": "Conclusies", "slides": [{"title": "Conclusies", "blocks": [
                {"group": f"Groep {g}", "heading": sentence(rng, 4, 14), "bullets": [sentence(rng) for _ in range(rng.randint(1, 5))]}
                for g in range(1, 4) for _ in range(6)
            ]}]},
            {"id": "deals", "title": "Bevindingen per deal", "generate": "deals"},
            {"id": "bijlagen", "title": "Bijlagen", "slides": [
                {"title": "Vragenlijst", "blocks": [{"generate": "questionnaire"}]},
                {"title": "Scores", "blocks": [{"generate": "score-table"}]},
            ]},
        ],
    }
    (folder / "review.yaml").write_text(yaml.safe_dump(review, allow_unicode=True, sort_keys=False))
    (folder / "deals").mkdir(exist_ok=True)
    rows = ["deal," + ",".join(s["id"] for ind in indicators for s in ind["statements"])]
    for d in range(1, deals + 1):
        findings = {}
        for ind in indicators:
            count = 60 if (d == 1 and ind["id"] == "ind-3") else rng.randint(0, 4)
            if count:
                findings[ind["id"]] = [
                    {"text": sentence(rng), "bullets": [sentence(rng, 5, 20)]} if rng.random() < 0.2 else sentence(rng)
                    for _ in range(count)
                ]
        if d == 2:
            findings["ind-1"] = ["Eenzeerlangwoordzonderspatiesdatbredersdaneenkolomisenduswordtafgebroken" * 2]
        deal = {
            "number": d,
            "name": f"Deal {d} " + ("met een lange naam " * (d % 3)).strip(),
            "context": [sentence(rng) for _ in range(rng.randint(1, 3))],
            "findings": findings,
            "lessons": {"items": [{"heading": sentence(rng, 3, 10), "bullets": [sentence(rng)]} for _ in range(rng.randint(1, 4))]},
            "attention_points": [{"heading": sentence(rng, 3, 10), "text": sentence(rng)} for _ in range(rng.randint(1, 3))],
        }
        (folder / "deals" / f"deal-{d:03d}.yaml").write_text(yaml.safe_dump(deal, allow_unicode=True, sort_keys=False))
        for _ in range(rng.randint(2, 9)):
            rows.append(deal["name"] + "," + ",".join(str(rng.randint(1, 5)) if rng.random() > 0.1 else "" for _ in rows[0].split(",")[1:]))
    (folder / "survey").mkdir(exist_ok=True)
    (folder / "survey" / "responses.csv").write_text("\n".join(rows) + "\n")
    return folder
