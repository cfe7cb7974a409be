"""LibreOffice for PDFs and previews: headless, in a fresh profile so a running LibreOffice does not interfere.

Works the same on Windows, macOS and Linux: LibreOffice is found on PATH, in its usual install
folder or where DECKGEN_SOFFICE points; a conversion that hangs is stopped with every process it
started; a PDF is written in a temporary folder and moved into place, so a PDF that another program
holds open is reported instead of silently kept.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from .errors import DeckError, Problem

ENV_VAR = "DECKGEN_SOFFICE"
TIMEOUT = 600  # seconds for one deck

# LibreOffice's PDF export options (impress_pdf_Export), given as JSON on the command line (LibreOffice 7.4+):
# a tagged PDF (structure tree, marked content, alternative text, table header cells) that declares
# PDF/UA-1 in its XMP metadata and shows the document title in the window title.
TAGGED_FILTER = 'pdf:impress_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},' \
                '"PDFUACompliance":{"type":"boolean","value":"true"}}'

# LibreOffice writes its locale setting, not the document's language, as the PDF's /Lang, so a fresh
# profile is given the deck's language as its locale.
LOCALE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>{tag}</value></prop></item>
</oor:items>
"""


def system() -> str:
    """'windows', 'macos' or 'linux' (every other POSIX system is treated as Linux)."""
    if os.name == "nt":
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    return "linux"


def install_paths() -> list[str]:
    """Where LibreOffice's installer puts soffice on this system (strings: no Path of another OS is made)."""
    kind = system()
    if kind == "windows":
        folders = [os.environ.get("ProgramFiles") or r"C:\Program Files",
                   os.environ.get("ProgramFiles(x86)") or r"C:\Program Files (x86)"]
        for default in (r"C:\Program Files", r"C:\Program Files (x86)"):
            if default not in folders:
                folders.append(default)
        return [folder.rstrip("\\") + r"\LibreOffice\program\soffice.exe" for folder in folders]
    if kind == "macos":
        return ["/Applications/LibreOffice.app/Contents/MacOS/soffice",
                os.path.expanduser("~/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    return ["/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
            "/snap/bin/libreoffice"]


def install_hint() -> str:
    how = {
        "windows": "install it from https://www.libreoffice.org/download/ or with: winget install TheDocumentFoundation.LibreOffice",
        "macos": "install it with: brew install --cask libreoffice, or from https://www.libreoffice.org/download/",
        "linux": "install it with: sudo apt-get install libreoffice-impress (Debian/Ubuntu) or sudo dnf install libreoffice-impress (Fedora)",
    }[system()]
    return (f"LibreOffice is not installed; {how}. If it is installed elsewhere, "
            f"set {ENV_VAR} to its soffice executable")


def soffice() -> str:
    """The soffice executable: DECKGEN_SOFFICE, else on PATH, else in the usual install folder."""
    named = os.environ.get(ENV_VAR, "").strip().strip('"')
    if named:
        if os.path.isfile(named):
            return named
        found = shutil.which(named)
        if found:
            return found
        raise DeckError(Problem(ENV_VAR, f"{named} does not exist; set {ENV_VAR} to LibreOffice's soffice executable, or unset it"))
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in install_paths():
        if os.path.isfile(candidate):
            return candidate
    raise DeckError(Problem("soffice", install_hint()))


def skipped(path: Path) -> str | None:
    """Why a file that a shell's *.pptx matched is not a deck, or None for a deck."""
    if path.name.startswith("~$"):
        return "PowerPoint's lock file of an open deck"
    if path.name.startswith("._"):
        return "macOS's AppleDouble file"
    return None


def kill_tree(proc: subprocess.Popen) -> None:
    """Stop a process and every process it started (soffice starts soffice.bin)."""
    if system() == "windows":
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True, timeout=60)
    else:
        import signal

        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the process was started as the leader of its own group
        except (ProcessLookupError, PermissionError):
            pass
    try:
        proc.kill()
    except OSError:
        pass
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        pass


def run_tree(cmd: list[str], timeout: float, log_dir: Path) -> tuple[int | None, str]:
    """Run cmd in its own process group; return (exit status, its output), or (None, '') after killing
    the whole group at the timeout. The output goes to files, so a left-over child holds no pipe."""
    if system() == "windows":
        options = {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
    else:
        options = {"start_new_session": True}
    out_path = log_dir / "soffice.log"
    with open(out_path, "wb") as out:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, **options)
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_tree(proc)
            return None, ""
    return code, out_path.read_text(errors="replace").strip()


def replace(source: Path, target: Path) -> None:
    """Move source onto target in one step, through a temporary file beside target; leave target
    untouched and no temporary file behind when target cannot be replaced."""
    def refuse() -> DeckError:
        return DeckError(Problem(str(target), f"cannot replace {target.name}: is it open in another program? Close it and try again"))

    if target.is_dir():
        raise refuse()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".pdf.tmp", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out)
        os.replace(tmp, target)
    except (PermissionError, IsADirectoryError) as exc:
        tmp.unlink(missing_ok=True)
        raise refuse() from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def profile_for(work: Path, language: str | None) -> Path:
    """A fresh LibreOffice profile folder, with language as its locale (one profile per language)."""
    profile = work / f"profile-{language or 'default'}"
    if language and not profile.exists():
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(LOCALE_SETTINGS.replace("{tag}", language), encoding="utf-8")
    return profile


def to_pdf(decks: list[Path], out_dir: Path | None = None, timeout: float = TIMEOUT, tagged: bool = True,
           written=None) -> list[Path]:
    """Convert each deck to a PDF beside it (or in out_dir); return the PDFs, and pass each to
    written(pdf) as soon as it is in place. Tagged: an accessible PDF/UA in the language of the
    deck's text, titled with its title (see TAGGED_FILTER)."""
    from .accessibility import deck_language

    exe = soffice()
    pdfs = []
    with tempfile.TemporaryDirectory(prefix="deckgen-lo-") as tmp:
        work = Path(tmp).resolve()
        for deck in decks:
            target = out_dir or deck.parent
            target.mkdir(parents=True, exist_ok=True)
            converted = work / "out"
            shutil.rmtree(converted, ignore_errors=True)
            converted.mkdir()
            language = None
            if tagged:
                try:
                    language = deck_language(deck)
                except (OSError, zipfile.BadZipFile) as exc:
                    raise DeckError(Problem(str(deck), f"not a PowerPoint deck (.pptx) that can be read: {exc}")) from None
            profile = profile_for(work, language)
            cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--convert-to", TAGGED_FILTER if tagged else "pdf", "--outdir", str(converted), str(deck.resolve())]
            code, output = run_tree(cmd, timeout, work)
            if code is None:
                raise DeckError(Problem(str(deck), f"LibreOffice did not finish converting it within {timeout:g} s and was stopped; "
                                                   "no PDF was written"))
            made = converted / (deck.stem + ".pdf")
            if code != 0 or not made.is_file():
                raise DeckError(Problem(str(deck), f"LibreOffice could not convert it: {output or f'exit status {code}'}"))
            pdf = target / made.name
            replace(made, pdf)
            pdfs.append(pdf)
            if written is not None:
                written(pdf)
    return pdfs


def preview(deck: Path, out_dir: Path, dpi: int = 50, columns: int = 4) -> tuple[list[Path], Path]:
    """PNG thumbnails of every slide and one contact sheet; return (thumbnails, sheet)."""
    from PIL import Image, ImageDraw

    if shutil.which("pdftoppm") is None:
        hint = {"windows": "install poppler (winget install oschwartz10612.Poppler) and put its bin folder on PATH",
                "macos": "install it with: brew install poppler",
                "linux": "install it with: sudo apt-get install poppler-utils"}[system()]
        raise DeckError(Problem("pdftoppm", f"pdftoppm is not installed; {hint}"))
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("slide-*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="deckgen-pdf-") as tmp:
        pdf = to_pdf([deck], Path(tmp), tagged=False)[0]
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(out_dir / "slide")], check=True, timeout=600,
                       capture_output=True)
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
