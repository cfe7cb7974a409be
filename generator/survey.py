"""Read a survey export (CSV or XLSX) and aggregate it by the review's method.

1. per respondent, an indicator's score is the mean of that respondent's answered statements;
2. per deal and indicator: mean, min and max of the respondent scores, and their number;
3. over all deals, per indicator: the mean of the deals' means, minima and maxima.

This is the only module that uses pandas, to read workbooks; CSV is read with the csv module
and the method is a few sums, which costs nothing next to pandas' half second of import.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable
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


def _read_table(path: Path, name: str, warnings: list[str]) -> tuple[list[str], list[list], Callable[[int], str]]:
    """The survey's header, its rows, and a function that names a row (for messages)."""
    size = path.stat().st_size
    if size == 0:
        raise DeckError(Problem(name, "the survey file is empty"))
    if size > MAX_SURVEY_BYTES:
        raise DeckError(Problem(name, f"file is {size} bytes; at most {MAX_SURVEY_BYTES} are read"))
    if path.suffix.lower() == ".xlsx":
        import pandas as pd  # only for workbooks: reading XLSX well is pandas' (and openpyxl's) job

        try:
            frame = pd.read_excel(path, dtype=object, engine="openpyxl")
        except Exception as exc:  # openpyxl raises many kinds for broken files
            raise DeckError(Problem(name, f"cannot read the workbook: {exc}")) from None
        return [str(c) for c in frame.columns], frame.values.tolist(), (lambda i: f"row {i + 2}")
    text = _decode(path.read_bytes(), name, warnings)
    header = text.splitlines()[0] if text.strip() else ""
    if not header.strip():
        raise DeckError(Problem(name, "the survey file has no header row", 1))
    sep = ";" if header.count(";") > header.count(",") else ","
    lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    columns, rows, numbers = lines[0], [], []
    for number, row in enumerate(lines[1:], 2):
        if not any(cell.strip() for cell in row):
            continue  # a blank line
        if len(row) > len(columns):
            raise DeckError(Problem(name, f"line {number} has {len(row)} fields; the header has {len(columns)}", number))
        rows.append(row + [""] * (len(columns) - len(row)))
        numbers.append(number)
    return columns, rows, (lambda i: f"line {numbers[i]}")


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
    header, records, where = _read_table(path, name, warnings)
    problems = Collector()
    columns = {str(c).strip().lstrip("\ufeff"): i for i, c in enumerate(header)}
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
    for i, record in enumerate(records):
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
    scores = Scores()
    for deal, _ in rows:
        scores.respondents[deal] = scores.respondents.get(deal, 0) + 1
    for ind in questionnaire.indicators:
        cols = [s.id for s in ind.statements]
        per_deal: dict[str, list[float]] = {}
        for deal, answers in rows:  # 1. per respondent: the mean of the answered statements
            answered = [answers[c] for c in cols if c in answers]
            if answered:
                per_deal.setdefault(deal, []).append(_mean(answered))
        for deal, values in per_deal.items():  # 2. per deal: mean, min, max, n
            scores.per_deal.setdefault(deal, {})[ind.id] = Score(_mean(values), min(values), max(values), len(values))
        if per_deal:  # 3. over all deals: the mean of the deals' means, minima and maxima
            deal_scores = [scores.per_deal[d][ind.id] for d in per_deal]
            scores.overall[ind.id] = Score(_mean([s.mean for s in deal_scores]), _mean([s.min for s in deal_scores]),
                                           _mean([s.max for s in deal_scores]), len(deal_scores))
    return scores


def _mean(values: list[float]) -> float:
    return math.fsum(values) / len(values)
