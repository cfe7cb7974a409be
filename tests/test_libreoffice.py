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
