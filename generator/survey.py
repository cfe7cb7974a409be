"""Read a survey export (CSV or XLSX, as deckgen or a survey tool writes it) and aggregate it by the review's method.

1. per respondent, an indicator's score is the mean of that respondent's answered statements;
2. per deal and indicator: mean, min and max of the respondent scores, and their number;
3. over all deals, per indicator: the mean of the deals' means, minima and maxima.

CSV is read with the csv module and workbooks with openpyxl, cell by cell, so that a message can
name a cell (and a formula without a saved value); the method is a few sums.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Collector, DeckError, Problem
from .models import Deal, Questionnaire, SurveyConfig
from .scores import Score, Scores
from .validate import suggest

MAX_SURVEY_BYTES = 20_000_000


MAX_XLSX_EXPANDED = 100_000_000
"""A workbook is a zip; one whose parts expand beyond this is refused before it is opened."""

QUALTRICS_HIDDEN = {"survey preview", "survey test", "spam", "preview spam", "imported spam", "offline survey preview"}
QUALTRICS_HIDDEN_CODES = {"1": "Survey Preview", "2": "Survey Test", "8": "Spam", "9": "Preview Spam", "12": "Imported Spam",
                          "17": "Offline Survey Preview"}  # Status as numeric values

DONT_KNOW = ["weet niet", "weet ik niet", "geen mening", "niet van toepassing", "n.v.t.", "nvt", "weet niet / n.v.t.",
             "weet niet/geen mening", "don't know", "do not know", "n/a", "na", "not applicable", "no opinion"]
"""Answers that are no answer, unless `values:` says otherwise."""

AGREE_5 = [
    ["helemaal mee oneens", "helemaal oneens", "zeer mee oneens", "strongly disagree"],
    ["mee oneens", "oneens", "niet mee eens", "disagree"],
    ["neutraal", "niet mee eens niet mee oneens", "niet mee eens, niet mee oneens", "noch eens noch oneens",
     "noch mee eens noch mee oneens", "neither agree nor disagree", "neutral"],
    ["mee eens", "eens", "agree"],
    ["helemaal mee eens", "helemaal eens", "zeer mee eens", "strongly agree"],
]
AGREE_7 = [AGREE_5[0], AGREE_5[1], ["enigszins mee oneens", "enigszins oneens", "somewhat disagree"], AGREE_5[2],
           ["enigszins mee eens", "enigszins eens", "somewhat agree"], AGREE_5[3], AGREE_5[4]]


def norm(text) -> str:
    """Text as matched: no case, no surrounding or doubled spaces, straight quotes, no trailing full stop."""
    text = " ".join(cell_text(text).replace("\u2018", "'").replace("\u2019", "'").replace("\u201c", '"')
                    .replace("\u201d", '"').replace("\u00a0", " ").split()).lower()
    text = re.sub(r"\s*/\s*", " / ", text)
    return text[:-1].rstrip() if text.endswith(".") else text


def cell_text(value) -> str:
    """A cell as text: '' for empty, whole numbers without '.0'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _decode(raw: bytes, name: str, warnings: list[str]) -> str:
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(raw) > 3 and raw[1:4:2] == b"\x00\x00" and raw[0] != 0):
        try:  # Excel's "Unicode text": UTF-16, tab-separated
            return raw.decode("utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-16-le").lstrip("\ufeff")
        except UnicodeDecodeError:
            raise DeckError(Problem(name, "looks like UTF-16 text but cannot be decoded; export the survey as CSV UTF-8")) from None
    if b"\x00" in raw[:4096]:
        raise DeckError(Problem(name, "this is not a text file (binary content); export the survey as CSV or XLSX"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        warnings.append(f"{name}: not UTF-8; read as Windows-1252 (Excel's default). Export as 'CSV UTF-8' to be sure.")
        return raw.decode("cp1252", errors="replace")


@dataclass
class Table:
    """Every row of the export (header rows too) and how to name a row in messages."""

    rows: list[list]
    where: Callable[[int], str]
    column_name: Callable[[int], str]


def _letters(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _read_csv(path: Path, name: str, warnings: list[str]) -> Table:
    import csv

    text = _decode(path.read_bytes(), name, warnings)
    first = 1
    lines = text.splitlines()
    sep = None
    if lines and re.fullmatch(r'"?sep=(.)"?,*', lines[0].strip().lstrip("\ufeff"), re.IGNORECASE):
        sep = re.fullmatch(r'"?sep=(.)"?,*', lines[0].strip().lstrip("\ufeff"), re.IGNORECASE).group(1)  # Excel's hint
        text = text.split("\n", 1)[1] if "\n" in text else ""
        first = 2
        lines = lines[1:]
    header = lines[0] if lines and text.strip() else ""
    if not header.strip():
        raise DeckError(Problem(name, "the survey file has no header row", first))
    if sep is None:
        bare = re.sub(r'"(?:[^"]|"")*"', "", header)  # separators inside quoted headers do not count
        counts = {c: bare.count(c) for c in (",", ";", "\t")}
        sep = max(counts, key=lambda c: counts[c]) if any(counts.values()) else ","
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    width = len(records[0])
    rows, numbers = [], []
    for number, row in enumerate(records, first):
        if not any(cell.strip() for cell in row):
            continue  # a blank line
        if len(row) > width:
            raise DeckError(Problem(name, f"line {number} has {len(row)} fields; the header has {width}", number))
        rows.append(row + [""] * (width - len(row)))
        numbers.append(number)
    return Table(rows, lambda i: f"line {numbers[i]}", _letters)  # the letters a spreadsheet shows


def _read_xlsx(path: Path, name: str, sheet: str | None) -> Table:
    """A workbook's sheet with openpyxl, cell by cell, so a message can name a cell and a formula."""
    import warnings as py_warnings
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise DeckError(Problem(name, f"cannot read the workbook: not an .xlsx file ({exc})")) from None
    if expanded > MAX_XLSX_EXPANDED:
        raise DeckError(Problem(name, f"the workbook expands to {expanded // 1_000_000} MB; at most "
                                      f"{MAX_XLSX_EXPANDED // 1_000_000} MB are read: refused"))
    from openpyxl import load_workbook

    try:
        with py_warnings.catch_warnings():
            py_warnings.simplefilter("ignore")  # openpyxl's UserWarnings (styles, data validation) mean nothing here
            formulas = load_workbook(path, read_only=True, data_only=False)
            values = load_workbook(path, read_only=True, data_only=True)
            names = formulas.sheetnames
            if sheet is not None and sheet not in names:
                raise DeckError(Problem(name, f"no sheet '{sheet}'{suggest(sheet, names)}; the sheets are: {', '.join(names)}",
                                        None, "survey.sheet"))
            title = sheet or names[0]
            rows, numbers = [], []
            for number, (frow, vrow) in enumerate(zip(formulas[title].iter_rows(), values[title].iter_rows()), 1):
                row = []
                for fcell, vcell in zip(frow, vrow):
                    value = vcell.value
                    formula = fcell.value if getattr(fcell, "data_type", None) == "f" else None
                    if formula is not None and value is None:
                        raise DeckError(Problem(name, f"cell {_letters(fcell.column - 1)}{number} of sheet '{title}' holds the formula "
                                                      f"'{formula}' without a saved value; open and save the workbook in Excel, "
                                                      "or paste the values", number))
                    if isinstance(value, (dt.datetime, dt.date, dt.time)):
                        value = value.isoformat()
                    row.append(value)
                if any(cell_text(c) for c in row):
                    rows.append(row)
                    numbers.append(number)
            formulas.close()
            values.close()
    except DeckError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for broken files
        raise DeckError(Problem(name, f"cannot read the workbook: {exc}")) from None
    width = max((len(r) for r in rows), default=0)
    rows = [r + [None] * (width - len(r)) for r in rows]
    return Table(rows, lambda i: f"row {numbers[i]}", _letters)


def _read_table(path: Path, name: str, warnings: list[str], sheet: str | None = None) -> Table:
    size = path.stat().st_size
    if size == 0:
        raise DeckError(Problem(name, "the survey file is empty"))
    if size > MAX_SURVEY_BYTES:
        raise DeckError(Problem(name, f"file is {size} bytes; at most {MAX_SURVEY_BYTES} are read"))
    if path.suffix.lower() == ".xlsx":
        table = _read_xlsx(path, name, sheet)
    else:
        table = _read_csv(path, name, warnings)
    if not table.rows:
        raise DeckError(Problem(name, "the survey file has no header row", 1))
    return table


def _header_rows(rows: list[list], config: SurveyConfig) -> tuple[int, str]:
    """How many rows head the table, and which tool's layout said so."""
    if config.header_rows is not None:
        return config.header_rows, "header_rows"
    if len(rows) > 2 and any(cell_text(c).startswith('{"ImportId"') for c in rows[2]):
        return 3, "Qualtrics"
    if len(rows) > 1 and any(cell_text(c) in ("Response", "Open-Ended Response") for c in rows[1]):
        return 2, "SurveyMonkey"
    return 1, ""


def _labels(low: int, high: int, values: dict[str, int | None]) -> dict[str, float | None]:
    """Answer text (normalised) -> score or None: the built-in agree scales, don't-know, then `values:`."""
    known: dict[str, float | None] = {}
    scale = {5: AGREE_5, 7: AGREE_7}.get(high - low + 1)
    for offset, words in enumerate(scale or []):
        for word in words:
            known[norm(word)] = float(low + offset)
    for word in DONT_KNOW:
        known[norm(word)] = None
    for answer, score in values.items():
        known[norm(answer)] = None if score is None else float(score)
    return known


def _score(value, low: int, high: int, labels: dict[str, float | None]) -> float | None | str:
    """A whole number within the scale, None for no answer, or an error message."""
    if isinstance(value, bool):
        return f"'{value}' is not a score"
    text = cell_text(value)
    if text == "":
        return None
    key = norm(text)
    if key in labels:
        return labels[key]
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            lead = re.match(r"^(\d+)\s*[-–:.)=]\s*\S", text)  # "5 - Helemaal mee eens"
            if lead is None:
                return f"'{text}' is not a score"
            number = float(lead.group(1))
    if not number.is_integer():
        return f"'{text}' is not a whole number"
    if not low <= number <= high:
        return f"{int(number)} is outside the scale {low}-{high}"
    return number


def _matches(header: str, target: str) -> bool:
    """A header cell is the statement's text, ends with ' - <text>', or holds '[<text>]'."""
    h = norm(header)
    if not h or not target:
        return False
    if h == target or h.endswith(" - " + target):
        return True
    return any(norm(inner) == target for inner in re.findall(r"\[([^\[\]]*)\]", cell_text(header)))


@dataclass
class Reading:
    """What was read from the export: the respondents' rows and how they were found (`deckgen survey`)."""

    rows: list[tuple[str, dict[str, float]]]
    warnings: list[str]
    layout: str = ""
    header_rows: int = 1
    columns: dict[str, tuple[str, str]] = field(default_factory=dict)  # statement -> (column, how it matched)
    deal_column: str = ""
    deal_values: dict[str, dict[str, int]] = field(default_factory=dict)  # deal id -> {cell text: rows}
    answers: dict[str, tuple[float | None, int]] = field(default_factory=dict)  # answer -> (score, cells)
    left_out: dict[str, int] = field(default_factory=dict)  # reason -> rows
    ignored: list[str] = field(default_factory=list)
    matched: dict[str, str] = field(default_factory=dict)  # statement -> the header text it matched, where not the first row's


def read_responses(path: Path, name: str, questionnaire: Questionnaire, deals: list[Deal], config: SurveyConfig | None = None):
    """Read and check the survey; return (rows, warnings): rows as (deal_id, {statement: score})."""
    reading = read_survey(path, name, questionnaire, deals, config)
    return reading.rows, reading.warnings


def read_survey(path: Path, name: str, questionnaire: Questionnaire, deals: list[Deal],
                config: SurveyConfig | None = None) -> Reading:
    """Read the export as its survey tool wrote it; every problem as a DeckError naming the file and cell."""
    config = config or SurveyConfig(file=name)
    warnings: list[str] = []
    table = _read_table(path, name, warnings, config.sheet)
    nhead, layout = _header_rows(table.rows, config)
    reading = Reading([], warnings, layout, nhead)
    heads = [[cell_text(c).lstrip("\ufeff") for c in row] for row in table.rows[:nhead]]
    width = len(table.rows[0])
    body = table.rows[nhead:]

    def label(col: int) -> str:
        texts = [h[col] for h in heads if h[col]]
        text = texts[0] if texts else f"column {col + 1}"
        text = text if len(text) <= 60 else text[:57] + "..."
        letter = table.column_name(col)
        return f"{letter} '{text}'" if letter else text

    # the deal column
    wanted = norm(config.deal_column)
    deal_cols = [c for c in range(width) if any(norm(h[c]) == wanted for h in heads)]
    if not deal_cols:
        shown = [next((h[c] for h in heads if h[c]), "") for c in range(width)]
        listed = ", ".join(shown[:20]) + (f" and {len(shown) - 20} more" if len(shown) > 20 else "")
        hint = "" if config.deal_column != "deal" else "; name the deal question's header in review.yaml under survey.deal_column"
        raise DeckError(Problem(name, f"no '{config.deal_column}' column; the columns are: {listed}{hint}", 1, "deal"))
    deal_col = deal_cols[0]
    reading.deal_column = label(deal_col)

    # the statements' columns
    problems = Collector()
    statements = [s for ind in questionnaire.indicators for s in ind.statements]
    found: dict[str, int] = {}
    for st in statements:
        how, hits = "", []
        if st.id in config.columns:
            code = norm(config.columns[st.id])
            hits, how = [c for c in range(width) if any(norm(h[c]) == code for h in heads)], "columns:"
        if not hits:
            hits, how = [c for c in range(width) if any(norm(h[c]) == norm(st.id) for h in heads)], "id"
        if not hits:
            hits, how = [c for c in range(width) if any(_matches(h[c], norm(st.text)) for h in heads)], "text"
        hits = [c for c in hits if c != deal_col]
        if len(hits) > 1:
            problems.add(name, f"statement '{st.id}' matches {len(hits)} columns: {', '.join(label(c) for c in hits)}; "
                               "name one in review.yaml under survey.columns", 1, st.id)
        elif hits:
            found[st.id] = hits[0]
            reading.columns[st.id] = (label(hits[0]), how)
            if how == "text":
                matched = next(h[hits[0]] for h in heads if _matches(h[hits[0]], norm(st.text)))
                if matched != heads[0][hits[0]]:
                    reading.matched[st.id] = matched
    used = set(found.values()) | {deal_col}
    own_format = all(how == "id" for _, how in reading.columns.values())
    ids = [s.id for s in statements]
    ignored = []
    for c in range(width):
        if c in used:
            continue
        text = next((h[c] for h in heads if h[c]), "")
        if own_format and nhead == 1 and re.fullmatch(r"[A-Za-z0-9_-]+", text) and suggest(text, ids):
            problems.add(name, f"column '{text}' is not a statement id{suggest(text, ids)}", 1, text)
        elif text.lower() != "respondent" and text:
            ignored.append(text if len(text) <= 60 else text[:57] + "...")
        elif not text and any(cell_text(r[c]) for r in body):
            ignored.append(label(c))
    for st in statements:
        if st.id not in found and not any(st.id in p.key for p in problems.problems if p.key):
            problems.add(name, f"statement column '{st.id}' is missing: no column is headed with its id or its text "
                               f"'{st.text}'; for an export with codes as headers, name its column in review.yaml under "
                               "survey.columns", 1, st.id)
    problems.raise_if_any()
    reading.ignored = ignored
    if ignored:
        listed = ", ".join(ignored[:12]) + (f" and {len(ignored) - 12} more" if len(ignored) > 12 else "")
        many = len(ignored) != 1
        warnings.append(f"{name}: {len(ignored)} column{'s match' if many else ' matches'} no statement and "
                        f"{'were' if many else 'was'} ignored: {listed}")

    # rows left out
    filters: list[tuple[int, set[str], str]] = []
    status = [c for c in range(width) if heads[0][c].strip().lower() == "status"]
    if status:
        hidden = set(QUALTRICS_HIDDEN)
        if layout == "Qualtrics" or any(h.strip().lower() == "responseid" for h in heads[0]):
            hidden |= set(QUALTRICS_HIDDEN_CODES)
        filters.append((status[0], hidden, "Status"))
    for column, values in config.exclude.items():
        cols = [c for c in range(width) if any(norm(h[c]) == norm(column) for h in heads)]
        if not cols:
            problems.add(name, f"no column '{column}' to exclude rows by{suggest(column, [h for h in heads[0] if h])}", None,
                         "survey.exclude")
            continue
        filters.append((cols[0], {norm(v) for v in values}, heads[0][cols[0]] or column))
    problems.raise_if_any()

    lookup: dict[str, str] = {}
    for deal in deals:
        lookup[deal.id.lower()] = deal.id
        lookup[norm(deal.name)] = deal.id
    coded = {norm(k): v for k, v in config.deal_values.items()}
    for code, target in config.deal_values.items():
        if lookup.get(target.strip().lower()) is None and lookup.get(norm(target)) is None:
            choices = [d.name for d in deals] + [d.id for d in deals]
            problems.add("review.yaml", f"'{target}' is not a deal{suggest(target, choices) or '; the deals are: ' + ', '.join(d.id for d in deals)}",
                         None, f"survey.deal_values.{code}")
    problems.raise_if_any()
    labels = _labels(questionnaire.scale.min, questionnaire.scale.max, config.values)
    low, high = questionnaire.scale.min, questionnaire.scale.max
    bad: dict[str, list[str]] = {}  # message -> places
    bad_deal: dict[str, list[str]] = {}
    empty_deal = 0
    for i, record in enumerate(body):
        row_at = table.where(i + nhead)
        reason = next((f"{label_} = {cell_text(record[c])}" for c, hidden, label_ in filters
                       if norm(record[c]) in hidden), None)
        if reason is not None and reason.startswith("Status = ") and reason[9:] in QUALTRICS_HIDDEN_CODES:
            reason += f" ({QUALTRICS_HIDDEN_CODES[reason[9:]]})"
        if reason is not None:
            reading.left_out[reason] = reading.left_out.get(reason, 0) + 1
            continue
        deal_text = cell_text(record[deal_col])
        answers: dict[str, float] = {}
        row_bad = []
        for sid, c in found.items():
            value = _score(record[c], low, high, labels)
            if isinstance(value, str):
                where = f"column {sid}" if heads[0][c] == sid and nhead == 1 else f"column {label(c)} ({sid})"
                row_bad.append((value, f"{row_at}, {where}"))
                continue
            if value is not None:
                answers[sid] = value
        if not deal_text:
            empty_deal += 1
            continue
        target = coded.get(norm(deal_text), deal_text)
        deal_id = lookup.get(target.strip().lower()) or lookup.get(norm(target))
        if deal_id is None:
            choices = [d.name for d in deals] + [d.id for d in deals]
            hint = suggest(target, choices) or (f"; the deals are: {', '.join(d.name for d in deals)}; map the export's "
                                                "answer codes to deals in review.yaml under survey.deal_values")
            bad_deal.setdefault(f"unknown deal '{deal_text}'{hint}", []).append(row_at)
            continue
        for message, where in row_bad:
            bad.setdefault(message, []).append(where)
        for c in found.values():  # what each distinct answer became, for `deckgen survey`
            text = cell_text(record[c])
            if text and text in reading.answers:
                reading.answers[text] = (reading.answers[text][0], reading.answers[text][1] + 1)
            elif text:
                value = _score(record[c], low, high, labels)
                if not isinstance(value, str):
                    reading.answers[text] = (value, 1)
        per = reading.deal_values.setdefault(deal_id, {})
        per[deal_text] = per.get(deal_text, 0) + 1
        reading.rows.append((deal_id, answers))
    for message, places in bad_deal.items():
        more = f" (and {len(places) - 1} more rows)" if len(places) > 1 else ""
        problems.add(name, message + more, None, f"{places[0]}, column {'deal' if heads[0][deal_col] == 'deal' else label(deal_col)}")
    known = sorted({k for k, v in labels.items()})
    for message, places in bad.items():
        more = f" (and {len(places) - 1} more cells)" if len(places) > 1 else ""
        hint = ""
        if message.startswith("'") and "is not a score" in message:
            hint = f"; known answers: {', '.join(known[:30])}; map others in review.yaml under survey.values"
        elif "outside the scale" in message:
            number = message.split(" ", 1)[0]
            hint = f"; if {number} means don't know, add it to survey.values in review.yaml as `{number}: null`"
        problems.add(name, message + more + hint, None, places[0])
    problems.raise_if_any()
    if reading.left_out:
        total = sum(reading.left_out.values())
        why = ", ".join(f"{n} with {reason}" for reason, n in reading.left_out.items())
        warnings.append(f"{name}: {total} response{'s' if total != 1 else ''} left out ({why})")
    if empty_deal:
        reading.left_out["no deal given"] = empty_deal
        warnings.append(f"{name}: {empty_deal} row{'s' if empty_deal != 1 else ''} without a deal skipped")
    return reading


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


def describe(reading: Reading, questionnaire: Questionnaire, deals: list[Deal], name: str) -> str:
    """What `deckgen survey` prints: how the export was read, for a consultant to check once per export."""
    out = [f"{name}: {reading.header_rows} header row{'s' if reading.header_rows != 1 else ''}"
           + (f" ({reading.layout})" if reading.layout else "")]
    out.append("statements:")
    for ind in questionnaire.indicators:
        for st in ind.statements:
            column, how = reading.columns[st.id]
            shown = f": '{reading.matched[st.id]}'" if st.id in reading.matched else ""
            out.append(f"  {st.id:<8} <- {column}  (by {how}{shown})")
    out.append(f"deal column: {reading.deal_column}")
    names = {d.id: d.name for d in deals}
    for deal in deals:
        values = reading.deal_values.get(deal.id, {})
        if values:
            shown = ", ".join(f"'{v}' ({n})" for v, n in sorted(values.items()))
            out.append(f"  {names[deal.id]}: {shown}")
    out.append("answers:")
    for text, (score, count) in sorted(reading.answers.items(), key=lambda kv: (kv[1][0] is None, kv[1][0] or 0, kv[0])):
        became = "no answer" if score is None else f"{score:g}"
        out.append(f"  '{text}' -> {became}  ({count} cell{'s' if count != 1 else ''})")
    if reading.left_out:
        out.append("rows left out:")
        for reason, count in reading.left_out.items():
            out.append(f"  {count} ({reason})")
    out.append("respondents per deal:")
    counts: dict[str, int] = {}
    for deal_id, _ in reading.rows:
        counts[deal_id] = counts.get(deal_id, 0) + 1
    for deal in deals:
        out.append(f"  {deal.name}: {counts.get(deal.id, 0)}")
    out.append(f"columns ignored: {', '.join(reading.ignored) if reading.ignored else 'none'}")
    return "\n".join(out)
