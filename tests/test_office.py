"""LibreOffice on every consultant's machine, simulated where this one cannot run it: finding
soffice on Windows, macOS and Linux, stopping a conversion that hangs with every process it
started, a PDF that another program holds open, and PowerPoint's lock files beside the decks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import office
from generator.cli import main
from generator.errors import DeckError

WIN = r"C:\Program Files\LibreOffice\program\soffice.exe"
WIN86 = r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"
MAC = "/Applications/LibreOffice.app/Contents/MacOS/soffice"


@pytest.fixture
def nothing_installed(monkeypatch):
    """No soffice on PATH, none in any install folder, no DECKGEN_SOFFICE; returns the set of files that 'exist'."""
    existing: set[str] = set()
    monkeypatch.delenv(office.ENV_VAR, raising=False)
    monkeypatch.delenv("ProgramFiles", raising=False)
    monkeypatch.delenv("ProgramFiles(x86)", raising=False)
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    monkeypatch.setattr(os.path, "isfile", lambda p: str(p) in existing)
    return existing


def as_system(monkeypatch, kind: str) -> None:
    # os.name is only changed around the call under test: pathlib cannot make paths of another OS
    monkeypatch.setattr(sys, "platform", {"windows": "win32", "macos": "darwin", "linux": "linux"}[kind])
    monkeypatch.setattr(os, "name", "nt" if kind == "windows" else "posix")


@pytest.mark.parametrize("found", [WIN, WIN86])
def test_windows_finds_soffice_in_program_files(nothing_installed, monkeypatch, found):
    nothing_installed.add(found)
    as_system(monkeypatch, "windows")
    assert office.soffice() == found


def test_windows_honours_programfiles_elsewhere(nothing_installed, monkeypatch):
    monkeypatch.setenv("ProgramFiles", r"D:\Apps")
    nothing_installed.add(r"D:\Apps\LibreOffice\program\soffice.exe")
    as_system(monkeypatch, "windows")
    assert office.soffice() == r"D:\Apps\LibreOffice\program\soffice.exe"


def test_macos_finds_the_app_bundle(nothing_installed, monkeypatch):
    nothing_installed.add(MAC)
    as_system(monkeypatch, "macos")
    assert office.soffice() == MAC


def test_path_comes_before_the_install_folder(nothing_installed, monkeypatch):
    nothing_installed.add(MAC)
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: "/opt/homebrew/bin/soffice" if name == "soffice" else None)
    as_system(monkeypatch, "macos")
    assert office.soffice() == "/opt/homebrew/bin/soffice"


def test_environment_variable_names_the_executable(nothing_installed, monkeypatch):
    nothing_installed.update({MAC, "/Users/jan/LibreOffice Dev.app/Contents/MacOS/soffice"})
    monkeypatch.setenv(office.ENV_VAR, "/Users/jan/LibreOffice Dev.app/Contents/MacOS/soffice")
    as_system(monkeypatch, "macos")
    assert office.soffice() == "/Users/jan/LibreOffice Dev.app/Contents/MacOS/soffice"


def test_environment_variable_that_points_nowhere_is_an_error(nothing_installed, monkeypatch):
    monkeypatch.setenv(office.ENV_VAR, r"C:\LO\soffice.exe")
    as_system(monkeypatch, "windows")
    with pytest.raises(DeckError) as err:
        office.soffice()
    assert str(err.value) == (r"DECKGEN_SOFFICE: C:\LO\soffice.exe does not exist; "
                              "set DECKGEN_SOFFICE to LibreOffice's soffice executable, or unset it")


@pytest.mark.parametrize("kind, says", [
    ("windows", "winget install TheDocumentFoundation.LibreOffice"),
    ("windows", "libreoffice.org"),
    ("macos", "brew install --cask libreoffice"),
    ("macos", "libreoffice.org"),
    ("linux", "sudo apt-get install libreoffice-impress"),
    ("linux", "sudo dnf install libreoffice-impress"),
])
def test_install_hint_per_system(nothing_installed, monkeypatch, kind, says):
    as_system(monkeypatch, kind)
    with pytest.raises(DeckError) as err:
        office.soffice()
    message = str(err.value)
    monkeypatch.undo()
    assert message.startswith("soffice: LibreOffice is not installed; ")
    assert says in message
    assert "DECKGEN_SOFFICE" in message
    other = {"windows": ["apt-get", "brew"], "macos": ["apt-get", "winget"], "linux": ["winget", "brew"]}[kind]
    assert not any(word in message for word in other)


def test_missing_libreoffice_exits_1_with_the_hint(tmp_path, nothing_installed):
    deck = tmp_path / "d.pptx"
    deck.write_bytes(b"x")
    result = CliRunner().invoke(main, ["pdf", str(deck)])
    assert result.exit_code == 1
    assert "error: soffice: LibreOffice is not installed; install it with: sudo apt-get install libreoffice-impress" in result.output
    assert "Traceback" not in result.output


# --- running soffice: the profile URL, the timeout ---------------------------------------------

def fake_soffice(tmp_path: Path, body: str) -> Path:
    """A stand-in for soffice: a Python script (run through a launcher on Windows)."""
    script = tmp_path / "fake soffice.py"
    script.write_text("import sys, os, subprocess, time\nargs = sys.argv[1:]\n" + textwrap.dedent(body))
    if os.name == "nt":
        launcher = tmp_path / "soffice.cmd"
        launcher.write_text(f'@"{sys.executable}" "{script}" %*\n')
    else:
        launcher = tmp_path / "soffice"
        launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{script}" "$@"\n')
        launcher.chmod(0o755)
    return launcher


def write_deck(path: Path, lang: str = "nl-NL") -> None:
    """Enough of a .pptx for the fake soffice: a slide whose text has a language."""
    import zipfile

    with zipfile.ZipFile(path, "w") as package:
        package.writestr("ppt/slides/slide1.xml", f'<p:sld><a:r><a:rPr lang="{lang}"/><a:t>x</a:t></a:r></p:sld>')


CONVERT = """
outdir = args[args.index("--outdir") + 1]
deck = args[-1]
open(os.path.join(outdir, os.path.splitext(os.path.basename(deck))[0] + ".pdf"), "wb").write(b"%PDF-1.7 new")
open(os.path.join(os.path.dirname(sys.argv[0]), "args.txt"), "w").write("\\n".join(args))
"""


def test_profile_url_is_a_proper_file_uri_with_spaces(tmp_path, monkeypatch):
    home = tmp_path / "Jan de Vries"
    home.mkdir()
    monkeypatch.setenv(office.ENV_VAR, str(fake_soffice(tmp_path, CONVERT)))
    monkeypatch.setattr(office.tempfile, "tempdir", str(home))
    deck = tmp_path / "deck.pptx"
    write_deck(deck)
    assert office.to_pdf([deck]) == [tmp_path / "deck.pdf"]
    args = (tmp_path / "args.txt").read_text().splitlines()
    url = next(a for a in args if a.startswith("-env:UserInstallation="))[len("-env:UserInstallation="):]
    assert url.startswith("file:///") and " " not in url and "Jan%20de%20Vries" in url
    assert (tmp_path / "deck.pdf").read_bytes() == b"%PDF-1.7 new"


def test_tagged_pdf_options_and_the_decks_language(tmp_path, monkeypatch):
    monkeypatch.setenv(office.ENV_VAR, str(fake_soffice(tmp_path, CONVERT + """
profile = [a for a in args if a.startswith("-env:UserInstallation=")][0]
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname
folder = url2pathname(urlparse(profile.split("=", 1)[1]).path)
xcu = os.path.join(folder, "user", "registrymodifications.xcu")
open(os.path.join(os.path.dirname(sys.argv[0]), "xcu.txt"), "w").write(open(xcu).read() if os.path.exists(xcu) else "")
""")))
    deck = tmp_path / "deck.pptx"
    write_deck(deck, "en-GB")
    office.to_pdf([deck])
    args = (tmp_path / "args.txt").read_text().splitlines()
    filter_ = args[args.index("--convert-to") + 1]
    assert filter_.startswith("pdf:impress_pdf_Export:{")
    options = json.loads(filter_[len("pdf:impress_pdf_Export:"):])
    assert options["UseTaggedPDF"] == {"type": "boolean", "value": "true"}
    assert options["PDFUACompliance"] == {"type": "boolean", "value": "true"}
    assert "<value>en-GB</value>" in (tmp_path / "xcu.txt").read_text()

    result = CliRunner().invoke(main, ["pdf", "--no-tagged", str(deck)])
    assert result.exit_code == 0, result.output
    args = (tmp_path / "args.txt").read_text().splitlines()
    assert args[args.index("--convert-to") + 1] == "pdf"
    assert (tmp_path / "xcu.txt").read_text() == ""


def test_a_file_that_is_no_deck_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv(office.ENV_VAR, str(fake_soffice(tmp_path, CONVERT)))
    deck = tmp_path / "deck.pptx"
    deck.write_text("plain text")
    result = CliRunner().invoke(main, ["pdf", str(deck)])
    assert result.exit_code == 1
    assert f"error: {deck}: not a PowerPoint deck (.pptx) that can be read" in result.output
    assert "Traceback" not in result.output


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    stat = Path(f"/proc/{pid}/stat")  # a killed child that nobody reaped yet is a zombie: dead
    return not (stat.exists() and stat.read_text().split(") ")[-1].startswith("Z"))


@pytest.mark.skipif(os.name != "posix", reason="checks the process group with os.kill; Windows uses taskkill (tested below)")
def test_timeout_stops_soffice_and_the_process_it_started(tmp_path, monkeypatch):
    pids = tmp_path / "pids.txt"
    hang = f"""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])  # like soffice.bin
    open({str(pids)!r}, "w").write(f"{{os.getpid()}} {{child.pid}}")
    time.sleep(120)
    """
    monkeypatch.setenv(office.ENV_VAR, str(fake_soffice(tmp_path, hang)))
    deck = tmp_path / "deck.pptx"
    write_deck(deck)
    (tmp_path / "deck.pdf").write_bytes(b"old")
    start = time.monotonic()
    with pytest.raises(DeckError) as err:
        office.to_pdf([deck], timeout=3)
    assert time.monotonic() - start < 30
    assert str(err.value) == f"{deck}: LibreOffice did not finish converting it within 3 s and was stopped; no PDF was written"
    parent, child = map(int, pids.read_text().split())
    deadline = time.monotonic() + 5
    while (alive(parent) or alive(child)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(parent) and not alive(child)
    assert (tmp_path / "deck.pdf").read_bytes() == b"old"


def test_windows_kills_the_tree_with_taskkill(monkeypatch):
    calls = []

    class Proc:
        pid = 4321

        def kill(self):
            calls.append("kill")

        def wait(self, timeout=None):
            return 1

    monkeypatch.setattr(office, "system", lambda: "windows")
    monkeypatch.setattr(subprocess, "run", lambda cmd, **kw: calls.append(cmd))
    office.kill_tree(Proc())
    assert calls[0] == ["taskkill", "/F", "/T", "/PID", "4321"]


def test_windows_starts_soffice_in_a_new_process_group(tmp_path, monkeypatch):
    seen = {}

    class Proc:
        pid = 1

        def __init__(self, cmd, **kw):
            seen.update(kw)

        def wait(self, timeout=None):
            return 0

    monkeypatch.setattr(office, "system", lambda: "windows")
    monkeypatch.setattr(subprocess, "Popen", Proc)
    office.run_tree(["soffice"], 5, tmp_path)
    assert "start_new_session" not in seen and "creationflags" in seen


# --- replacing the PDF -----------------------------------------------------------------------

def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in {"deck.pptx", "deck.pdf", "soffice", "soffice.cmd",
                                                                       "fake soffice.py", "args.txt", "xcu.txt"})


def test_a_pdf_open_in_another_program_is_reported_and_kept(tmp_path, monkeypatch):
    monkeypatch.setenv(office.ENV_VAR, str(fake_soffice(tmp_path, CONVERT)))
    deck = tmp_path / "deck.pptx"
    write_deck(deck)
    (tmp_path / "deck.pdf").write_bytes(b"old")

    def locked(src, dst):
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(office.os, "replace", locked)
    result = CliRunner().invoke(main, ["pdf", str(deck)])
    assert result.exit_code == 1, result.output
    assert (f"error: {tmp_path / 'deck.pdf'}: cannot replace deck.pdf: is it open in another program? "
            "Close it and try again") in result.output
    assert "wrote" not in result.output and "Traceback" not in result.output
    assert (tmp_path / "deck.pdf").read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_a_folder_named_like_the_pdf_is_reported(tmp_path, monkeypatch):
    monkeypatch.setenv(office.ENV_VAR, str(fake_soffice(tmp_path, CONVERT)))
    deck = tmp_path / "deck.pptx"
    write_deck(deck)
    (tmp_path / "deck.pdf").mkdir()
    result = CliRunner().invoke(main, ["pdf", str(deck)])
    assert result.exit_code == 1
    assert "cannot replace deck.pdf: is it open in another program? Close it and try again" in result.output
    assert (tmp_path / "deck.pdf").is_dir() and leftovers(tmp_path) == []


def test_a_failed_conversion_leaves_the_old_pdf(tmp_path, monkeypatch):
    monkeypatch.setenv(office.ENV_VAR, str(fake_soffice(tmp_path, "print('Error: source file could not be loaded'); sys.exit(1)\n")))
    deck = tmp_path / "deck.pptx"
    write_deck(deck)
    (tmp_path / "deck.pdf").write_bytes(b"old")
    result = CliRunner().invoke(main, ["pdf", str(deck)])
    assert result.exit_code == 1
    assert "LibreOffice could not convert it: Error: source file could not be loaded" in result.output
    assert (tmp_path / "deck.pdf").read_bytes() == b"old"


# --- lock files ------------------------------------------------------------------------------

def test_lock_files_are_skipped_with_a_note(tmp_path, monkeypatch):
    monkeypatch.setenv(office.ENV_VAR, str(fake_soffice(tmp_path, CONVERT)))
    deck = tmp_path / "deck.pptx"
    write_deck(deck)
    lock = tmp_path / "~$deck.pptx"
    lock.write_bytes(b"\x08Jan de Vries" + b"\x00" * 150)
    apple = tmp_path / "._deck.pptx"
    apple.write_bytes(b"\x00\x05\x16\x07")
    result = CliRunner().invoke(main, ["pdf", str(apple), str(deck), str(lock)])
    assert result.exit_code == 0, result.output
    assert f"skipped {lock}: PowerPoint's lock file of an open deck" in result.output
    assert f"skipped {apple}: macOS's AppleDouble file" in result.output
    assert f"wrote {tmp_path / 'deck.pdf'}" in result.output
    assert not (tmp_path / "~$deck.pdf").exists()


@pytest.mark.parametrize("command", ["pdf", "preview"])
def test_only_lock_files_is_an_error(tmp_path, command):
    lock = tmp_path / "~$deck.pptx"
    lock.write_bytes(b"\x08Jan")
    result = CliRunner().invoke(main, [command, str(lock)])
    assert result.exit_code == 1
    assert "error: no deck to convert: every file given was skipped" in result.output


def test_a_failure_says_which_pdfs_were_written(tmp_path, monkeypatch):
    monkeypatch.setenv(office.ENV_VAR, str(fake_soffice(tmp_path, "if args[-1].endswith('b.pptx'): sys.exit(3)\n" + CONVERT)))
    decks = [tmp_path / f"{name}.pptx" for name in "abc"]
    for deck in decks:
        write_deck(deck)
    result = CliRunner().invoke(main, ["pdf", *map(str, decks)])
    assert result.exit_code == 1
    assert f"wrote {tmp_path / 'a.pdf'}" in result.output
    assert f"error: {decks[1]}: LibreOffice could not convert it: exit status 3" in result.output
    assert "1 PDF written; this deck's PDF was not, nor the 1 after it." in result.output
    assert not (tmp_path / "c.pdf").exists()
