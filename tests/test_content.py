"""content/ holds the whole midterm review City Deals: the built deck carries every line of the report."""

from __future__ import annotations

import re

import pytest

from generator.build import build

from .conftest import ROOT, SHARED, slide_links, slide_titles

SEED = SHARED / "seed" / "midterm-review-city-deals.txt"

NOT_CONTENT = (
    "[Slide ",  # the index: generated with real numbers
    "A close-up photograph",  # pictures
    "Klik op de",  # generated hints
    "Voor meer informatie of vragen",
)


def norm(text: str) -> str:
    text = text.replace("**", "").replace("▶ ", "").replace("Scoop op", "Scoor op")
    return re.sub(r"\s+", " ", text).strip()


def report_lines() -> list[str]:
    """Every bullet and every paragraph of 40 characters or more in the report."""
    lines = []
    for raw in SEED.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("- "):
            line = line[2:]
        elif not (len(line) >= 40 and not line.endswith("(1/3)") and "|" not in line):
            continue
        line = re.sub(r"^\d+\. ", "", line)
        if line and not line.startswith(NOT_CONTENT):
            lines.append(norm(line))
    return lines


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    if not SEED.is_file():
        pytest.skip("the reference report is not beside the project")
    out = tmp_path_factory.mktemp("deck") / "deck.pptx"
    build(ROOT / "content", out)
    return out


def body_text(path) -> str:
    """The deck's body text in reading order, without titles, footers and "(vervolg)" repeats,
    so that a paragraph continued in the next column or slide reads as one."""
    from pptx import Presentation

    parts = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.is_placeholder or not shape.has_text_frame or shape.name in ("Footer", "Slide number", "Back to contents"):
                continue
            parts += [p for p in shape.text_frame.text.split("\n") if not p.endswith("(vervolg)")]
    return norm(" ".join(parts))


def test_every_line_of_the_report_is_in_the_deck(deck):
    text = body_text(deck)
    missing = [line for line in report_lines() if line not in text]
    assert len(report_lines()) > 300
    assert missing == []


def test_chapters_and_deals(deck):
    titles = slide_titles(deck)
    for chapter in ("Inleiding", "Conclusies en aanbevelingen", "Context", "Overkoepelende bevindingen",
                    "Bevindingen per City Deal", "Bijlagen"):
        assert chapter in titles
    # the findings slides name the deals as the report's titles do: "3. Slimme stad | (1/3)"
    deals = ["Impact ondernemen", "Lokale weerbaarheid cybercrime", "Slimme stad", "Openbare ruimte",
             "Ruimte voor lopen", "Gezonde en duurzame voedselomgeving", "Energieke wijken"]
    for n, name in enumerate(deals, 1):
        findings = [t for t in titles if t.startswith(f"{n}. {name} | (")]
        k = len(findings)
        assert k >= 2 and findings == [f"{n}. {name} | ({i}/{k})" for i in range(1, k + 1)]
    assert titles[-1] == "Meer weten?"


def test_index_and_contents_links(deck):
    titles = slide_titles(deck)
    links = slide_links(deck)
    index_slide = titles.index("Bevindingen per City Deal | Introductie")
    index = [(t, n) for t, n in links[index_slide] if t.startswith("Slide ")]
    assert len(index) == 7
    for text, n in index:
        assert text == f"Slide {n} | {titles[n - 1]}"
    contents = [(t, n) for t, n in links[1] if not t.startswith("‹")]
    assert [titles[n - 1] for _, n in contents] == [t for t, _ in contents]
    assert len(contents) == 6
    for n, slide_links_ in enumerate(links[1:], 2):
        assert ("‹ Inhoud", 2) in slide_links_, n


def test_one_chart_per_deal_and_the_example_charts(deck):
    from pptx import Presentation

    prs = Presentation(str(deck))
    pictures = [s for slide in prs.slides for s in slide.shapes if s.shape_type == 13]
    alts = [p._element.nvPicPr.cNvPr.get("descr") for p in pictures]
    assert sum(a.startswith("Spinnenwebdiagram van Voorbeeld") for a in alts) == 2  # Aanpak and Methode
    assert len(alts) == 9
