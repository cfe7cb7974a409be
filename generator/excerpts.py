"""Every deal's excerpt deck at once, in parallel, with a manifest so stale excerpts can be removed."""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from .build import Prepared, write_deck

MANIFEST = ".excerpts.json"
_shared: Prepared | None = None


@dataclass
class Summary:
    written: list[tuple[Path, int]]
    removed: list[Path]
    seconds: float

    @property
    def slides(self) -> int:
        return sum(n for _, n in self.written)


def _init(prepared: Prepared) -> None:
    global _shared
    _shared = prepared


def _one(deal_id: str, out_dir: str) -> tuple[str, int]:
    result = write_deck(_shared, Path(out_dir) / f"{deal_id}.pptx", [deal_id])
    return str(result.path), result.slides


def build_excerpts(prepared: Prepared, out_dir: Path, jobs: int | None = None, progress=None) -> Summary:
    """Write out_dir/<deal-id>.pptx for every deal; remove the excerpts of deals that are gone.

    Only files this function wrote before (listed in out_dir/.excerpts.json) are ever removed.
    `progress(done, total, path)` is called after each deck.
    """
    start = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    ids = [d.id for d in prepared.content.deals]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(ids) or 1))
    written: list[tuple[Path, int]] = []
    if jobs == 1:
        _init(prepared)
        for deal_id in ids:
            path, slides = _one(deal_id, str(out_dir))
            written.append((Path(path), slides))
            if progress:
                progress(len(written), len(ids), Path(path))
    else:
        context = multiprocessing.get_context("spawn")  # every OS has it; fork is POSIX-only and unsafe after threads
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init, initargs=(prepared,)) as pool:
            futures = [pool.submit(_one, deal_id, str(out_dir)) for deal_id in ids]
            for future in as_completed(futures):
                path, slides = future.result()
                written.append((Path(path), slides))
                if progress:
                    progress(len(written), len(ids), Path(path))
    written.sort(key=lambda item: ids.index(item[0].stem))
    manifest = out_dir / MANIFEST
    before = set(json.loads(manifest.read_text())) if manifest.is_file() else set()
    current = {f"{deal_id}.pptx" for deal_id in ids}
    removed = []
    for name in sorted(before - current):
        path = out_dir / name
        if path.is_file() and "/" not in name:
            path.unlink()
            removed.append(path)
    manifest.write_text(json.dumps(sorted(current), indent=1) + "\n")
    return Summary(written, removed, time.perf_counter() - start)
