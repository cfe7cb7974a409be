"""`make bench`: deckgen measured against pandoc in the same run; writes docs/benchmarks.md.

Measures, each the median of several runs on this machine:
- pandoc turning the deck's text (markdown, one slide per slide) into a .pptx: the peer;
- a rebuild after a text edit in one deal file, as `deckgen watch` does it (warm process),
  and as a fresh `deckgen build` with the cache filled;
- a cold build: `deckgen build --no-cache` in a fresh process;
- a generated review of 25 and of 100 deals (cold), and the peak memory of the 100;
- `deckgen excerpts` for every deal of the City Deals review.
"""

from __future__ import annotations

import os
import platform
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
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def timed(cmd: list[str], env=None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    return time.perf_counter() - start


def median(cmd: list[str], runs: int = RUNS, env=None) -> float:
    return statistics.median(timed(cmd, env) for _ in range(runs))


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
import statistics, sys, time
from pathlib import Path
from generator.build import prepare, write_deck
folder, out, runs = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
write_deck(prepare(folder), out)  # the first build of a watching process
deal = sorted((folder / "deals").glob("*.yaml"))[0]
times = []
for i in range(runs):
    text = deal.read_text(encoding="utf-8")
    deal.write_text(text.replace("name:", "name:", 1) + f"\n# edit {i}\n", encoding="utf-8")
    start = time.perf_counter()
    write_deck(prepare(folder), out)
    times.append(time.perf_counter() - start)
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


def main() -> None:
    from tests.cases.large import write_large_review

    work = Path(tempfile.mkdtemp(prefix="deckgen-bench-"))
    content = work / "content"
    shutil.copytree(ROOT / "content", content)
    cache_env = dict(os.environ, DECKGEN_CACHE=str(work / "cache"))
    deck = work / "deck.pptx"
    rows = []
    print(f"benchmark on {machine()}, median of {RUNS} runs", flush=True)

    subprocess.run(DECKGEN + ["build", "--content", str(content), "--out", str(deck)], check=True, env=cache_env, cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    pandoc = None
    if shutil.which("pandoc"):
        md = work / "deck.md"
        md.write_text(deck_markdown(deck), encoding="utf-8")
        pandoc = median(["pandoc", "--slide-level=1", str(md), "-o", str(work / "pandoc.pptx")])
        rows.append(("pandoc: the deck's text (markdown) to .pptx", pandoc, "the peer", ""))
        print(f"pandoc {pandoc:.2f} s", flush=True)

    watch = float(subprocess.run([sys.executable, "-c", WATCH_SCRIPT, str(content), str(deck), str(RUNS)], check=True, env=cache_env,
                                 cwd=ROOT, capture_output=True, text=True).stdout.strip())
    rows.append(("rebuild after a text edit, `deckgen watch` (warm process)", watch, "≤ 1.0 × pandoc", pandoc and watch / pandoc))
    fresh = median(DECKGEN + ["build", "--content", str(content), "--out", str(deck)], env=cache_env)
    rows.append(("rebuild after a text edit, fresh `deckgen build` (cache filled)", fresh, "", pandoc and fresh / pandoc))
    cold = median(DECKGEN + ["build", "--no-cache", "--content", str(content), "--out", str(deck)])
    rows.append(("cold build, `deckgen build --no-cache`", cold, "≤ 3.0 × pandoc", pandoc and cold / pandoc))
    print(f"watch {watch:.2f} s, fresh {fresh:.2f} s, cold {cold:.2f} s", flush=True)

    scale = {}
    for deals in (25, 100):
        folder = write_large_review(work / f"large-{deals}", deals=deals)
        scale[deals] = median(DECKGEN + ["build", "--no-cache", "--content", str(folder), "--out", str(work / f"large-{deals}.pptx")],
                              runs=max(3, RUNS // 2))
        print(f"{deals} deals {scale[deals]:.2f} s", flush=True)
    rows.append(("generated review, 25 deals, cold", scale[25], "", None))
    rows.append(("generated review, 100 deals, cold", scale[100], "≤ 4.4 × the 25", scale[100] / scale[25]))
    printed = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, str(work / "large-100"), str(work / "m.pptx")],
                             check=True, cwd=ROOT, capture_output=True, text=True).stdout
    own, children = (int(v) for v in printed.strip().splitlines()[-1].split())
    memory_mb = (own + children) / 1024
    excerpts = median(DECKGEN + ["excerpts", "--content", str(content), "--out-dir", str(work / "excerpts")], runs=3, env=cache_env)
    rows.append(("`deckgen excerpts`, all 7 deals (cache filled)", excerpts, "", None))

    lines = [
        "# Benchmarks",
        "",
        "Made by `make bench` (`bench/run.py`): deckgen and pandoc measured side by side in one run on",
        f"{machine()}.",
        f"Times are medians of {RUNS} runs (3 for the generated reviews and the excerpts); ratios are to",
        "pandoc turning the same deck's text (markdown, one slide per slide) into a .pptx, or to the",
        "25-deal review.",
        "",
        "| measure | median | target | ratio |",
        "| --- | ---: | --- | ---: |",
    ]
    for name, seconds, target, ratio in rows:
        lines.append(f"| {name} | {seconds:.2f} s | {target} | {'' if not ratio else f'{ratio:.2f}'} |")
    lines += [
        "",
        f"Peak memory of the 100-deal cold build: {memory_mb:.0f} MB (the build process and its chart",
        "process together; target: under 500 MB).",
        "",
        "How: survey aggregates and chart pictures are cached on disk (`.cache/deckgen`), keyed by a",
        "hash of what makes them; a warm process (`deckgen watch`) also keeps parsed files, word widths",
        "and drawn charts. A cold build draws its charts in a second process, which imports matplotlib",
        "and draws the charts' common ground while the first loads and plans; the first writes the",
        "slides' XML before it takes the pictures. Slides, text frames, tables and notes are written",
        "as XML directly; charts are PNGs with a palette of 256 colours made once per style.",
        "",
    ]
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "benchmarks.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
