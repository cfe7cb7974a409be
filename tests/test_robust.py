"""Input and machines the broken-review corpus does not cover: hostile pictures and templates,
odd file names and outputs, a deck that cannot be replaced, no fork, defects in deckgen itself.
Each ends with exit 1 (or a correct deck), the file named, no traceback, the old deck kept."""

from __future__ import annotations

import io
import os
import stat
import struct
import subprocess
import sys
import time
import zlib

import pytest
from click.testing import CliRunner
from pptx import Presentation

from generator.build import build
from generator.cli import main

from .conftest import ROOT, slide_texts, write_review
from .test_broken import R, apply, assert_refused, good_deck  # noqa: F401 (a fixture)

PICTURE = ("replace", "    title: Appendix\n", "    title: Appendix\n    picture: {file: pic.png, alt: A picture}\n")


def png(width: int, height: int) -> bytes:
    """A small valid PNG whose header claims width x height pixels (a decompression bomb's shape)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    ihdr = data[12:29]  # the IHDR chunk's type and data
    ihdr[4:12] = struct.pack(">II", width, height)
    data[12:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(ihdr)))
    return bytes(data)


def real_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buffer, "PNG")
    return buffer.getvalue()


# (name, {file: change}, message expected in the output)
HOSTILE = [
    ("picture-bomb", {R: PICTURE, "pic.png": png(100_000, 100_000)}, "review.yaml:36: chapters[2].picture.file: picture 'pic.png' has too many pixels"),
    ("picture-large-header", {R: PICTURE, "pic.png": png(9000, 9000)}, "picture 'pic.png' has 9000 x 9000 pixels; at most 40,000,000 (save it smaller)"),
    ("picture-not-an-image", {R: PICTURE, "pic.png": b"<svg xmlns='http://www.w3.org/2000/svg'/>"}, "chapters[2].picture.file: picture 'pic.png' is not a picture (PNG, JPEG, GIF, BMP or TIFF)"),
    ("picture-truncated", {R: PICTURE, "pic.png": real_png()[:60]}, "chapters[2].picture.file: picture 'pic.png' cannot be read as a picture"),
    ("picture-huge-file", {R: PICTURE, "pic.png": real_png() + b"\0" * 20_000_001}, "picture 'pic.png' is 20 MB; at most 20 MB"),
    ("jinja-string-bomb", {R: ("replace", "text: The question of {{ review.title }}.", "text: \"{{ 'ab' * 60000000 }}\"")},
     "review.yaml:21: chapters[0].slides[0].blocks[0].text[0]: template too large: it makes 120000000 characters"),
    ("jinja-nested-loops", {R: ("replace", "text: The question of {{ review.title }}.",
                                "text: '{% for i in range(20000) %}{% for j in range(20000) %}{% endfor %}{% endfor %}x'")},
     "review.yaml:21: chapters[0].slides[0].blocks[0].text[0]: template too large: it takes too long to render"),
    ("jinja-loop-output", {"deals/alpha.yaml": ("replace", "- Alpha started in 2020.", "- \"{% for i in range(20000) %}{{ deal.name * 100 }}{% endfor %}\"")},
     "deals/alpha.yaml:4: context[0].text: template too large: it renders to more than 20000 characters"),
    ("jinja-wide-format", {R: ("replace", "text: The question of {{ review.title }}.", "text: \"{{ '{:>999999999}'.format(1) }}\"")},
     "text[0]: template too large: a format's width or precision is too large"),
    ("jinja-big-power", {R: ("replace", "text: The question of {{ review.title }}.", "text: '{{ 9 ** 999999 }}'")}, "text[0]: template too large: 9 ** 999999"),
    ("reserved-deal-id", {"deals/beta.yaml": ("replace", "id: beta", "id: con")}, "deals/beta.yaml:1: id: 'con' cannot be an id: Windows reserves it as a file name"),
    ("reserved-file-name", {"deals/nul.yaml": "number: 3\nname: Gamma\n"}, "deals/nul.yaml:1: id: no id given and the file name 'nul' is not a valid id"),
]


@pytest.mark.parametrize("name, changes, expected", HOSTILE, ids=[c[0] for c in HOSTILE])
def test_hostile_input_is_refused_quickly(tmp_path, good_deck, name, changes, expected):
    start = time.perf_counter()
    assert_refused(tmp_path, good_deck, changes, expected)
    assert time.perf_counter() - start < 30


def test_a_picture_that_is_fine_is_placed(tmp_path):
    folder = write_review(tmp_path / "review", files={"pic.png": real_png()})
    apply(folder, R, PICTURE)
    out = tmp_path / "deck.pptx"
    build(folder, out)
    pictures = [sh for slide in Presentation(str(out)).slides for sh in slide.shapes if sh.shape_type == 13]
    assert any(pic.image.blob == real_png() for pic in pictures)


def test_line_breaks_in_names_and_titles_are_folded(tmp_path):
    folder = write_review(tmp_path / "review")
    apply(folder, "deals/beta.yaml", ("replace", "name: Beta", 'name: "Solar Roofs\\nfor\\r\\nSchools\\u2028now"'))
    apply(folder, R, ("replace", "title: Appendix", 'title: "Appen\\ndix\\tpart"'))
    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(main, ["build", "--content", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = "\n".join(t for slide in slide_texts(out) for t in slide)
    assert "Solar Roofs for Schools now" in text
    assert "Appen dix part" in text


def test_deal_files_yml_in_any_case_are_read_and_others_named(tmp_path):
    folder = write_review(tmp_path / "review", files={"deals/gamma.yml": "number: 3\nname: Gamma\n", "deals/delta.YAML": "number: 4\nname: Delta\n",
                                                      "deals/nieuw.yaml.txt": "number: 5\nname: Nieuw\n", "deals/~$alpha.yaml": b"\x00lock",
                                                      "deals/.DS_Store": b"\x00"})
    result = CliRunner().invoke(main, ["check", "--content", str(folder)])
    assert result.exit_code == 0, result.output
    assert "(4 deals," in result.output
    assert "warning: deals/nieuw.yaml.txt: not read as deal: a deal file ends in .yaml or .yml" in result.output
    assert "~$" not in result.output and "DS_Store" not in result.output


def test_out_naming_a_folder(tmp_path, good_deck):
    folder = write_review(tmp_path / "review")
    target = tmp_path / "decks"
    target.mkdir()
    result = CliRunner().invoke(main, ["build", "--content", str(folder), "--out", str(target)])
    assert result.exit_code == 1, result.output
    assert f"error: cannot write {target}: it is a folder; give a file name such as {target / 'deck.pptx'}" in result.output
    assert "Traceback" not in result.output and list(target.iterdir()) == []


def test_a_deck_open_in_powerpoint_is_left_as_it_was(tmp_path, good_deck, monkeypatch):
    """Windows refuses to replace a file that PowerPoint holds open: os.replace raises PermissionError."""
    folder = write_review(tmp_path / "review")
    apply(folder, "deals/beta.yaml", ("replace", "Beta context.", "Changed context."))
    out = tmp_path / "deck.pptx"
    out.write_bytes(good_deck)
    tries = []

    def locked(src, dst):
        tries.append(dst)
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(os, "replace", locked)
    monkeypatch.setattr("generator.write.time.sleep", lambda s: None)
    result = CliRunner().invoke(main, ["build", "--content", str(folder), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert f"error: cannot replace {out}: is it open in PowerPoint? Close it and build again" in result.output
    assert "nothing was written." in result.output and "Traceback" not in result.output
    assert len(tries) > 1  # a virus scanner's brief hold is waited out first
    assert out.read_bytes() == good_deck
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pptx", "review"]


def test_watch_reports_a_locked_deck_and_keeps_watching(tmp_path, monkeypatch):
    from generator.watch import watch_loop

    folder = write_review(tmp_path / "review")
    out = tmp_path / "deck.pptx"
    real_replace = os.replace
    locked = {"on": True}

    def replace(src, dst):
        if locked["on"]:
            raise PermissionError(13, "in use")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr("generator.write.time.sleep", lambda s: None)
    lines: list[str] = []

    def changes():
        locked["on"] = False  # the deck was closed
        yield {("modified", str(folder / "deals" / "beta.yaml"))}

    watch_loop(folder, out, None, changes(), lines.append)
    assert f"error: cannot replace {out}: is it open in PowerPoint? Close it and build again" in lines
    assert "the previous deck is unchanged; watching for the next save" in lines
    assert "wrote" in lines[-1] and out.is_file()


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_deck_mode_follows_the_umask_and_the_deck_it_replaces(tmp_path):
    folder = write_review(tmp_path / "review")
    out = tmp_path / "deck.pptx"
    old = os.umask(0o027)
    try:
        build(folder, out)
        assert stat.S_IMODE(out.stat().st_mode) == 0o640
        out.chmod(0o664)  # a colleague made it group-writable
        build(folder, out)
        assert stat.S_IMODE(out.stat().st_mode) == 0o664
    finally:
        os.umask(old)


def test_an_unexpected_error_is_one_line_and_exit_3(review, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("something inside\nbroke")

    monkeypatch.setattr("generator.build.build", broken)
    result = CliRunner().invoke(main, ["build", "--content", str(review), "--out", str(tmp_path / "d.pptx")])
    assert result.exit_code == 3
    assert result.output.splitlines() == ["internal error: ValueError: something inside broke",
                                          "please report it with the output of the same command run with --debug"]
    for args in (["--debug", "build"], ["build", "--debug"]):
        result = CliRunner().invoke(main, args + ["--content", str(review), "--out", str(tmp_path / "d.pptx")])
        assert isinstance(result.exception, ValueError)  # --debug lets the traceback through
    monkeypatch.setenv("DECKGEN_DEBUG", "1")
    result = CliRunner().invoke(main, ["build", "--content", str(review), "--out", str(tmp_path / "d.pptx")])
    assert isinstance(result.exception, ValueError)


def test_input_problems_of_every_command_exit_1(tmp_path):
    result = CliRunner().invoke(main, ["excerpts", "--content", str(tmp_path / "nope"), "--out-dir", str(tmp_path / "x")])
    assert result.exit_code == 1 and "error: " in result.output and "review folder not found" in result.output
    result = CliRunner().invoke(main, ["watch", "--content", str(tmp_path / "nope")])
    assert result.exit_code == 1 and "review folder not found" in result.output


def test_the_chart_worker_is_a_fresh_interpreter_and_changes_no_byte(review, tmp_path, monkeypatch):
    """Windows has no fork and macOS forbids it after threads: the chart worker is a new
    interpreter started through subprocess, and a deck drawn with it equals one drawn without."""
    from generator.render import pool as pool_module

    started = []
    real = subprocess.Popen

    def popen(args, *a, **kw):
        started.append(list(args))
        return real(args, *a, **kw)

    monkeypatch.setattr(subprocess, "Popen", popen)
    with_worker = tmp_path / "worker.pptx"
    result = CliRunner().invoke(main, ["build", "--content", str(review), "--out", str(with_worker), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert len(started) == 1 and started[0][0] == sys.executable and started[0][1] == "-c"
    assert "generator.render.pool import serve" in started[0][2]

    def no_processes(*a, **kw):
        raise OSError("no processes here")

    monkeypatch.setattr(subprocess, "Popen", no_processes)  # the first process then draws every chart itself
    alone = tmp_path / "alone.pptx"
    result = CliRunner().invoke(main, ["build", "--content", str(review), "--out", str(alone), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert alone.read_bytes() == with_worker.read_bytes()
    assert pool_module.STEAL >= 1


def test_no_chart_process_when_every_chart_is_cached(review, tmp_path, monkeypatch):
    from generator.cache import Cache
    from generator.render.pool import ChartPool

    monkeypatch.delenv("DECKGEN_CACHE")
    monkeypatch.setattr("generator.render.deck._drawn", {})  # nothing drawn before in this process
    cache = Cache(tmp_path / "cache")
    first, second = ChartPool(), ChartPool()
    try:
        build(review, tmp_path / "a.pptx", cache=cache, pool=first)
        build(review, tmp_path / "b.pptx", cache=cache, pool=second)
    finally:
        first.close()
        second.close()
    assert first.started and not second.started
    assert (tmp_path / "a.pptx").read_bytes() == (tmp_path / "b.pptx").read_bytes()


def _project_with_brand(tmp_path, project: str, review: str, brand: str):
    """A project folder with a review that names `brand` and that brand (a copy of aef) in
    templates/ beside it, and an empty folder elsewhere: (the review folder, elsewhere)."""
    import shutil

    folder = write_review(tmp_path / project / review)
    apply(folder, R, ("replace", "author: Test Firm", f"author: Test Firm\nbrand: {brand}"))
    shutil.copytree(ROOT / "templates" / "aef", tmp_path / project / "templates" / brand)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    return folder, elsewhere


def test_templates_beside_the_review_folder_from_another_folder(tmp_path, monkeypatch):
    folder, elsewhere = _project_with_brand(tmp_path, "project", "content", "acme")
    monkeypatch.chdir(elsewhere)
    result = CliRunner().invoke(main, ["build", "--content", str(folder), "--out", str(tmp_path / "d.pptx")])
    assert result.exit_code == 0, result.output
    # a brand that is nowhere: the message names every place searched and the way out
    apply(folder, R, ("replace", "brand: acme", "brand: house"))
    monkeypatch.setenv("DECKGEN_TEMPLATES", str(tmp_path / "shared-brands"))
    result = CliRunner().invoke(main, ["build", "--content", str(folder), "--templates", str(tmp_path / "given"), "--out", str(tmp_path / "d.pptx")])
    assert result.exit_code == 1
    assert "review.yaml:6: brand: unknown brand 'house'; known: acme" in result.output
    for place in (f"{tmp_path / 'given'} (--templates)", f"{tmp_path / 'shared-brands'} ($DECKGEN_TEMPLATES)",
                  f"{tmp_path / 'project' / 'templates'} (beside the review folder)", f"{elsewhere / 'templates'} (in the working folder)"):
        assert place in result.output
    assert "Name the folder of brands with --templates DIR or $DECKGEN_TEMPLATES" in result.output


def test_new_deal_schema_line_across_drives_and_with_forward_slashes(review, monkeypatch):
    from generator import scaffold

    line = scaffold.schema_line(review / "deals" / "x.yaml", "deal.schema.json")
    assert line.startswith("# yaml-language-server: $schema=") and "\\" not in line and line.rstrip().endswith("schemas/deal.schema.json")

    def other_drive(path, start=None):
        raise ValueError("path is on mount 'D:', start on mount 'C:'")

    monkeypatch.setattr(scaffold.os.path, "relpath", other_drive)
    line = scaffold.schema_line(review / "deals" / "x.yaml", "deal.schema.json")
    assert line == f"# yaml-language-server: $schema={(ROOT / 'schemas' / 'deal.schema.json').as_uri()}\n"
    result = CliRunner().invoke(main, ["new-deal", "Con", "--content", str(review)])
    assert result.exit_code == 1 and "'Con' would give the id 'con', which Windows reserves as a file name" in result.output


@pytest.mark.slow
def test_a_wheel_installed_elsewhere_builds_a_review_with_its_templates_beside_it(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    wheel = next(wheels.glob("deckgen_review-*.whl"))
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    folder, elsewhere = _project_with_brand(tmp_path, "client", "review", "aef")
    env = {**os.environ, "PYTHONPATH": str(site), "DECKGEN_CACHE": "off"}
    code = "import generator, sys; assert generator.__file__.startswith(sys.argv[1]), generator.__file__; from generator.entry import main; sys.argv[1:] = sys.argv[2:]; main()"
    result = subprocess.run([sys.executable, "-c", code, str(site), "build", "--content", str(folder), "--out", str(tmp_path / "d.pptx")],
                            cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "wrote" in result.stdout and (tmp_path / "d.pptx").is_file()


def test_a_reader_that_goes_away_is_no_internal_error(review, tmp_path):
    """`deckgen build | head`: the pipe closes before deckgen prints; the deck is written, and
    no "internal error" follows."""
    read, write = os.pipe()
    os.close(read)  # nobody reads: the first print breaks the pipe
    try:
        result = subprocess.run([sys.executable, "-c", "from generator.entry import main; main()", "build", "--content", str(review),
                                 "--out", str(tmp_path / "deck.pptx")], stdout=write, stderr=subprocess.PIPE, text=True,
                                timeout=120, cwd=ROOT)
    finally:
        os.close(write)
    assert result.returncode == 1 and "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "deck.pptx").is_file()
