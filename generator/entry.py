"""The `deckgen` console script: for a build, start the chart process before anything heavy is
imported (it needs most of a second to import matplotlib), then run the CLI."""

from __future__ import annotations

import sys


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["build"] and not {"-h", "--help"} & set(args):
        from .render import pool

        pool.start_early()
    from .cli import main as cli

    cli()
