"""deckgen pull: a reviewed copy of the City Deals deck, edited as PowerPoint saves edits, brings
its changes back into the YAML line by line; what deckgen made itself is reported, not pulled."""

from __future__ import annotations

import copy
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.oxml.ns import qn

from generator.build import build
from generator.cli import main

from .conftest import ROOT, slide_texts

FINDING = "Intern wordt kennis vooral gedeeld via de appgroep waar alle partners in zitten."
SUB = "Er worden webinars en bijeenkomsten georganiseerd om kennis met elkaar te delen."
AFTER = "Slimme Stad ziet de affectieve waarde als belangrijk onderdeel van het werk."


def paragraph(prs, starts: str):
    """(slide number, a:p element) of the first paragraph whose text starts so."""
    for n, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for p in shape.text_frame._txBody.iter(qn("a:p")):
                if "".join(t.text or "" for t in p.iter(qn("a:t"))).startswith(starts):
                    return n, p
    raise AssertionError(f"no paragraph starts with {starts!r}")


def set_text(p, text: str) -> None:
    runs = list(p.iter(qn("a:t")))
    runs[0].text = text
    for t in runs[1:]:
        t.text = ""


@pytest.fixture
def review(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder)
    deck = tmp_path / "deck.pptx"
    build(folder, deck)
    return folder, deck


def reviewed_copy(deck, out):
    """The edits a partner and a client make in PowerPoint."""
    prs = Presentation(str(deck))
    # a reworded finding
    _, p = paragraph(prs, FINDING)
    set_text(p, "Intern wordt kennis vooral gedeeld via de appgroep van alle partners.")
    # a deleted sub-bullet
    _, p = paragraph(prs, SUB)
    p.getparent().remove(p)
    # Enter at the end of a bullet, and a new bullet typed: the new paragraph copies the old one's properties
    _, p = paragraph(prs, AFTER)
    new = copy.deepcopy(p)
    set_text(new, "De partners waarderen de informele sfeer.")
    p.addnext(new)
    # a reworded paragraph of a general chapter
    _, p = paragraph(prs, "Deze punten komen terug in de bevindingen per City Deal.")
    set_text(p, "Deze punten komen terug in de bevindingen per City Deal en in de overkoepelende inzichten.")
    # a renamed chapter slide
    for slide in prs.slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        if title.startswith("Wat is een City Deal?"):  # "(1/2)" follows where it runs over two slides
            set_text(next(slide.shapes.title.text_frame._txBody.iter(qn("a:p"))), title.replace("Wat is een City Deal?", "Wat is een City Deal eigenlijk?"))
            break
    else:
        raise AssertionError("no such slide")
    # an edited line of the deal index
    index_slide, p = paragraph(prs, "Slide ")
    set_text(p, "Slide 99 | Een andere deal")
    prs.save(str(out))
    return index_slide


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def test_a_freshly_built_deck_pulls_nothing(review):
    folder, deck = review
    code, output = run("pull", deck, "--content", folder)
    assert code == 0 and output.endswith("0 pulled, 0 not pulled, 0 conflicts\n"), output


def test_dry_run_shows_both_files_and_writes_nothing(review, tmp_path):
    folder, deck = review
    before = {p: p.read_bytes() for p in folder.rglob("*.yaml")}
    index_slide = reviewed_copy(deck, tmp_path / "reviewed.pptx")
    code, output = run("pull", tmp_path / "reviewed.pptx", "--content", folder)
    assert code == 0, output
    assert "--- a/deals/slimme-stad.yaml\n+++ b/deals/slimme-stad.yaml" in output
    assert "--- a/review.yaml\n+++ b/review.yaml" in output
    assert f"not pulled: slide {index_slide}: 'Slide 99 | Een andere deal': made by deckgen" in output
    assert "5 pulled, 1 not pulled, 0 conflicts" in output
    assert "nothing was written; run again with --apply" in output
    assert {p: p.read_bytes() for p in folder.rglob("*.yaml")} == before


def test_apply_writes_exactly_the_edits_and_a_rebuild_shows_them(review, tmp_path):
    folder, deck = review
    deal_before = (folder / "deals" / "slimme-stad.yaml").read_text().splitlines()
    review_before = (folder / "review.yaml").read_text().splitlines()
    reviewed_copy(deck, tmp_path / "reviewed.pptx")
    code, output = run("pull", tmp_path / "reviewed.pptx", "--content", folder, "--apply")
    assert code == 0, output
    deal_after = (folder / "deals" / "slimme-stad.yaml").read_text().splitlines()
    review_after = (folder / "review.yaml").read_text().splitlines()
    # the deal file: one line changed, one removed, one added right after its neighbour at its level
    removed = [line for line in deal_before if line not in deal_after]
    added = [line for line in deal_after if line not in deal_before]
    assert removed == [f'    - "{FINDING}"', f'        - "{SUB}"']
    assert added == ['    - "De partners waarderen de informele sfeer."',
                     '    - "Intern wordt kennis vooral gedeeld via de appgroep van alle partners."']
    i = next(k for k, line in enumerate(deal_after) if AFTER in line)
    assert deal_after[i + 1] == '    - "De partners waarderen de informele sfeer."'  # quoted as its neighbours
    assert deal_after[0].startswith("# yaml-language-server: $schema=")  # comments stay
    # the review: the paragraph and the slide title, nothing else
    changed = [(a, b) for a, b in zip(review_before, review_after) if a != b]
    assert len(review_before) == len(review_after) and len(changed) == 2, changed
    assert any("Wat is een City Deal eigenlijk?" in b for _, b in changed)
    assert any("en in de overkoepelende inzichten." in b for _, b in changed)
    # the rebuilt deck shows the edits, and pulling it again changes nothing
    rebuilt = tmp_path / "rebuilt.pptx"
    build(folder, rebuilt)
    text = "\n".join(t for slide in slide_texts(rebuilt) for t in slide)
    assert "De partners waarderen de informele sfeer." in text and SUB not in text
    from .conftest import slide_titles

    assert any(t.startswith("Wat is een City Deal eigenlijk?") for t in slide_titles(rebuilt))
    code, output = run("pull", rebuilt, "--content", folder)
    assert output.endswith("0 pulled, 0 not pulled, 0 conflicts\n"), output


def test_an_edit_in_the_yaml_and_in_the_deck_is_a_conflict(review, tmp_path):
    folder, deck = review
    reviewed_copy(deck, tmp_path / "reviewed.pptx")
    path = folder / "deals" / "slimme-stad.yaml"
    path.write_text(path.read_text().replace(FINDING, "Kennis gaat via de appgroep."))
    code, output = run("pull", tmp_path / "reviewed.pptx", "--content", folder)
    assert code == 0
    assert "conflict: slide " in output and "the file now: Kennis gaat via de appgroep." in output
    assert "the reviewer: Intern wordt kennis vooral gedeeld via de appgroep van alle partners." in output


def test_a_deck_of_another_review_or_none_at_all(review, tmp_path):
    from .conftest import write_review

    folder, deck = review
    other = write_review(tmp_path / "other")
    code, output = run("pull", deck, "--content", other)
    assert code == 1 and "deck.pptx: not a deck built from this review: it is 'Midterm review City Deals'" in output
    plain = tmp_path / "plain.pptx"
    Presentation().save(str(plain))
    code, output = run("pull", plain, "--content", folder)
    assert code == 1 and "not a deck built by deckgen" in output
    assert run("pull")[0] == 2


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (CI installs it)")
def test_the_markers_survive_a_libreoffice_resave(review, tmp_path):
    folder, deck = review
    reviewed_copy(deck, tmp_path / "reviewed.pptx")
    out = tmp_path / "lo"
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to", "pptx",
                    "--outdir", str(out), str(tmp_path / "reviewed.pptx")], check=True, capture_output=True, timeout=300)
    code, output = run("pull", out / "reviewed.pptx", "--content", folder)
    assert code == 0, output
    assert "pulled: " in output and "deals/slimme-stad.yaml" in output
    assert "De partners waarderen de informele sfeer." in output
