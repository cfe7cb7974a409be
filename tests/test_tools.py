"""The consultant's tools: check, new-deal, JSON Schemas, speaker notes."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from generator.build import build
from generator.cli import main
from generator.schema import schema_texts

from .conftest import ROOT, write_review


def run(*args):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_check_passes_a_good_review(review):
    code, output = run("check", "--content", str(review))
    assert code == 0, output
    assert f"ok: {review} (2 deals, 15 slides)" in output
    assert not list(review.parent.glob("**/*.pptx"))


def test_check_reports_what_build_reports(tmp_path):
    folder = write_review(tmp_path / "r", files={"deals/alpha.yaml": "number: 1\nname: Alpha\nfindings:\n  alpha-indd: [x]\n"})
    code, output = run("check", "--content", str(folder))
    assert code == 1
    assert "error: deals/alpha.yaml:4: findings.alpha-indd: 'alpha-indd' is not an indicator; did you mean 'alpha-ind'?" in output
    assert "1 problem found." in output


def test_check_finds_template_errors_in_text(tmp_path):
    folder = write_review(tmp_path / "r", files={"deals/beta.yaml": "number: 2\nname: Beta\ncontext: ['{{ scores.nope }}']\n"})
    code, output = run("check", "--content", str(folder))
    assert code == 1 and "deals/beta.yaml:3: context[0].text:" in output


def test_new_deal_scaffold_builds_as_it_is(review, tmp_path):
    code, output = run("new-deal", "Gamma Deal", "--content", str(review))
    assert code == 0, output
    path = review / "deals" / "gamma-deal.yaml"
    text = path.read_text()
    data = yaml.safe_load(text)
    assert data["number"] == 3 and data["name"] == "Gamma Deal"
    assert list(data["findings"]) == ["alpha-ind", "beta-ind", "gamma-ind"]
    assert "  alpha-ind: []  # Indicator A\n" in text
    assert data["lessons"] == {"items": []} and data["attention_points"] == []
    result = build(review, tmp_path / "d.pptx")
    assert "deals/gamma-deal.yaml: deal 'Gamma Deal' has no findings yet" in result.warnings
    assert "deals/gamma-deal.yaml: no survey responses for 'Gamma Deal'; its section has no chart" in result.warnings


def test_new_deal_refuses_an_existing_deal(review):
    code, output = run("new-deal", "alpha", "--content", str(review))
    assert code == 1 and "a deal 'Alpha' (id alpha) exists already" in output


def test_committed_schemas_are_current():
    for name, text in schema_texts().items():
        committed = ROOT / "schemas" / name
        assert committed.is_file(), f"schemas/{name} is missing: run `deckgen schema`"
        assert committed.read_text(encoding="utf-8") == text, f"schemas/{name} is stale: run `deckgen schema`"


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads(schema_texts()[name]))


def test_every_content_file_validates_against_its_schema_and_names_it():
    files = [("review.schema.json", ROOT / "content" / "review.yaml"), ("questionnaire.schema.json", ROOT / "content" / "questionnaire.yaml")]
    files += [("deal.schema.json", p) for p in sorted((ROOT / "content" / "deals").glob("*.yaml"))]
    for name, path in files:
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match and (path.parent / match.group(1)).resolve() == (ROOT / "schemas" / name).resolve(), path
        data = json.loads(json.dumps(yaml.safe_load(text), default=str))
        errors = list(validator(name).iter_errors(data))
        assert errors == [], (path, errors[:1])


@pytest.mark.parametrize("deal, valid", [
    ({"number": 1, "name": "A", "context": ["plain", {"text": "with subs", "bullets": ["sub"]}]}, True),
    ({"number": 1, "name": "A", "attention_points": [{"heading": "H", "text": "one paragraph"}]}, True),
    ({"number": 1, "name": "A", "contxt": []}, False),
    ({"number": "one", "name": "A"}, False),
    ({"number": 1}, False),
])
def test_schema_and_validator_agree(tmp_path, deal, valid):
    schema_ok = not list(validator("deal.schema.json").iter_errors(deal))
    folder = write_review(tmp_path / "r", files={"deals/alpha.yaml": yaml.safe_dump(deal)})
    code, _ = run("check", "--content", str(folder))
    assert schema_ok is valid and (code == 0) is valid


def test_speaker_notes_name_the_source(tmp_path):
    from pptx import Presentation

    folder = write_review(tmp_path / "r")
    build(folder, tmp_path / "d.pptx")
    prs = Presentation(str(tmp_path / "d.pptx"))
    notes = {s.shapes.title.text: s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide and s.shapes.title is not None}
    assert notes["1. Alpha | (1/2)"] == "Bron: deals/alpha.yaml — context, findings.alpha-ind, findings.gamma-ind"
    assert notes["1. Alpha | (2/2)"] == "Bron: deals/alpha.yaml — lessons.items[0], attention_points.items[0]"
    assert notes["Inleiding | Scope"] == "Bron: review.yaml — chapters[0].slides[0].blocks[0], chapters[0].slides[0].blocks[1]"
    assert all(n.startswith("Bron: ") for n in notes.values())
