"""A real client renders the deck: LibreOffice converts it to PDF with one page per slide."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from pptx import Presentation

from generator.build import build

from .conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (CI installs it)")
def test_full_deck_renders_one_page_per_slide(tmp_path):
    out = tmp_path / "deck.pptx"
    build(ROOT / "content", out)
    profile = tmp_path / "profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        check=True, capture_output=True, timeout=300,
    )
    pdf = tmp_path / "deck.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages == len(Presentation(str(out)).slides)
    # a few slides as pictures: the cover, a deal divider with its chart, a findings slide
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "3", str(pdf), str(tmp_path / "slide")], check=True)
    assert len(list(tmp_path.glob("slide-*.png"))) == 3


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (CI installs it)")
def test_pdf_command_and_preview(tmp_path):
    from click.testing import CliRunner

    from generator.cli import main

    from .conftest import write_review

    folder = write_review(tmp_path / "r")
    out = tmp_path / "small.pptx"
    build(folder, out)
    result = CliRunner().invoke(main, ["pdf", str(out)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "small.pdf").is_file()
    result = CliRunner().invoke(main, ["preview", str(out), "--out-dir", str(tmp_path / "preview")])
    assert result.exit_code == 0, result.output
    slides = len(Presentation(str(out)).slides)
    assert len(list((tmp_path / "preview").glob("slide-*.png"))) == slides
    assert (tmp_path / "preview" / "contact-sheet.png").is_file()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (CI installs it)")
def test_pdf_with_spaces_in_the_temporary_folder(tmp_path):
    """As on Windows for C:\\Users\\Jan de Vries\\AppData\\Local\\Temp: the profile URL must still be right."""
    import os
    import sys

    from .conftest import write_review

    temp = tmp_path / "Jan de Vries" / "Local Temp"
    temp.mkdir(parents=True)
    out = tmp_path / "my decks" / "small deck.pptx"
    out.parent.mkdir()
    build(write_review(tmp_path / "r"), out)
    (out.parent / "~$small deck.pptx").write_bytes(b"\x08Jan de Vries" + b"\x00" * 150)
    env = {**os.environ, "TMPDIR": str(temp), "TEMP": str(temp), "TMP": str(temp)}
    result = subprocess.run([sys.executable, "-m", "generator.cli", "pdf", *sorted(map(str, out.parent.glob("*.pptx")))],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "skipped" in result.stderr and "lock file" in result.stderr
    pdf = out.with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in out.parent.iterdir()) == ["small deck.pdf", "small deck.pptx", "~$small deck.pptx"]
    assert list(temp.iterdir()) == []  # the profile and the conversion folder are gone


# --- the tagged, accessible PDF, read back ---------------------------------------------------

def figures_and_roles(reader):
    """(every /Figure structure element, Counter of the roles) of a PDF's structure tree."""
    from collections import Counter

    roles: Counter = Counter()
    figures = []
    seen = set()

    def walk(node):
        ref = getattr(node, "idnum", None)
        if ref is not None:
            if ref in seen:
                return
            seen.add(ref)
        node = node.get_object()
        if isinstance(node, dict):
            role = node.get("/S")
            if role:
                roles[role] += 1
                if role == "/Figure":
                    figures.append(node)
            kids = node.get("/K")
            for kid in (kids if isinstance(kids, list) else [kids] if kids is not None else []):
                walk(kid)
        elif isinstance(node, list):
            for kid in node:
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return figures, roles


@pytest.fixture(scope="module")
def city_deals_pdf(tmp_path_factory):
    from pypdf import PdfReader

    from generator.office import to_pdf

    folder = tmp_path_factory.mktemp("tagged")
    deck = folder / "deck.pptx"
    build(ROOT / "content", deck)
    return PdfReader(str(to_pdf([deck])[0])), len(Presentation(str(deck)).slides)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (CI installs it)")
def test_tagged_pdf_of_the_city_deals_deck(city_deals_pdf):
    reader, slides = city_deals_pdf
    root = reader.trailer["/Root"]
    assert len(reader.pages) == slides
    assert root["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "nl-NL"  # not LibreOffice's own locale
    assert reader.metadata.title == "Midterm review City Deals"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert "Midterm review City Deals" in xmp
    figures, roles = figures_and_roles(reader)
    assert roles["/H"] >= slides - 1 and roles["/P"] > 100 and roles["/L"] > 0
    assert roles["/Table"] == 1 and roles["/TH"] >= 9 and roles["/TD"] > 0  # the score table, with header cells
    charts = [f for f in figures if str(f.get("/Alt", "")).startswith("Spinnenwebdiagram van")]
    assert len(charts) == 9  # the example chart and one per deal


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (CI installs it)")
def test_every_figure_of_the_city_deals_pdf_has_alternative_text(city_deals_pdf):
    reader, _ = city_deals_pdf
    figures, _ = figures_and_roles(reader)
    assert [f for f in figures if not str(f.get("/Alt", "")).strip()] == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (CI installs it)")
def test_english_review_pdf_is_en_gb_and_no_tagged_is_plain(tmp_path):
    from click.testing import CliRunner
    from pypdf import PdfReader

    from generator.cli import main

    from .conftest import write_review

    deck = tmp_path / "english.pptx"
    build(write_review(tmp_path / "r", language="en"), deck)
    result = CliRunner().invoke(main, ["pdf", str(deck)])
    assert result.exit_code == 0, result.output
    root = PdfReader(str(tmp_path / "english.pdf")).trailer["/Root"]
    assert root["/Lang"] == "en-GB" and "/StructTreeRoot" in root
    assert PdfReader(str(tmp_path / "english.pdf")).metadata.title == "Small Review"

    result = CliRunner().invoke(main, ["pdf", "--no-tagged", str(deck)])
    assert result.exit_code == 0, result.output
    root = PdfReader(str(tmp_path / "english.pdf")).trailer["/Root"]
    assert "/StructTreeRoot" not in root
