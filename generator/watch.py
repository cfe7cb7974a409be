"""`deckgen watch`: rebuild on every save, in one warm process (imports, parsed files, word widths
and charts stay in memory between builds)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from .build import prepare, write_deck
from .cache import Cache
from .errors import DeckError


def rebuild(content_dir: Path, out: Path | None, templates: Path | None, echo: Callable[[str], None], cache: Cache | None = None) -> bool:
    """Build once; report the result or every problem. Return whether it built."""
    start = time.perf_counter()
    try:
        prepared = prepare(content_dir, templates, cache)
        result = write_deck(prepared, out)
    except DeckError as exc:
        for problem in exc.problems:
            echo(f"error: {problem}")
        echo("the previous deck is unchanged; watching for the next save")
        return False
    except Exception as exc:  # a defect: say so, and keep watching (the next save may not hit it)
        echo(f"internal error: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}; please report it with `deckgen build --debug` output")
        echo("the previous deck is unchanged; watching for the next save")
        return False
    for warning in result.warnings:
        echo(f"warning: {warning}")
    echo(f"{time.strftime('%H:%M:%S')} wrote {result.path} ({result.slides} slides, {time.perf_counter() - start:.2f} s)")
    return True


def watch_loop(content_dir: Path, out: Path | None, templates: Path | None, changes: Iterable, echo: Callable[[str], None],
               cache: Cache | None = None) -> None:
    """Build now, then once for every batch of changes that `changes` yields."""
    rebuild(content_dir, out, templates, echo, cache)
    for batch in changes:
        names = sorted({Path(path).name for _, path in batch if Path(path).suffix.lower() in RELEVANT})
        if not names:  # an editor's swap or temporary file
            continue
        echo(f"changed: {', '.join(names)}")
        rebuild(content_dir, out, templates, echo, cache)


RELEVANT = {".yaml", ".yml", ".csv", ".xlsx", ".pptx", ".ttf", ".otf", ".png", ".jpg", ".jpeg"}
