"""Excerpt decks: one deal's section, its own numbers and working links, all of them at once."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from pptx import Presentation

from generator.build import build, prepare
from generator.cli import main
from generator.excerpts import build_excerpts

from .conftest import slide_links, slide_titles, write_review


def test_excerpt_holds_one_deal_with_working_links(review, tmp_path):
    out = tmp_path / "beta.pptx"
    build(review, out, deals=["BETA"])
    titles = slide_titles(out)
    assert titles[0] == "Small Review"
    assert "Beta" in [t.text_frame.text for t in Presentation(str(out)).slides[0].shapes if t.has_text_frame]
    assert [t for t in titles if t.startswith(("1. ", "2. "))] == ["2. Beta | (1/1)"]
    assert "Alpha" not in titles and "Beta" in titles
    links = slide_links(out)
    index = [(text, n) for slide in links for text, n in slide if text.startswith("Slide ")]
    assert index == [(f"Slide {titles.index('Beta') + 1} | Beta", titles.index("Beta") + 1)]
    for n, slide in enumerate(links, 1):
        for text, target in slide:
            assert 1 <= target <= len(titles)
    contents = [(t, n) for t, n in links[1] if not t.startswith("‹")]
    assert all(titles[n - 1] == t for t, n in contents)


def test_excerpt_chart_is_drawn_against_all_deals(review, tmp_path, monkeypatch):
    seen = []
    import generator.render.deck as deck_module

    real = deck_module.radar_png
    monkeypatch.setattr(deck_module, "radar_png", lambda data: seen.append(data) or real(data))
    build(review, tmp_path / "beta.pptx", deals=["beta"])
    beta = next(d for d in seen if "2 respondenten" in d.notes)
    assert beta.reference == pytest.approx(((11 / 3 + 2) / 2, 2.5, (7 / 3 + 4) / 2))


def test_all_excerpts_and_stale_ones_removed(tmp_path):
    folder = write_review(tmp_path / "r")
    out = tmp_path / "excerpts"
    out.mkdir()
    (out / "notes.pptx").write_bytes(b"not ours")
    summary = build_excerpts(prepare(folder), out, jobs=2)
    assert sorted(p.name for p in out.glob("*.pptx")) == ["alpha.pptx", "beta.pptx", "notes.pptx"]
    assert [n for _, n in summary.written] == [len(Presentation(str(out / "alpha.pptx")).slides), len(Presentation(str(out / "beta.pptx")).slides)]
    (folder / "deals" / "beta.yaml").unlink()
    (folder / "survey" / "responses.csv").write_text("deal,a1,a2,b1,c1,c2\nAlpha,1,2,3,4,5\n")
    summary = build_excerpts(prepare(folder), out, jobs=1)
    assert summary.removed == [out / "beta.pptx"]
    assert sorted(p.name for p in out.glob("*.pptx")) == ["alpha.pptx", "notes.pptx"]
    assert json.loads((out / ".excerpts.json").read_text()) == ["alpha.pptx"]


def test_excerpts_command_prints_a_summary(tmp_path):
    folder = write_review(tmp_path / "r")
    result = CliRunner().invoke(main, ["excerpts", "--content", str(folder), "--out-dir", str(tmp_path / "x")])
    assert result.exit_code == 0, result.output
    assert f"wrote 2 excerpts to {tmp_path / 'x'} (" in result.output and " slides, " in result.output
