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


def _score_table(path):
    prs = Presentation(str(path))
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_table:
                return [[cell.text for cell in row.cells] for row in shape.table.rows]
    raise AssertionError("no score table")


def _all_text(path) -> str:
    """Every slide's and note's XML: texts, alt texts and notes."""
    prs = Presentation(str(path))
    parts = []
    for slide in prs.slides:
        parts.append(slide.part.blob.decode())
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def test_excerpt_score_table_shows_only_its_deals_and_the_mean(review, tmp_path):
    out = tmp_path / "beta.pptx"
    build(review, out, deals=["beta"])
    table = _score_table(out)
    # beta: A 2,0, B 2,0, C 4,0; all deals: A (11/3+2)/2 = 2,8, B 2,5, C (7/3+4)/2 = 3,2
    assert table[1:] == [["Beta", "2,0", "2,0", "4,0"], ["Gemiddelde alle City Deals", "2,8", "2,5", "3,2"]]
    text = _all_text(out)
    for alpha_only in ("3,7", "2,3"):  # alpha's means of A and C: in no table, alt text or note
        assert alpha_only not in text
    full = tmp_path / "full.pptx"
    build(review, full)
    assert [r[0] for r in _score_table(full)[1:]] == ["Alpha", "Beta"]


def test_excerpt_may_show_all_scores(tmp_path):
    from .conftest import REVIEW

    text = REVIEW.format(language="nl", deal_label="City Deal", intro_title="Inleiding") + "excerpts: {all_scores: true}\n"
    folder = write_review(tmp_path / "review", files={"review.yaml": text})
    out = tmp_path / "beta.pptx"
    build(folder, out, deals=["beta"])
    assert [r[0] for r in _score_table(out)[1:]] == ["Alpha", "Beta"]
