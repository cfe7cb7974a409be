"""Read a survey export (CSV or XLSX) and aggregate it by the review's method.

1. per respondent, an indicator's score is the mean of that respondent's answered statements;
2. per deal and indicator: mean, min and max of the respondent scores, and their number;
3. over all deals, per indicator: the mean of the deals' means, minima and maxima.

This is the only module that uses pandas.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Collector, DeckError, Problem
from .models import Deal, Questionnaire
from .validate import suggest

MAX_SURVEY_BYTES = 20_000_000


@dataclass(frozen=True)
class Score:
    """Aggregate of one indicator: for a deal over respondents, or overall over deals."""

    mean: float
    min: float
    max: float
    n: int


@dataclass
class Scores:
    """Per deal id and indicator id, and overall per indicator."""

    per_deal: dict[str, dict[str, Score]] = field(default_factory=dict)
    overall: dict[str, Score] = field(default_factory=dict)
    respondents: dict[str, int] = field(default_factory=dict)

    def for_deal(self, deal_id: str) -> dict[str, Score]:
        return self.per_deal.get(deal_id, {})

    def to_json(self) -> dict:
        pack = lambda s: [s.mean, s.min, s.max, s.n]  # noqa: E731
        return {"per_deal": {d: {i: pack(s) for i, s in v.items()} for d, v in self.per_deal.items()},
                "overall": {i: pack(s) for i, s in self.overall.items()}, "respondents": self.respondents}

    @classmethod
    def from_json(cls, data: dict) -> "Scores":
        unpack = lambda v: Score(v[0], v[1], v[2], v[3])  # noqa: E731
        return cls({d: {i: unpack(s) for i, s in v.items()} for d, v in data["per_deal"].items()},
                   {i: unpack(s) for i, s in data["overall"].items()}, dict(data["respondents"]))


def _decode(raw: bytes, name: str, warnings: list[str]) -> str:
    if b"\x00" in raw[:4096]:
        raise DeckError(Problem(name, "this is not a text file (binary content); export the survey as CSV or XLSX"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        warnings.append(f"{name}: not UTF-8; read as Windows-1252 (Excel's default). Export as 'CSV UTF-8' to be sure.")
        return raw.decode("cp1252", errors="replace")


def _read_table(path: Path, name: str, warnings: list[str]):
    """The survey as a DataFrame of strings or numbers, and a function that names a row."""
    import pandas as pd

    size = path.stat().st_size
    if size == 0:
        raise DeckError(Problem(name, "the survey file is empty"))
    if size > MAX_SURVEY_BYTES:
        raise DeckError(Problem(name, f"file is {size} bytes; at most {MAX_SURVEY_BYTES} are read"))
    if path.suffix.lower() == ".xlsx":
        try:
            frame = pd.read_excel(path, dtype=object, engine="openpyxl")
        except Exception as exc:  # openpyxl raises many kinds for broken files
            raise DeckError(Problem(name, f"cannot read the workbook: {exc}")) from None
        return frame, (lambda i: f"row {i + 2}")
    text = _decode(path.read_bytes(), name, warnings)
    header = text.splitlines()[0] if text.strip() else ""
    if not header.strip():
        raise DeckError(Problem(name, "the survey file has no header row", 1))
    sep = ";" if header.count(";") > header.count(",") else ","
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, skip_blank_lines=True)
    except Exception as exc:  # pandas' parser errors name the line
        raise DeckError(Problem(name, f"cannot read as CSV: {exc}")) from None
    return frame, (lambda i: f"line {i + 2}")


def _cell_value(value, low: int, high: int) -> float | None | str:
    """A whole number within the scale, None for no answer, or an error message."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, bool):
        return f"'{value}' is not a score"
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip()
        if text == "":
            return None
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            return f"'{text}' is not a score"
    if not number.is_integer():
        return f"'{value}' is not a whole number"
    if not low <= number <= high:
        return f"{int(number)} is outside the scale {low}-{high}"
    return number


def read_responses(path: Path, name: str, questionnaire: Questionnaire, deals: list[Deal]):
    """Read and check the survey; return (rows, warnings): rows as (deal_id, {statement: score})."""
    warnings: list[str] = []
    frame, where = _read_table(path, name, warnings)
    problems = Collector()
    columns = {str(c).strip().lstrip("\ufeff"): c for c in frame.columns}
    lower = {c.lower(): c for c in columns}
    statements = [s.id for ind in questionnaire.indicators for s in ind.statements]
    if "deal" not in lower:
        raise DeckError(Problem(name, f"no 'deal' column; the columns are: {', '.join(columns)}", 1, "deal"))
    for col in columns:
        if col.lower() in ("deal", "respondent") or col in statements:
            continue
        problems.add(name, f"column '{col}' is not a statement id{suggest(col, statements)}", 1, col)
    for sid in statements:
        if sid not in columns:
            problems.add(name, f"statement column '{sid}' is missing", 1, sid)
    problems.raise_if_any()

    lookup: dict[str, str] = {}
    for deal in deals:
        lookup[deal.id.lower()] = deal.id
        lookup[deal.name.strip().lower()] = deal.id
    low, high = questionnaire.scale.min, questionnaire.scale.max
    rows: list[tuple[str, dict[str, float]]] = []
    deal_col = columns[lower["deal"]]
    for i, record in enumerate(frame.to_dict("records")):
        raw_deal = record[deal_col]
        deal_text = "" if raw_deal is None or (isinstance(raw_deal, float) and math.isnan(raw_deal)) else str(raw_deal).strip()
        answers: dict[str, float] = {}
        for sid in statements:
            value = _cell_value(record[columns[sid]], low, high)
            if isinstance(value, str):
                problems.add(name, value, None, f"{where(i)}, column {sid}")
            elif value is not None:
                answers[sid] = value
        if not deal_text:
            if answers:
                problems.add(name, "no deal given", None, f"{where(i)}, column deal")
            continue
        deal_id = lookup.get(deal_text.lower())
        if deal_id is None:
            problems.add(name, f"unknown deal '{deal_text}'{suggest(deal_text, [d.name for d in deals] + [d.id for d in deals])}", None, f"{where(i)}, column deal")
            continue
        rows.append((deal_id, answers))
    problems.raise_if_any()
    return rows, warnings


def aggregate(rows: list[tuple[str, dict[str, float]]], questionnaire: Questionnaire) -> Scores:
    """Aggregate respondent rows by the method (see the module docstring)."""
    import pandas as pd

    scores = Scores()
    statements = [s.id for ind in questionnaire.indicators for s in ind.statements]
    if not rows:
        return scores
    frame = pd.DataFrame([answers for _, answers in rows], columns=statements, dtype=float)
    frame.insert(0, "deal", [deal for deal, _ in rows])
    for deal, count in frame.groupby("deal").size().items():
        scores.respondents[deal] = int(count)
    for ind in questionnaire.indicators:
        cols = [s.id for s in ind.statements]
        per_respondent = frame[cols].mean(axis=1, skipna=True)
        table = pd.DataFrame({"deal": frame["deal"], "score": per_respondent}).dropna()
        grouped = table.groupby("deal")["score"].agg(["mean", "min", "max", "count"])
        for deal, row in grouped.iterrows():
            scores.per_deal.setdefault(deal, {})[ind.id] = Score(float(row["mean"]), float(row["min"]), float(row["max"]), int(row["count"]))
        if len(grouped):
            scores.overall[ind.id] = Score(
                float(grouped["mean"].mean()), float(grouped["min"].mean()), float(grouped["max"].mean()), int(len(grouped))
            )
    return scores
