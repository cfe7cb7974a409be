"""`make bench`: deckgen measured against pandoc in the same run, as whole processes; writes
docs/benchmarks.md.

Measures, each the median of several runs on this machine, taken in turns with pandoc's so
that both meet the same load:
- pandoc turning the deck's text (markdown, one slide per slide) into a .pptx: the peer;
- `deckgen build` after a text edit in one deal file (another word each run), the cache
  filled by the builds before: wall time and CPU time;
- a cold build, `deckgen build --no-cache`: wall time;
- a rebuild after a text edit inside `deckgen watch` (a warm process);
- a generated review of 25 and of 100 deals (cold), and the peak memory of the 100;
- `deckgen excerpts` for every deal of the City Deals review.
CPU time is the process's and its children's user and system time (where the OS reports it).
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DECKGEN = [str(Path(sys.executable).parent / "deckgen")]  # the console script, as users run it
RUNS = int(os.environ.get("BENCH_RUNS", "15"))


def _children_cpu() -> float:
    try:
        import resource
    except ImportError:  # Windows: wall time only
        return float("nan")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], env=None) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of cmd as a whole process."""
    cpu = _children_cpu()
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    return time.perf_counter() - start, _children_cpu() - cpu


def median(cmd: list[str], runs: int = RUNS, env=None) -> float:
    return statistics.median(timed(cmd, env)[0] for _ in range(runs))


def medians(samples: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(w for w, _ in samples), statistics.median(c for _, c in samples)


def deck_markdown(deck: Path) -> str:
    """The deck's text as pandoc slides: a `#` heading per slide, its text as bullets."""
    from pptx import Presentation

    out = []
    for slide in Presentation(str(deck)).slides:
        title = slide.shapes.title.text if slide.shapes.title is not None else ""
        out.append("# " + title.replace("\n", " "))
        for shape in slide.shapes:
            if shape.has_text_frame and not shape.is_placeholder and shape.name not in ("Footer", "Slide number", "Back to contents"):
                out += [f"- {p.strip()}" for p in shape.text_frame.text.split("\n") if p.strip()]
        out.append("")
    return "\n".join(out)


WATCH_SCRIPT = r"""
import re, statistics, sys, time
from pathlib import Path
from generator.build import prepare, write_deck
folder, out, runs = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
write_deck(prepare(folder), out)  # the first build of a watching process
deal = sorted((folder / "deals").glob("*.yaml"))[0]
text = deal.read_text(encoding="utf-8")
times = []
for i in range(runs):
    deal.write_text(re.sub(r'^(\s+- ")', rf"\1Wacht {i}: ", text, count=1, flags=re.M), encoding="utf-8")
    start = time.perf_counter()
    write_deck(prepare(folder), out)
    times.append(time.perf_counter() - start)
deal.write_text(text, encoding="utf-8")
print(statistics.median(times))
"""

MEMORY_SCRIPT = r"""
import resource, sys
from pathlib import Path
from generator.cli import main
try:
    main(["build", "--no-cache", "--content", sys.argv[1], "--out", sys.argv[2]])
except SystemExit:
    pass
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(own, children)
"""


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    pandoc = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout.splitlines()[0] if shutil.which("pandoc") else "not installed"
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu or 'unknown CPU'}), "
            f"Python {platform.python_version()}, {pandoc}")


class TextEdit:
    """Another word in one finding of one deal file before each run."""

    def __init__(self, content: Path):
        self.deal = sorted((content / "deals").glob("*.yaml"))[0]
        self.text = self.deal.read_text(encoding="utf-8")
        self.n = 0

    def __call__(self) -> None:
        self.n += 1
        edited, count = re.subn(r'^(\s+- ")', rf"\1Editie {self.n}: ", self.text, count=1, flags=re.M)
        assert count == 1, "no finding to edit"
        self.deal.write_text(edited, encoding="utf-8")


def main() -> None:
    from tests.cases.large import write_large_review

    work = Path(tempfile.mkdtemp(prefix="deckgen-bench-"))
    content = work / "content"
    shutil.copytree(ROOT / "content", content)
    cache_env = dict(os.environ, DECKGEN_CACHE=str(work / "cache"))
    deck = work / "deck.pptx"
    build = DECKGEN + ["build", "--content", str(content), "--out", str(deck)]
    print(f"benchmark on {machine()}, median of {RUNS} runs", flush=True)

    subprocess.run(build, check=True, env=cache_env, cwd=ROOT, stdout=subprocess.DEVNULL)
    peer = shutil.which("pandoc") is not None
    md = work / "deck.md"
    md.write_text(deck_markdown(deck), encoding="utf-8")
    pandoc_cmd = ["pandoc", "--slide-level=1", str(md), "-o", str(work / "pandoc.pptx")]
    edit = TextEdit(content)
    edit()
    subprocess.run(build, check=True, env=cache_env, cwd=ROOT, stdout=subprocess.DEVNULL)  # every cache filled
    samples: dict[str, list[tuple[float, float]]] = {"pandoc": [], "edit": [], "cold": []}
    for _ in range(RUNS):  # in turns, so that deckgen and pandoc meet the same load
        if peer:
            samples["pandoc"].append(timed(pandoc_cmd))
        edit()
        samples["edit"].append(timed(build, cache_env))
        samples["cold"].append(timed(build + ["--no-cache"], cache_env))
    pandoc, pandoc_cpu = medians(samples["pandoc"]) if peer else (None, None)
    fresh, fresh_cpu = medians(samples["edit"])
    cold, cold_cpu = medians(samples["cold"])
    print(f"pandoc {pandoc or 0:.2f} s, rebuild after an edit {fresh:.2f} s, cold {cold:.2f} s", flush=True)

    watch = float(subprocess.run([sys.executable, "-c", WATCH_SCRIPT, str(content), str(deck), str(RUNS)], check=True, env=cache_env,
                                 cwd=ROOT, capture_output=True, text=True).stdout.strip())

    scale = {}
    for deals in (25, 100):
        folder = write_large_review(work / f"large-{deals}", deals=deals)
        scale[deals] = median(DECKGEN + ["build", "--no-cache", "--content", str(folder), "--out", str(work / f"large-{deals}.pptx")],
                              runs=max(3, RUNS // 3), env=cache_env)
        print(f"{deals} deals {scale[deals]:.2f} s", flush=True)
    printed = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, str(work / "large-100"), str(work / "m.pptx")],
                             check=True, cwd=ROOT, capture_output=True, text=True).stdout
    own, children = (int(v) for v in printed.strip().splitlines()[-1].split())
    memory_mb = (own + children) / 1024
    excerpts = median(DECKGEN + ["excerpts", "--content", str(content), "--out-dir", str(work / "excerpts")], runs=3, env=cache_env)

    def ratio(value, base):
        return f"{value / base:.2f}" if base else ""

    rows = [
        ("pandoc: the deck's text (markdown) to .pptx", pandoc, pandoc_cpu, "the peer", "", ""),
        ("`deckgen build` after a text edit in one deal file", fresh, fresh_cpu, "≤ 0.8 × pandoc (wall), ≤ 1.2 × (CPU)",
         ratio(fresh, pandoc), ratio(fresh_cpu, pandoc_cpu)),
        ("cold build, `deckgen build --no-cache`", cold, cold_cpu, "≤ 1.5 × pandoc (wall)", ratio(cold, pandoc), ratio(cold_cpu, pandoc_cpu)),
        ("rebuild after a text edit inside `deckgen watch` (a warm process)", watch, None, "", ratio(watch, pandoc), ""),
        ("generated review, 25 deals, cold", scale[25], None, "", "", ""),
        ("generated review, 100 deals, cold", scale[100], None, "≤ 4.4 × the 25", ratio(scale[100], scale[25]), ""),
        ("`deckgen excerpts`, all 7 deals (cache filled)", excerpts, None, "", "", ""),
    ]
    lines = [
        "# Benchmarks",
        "",
        "Made by `make bench` (`bench/run.py`): deckgen and pandoc measured as whole processes, side by side",
        f"in one run on {machine()}.",
        f"Times are medians of {RUNS} runs, deckgen's and pandoc's taken in turns (fewer for the generated",
        "reviews and the excerpts); CPU is user and system time of the process and its children. Ratios",
        "are to pandoc turning the same deck's text (markdown, one slide per slide) into a .pptx, or to",
        "the 25-deal review.",
        "",
        "| measure | wall | CPU | target | ratio (wall) | ratio (CPU) |",
        "| --- | ---: | ---: | --- | ---: | ---: |",
    ]
    for name, wall, cpu, target, r_wall, r_cpu in rows:
        shown_wall = "" if wall is None else f"{wall:.2f} s"
        shown_cpu = "" if cpu is None or cpu != cpu else f"{cpu:.2f} s"
        lines.append(f"| {name} | {shown_wall} | {shown_cpu} | {target} | {r_wall} | {r_cpu} |")
    lines += [
        "",
        f"Peak memory of the 100-deal cold build: {memory_mb:.0f} MB (the build process and its chart",
        "process together; target: under 500 MB).",
        "",
        "How: every stage keeps what it made in the cache (`.cache/deckgen`), keyed by a hash of",
        "everything that makes it: validated files, the brand, word widths, the survey's aggregates,",
        "planned sections, rendered slides (compressed) and chart pictures; the template is prepared",
        "once per template. After an edit in one deal, a build parses, validates, plans and renders",
        "that deal's slides and takes the rest from the cache, then numbers, links and writes the",
        "whole deck: the same bytes as a cold build (tests/test_incremental.py). Most of what remains",
        "is Python starting and importing click, pydantic and PyYAML. A cold build starts a chart",
        "worker (a fresh interpreter) first; it draws the charts' ground and the example chart as soon",
        "as the review, the questionnaire and the brand are read, and each deal's chart once the scores",
        "are known, with Pillow, while the first process plans and writes the slides.",
        "",
    ]
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "benchmarks.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
