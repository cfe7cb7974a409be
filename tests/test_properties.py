"""Property-based tests: random YAML trees and random survey cells give a clean build or a DeckError,
never anything else; and hostile input is neither run nor lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import plan_deck, prepare
from generator.errors import DeckError

from .conftest import write_review

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30), st.sampled_from(["deal-list", "alpha-ind", "Alpha", "{{ review.title }}", "{{ x }}", "", "\x0b"]),
)
keys = st.sampled_from(["number", "name", "context", "findings", "lessons", "attention_points", "items", "heading",
                        "bullets", "text", "title", "id", "alpha-ind", "gamma-ind", "generate", "group", "blocks",
                        "slides", "chapters", "date", "survey", "x"])
trees = st.recursive(scalars, lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=5)),
                     max_leaves=25)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def outcome(folder):
    """Load, validate, aggregate and plan: anything but DeckError is a bug."""
    try:
        prepared = prepare(folder)
        plan_deck(prepared.content, prepared.scores, prepared.brand)
        return "ok"
    except DeckError:
        return "error"


@SETTINGS
@given(tree=trees)
def test_random_deal_files(tmp_path_factory, tree):
    folder = write_review(tmp_path_factory.mktemp("p"), files={"deals/alpha.yaml": yaml.safe_dump(tree, allow_unicode=True)})
    assert outcome(folder) in ("ok", "error")


@SETTINGS
@given(tree=trees)
def test_random_review_files(tmp_path_factory, tree):
    folder = write_review(tmp_path_factory.mktemp("p"), files={"review.yaml": yaml.safe_dump(tree, allow_unicode=True)})
    assert outcome(folder) == "error" or isinstance(tree, dict)


@SETTINGS
@given(tree=trees)
def test_random_chapter_slides(tmp_path_factory, tree):
    review = yaml.safe_load(write_review(tmp_path_factory.mktemp("base")).joinpath("review.yaml").read_text())
    review["chapters"][0]["slides"] = tree
    folder = write_review(tmp_path_factory.mktemp("p"), files={"review.yaml": yaml.safe_dump(review, allow_unicode=True)})
    assert outcome(folder) in ("ok", "error")


cells = st.one_of(st.text(max_size=6), st.integers(-3, 9).map(str), st.sampled_from(["", "3", "3.0", "2,5", " 4 ", "NaN", "∞"]))


@SETTINGS
@given(rows=st.lists(st.tuples(st.sampled_from(["Alpha", "beta", "Gamma", "", "ALPHA"]), st.lists(cells, min_size=5, max_size=5)), max_size=8),
       sep=st.sampled_from([",", ";"]))
def test_random_survey_cells(tmp_path_factory, rows, sep):
    lines = [sep.join(["deal", "a1", "a2", "b1", "c1", "c2"])]
    for deal, values in rows:
        lines.append(sep.join([deal] + [v.replace(sep, "").replace("\n", "").replace('"', "") for v in values]))
    folder = write_review(tmp_path_factory.mktemp("p"), files={"survey/responses.csv": "\n".join(lines) + "\n"})
    try:
        prepared = prepare(folder)
    except DeckError:
        return
    for deal, scores in prepared.scores.per_deal.items():
        for score in scores.values():
            assert 1 <= score.min <= score.mean <= score.max <= 5


def test_text_comes_through_intact(tmp_path):
    from pptx import Presentation

    from generator.build import build

    text = "Emoji 🚀, עברית, العربية, quotes \"double\" 'single', and <&> signs"
    folder = write_review(tmp_path / "r", files={"deals/beta.yaml": yaml.safe_dump({"number": 2, "name": "Beta", "context": [text, "tab\x0bpasted"]}, allow_unicode=True)})
    build(folder, tmp_path / "d.pptx")
    texts = [s.text_frame.text for slide in Presentation(str(tmp_path / "d.pptx")).slides for s in slide.shapes if s.has_text_frame]
    joined = "\n".join(texts)
    assert text in joined and "tab pasted" in joined


def test_cp1252_survey_is_read_with_a_warning(tmp_path):
    survey = "deal,a1,a2,b1,c1,c2\nAlpha,1,2,3,4,5\nBeta,2,2,2,2,2\n".replace("Alpha", "Alpha").encode("cp1252")
    folder = write_review(tmp_path / "r", files={"survey/responses.csv": survey.replace(b"deal,", b"deal,", 1) + "Bèta,3,3,3,3,3\n".encode("cp1252")})
    (folder / "deals" / "beta.yaml").write_text("number: 2\nname: Bèta\nid: beta\n", encoding="utf-8")
    prepared = prepare(folder)
    assert prepared.scores.respondents["beta"] == 2
    assert any("not UTF-8; read as Windows-1252" in w for w in prepared.warnings)


def test_killed_build_leaves_the_previous_deck(tmp_path):
    from .cases.large import write_large_review

    folder = write_large_review(tmp_path / "large", deals=300)
    out = tmp_path / "deck.pptx"
    out.write_bytes(b"the previous deck")
    env = dict(os.environ)
    proc = subprocess.Popen([sys.executable, "-m", "generator.cli", "build", "--no-cache", "--content", str(folder), "--out", str(out)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(1.5)  # well into loading and planning (the build takes about five seconds, nothing from a cache)
    os.killpg(proc.pid, signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL, "the build finished before it was killed: give it a larger review"
    assert out.read_bytes() == b"the previous deck"
