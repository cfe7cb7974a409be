"""The `deckgen` console script: for a build, start the chart process before anything heavy is
imported (it needs most of a second to import matplotlib), then run the CLI."""

from __future__ import annotations

import atexit
import gc
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
    if args[:1] == ["build"] and not {"-h", "--help"} & set(args):
        from .render import pool

        pool.start_early()
    from .cli import main as cli

    cli()
