"""Survey exports as the survey tools write them: each builds the same scores as deckgen's own layout."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest
from click.testing import CliRunner
from pptx import Presentation

from generator.build import build, prepare
from generator.cli import main
from generator.errors import DeckError
from generator.survey import aggregate, read_survey
from generator.validate import load_content

from . import exports
from .conftest import ROOT, SURVEY_CSV, write_review
from .test_survey import check_hand_computed

SMALL_STATEMENTS = [(f"{c}", f"Statement {c}.") for c in ("a1", "a2", "b1", "c1", "c2")]


def with_export(folder, kind, statements, deals, csv_text):
    """Write the export of `kind` into folder/survey and point review.yaml's survey at it."""
    ids = [sid for sid, _ in statements]
    file, data, keys = exports.WRITERS[kind](statements, deals, exports.respondents_of(csv_text, ids))
    (folder / "survey" / file).write_bytes(data)
    review = folder / "review.yaml"
    text = review.read_text(encoding="utf-8")
    lines = "".join(f"  {k}: {json.dumps(v)}\n" for k, v in keys.items())
    text = text.replace("  file: survey/responses.csv\n", f"  file: survey/{file}\n{lines}")
    review.write_text(text, encoding="utf-8")
    return folder


def scores(folder):
    content = load_content(folder)
    config = content.review.survey
    reading = read_survey(folder / config.file, config.file, content.questionnaire, content.deals, config)
    return aggregate(reading.rows, content.questionnaire), reading


@pytest.mark.parametrize("kind", list(exports.WRITERS))
def test_small_export_gives_the_hand_computed_scores(tmp_path, kind):
    folder = with_export(write_review(tmp_path / "review"), kind, SMALL_STATEMENTS, ["Alpha", "Beta"], SURVEY_CSV)
    result, reading = scores(folder)
    check_hand_computed(result)  # blanks as don't-know or empty, the preview response left out
    if kind.startswith("qualtrics"):
        assert reading.left_out == {f"Status = {'1 (Survey Preview)' if kind.endswith('numeric') else 'Survey Preview'}": 1}
        assert any("1 response left out" in w for w in reading.warnings)
    assert {st: how for st, (_, how) in reading.columns.items()} == {
        s: "columns:" if kind == "limesurvey-codes" else "text" for s, _ in SMALL_STATEMENTS}


@pytest.fixture(scope="module")
def city_deals():
    content = load_content(ROOT / "content")
    statements = [(s.id, s.text) for ind in content.questionnaire.indicators for s in ind.statements]
    deals = [d.name for d in content.deals]
    csv_text = (ROOT / "content" / "survey" / "responses.csv").read_text(encoding="utf-8")
    original = prepare(ROOT / "content", cache=None)
    return statements, deals, csv_text, original.scores


def city_deals_export(tmp_path, kind, city_deals):
    statements, deals, csv_text, _ = city_deals
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder)
    return with_export(folder, kind, statements, deals, csv_text)


@pytest.mark.parametrize("kind", list(exports.WRITERS))
def test_city_deals_export_scores_equal_the_original(tmp_path, kind, city_deals):
    folder = city_deals_export(tmp_path, kind, city_deals)
    prepared = prepare(folder)
    assert prepared.scores.to_json() == city_deals[3].to_json()
    left_out = [w for w in prepared.warnings if "left out" in w]
    assert left_out == ([f"survey/qualtrics.csv: 1 response left out (1 with Status = "
                         f"{'1 (Survey Preview)' if kind.endswith('numeric') else 'Survey Preview'})"] if kind.startswith("qualtrics") else [])


def score_table(path):
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_table:
                return [[c.text for c in row.cells] for row in shape.table.rows]
    raise AssertionError("no score table")


@pytest.mark.slow
@pytest.mark.parametrize("kind", list(exports.WRITERS))
def test_city_deals_deck_from_export(tmp_path, kind, city_deals):
    original = tmp_path / "original.pptx"
    build(ROOT / "content", original)
    folder = city_deals_export(tmp_path, kind, city_deals)
    out = tmp_path / "deck.pptx"
    build(folder, out)
    assert score_table(out) == score_table(original)


def test_survey_command_shows_the_mapping(tmp_path):
    folder = with_export(write_review(tmp_path / "review"), "qualtrics-text", SMALL_STATEMENTS, ["Alpha", "Beta"], SURVEY_CSV)
    result = CliRunner().invoke(main, ["survey", "--content", str(folder)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "3 header rows (Qualtrics)" in out
    assert f"a1       <- J 'Q2_1'  (by text: '{exports.GRID} - Statement a1.')" in out
    assert "deal column: I 'Q1'" in out
    assert "'Alpha' (1)" in out and "'ALPHA' (1)" in out
    assert "'Strongly agree' -> 5" in out and "'Don't know' -> no answer" in out
    assert "1 (Status = Survey Preview)" in out
    assert "  Alpha: 3\n  Beta: 2" in out
    assert "columns ignored: StartDate, EndDate, Status, IPAddress" in out


def test_code_only_export_without_keys_says_what_to_add(tmp_path):
    folder = with_export(write_review(tmp_path / "review"), "limesurvey-codes", SMALL_STATEMENTS, ["Alpha", "Beta"], SURVEY_CSV)
    review = folder / "review.yaml"
    text = "\n".join(line for line in review.read_text().splitlines() if not line.startswith(("  columns:",)))
    review.write_text(text + "\n")
    with pytest.raises(DeckError) as err:
        scores(folder)
    assert "survey/limesurvey.csv:1: a1: statement column 'a1' is missing" in str(err.value)
    assert "survey.columns" in str(err.value)


def test_unknown_label_names_row_column_value_and_the_known_labels(tmp_path):
    text = SURVEY_CSV.replace("r1,Alpha,4,2,5,3,", "r1,Alpha,4,2,Goed,3,")
    folder = write_review(tmp_path / "review", files={"survey/responses.csv": text})
    with pytest.raises(DeckError) as err:
        scores(folder)
    message = str(err.value)
    assert message.startswith("survey/responses.csv: line 2, column b1: 'Goed' is not a score; known answers: ")
    assert "helemaal mee eens" in message and "survey.values" in message


def test_values_map_a_label_and_a_number_to_no_answer(tmp_path):
    text = SURVEY_CSV.replace("r1,Alpha,4,2,5,3,", "r1,Alpha,4,2,5,3,Onbekend").replace("r5,Beta,1,1,,2,4", "r5,Beta,1,1,9,2,4")
    folder = write_review(tmp_path / "review", files={"survey/responses.csv": text})
    review = folder / "review.yaml"
    review.write_text(review.read_text().replace("  illustrative: true\n", "  illustrative: true\n  values: {Onbekend: null, 9: null}\n"))
    check_hand_computed(scores(folder)[0])


def test_empty_deal_and_unknown_columns_are_warnings(tmp_path):
    text = SURVEY_CSV.replace("respondent,deal,", "respondent,Opmerking,deal,").replace("\nr", "\nr").splitlines()
    rows = [text[0]] + [line.replace(",", ",x,", 1) for line in text[1:]] + ["r9,x,,1,1,1,1,1"]
    folder = write_review(tmp_path / "review", files={"survey/responses.csv": "\n".join(rows) + "\n"})
    result, reading = scores(folder)
    check_hand_computed(result)
    assert "survey/responses.csv: 1 row without a deal skipped" in reading.warnings
    assert "survey/responses.csv: 1 column matches no statement and was ignored: Opmerking" in reading.warnings


def test_exclude_leaves_rows_out(tmp_path):
    text = SURVEY_CSV.replace("respondent,", "Finished,respondent,").splitlines()
    rows = [text[0]] + ["True," + line for line in text[1:]] + ["False,r9,Alpha,1,1,1,1,1"]
    folder = write_review(tmp_path / "review", files={"survey/responses.csv": "\n".join(rows) + "\n"})
    review = folder / "review.yaml"
    review.write_text(review.read_text().replace("  illustrative: true\n", "  illustrative: true\n  exclude: {Finished: [false]}\n"))
    result, reading = scores(folder)
    check_hand_computed(result)
    assert reading.left_out == {"Finished = False": 1}


def test_sep_line_and_utf16_tab_separated(tmp_path):
    folder = write_review(tmp_path / "review", files={"survey/responses.csv": "sep=;\n" + SURVEY_CSV.replace(",", ";")})
    check_hand_computed(scores(folder)[0])
    data = SURVEY_CSV.replace(",", "\t").encode("utf-16")
    folder = write_review(tmp_path / "utf16", files={"survey/responses.txt": data})
    review = folder / "review.yaml"
    review.write_text(review.read_text().replace("survey/responses.csv", "survey/responses.txt"))
    check_hand_computed(scores(folder)[0])


def test_a_named_sheet(tmp_path):
    from openpyxl import Workbook

    folder = write_review(tmp_path / "review")
    wb = Workbook()
    wb.active.append(["nothing here"])
    ws = wb.create_sheet("Antwoorden")
    for line in SURVEY_CSV.strip().splitlines():
        ws.append([int(c) if c.isdigit() else (c or None) for c in line.split(",")])
    wb.save(folder / "survey" / "responses.xlsx")
    review = folder / "review.yaml"
    review.write_text(review.read_text().replace("survey/responses.csv", "survey/responses.xlsx")
                      .replace("  illustrative: true\n", "  illustrative: true\n  sheet: Antwoorden\n"))
    check_hand_computed(scores(folder)[0])


# ---- broken workbooks: exit 1, a message naming the file, no traceback, within seconds ----------------------

def refused(folder, file, data):
    (folder / "survey" / file).write_bytes(data)
    review = folder / "review.yaml"
    review.write_text(review.read_text().replace("survey/responses.csv", f"survey/{file}"))
    result = CliRunner().invoke(main, ["check", "--content", str(folder)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.output


def formula_workbook(cached: str | None) -> bytes:
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for line in SURVEY_CSV.strip().splitlines():
        ws.append([int(c) if c.isdigit() else (c or None) for c in line.split(",")])
    ws["E4"] = "=1+2"  # r3's b1 (3 in the hand-computed survey)
    raw = io.BytesIO()
    wb.save(raw)
    if cached is None:
        return raw.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>1+2</f><v></v>", f"<f>1+2</f><v>{cached}</v>".encode())
                data = data.replace(b"<f>1+2</f><v />", f"<f>1+2</f><v>{cached}</v>".encode())
                assert f"<v>{cached}</v>".encode() in data
            dst.writestr(item, data)
    return out.getvalue()


def test_formula_without_saved_value_is_refused(tmp_path):
    output = refused(write_review(tmp_path / "review"), "responses.xlsx", formula_workbook(None))
    assert ("survey/responses.xlsx:4: cell E4 of sheet 'Sheet' holds the formula '=1+2' without a saved value; "
            "open and save the workbook in Excel, or paste the values") in output


def test_formula_with_saved_value_is_read(tmp_path):
    folder = write_review(tmp_path / "review")
    (folder / "survey" / "responses.xlsx").write_bytes(formula_workbook("3"))
    review = folder / "review.yaml"
    review.write_text(review.read_text().replace("survey/responses.csv", "survey/responses.xlsx"))
    check_hand_computed(scores(folder)[0])


def test_workbook_expanding_to_400_mb_is_refused_quickly(tmp_path):
    import io
    import time

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            chunk = b" " * 4_000_000
            for _ in range(100):
                part.write(chunk)
    start = time.perf_counter()
    output = refused(write_review(tmp_path / "review"), "responses.xlsx", raw.getvalue())
    assert time.perf_counter() - start < 5
    assert "survey/responses.xlsx: the workbook expands to 400 MB; at most 100 MB are read: refused" in output


def test_unknown_sheet_is_refused(tmp_path):
    folder = write_review(tmp_path / "review")
    review = folder / "review.yaml"
    review.write_text(review.read_text().replace("  illustrative: true\n", "  illustrative: true\n  sheet: Antwoorden\n"))
    output = refused(folder, "responses.xlsx", formula_workbook("3"))
    assert "survey/responses.xlsx: survey.sheet: no sheet 'Antwoorden'; the sheets are: Sheet" in output


def test_openpyxl_warnings_do_not_reach_the_console(tmp_path):
    import io
    import warnings

    folder = write_review(tmp_path / "review")
    raw, out = io.BytesIO(formula_workbook("3")), io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/workbook.xml":  # a defined name for a sheet that is not there: openpyxl warns
                data = data.replace(b"<definedNames/>", b'<definedNames><definedName name="x" localSheetId="5">Sheet!$A$1'
                                                        b"</definedName></definedNames>")
                assert b"localSheetId" in data
            dst.writestr(item, data)
    (folder / "survey" / "responses.xlsx").write_bytes(out.getvalue())
    review = folder / "review.yaml"
    review.write_text(review.read_text().replace("survey/responses.csv", "survey/responses.xlsx"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check_hand_computed(scores(folder)[0])
    assert [str(w.message) for w in caught] == []
    result = CliRunner().invoke(main, ["check", "--content", str(folder)])
    assert result.exit_code == 0 and "Warning" not in result.output, result.output


def test_separator_is_not_taken_from_quoted_headers(tmp_path):
    # semicolon-separated, every cell quoted, headers full of commas
    statements = [(sid, f"Statement {sid}, with, commas.") for sid, _ in SMALL_STATEMENTS]
    from .conftest import QUESTIONNAIRE

    text = QUESTIONNAIRE
    for sid, t in statements:
        text = text.replace(f"text: Statement {sid}.", f'text: "{t}"')
    folder = write_review(tmp_path / "review", files={"questionnaire.yaml": text})
    kind = "limesurvey-text"
    ids = [sid for sid, _ in statements]
    file, data, keys = exports.WRITERS[kind](statements, ["Alpha", "Beta"], exports.respondents_of(SURVEY_CSV, ids))
    data = data.decode("utf-8").replace('","', '";"').encode("utf-8")
    (folder / "survey" / file).write_bytes(data)
    review = folder / "review.yaml"
    review.write_text(review.read_text().replace("  file: survey/responses.csv\n", f"  file: survey/{file}\n  deal_column: {json.dumps(keys['deal_column'])}\n"))
    check_hand_computed(scores(folder)[0])
