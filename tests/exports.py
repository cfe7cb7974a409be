"""Survey exports as the survey tools lay them out, written from answers in deckgen's own layout.

Each writer takes the statements [(id, text)], the deals' names (in the order of their codes) and the
respondents [(deal cell, {statement id: score or None})], and returns (file name, bytes, survey keys).
A blank answer is written as the tool's don't-know answer in even rows and left empty in odd ones.
The layouts follow what each tool writes; nothing here is copied from a real export.
"""

from __future__ import annotations

import csv
import io
import json

DEAL_QUESTION = "Bij welke City Deal bent u betrokken?"
GRID = "In hoeverre bent u het eens met de volgende stellingen?"

NL = {1: "Helemaal mee oneens", 2: "Mee oneens", 3: "Neutraal", 4: "Mee eens", 5: "Helemaal mee eens"}
NL_ALT = {1: "Helemaal mee oneens", 2: "Oneens", 3: "Noch eens noch oneens", 4: "Eens", 5: "Helemaal mee eens"}
EN = {1: "Strongly disagree", 2: "Disagree", 3: "Neither agree nor disagree", 4: "Agree", 5: "Strongly agree"}


def _csv(rows: list[list], sep: str = ",", quote_all: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerows(rows)
    return out.getvalue()


def _xlsx(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _answer(score, i: int, labels: dict, dont_know):
    if score is None:
        return dont_know if i % 2 == 0 else None
    return labels[score]


def ms_forms(statements, deals, respondents):
    header = ["ID", "Start time", "Completion time", "Email", "Name", DEAL_QUESTION] + [t for _, t in statements]
    rows = [header]
    for i, (deal, answers) in enumerate(respondents, 1):
        rows.append([i, "2023-05-02 10:00:00", "2023-05-02 10:03:00", "anonymous", None, deal]
                    + [_answer(answers[sid], i, NL, "Weet niet") for sid, _ in statements])
    return "export.xlsx", _xlsx(rows), {"deal_column": DEAL_QUESTION}


def _qualtrics(statements, deals, respondents, numeric: bool):
    meta = [("StartDate", "Start Date", "startDate"), ("EndDate", "End Date", "endDate"), ("Status", "Response Type", "status"),
            ("IPAddress", "IP Address", "ipAddress"), ("Progress", "Progress", "progress"), ("Finished", "Finished", "finished"),
            ("ResponseId", "Response ID", "_recordId"), ("UserLanguage", "User Language", "userLanguage")]
    tags = [m[0] for m in meta] + ["Q1"] + [f"Q2_{n}" for n in range(1, len(statements) + 1)]
    texts = [m[1] for m in meta] + [DEAL_QUESTION] + [f"{GRID} - {t}" for _, t in statements]
    imports = [json.dumps({"ImportId": m[2]}) for m in meta] + ['{"ImportId":"QID1"}'] + [
        json.dumps({"ImportId": f"QID2_{n}"}) for n in range(1, len(statements) + 1)]
    rows = [tags, texts, imports]

    def row(i, status, deal, answers):
        if numeric:
            cells = [6 if answers[sid] is None and i % 2 == 0 else ("" if answers[sid] is None else answers[sid]) for sid, _ in statements]
            deal_cell = deals.index(deal) + 1 if deal in deals else deal
        else:
            cells = [_answer(answers[sid], i, EN, "Don't know") or "" for sid, _ in statements]
            deal_cell = deal
        return ["2023-05-02 10:00:00", "2023-05-02 10:04:00", status, "" if status in (1, "Survey Preview") else "192.0.2.1",
                100, 1 if numeric else "True", f"R_{i:04d}", "NL", deal_cell] + cells

    # the preview response comes first: all 1s for the first deal, which would move its scores if it were counted
    rows.append(row(0, 1 if numeric else "Survey Preview", deals[0], {sid: 1 for sid, _ in statements}))
    for i, (deal, answers) in enumerate(respondents, 1):
        rows.append(row(i, 0 if numeric else "IP Address", deal if not numeric else _canonical(deal, deals), answers))
    text = "\ufeff" + _csv(rows)
    keys = {"deal_column": DEAL_QUESTION}
    if numeric:
        keys.update(deal_values={str(n): name for n, name in enumerate(deals, 1)}, values={6: None})
    return ("qualtrics.csv", text.encode("utf-8"), keys)


def _canonical(deal, deals):
    return next(d for d in deals if d.lower() == deal.lower())


def qualtrics_text(statements, deals, respondents):
    return _qualtrics(statements, deals, respondents, numeric=False)


def qualtrics_numeric(statements, deals, respondents):
    return _qualtrics(statements, deals, respondents, numeric=True)


def surveymonkey(statements, deals, respondents):
    meta = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name", "Last Name"]
    first = meta + [DEAL_QUESTION, GRID] + [""] * (len(statements) - 1)
    second = [""] * len(meta) + ["Response"] + [t for _, t in statements]
    rows = [first, second]
    for i, (deal, answers) in enumerate(respondents, 1):
        rows.append([1000 + i, 42, "05/02/2023 10:00:00 AM", "05/02/2023 10:04:00 AM", "192.0.2.1", "", "", "", deal]
                    + [_answer(answers[sid], i, NL, "Niet van toepassing") or "" for sid, _ in statements])
    return "surveymonkey.csv", _csv(rows).encode("utf-8"), {"deal_column": DEAL_QUESTION}


def surveymonkey_xlsx(statements, deals, respondents):
    _, data, keys = surveymonkey(statements, deals, respondents)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    cells = [[int(c) if c.isdigit() else (c or None) for c in row] for row in rows]
    return "surveymonkey.xlsx", _xlsx(cells), keys


def limesurvey_codes(statements, deals, respondents):
    codes = [f"SQ{n:03d}" for n in range(1, len(statements) + 1)]
    header = ["id", "submitdate", "lastpage", "startlanguage", "seed", "G01Q01"] + [f"G02Q01[{c}]" for c in codes]
    rows = [header]
    for i, (deal, answers) in enumerate(respondents, 1):
        cells = [("AO06" if i % 2 == 0 else "") if answers[sid] is None else f"AO{answers[sid]:02d}" for sid, _ in statements]
        rows.append([i, "2023-05-02 10:04:00", 2, "nl", 12345, f"AO{deals.index(_canonical(deal, deals)) + 1:02d}"] + cells)
    keys = {"deal_column": "G01Q01",
            "deal_values": {f"AO{n:02d}": name for n, name in enumerate(deals, 1)},
            "columns": {sid: f"G02Q01[{code}]" for (sid, _), code in zip(statements, codes)},
            "values": {**{f"AO{n:02d}": n for n in range(1, 6)}, "AO06": None}}
    return "limesurvey.csv", _csv(rows, ";", quote_all=True).encode("utf-8"), keys


def limesurvey_text(statements, deals, respondents):
    header = ["Response ID", "Date submitted", "Last page", "Start language", "Seed", DEAL_QUESTION] + [
        f"{GRID} [{t}]" for _, t in statements]
    rows = [header]
    for i, (deal, answers) in enumerate(respondents, 1):
        rows.append([i, "2023-05-02 10:04:00", 2, "nl", 12345, deal]
                    + [_answer(answers[sid], i, NL_ALT, "Weet niet / n.v.t.") or "" for sid, _ in statements])
    return "limesurvey.csv", _csv(rows, ",", quote_all=True).encode("utf-8"), {"deal_column": DEAL_QUESTION}


def google_forms(statements, deals, respondents):
    header = ["Tijdstempel", DEAL_QUESTION] + [f"{GRID} [{t}]" for _, t in statements]
    rows = [header]
    for i, (deal, answers) in enumerate(respondents, 1):
        labels = {n: f"{n} - {label}" for n, label in NL.items()} if i % 3 == 0 else NL  # leading numbers too
        rows.append(["2023/05/02 10:04:00 CET", deal] + [_answer(answers[sid], i, labels, "Weet ik niet") or "" for sid, _ in statements])
    return "google-forms.csv", _csv(rows).encode("utf-8"), {"deal_column": DEAL_QUESTION}


WRITERS = {"ms-forms": ms_forms, "qualtrics-text": qualtrics_text, "qualtrics-numeric": qualtrics_numeric,
           "surveymonkey": surveymonkey, "surveymonkey-xlsx": surveymonkey_xlsx, "limesurvey-codes": limesurvey_codes, "limesurvey-text": limesurvey_text,
           "google-forms": google_forms}


def respondents_of(csv_text: str, statement_ids: list[str]):
    """[(deal cell, {statement: score or None})] from a survey in deckgen's own layout."""
    records = list(csv.DictReader(io.StringIO(csv_text)))
    return [(r["deal"], {s: int(r[s]) if r[s].strip() else None for s in statement_ids}) for r in records]
