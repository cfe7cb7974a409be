"""A rebuild that takes what it can from the cache makes the deck a cold build makes, byte for
byte, after an edit of every kind: a deal's text, the survey, the questionnaire, the brand,
the template. Each build runs as consultants run it: a fresh process."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from generator.cache import Cache
from generator.validate import load_content

ROOT = Path(__file__).resolve().parent.parent

def _build(folder: Path, templates: Path, out: Path, cache: Path | None) -> bytes:
    """One build in a fresh process: with the cache at `cache`, or cold (no cache of any kind)."""
    env = dict(os.environ, DECKGEN_CACHE=str(cache) if cache is not None else "off")
    args = [sys.executable, "-m", "generator.cli", "build", "--content", str(folder), "--templates", str(templates),
            "--out", str(out)] + ([] if cache is not None else ["--no-cache"])
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


def _edit_text(content: Path, templates: Path) -> None:
    deal = sorted((content / "deals").glob("*.yaml"))[0]
    text = deal.read_text(encoding="utf-8")
    edited = re.sub(r'^(\s+- ")', r"\1Bij nader inzien: ", text, count=1, flags=re.M)
    assert edited != text
    deal.write_text(edited, encoding="utf-8")


def _edit_survey(content: Path, templates: Path) -> None:
    survey = content / "survey" / "responses.csv"
    rows = survey.read_text(encoding="utf-8").splitlines()
    cells = rows[1].split(",")
    cells[2] = "1" if cells[2] != "1" else "5"  # the first respondent's first score
    rows[1] = ",".join(cells)
    survey.write_text("\n".join(rows) + "\n", encoding="utf-8")


def _edit_questionnaire(content: Path, templates: Path) -> None:
    path = content / "questionnaire.yaml"
    text = path.read_text(encoding="utf-8")
    edited = text.replace('short: "Proces"', 'short: "Procesvorm"', 1)  # the chart's axis label
    assert edited != text
    path.write_text(edited, encoding="utf-8")


def _edit_brand(content: Path, templates: Path) -> None:
    path = templates / "aef" / "brand.yaml"
    text = path.read_text(encoding="utf-8")
    edited = text.replace('deal: "#1E5B3A"', 'deal: "#2A6B8A"')
    assert edited != text
    path.write_text(edited, encoding="utf-8")


def _edit_template(content: Path, templates: Path) -> None:
    """The master's theme gets another first accent colour (the deck carries the theme)."""
    path = templates / "aef" / "template.pptx"
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if re.fullmatch(r"ppt/theme/theme\d+\.xml", info.filename):
                data = re.sub(rb'(<a:accent1>\s*<a:srgbClr val=")[0-9A-Fa-f]{6}', rb"\g<1>3366CC", data, count=1)
            dst.writestr(info, data)
    assert out.getvalue() != path.read_bytes()
    path.write_bytes(out.getvalue())


EDITS = [_edit_text, _edit_survey, _edit_questionnaire, _edit_brand, _edit_template]


@pytest.mark.slow
def test_a_rebuild_from_the_cache_equals_a_cold_build_after_every_kind_of_edit(tmp_path):
    content, templates, cache = tmp_path / "content", tmp_path / "templates", tmp_path / "cache"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(ROOT / "templates", templates)
    before = _build(content, templates, tmp_path / "first.pptx", cache)
    kinds = {p.name for p in cache.iterdir()}
    assert {"valid", "widths", "charts", "templates", "packages"} <= kinds, kinds  # the cache was filled
    for edit in EDITS:
        edit(content, templates)
        warm = _build(content, templates, tmp_path / f"{edit.__name__}-warm.pptx", cache)
        cold = _build(content, templates, tmp_path / f"{edit.__name__}-cold.pptx", None)
        assert warm == cold, edit.__name__
        assert warm != before, f"{edit.__name__} changed nothing"
        before = warm


def test_a_file_validated_before_is_read_from_the_cache_as_it_was(tmp_path):
    cache = Cache(tmp_path / "cache")
    first = load_content(ROOT / "content", cache)
    assert len(list((tmp_path / "cache" / "valid").rglob("*"))) > 9  # review, questionnaire, seven deals (and folders)
    again = load_content(ROOT / "content", cache)
    assert again.review == first.review and again.questionnaire == first.questionnaire and again.deals == first.deals
    assert [again.sources[d.id].line(("name",)) for d in again.deals] == [first.sources[d.id].line(("name",)) for d in first.deals]
    assert again.warnings == first.warnings


def test_a_broken_file_is_reported_the_same_after_a_cached_build(tmp_path):
    """A file is kept only once it validates: breaking it after a good build gives the same
    message, line and key as without any cache."""
    from generator.errors import DeckError

    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder)
    cache = Cache(tmp_path / "cache")
    load_content(folder, cache)
    deal = sorted((folder / "deals").glob("*.yaml"))[0]
    deal.write_text(deal.read_text(encoding="utf-8").replace("number: 7", "number: zeven"), encoding="utf-8")
    messages = []
    for c in (cache, None):
        with pytest.raises(DeckError) as caught:
            load_content(folder, c)
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
    assert messages[0] == "deals/energieke-wijken.yaml:3: number: expected a whole number, got 'zeven'"


def _same_warm_and_cold(folder: Path, tmp_path: Path, cache: Cache, name: str) -> bytes:
    from generator.build import build

    warm, cold = tmp_path / f"{name}-warm.pptx", tmp_path / f"{name}-cold.pptx"
    build(folder, warm, cache=cache)
    build(folder, cold, cache=Cache(None))
    assert warm.read_bytes() == cold.read_bytes(), name
    return warm.read_bytes()


def test_kept_sections_follow_what_their_templates_read(tmp_path):
    """A deal's text may read another deal through a template, and a chapter any deal: an edit
    there plans them again. Adding and removing a deal too."""
    from .conftest import DEAL_ALPHA, slide_texts, write_review

    alpha = DEAL_ALPHA.replace("  - Alpha started in 2020.", "  - Alpha started in 2020, after {{ deals[1].name }}.")
    folder = write_review(tmp_path / "r", files={"deals/alpha.yaml": alpha})
    review = folder / "review.yaml"
    review.write_text(review.read_text(encoding="utf-8").replace(
        "The question of {{ review.title }}.", "\"{{ deals | length }} deals; the first began: {{ deals[0].context[0].text }}\""),
        encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    _same_warm_and_cold(folder, tmp_path, cache, "first")

    beta = folder / "deals" / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("name: Beta", "name: Bèta Deal"), encoding="utf-8")
    _same_warm_and_cold(folder, tmp_path, cache, "beta-renamed")
    assert any("after Bèta Deal." in text for slide in slide_texts(tmp_path / "beta-renamed-warm.pptx") for text in slide)

    path = folder / "deals" / "alpha.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Alpha started in 2020", "Alpha began in 2019"), encoding="utf-8")
    _same_warm_and_cold(folder, tmp_path, cache, "alpha-edited")
    assert any("the first began: Alpha began in 2019" in text for slide in slide_texts(tmp_path / "alpha-edited-warm.pptx")
               for text in slide)

    (folder / "deals" / "gamma.yaml").write_text("number: 3\nname: Gamma\ncontext: [Gamma context.]\n", encoding="utf-8")
    _same_warm_and_cold(folder, tmp_path, cache, "gamma-added")
    (folder / "deals" / "gamma.yaml").unlink()
    _same_warm_and_cold(folder, tmp_path, cache, "gamma-removed")
    assert (tmp_path / "gamma-removed-warm.pptx").read_bytes() == (tmp_path / "alpha-edited-warm.pptx").read_bytes()


def test_the_sweep_removes_what_no_build_used_for_a_month(tmp_path):
    import os
    import time

    from generator.cache import DAY, KEEP_DAYS

    cache = Cache(tmp_path / "cache")
    for key in ("aa01", "bb02", "cc03"):
        cache.put("slides", key, key.encode())
    old = time.time() - (KEEP_DAYS + 1) * DAY
    for key in ("aa01", "bb02"):
        os.utime(tmp_path / "cache" / "slides" / key[:2] / key, (old, old))
    assert cache.get("slides", "bb02") == b"bb02"  # used now: kept
    assert cache.sweep() == 1
    assert cache.get("slides", "aa01") is None and cache.get("slides", "bb02") == b"bb02" and cache.get("slides", "cc03") == b"cc03"
    os.utime(tmp_path / "cache" / "slides" / "cc" / "cc03", (old, old))
    assert cache.sweep() == 0  # swept less than a day ago: not again
    assert Cache(None).sweep() == 0


def test_a_rebuild_from_the_cache_imports_only_what_it_runs(tmp_path):
    """After an edit in one deal file, a build takes the rest from the cache and imports neither
    python-pptx, lxml nor Jinja (no text of the review holds a template), Pillow's drawing nor
    the survey readers, and pydantic does not scan the installed packages for plugins."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    script = ("import sys; from pathlib import Path; from generator.build import build; from generator.cache import Cache; "
              f"build(Path({str(content)!r}), Path({str(tmp_path / 'deck.pptx')!r}), cache=Cache(Path({str(tmp_path / 'cache')!r}))); "
              "print(' '.join(sorted(sys.modules)))")
    env = dict(os.environ, DECKGEN_CACHE=str(tmp_path / "cache"))
    first = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    _edit_text(content, tmp_path)
    again = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    modules = set(again.stdout.split())
    for name in ("pptx", "lxml", "jinja2", "matplotlib", "PIL.ImageDraw", "PIL.ImageFont", "openpyxl", "generator.survey",
                 "generator.accessibility", "generator.pull", "importlib.metadata", "multiprocessing"):
        assert name not in modules, name
    assert "generator.manifest" in modules and "pydantic" in modules  # what it does run
