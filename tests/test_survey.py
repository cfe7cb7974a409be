"""The aggregation by the review's method, on a tiny survey computed by hand."""

from __future__ import annotations

import pytest

from generator.errors import DeckError
from generator.survey import aggregate, read_responses
from generator.validate import load_content

from .conftest import SURVEY_CSV, write_review


def scores_of(folder, name="survey/responses.csv"):
    content = load_content(folder)
    rows, warnings = read_responses(folder / name, name, content.questionnaire, content.deals)
    return aggregate(rows, content.questionnaire), warnings


def check_hand_computed(scores):
    a = scores.per_deal["alpha"]
    # respondent scores A: r1 (4+2)/2=3, r2 3 (a2 blank), r3 5
    assert a["alpha-ind"].mean == pytest.approx(11 / 3)
    assert (a["alpha-ind"].min, a["alpha-ind"].max, a["alpha-ind"].n) == (3, 5, 3)
    assert (a["beta-ind"].mean, a["beta-ind"].min, a["beta-ind"].max) == (3, 1, 5)
    # C: r1 3 (c2 blank), r2 (4+2)/2=3, r3 1
    assert a["gamma-ind"].mean == pytest.approx(7 / 3)
    assert (a["gamma-ind"].min, a["gamma-ind"].max) == (1, 3)
    b = scores.per_deal["beta"]
    assert (b["alpha-ind"].mean, b["alpha-ind"].min, b["alpha-ind"].max, b["alpha-ind"].n) == (2, 1, 3, 2)
    assert (b["beta-ind"].mean, b["beta-ind"].n) == (2, 1)  # r5 left B blank
    assert (b["gamma-ind"].mean, b["gamma-ind"].min, b["gamma-ind"].max) == (4, 3, 5)
    o = scores.overall
    assert o["alpha-ind"].mean == pytest.approx((11 / 3 + 2) / 2)
    assert (o["alpha-ind"].min, o["alpha-ind"].max) == (2, 4)
    assert (o["beta-ind"].mean, o["beta-ind"].min, o["beta-ind"].max) == (2.5, 1.5, 3.5)
    assert o["gamma-ind"].mean == pytest.approx((7 / 3 + 4) / 2)
    assert (o["gamma-ind"].min, o["gamma-ind"].max) == (2, 4)  # (1+3)/2, (3+5)/2
    assert scores.respondents == {"alpha": 3, "beta": 2}


def test_comma_separated(review):
    scores, warnings = scores_of(review)
    check_hand_computed(scores)
    assert warnings == []


def test_semicolons_and_byte_order_mark(tmp_path):
    text = "\ufeff" + SURVEY_CSV.replace(",", ";")
    folder = write_review(tmp_path, files={"survey/responses.csv": text.encode("utf-8")})
    check_hand_computed(scores_of(folder)[0])


def test_xlsx(tmp_path):
    from openpyxl import Workbook

    folder = write_review(tmp_path)
    wb = Workbook()
    ws = wb.active
    for line in SURVEY_CSV.strip().splitlines():
        cells = line.split(",")
        ws.append([int(c) if c.isdigit() else (c or None) for c in cells])
    wb.save(folder / "survey" / "responses.xlsx")
    check_hand_computed(scores_of(folder, "survey/responses.xlsx")[0])


@pytest.mark.parametrize(
    "row, message",
    [
        ("r6,Alpha,4,2,7,3,3", "survey/responses.csv: line 7, column b1: 7 is outside the scale 1-5"),
        ("r6,Alpha,4,2,x,3,3", "survey/responses.csv: line 7, column b1: 'x' is not a score"),
        ("r6,Alpha,4,2,2.5,3,3", "survey/responses.csv: line 7, column b1: '2.5' is not a whole number"),
        ("r6,Alfa,4,2,2,3,3", "survey/responses.csv: line 7, column deal: unknown deal 'Alfa'; did you mean 'Alpha'?"),
    ],
)
def test_bad_cells_name_line_and_column(tmp_path, row, message):
    folder = write_review(tmp_path, files={"survey/responses.csv": SURVEY_CSV + row + "\n"})
    with pytest.raises(DeckError) as err:
        scores_of(folder)
    assert str(err.value).startswith(message)


def test_missing_columns(tmp_path):
    folder = write_review(tmp_path, files={"survey/responses.csv": "deal,a1,a2,b1,c1\nAlpha,1,2,3,4\n"})
    with pytest.raises(DeckError) as err:
        scores_of(folder)
    assert str(err.value).startswith("survey/responses.csv:1: c2: statement column 'c2' is missing")
    folder = write_review(tmp_path, files={"survey/responses.csv": "who,a1,a2,b1,c1,c2\nAlpha,1,2,3,4,5\n"})
    with pytest.raises(DeckError) as err:
        scores_of(folder)
    assert "no 'deal' column" in str(err.value)


def test_score_rows_and_chart_alt_from_the_hand_computed_scores(review):
    from generator.i18n import Language
    from generator.scoretext import chart_alt, score_rows

    content = load_content(review)
    scores, _ = scores_of(review)
    lang = Language("nl", "City Deal")
    header, rows = score_rows(content.questionnaire, scores, lang, content.deals[:1], with_mean=True)
    assert header == ["City Deal", "A", "Indicator B", "Indicator C"]
    assert rows == [["Alpha", "3,7", "3,0", "2,3"], ["Gemiddelde alle City Deals", "2,8", "2,5", "3,2"]]
    alt = chart_alt(content.deals[1], content.questionnaire, scores, lang, min_respondents=3)
    assert alt == ("Spinnenwebdiagram van Beta (2 respondenten): A gemiddelde 2,0 (gemiddelde alle 2,8); "
                   "Indicator B gemiddelde 2,0 (gemiddelde alle 2,5); Indicator C gemiddelde 4,0 (gemiddelde alle 3,2)")
