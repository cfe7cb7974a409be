"""The `deckgen` console script."""

from __future__ import annotations

import atexit
import gc


def main() -> None:
    # At exit, the interpreter's last garbage collections walk every object of python-pptx,
    # lxml and pydantic for about a tenth of a second; all memory goes back to the system
    # anyway, so the objects are frozen out of those collections first.
    atexit.register(gc.freeze)
    # A build allocates many small objects and keeps most of them to the end, so the
    # default thresholds run about 140 collections that find almost nothing; collect rarely.
    gc.set_threshold(100_000, 20, 20)
    from .cli import main as cli

    cli()
