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
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        check=True, capture_output=True, timeout=300,
    )
    pdf = tmp_path / "deck.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages == len(Presentation(str(out)).slides)
    # a few slides as pictures: the cover, a deal divider with its chart, a findings slide
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "3", str(pdf), str(tmp_path / "slide")], check=True)
    assert len(list(tmp_path.glob("slide-*.png"))) == 3
