"""A corpus of broken and hostile reviews: each is refused with exit status 1, a message naming the
file (and line and key where there is one), no traceback, and the previous deck left as it was."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from generator.build import build
from generator.cli import main

from .conftest import REVIEW, write_review

R, Q, A = "review.yaml", "questionnaire.yaml", "deals/alpha.yaml"
S = "survey/responses.csv"
LAUGHS = "".join(f"l{i}: &l{i} [" + ",".join([f"*l{i-1}"] * 9 if i else ["x"] * 9) + "]\n" for i in range(10))

# (name, {file: ("replace", old, new) | text | bytes}, message expected in the output)
CASES = [
    ("missing-title", {R: ("replace", "title: Small Review\n", "")}, "review.yaml:1: title: required key is missing"),
    ("bad-date", {R: ("replace", "date: 2024-03-05", "date: 5-3-2024")}, "review.yaml:3: date: expected a date like 2023-06-23, got '5-3-2024'"),
    ("bad-language", {R: ("replace", "language: nl", "language: fr")}, "review.yaml:4: language: 'fr' is not allowed; expected 'nl' or 'en'"),
    ("top-level-typo", {R: ("replace", "subtitle:", "subtitel:")}, "review.yaml:2: subtitel: unknown key; did you mean 'subtitle'?"),
    ("unknown-generate", {R: ("replace", "generate: deal-list", "generate: deal-lists")}, "review.yaml:27: chapters[0].slides[0].blocks[1].generate: unknown kind 'deal-lists'; did you mean 'deal-list'?"),
    ("no-chapters", {R: ("cut", "chapters:", "closing:")}, "review.yaml:1: chapters: required key is missing"),
    ("empty-chapters", {R: ("cut-to", "chapters:", "closing:", "chapters: []\n")}, "review.yaml:14: chapters: needs at least 1 item"),
    ("uppercase-chapter-id", {R: ("replace", "id: intro", "id: Intro")}, "review.yaml:15: chapters[0].id: 'Intro' is not a valid id"),
    ("duplicate-chapter-id", {R: ("replace", "id: appendix", "id: intro")}, "chapters[2].id: duplicate chapter id 'intro' (also chapters[0])"),
    ("deals-on-a-block", {R: ("replace", "generate: deal-list", "generate: deals")}, "blocks[1].generate: `generate: deals` belongs on a chapter, not on a block"),
    ("unknown-chapter-kind", {R: ("replace", "generate: deals", "generate: deal")}, "chapters[1].generate: unknown kind 'deal' for a chapter; known: deals"),
    ("survey-missing", {R: ("replace", "survey/responses.csv", "survey/answers.csv")}, "review.yaml:11: survey.file: survey file 'survey/answers.csv' not found"),
    ("survey-outside", {R: ("replace", "survey/responses.csv", "../../etc/passwd")}, "survey.file: '../../etc/passwd' lies outside the review folder"),
    ("survey-wrong-kind", {R: ("replace", "survey/responses.csv", "review.yaml")}, "survey.file: survey file must be .csv, .xlsx or .txt (Excel's 'Unicode text'), not '.yaml'"),
    ("picture-outside", {R: ("replace", "    title: Appendix\n", "    title: Appendix\n    picture: {file: /etc/hostname, alt: x}\n")}, "chapters[2].picture.file: '/etc/hostname' lies outside the review folder"),
    ("picture-missing", {R: ("replace", "    title: Appendix\n", "    title: Appendix\n    picture: {file: pic.png, alt: x}\n")}, "chapters[2].picture.file: picture 'pic.png' not found"),
    ("empty-block", {R: ("replace", "          - generate: example-chart", "          - {}")}, "chapters[2].slides[0].blocks[1]: a block needs a heading, text, bullets, numbered or generate"),
    ("three-levels-in-review", {R: ("replace", "bullets: [Sub one, Sub two]", "bullets: [{text: Sub one, bullets: [deeper]}]")}, "bullets[1].bullets[0]: more than two bullet levels"),
    ("unknown-brand", {R: ("replace", "author: Test Firm", "author: Test Firm\nbrand: nope")}, "review.yaml:6: brand: unknown brand 'nope'; known: aef"),
    ("brand-path", {R: ("replace", "author: Test Firm", "author: Test Firm\nbrand: ../templates/aef")}, "brand: unknown brand '../templates/aef'"),
    ("jinja-unknown-name", {R: ("replace", "title: Inleiding | Scope", "title: '{{ nope }}'")}, "review.yaml:18: chapters[0].slides[0].title: unknown name in template: 'nope' is undefined"),
    ("jinja-syntax", {R: ("replace", "text: The question of {{ review.title }}.", "text: The question of {{ review.title .")}, "review.yaml:21: chapters[0].slides[0].blocks[0].text[0]: template error:"),
    ("jinja-sandbox", {R: ("replace", "text: The question of {{ review.title }}.", "text: \"{{ ''.__class__.__mro__[1].__subclasses__() }}\"")}, "chapters[0].slides[0].blocks[0].text[0]: not allowed in a template"),
    ("duplicate-key", {R: ("replace", "subtitle: A test", "subtitle: A test\nsubtitle: Again")}, "review.yaml:3: subtitle: duplicate key 'subtitle' (first on line 2)"),
    ("tab-indent", {R: ("replace", "  - name: Ann Example", "\t- name: Ann Example")}, "review.yaml:8: a tab where YAML needs spaces: indent with spaces, never tabs"),
    ("at-sign", {A: ("replace", "- Alpha started in 2020.", "- @Alpha started in 2020.")}, "deals/alpha.yaml:4: found '@', which cannot start a value here (put the text in double quotes)"),
    ("python-tag", {R: ("replace", "subtitle: A test", "subtitle: !!python/object/apply:os.system ['touch /tmp/deckgen-pwned']")}, "review.yaml:2: subtitle: tags (!name) are not allowed"),
    ("billion-laughs", {R: LAUGHS}, "review.yaml:1: the file expands to more than 200000 values (through aliases?): refused"),
    ("min-respondents-zero", {R: ("replace", "min_respondents: 2", "min_respondents: 0")}, "review.yaml:13: survey.min_respondents: must be at least 1, got 0"),
    ("illustrative-maybe", {R: ("replace", "illustrative: true", "illustrative: maybe")}, "review.yaml:12: survey.illustrative: expected true or false, got 'maybe'"),
    ("review-is-a-list", {R: "- title: x\n"}, "review.yaml:1: expected a mapping of keys, got list"),
    ("review-empty", {R: ""}, "review.yaml:1: expected a mapping of keys, got an empty file"),
    ("review-latin1", {R: REVIEW.format(language="nl", deal_label="Deal", intro_title="Inleiding").replace("A test", "Één test").encode("latin-1")}, "review.yaml:2: not UTF-8 text; save the file as UTF-8"),
    ("inverted-scale", {Q: ("replace", "{min: 1, max: 5}", "{min: 5, max: 1}")}, "questionnaire.yaml:1: scale: scale min (5) must be below max (1)"),
    ("indicator-without-statements", {Q: ("replace", "    statements:\n      - {id: b1, text: Statement b1.}\n", "    statements: []\n")}, "questionnaire.yaml:12: indicators[1].statements: needs at least 1 item"),
    ("duplicate-indicator", {Q: ("replace", "id: beta-ind", "id: alpha-ind")}, "questionnaire.yaml:10: indicators[1].id: duplicate indicator id 'alpha-ind' (also on line 4)"),
    ("duplicate-statement", {Q: ("replace", "{id: b1,", "{id: a1,")}, "indicators[1].statements[0].id: duplicate statement id 'a1' (also on line 8)"),
    ("two-indicators", {Q: ("cut", "  - id: gamma-ind", None)}, "questionnaire.yaml:3: indicators: needs at least 3 items"),
    ("reserved-statement-id", {Q: ("replace", "{id: b1,", "{id: deal,")}, "indicators[1].statements[0].id: 'deal' is reserved for the survey's own columns"),
    ("questionnaire-missing", {Q: None}, "questionnaire.yaml: file not found in the review folder"),
    ("finding-typo", {A: ("replace", "  gamma-ind:", "  gamma-indd:")}, "deals/alpha.yaml:8: findings.gamma-indd: 'gamma-indd' is not an indicator; did you mean 'gamma-ind'?"),
    ("duplicate-deal-number", {"deals/beta.yaml": "number: 1\nname: Beta\n"}, "deals/beta.yaml:1: number: duplicate deal number '1' (also in deals/alpha.yaml)"),
    ("duplicate-deal-name", {"deals/beta.yaml": "number: 2\nname: ALPHA\n"}, "deals/beta.yaml:2: name: duplicate deal name 'ALPHA' (also in deals/alpha.yaml)"),
    ("deal-number-text", {A: ("replace", "number: 1", "number: one")}, "deals/alpha.yaml:1: number: expected a whole number, got 'one'"),
    ("deal-without-name", {A: ("replace", "name: Alpha\n", "")}, "deals/alpha.yaml:1: name: required key is missing"),
    ("deal-file-name-not-an-id", {"deals/My Deal.yaml": "number: 3\nname: Gamma\n"}, "deals/My Deal.yaml:1: id: no id given and the file name 'My Deal' is not a valid id: add `id:`"),
    ("three-levels-in-deal", {A: ("replace", "bullets: [Alpha sub finding.]", "bullets: [{text: Sub, bullets: [Deeper]}]")}, "deals/alpha.yaml:10: findings.gamma-ind[0].bullets[0]: more than two bullet levels"),
    ("lessons-as-list", {A: ("replace", "lessons:\n  items:\n", "lessons:\n  -\n")}, "deals/alpha.yaml:11: lessons: expected a mapping of keys, got list"),
    ("survey-empty", {S: ""}, "survey/responses.csv: the survey file is empty"),
    ("survey-binary", {S: b"\x00\x01\x02PK\x03\x04" * 10}, "survey/responses.csv: this is not a text file (binary content)"),
    ("survey-no-deal-column", {S: "who,a1,a2,b1,c1,c2\nAlpha,1,2,3,4,5\n"}, "survey/responses.csv:1: deal: no 'deal' column; the columns are: who, a1, a2, b1, c1, c2"),
    ("survey-tabs-no-deal", {S: "who\ta1\ta2\tb1\tc1\tc2\nAlpha\t1\t2\t3\t4\t5\n"}, "survey/responses.csv:1: deal: no 'deal' column; the columns are: who, a1"),
    ("survey-out-of-scale", {S: "deal,a1,a2,b1,c1,c2\nAlpha,1,2,9,4,5\n"}, "survey/responses.csv: line 2, column b1: 9 is outside the scale 1-5"),
    ("survey-text-score", {S: "deal,a1,a2,b1,c1,c2\nAlpha,1,2,goed,4,5\n"}, "survey/responses.csv: line 2, column b1: 'goed' is not a score"),
    ("survey-fraction", {S: "deal,a1,a2,b1,c1,c2\nAlpha,1,2,3.5,4,5\n"}, "survey/responses.csv: line 2, column b1: '3.5' is not a whole number"),
    ("survey-unknown-deal", {S: "deal,a1,a2,b1,c1,c2\nAlpah,1,2,3,4,5\n"}, "survey/responses.csv: line 2, column deal: unknown deal 'Alpah'; did you mean 'Alpha'?"),
    ("survey-missing-statement", {S: "deal,a1,a2,b1,c1\nAlpha,1,2,3,4\n"}, "survey/responses.csv:1: c2: statement column 'c2' is missing"),
    ("survey-unknown-column", {S: "deal,a1,a2,b1,c1,c2,b11\nAlpha,1,2,3,4,5,1\n"}, "survey/responses.csv:1: b11: column 'b11' is not a statement id; did you mean 'b1'?"),
    ("survey-deal-column-missing", {R: ("replace", "min_respondents: 2", "min_respondents: 2\n  deal_column: Welke deal?")}, "survey/responses.csv:1: deal: no 'Welke deal?' column; the columns are: respondent, deal, a1"),
    ("survey-unknown-label", {S: "deal,a1,a2,b1,c1,c2\nAlpha,1,2,Goed,4,5\n"}, "survey/responses.csv: line 2, column b1: 'Goed' is not a score; known answers: "),
    ("survey-unknown-label-many", {S: "deal,a1,a2,b1,c1,c2\nAlpha,1,2,Goed,4,5\nBeta,Goed,2,Goed,4,5\n"}, "survey/responses.csv: line 2, column b1: 'Goed' is not a score (and 2 more cells); known answers: "),
    ("survey-exclude-unknown-column", {R: ("replace", "min_respondents: 2", "min_respondents: 2\n  exclude: {Finishd: [0]}")}, "survey/responses.csv: survey.exclude: no column 'Finishd' to exclude rows by"),
    ("survey-header-rows-zero", {R: ("replace", "min_respondents: 2", "min_respondents: 2\n  header_rows: 0")}, "review.yaml:14: survey.header_rows: must be at least 1, got 0"),
    ("survey-values-text", {R: ("replace", "min_respondents: 2", "min_respondents: 2\n  values: {Goed: veel}")}, "review.yaml:14: survey.values.Goed:"),
    ("survey-statement-in-two-columns", {S: "deal,a1,a2,Q - Statement b1.,Q [Statement b1],c1,c2\nAlpha,1,2,3,3,4,5\n"}, "survey/responses.csv:1: b1: statement 'b1' matches 2 columns: D 'Q - Statement b1.', E 'Q [Statement b1]'; name one in review.yaml under survey.columns"),
    ("survey-unknown-deal-code", {R: ("replace", "min_respondents: 2", "min_respondents: 2\n  deal_values: {D1: alpha}"), S: "deal,a1,a2,b1,c1,c2\nD1,1,2,3,4,5\nD2,1,2,3,4,5\n"}, "survey/responses.csv: line 3, column deal: unknown deal 'D2'; the deals are: Alpha, Beta; map the export's answer codes to deals in review.yaml under survey.deal_values"),
    ("survey-sep-line-too-wide", {S: "sep=;\ndeal;a1;a2;b1;c1;c2\nAlpha;1;2;3;4;5;6\n"}, "survey/responses.csv:3: line 3 has 7 fields; the header has 6"),
    ("survey-deal-values-unknown-deal", {R: ("replace", "min_respondents: 2", "min_respondents: 2\n  deal_values: {D1: alpah}")}, "review.yaml: survey.deal_values.D1: 'alpah' is not a deal; did you mean 'alpha'?"),
    ("survey-broken-xlsx", {R: ("replace", "survey/responses.csv", "survey/responses.xlsx"), "survey/responses.xlsx": b"PK\x03\x04 not really a workbook"}, "survey/responses.xlsx: cannot read the workbook:"),
]


def apply(folder, rel, change):
    path = folder / rel
    if change is None:
        path.unlink()
    elif isinstance(change, bytes):
        path.write_bytes(change)
    elif isinstance(change, str):
        path.write_text(change, encoding="utf-8")
    else:
        kind, old, new = change[0], change[1], change[2]
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        if kind == "replace":
            text = text.replace(old, new, 1)
        elif kind == "cut":  # from old up to new (or the end)
            start = text.index(old)
            end = text.index(new) if new else len(text)
            text = text[:start] + text[end:]
        elif kind == "cut-to":
            start, end = text.index(old), text.index(new)
            text = text[:start] + change[3] + text[end:]
        path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def good_deck(tmp_path_factory):
    folder = write_review(tmp_path_factory.mktemp("good"))
    out = folder / "deck.pptx"
    build(folder, out)
    return out.read_bytes()


def assert_refused(tmp_path, good_deck: bytes, changes: dict, expected: str) -> None:
    """A review with these changes exits 1 with the message, no traceback, the previous deck as
    it was and no file left beside it."""
    folder = write_review(tmp_path / "review")
    for rel, change in changes.items():
        apply(folder, rel, change)
    out = tmp_path / "deck.pptx"
    out.write_bytes(good_deck)
    result = CliRunner().invoke(main, ["build", "--content", str(folder), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert expected in result.output, result.output
    assert "Traceback" not in result.output
    assert out.read_bytes() == good_deck
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pptx", "review"]


@pytest.mark.parametrize("name, changes, expected", CASES, ids=[c[0] for c in CASES])
def test_broken_review_is_refused(tmp_path, good_deck, name, changes, expected):
    assert_refused(tmp_path, good_deck, changes, expected)


def test_the_corpus_is_large():
    assert len(CASES) >= 40
