"""The `deckgen` console script. A build that will surely draw charts (no cache, or none drawn
yet) starts the chart process first, so it starts up while this one imports the rest."""

from __future__ import annotations

import atexit
import gc
import os
import sys


def main() -> None:
    # At exit, the interpreter's last garbage collections walk every object of python-pptx,
    # lxml and pydantic for about a tenth of a second; all memory goes back to the system
    # anyway, so the objects are frozen out of those collections first.
    atexit.register(gc.freeze)
    # A build allocates many small objects and keeps most of them to the end, so the
    # default thresholds run about 140 collections that find almost nothing; collect rarely.
    gc.set_threshold(100_000, 20, 20)
    args = sys.argv[1:]
    if args[:1] == ["build"] and not {"-h", "--help"} & set(args) and charts_to_draw(args):
        from .render import pool

        pool.start_early()
    from .cli import main as cli

    if args[:1] != ["build"]:
        cli()
        return
    # A build is done when its deck is written and its messages printed: it ends there, without
    # the interpreter's teardown of every module and object (the chart process is closed by
    # then, and nothing else is left to clean up).
    try:
        cli()
    except SystemExit as exc:
        code = exc.code
    else:
        code = 0
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # None: started without one (pythonw, `>&-`)
                stream.flush()
        except (OSError, ValueError):  # a reader that went away (`deckgen build | head`), a closed stream
            pass
    os._exit(code or 0)


def charts_to_draw(args: list[str]) -> bool:
    """Whether this build will draw charts for certain: it reads no cache, or the cache holds none."""
    from .cache import DEFAULT_DIR

    if "--no-cache" in args or os.environ.get("DECKGEN_CACHE") == "off":
        return True
    root = os.environ.get("DECKGEN_CACHE") or DEFAULT_DIR
    return not os.path.isdir(os.path.join(root, "charts"))
