"""LibreOffice for PDFs and previews: headless, in a fresh profile so a running LibreOffice does not interfere."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import DeckError, Problem

INSTALL_HINT = "LibreOffice is not installed; install it with: sudo apt-get install libreoffice-impress (Debian/Ubuntu) or from libreoffice.org"


def soffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise DeckError(Problem("soffice", INSTALL_HINT))


def to_pdf(decks: list[Path], out_dir: Path | None = None, timeout: int = 600) -> list[Path]:
    """Convert each deck to a PDF beside it (or in out_dir); return the PDFs."""
    exe = soffice()
    pdfs = []
    with tempfile.TemporaryDirectory(prefix="deckgen-lo-") as profile:
        for deck in decks:
            target = out_dir or deck.parent
            target.mkdir(parents=True, exist_ok=True)
            cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(target), str(deck)]
            result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
            pdf = target / (deck.stem + ".pdf")
            if result.returncode != 0 or not pdf.is_file():
                raise DeckError(Problem(str(deck), f"LibreOffice could not convert it: {result.stderr.strip() or result.stdout.strip()}"))
            pdfs.append(pdf)
    return pdfs


def preview(deck: Path, out_dir: Path, dpi: int = 50, columns: int = 4) -> tuple[list[Path], Path]:
    """PNG thumbnails of every slide and one contact sheet; return (thumbnails, sheet)."""
    from PIL import Image, ImageDraw

    if shutil.which("pdftoppm") is None:
        raise DeckError(Problem("pdftoppm", "pdftoppm is not installed; install it with: sudo apt-get install poppler-utils"))
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("slide-*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="deckgen-pdf-") as tmp:
        pdf = to_pdf([deck], Path(tmp))[0]
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(out_dir / "slide")], check=True, timeout=600)
    thumbs = sorted(out_dir.glob("slide-*.png"))
    images = [Image.open(p) for p in thumbs]
    w, h = images[0].size
    rows = -(-len(images) // columns)
    gap = 8
    sheet = Image.new("RGB", (columns * (w + gap) + gap, rows * (h + gap + 14) + gap), "white")
    draw = ImageDraw.Draw(sheet)
    for i, im in enumerate(images):
        x, y = gap + (i % columns) * (w + gap), gap + (i // columns) * (h + gap + 14)
        sheet.paste(im, (x, y + 14))
        draw.text((x, y), str(i + 1), fill="black")
    path = out_dir / "contact-sheet.png"
    sheet.save(path, optimize=True)
    return thumbs, path
