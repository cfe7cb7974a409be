"""Write responses.csv: fictitious, seeded self-assessment answers for the City Deals review.

The report's charts were pictures, so their scores are unknown; these answers only make the
charts and tables illustrative (review.yaml says `illustrative: true`). Run it again to get
the same file: python content/survey/make_responses.py
"""

import csv
import random
from pathlib import Path

import yaml

HERE = Path(__file__).parent
SEED = 2023


def main() -> None:
    rng = random.Random(SEED)
    questionnaire = yaml.safe_load((HERE.parent / "questionnaire.yaml").read_text(encoding="utf-8"))
    deals = sorted(
        (yaml.safe_load(p.read_text(encoding="utf-8")) for p in (HERE.parent / "deals").glob("*.yaml")),
        key=lambda d: d["number"],
    )
    columns = [(ind["id"], st["id"]) for ind in questionnaire["indicators"] for st in ind["statements"]]
    rows = []
    for deal in deals:
        # each deal gets its own level per indicator, so the deals differ from each other
        level = {ind["id"]: rng.uniform(2.3, 4.4) for ind in questionnaire["indicators"]}
        for r in range(rng.randint(5, 12)):
            row = {"respondent": f"{deal['id'][:3]}-{r + 1:02d}", "deal": deal["name"]}
            mood = rng.gauss(0, 0.45)
            for ind_id, sid in columns:
                if rng.random() < 0.05:
                    row[sid] = ""  # no answer
                    continue
                value = round(level[ind_id] + mood + rng.gauss(0, 0.6))
                row[sid] = str(min(5, max(1, value)))
            rows.append(row)
    with open(HERE / "responses.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["respondent", "deal"] + [sid for _, sid in columns])
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} responses for {len(deals)} deals to {HERE / 'responses.csv'}")


if __name__ == "__main__":
    main()
