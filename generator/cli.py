"""The command line: a thin layer over build(); input problems exit 1, usage errors 2."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from . import __version__
from .errors import DeckError


def fail(exc: DeckError) -> None:
    for problem in exc.problems:
        click.echo(f"error: {problem}", err=True)
    count = len(exc.problems)
    if count > 1:
        click.echo(f"{count} problems; nothing was written.", err=True)
    else:
        click.echo("nothing was written.", err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="deckgen")
def main() -> None:
    """deckgen turns a review folder (YAML findings and a survey export) into a branded PowerPoint deck."""


@main.command()
@click.option("--content", "content_dir", type=click.Path(path_type=Path), default=Path("content"), show_default=True,
              help="The review folder: review.yaml, questionnaire.yaml, deals/, survey/.")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Where to write the deck. Default: output/<slug of the title>.pptx.")
@click.option("--templates", type=click.Path(path_type=Path), default=None,
              help="The folder of brands (default: the project's templates/).")
@click.option("--deal", "deals", multiple=True, metavar="ID",
              help="Build an excerpt with only this deal (id or name); repeatable.")
@click.option("--outline", "show_outline", is_flag=True, help="Also print the planned slides.")
@click.option("--no-cache", is_flag=True, help="Read and write no cache (survey aggregates, chart pictures).")
@click.option("--debug", is_flag=True, help="Show a traceback for input problems.")
def build(content_dir: Path, out: Path | None, templates: Path | None, deals: tuple[str, ...], show_outline: bool, no_cache: bool,
          debug: bool) -> None:
    """Build the deck of a review folder."""
    from .render.pool import shared

    start = time.perf_counter()
    pool = shared()  # a process importing matplotlib now (the console script started it first)
    from .build import build as run
    from .cache import Cache

    try:
        result = run(content_dir, out, templates, list(deals) or None, Cache(None) if no_cache else None, pool)
    except DeckError as exc:
        if debug:
            raise
        fail(exc)
        return
    finally:
        pool.close()
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if show_outline:
        click.echo(str(result.outline))
    click.echo(f"wrote {result.path} ({result.slides} slides, {time.perf_counter() - start:.1f} s)")


CONTENT = click.option("--content", "content_dir", type=click.Path(path_type=Path), default=Path("content"), show_default=True,
                       help="The review folder: review.yaml, questionnaire.yaml, deals/, survey/.")
TEMPLATES = click.option("--templates", type=click.Path(path_type=Path), default=None,
                         help="The folder of brands (default: the project's templates/).")


@main.command()
@CONTENT
@TEMPLATES
@click.option("--out-dir", type=click.Path(path_type=Path), default=Path("output/excerpts"), show_default=True,
              help="Where the excerpts go, one <deal-id>.pptx per deal.")
@click.option("--jobs", type=click.IntRange(1, 64), default=None, help="Decks built at once (default: the machine's cores).")
def excerpts(content_dir: Path, templates: Path | None, out_dir: Path, jobs: int | None) -> None:
    """Build an excerpt deck for every deal, in parallel; remove the excerpts of deals that are gone."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .build import prepare
    from .excerpts import build_excerpts

    try:
        prepared = prepare(content_dir, templates)
        for warning in prepared.warnings:
            click.echo(f"warning: {warning}", err=True)
        total = len(prepared.content.deals)
        with Progress(TextColumn("excerpts"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      TextColumn("{task.description}"), transient=True, disable=not sys.stderr.isatty()) as bar:
            task = bar.add_task("", total=total)
            summary = build_excerpts(prepared, out_dir, jobs, lambda done, _, path: bar.update(task, completed=done, description=path.name))
    except DeckError as exc:
        fail(exc)
        return
    for path in summary.removed:
        click.echo(f"removed {path} (its deal no longer exists)")
    click.echo(f"wrote {len(summary.written)} excerpts to {out_dir} ({summary.slides} slides, {summary.seconds:.1f} s)")


@main.command()
@CONTENT
@TEMPLATES
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Where to write the deck. Default: output/<slug of the title>.pptx.")
def watch(content_dir: Path, templates: Path | None, out: Path | None) -> None:
    """Rebuild the deck on every save under the review folder or templates/ (Ctrl-C stops)."""
    from watchfiles import watch as watch_files

    from .build import project_templates
    from .watch import watch_loop

    templates_dir = templates or project_templates()
    paths = [p for p in (content_dir, templates_dir) if p.exists()]
    click.echo(f"watching {', '.join(str(p) for p in paths)} (Ctrl-C stops)")
    try:
        watch_loop(content_dir, out, templates, watch_files(*paths, debounce=300, step=50), click.echo)
    except KeyboardInterrupt:
        click.echo("stopped")


@main.command()
@click.argument("decks", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, dir_okay=False))
def pdf(decks: tuple[Path, ...]) -> None:
    """Convert DECKS to PDF beside them with LibreOffice (headless, in a fresh profile)."""
    from .office import to_pdf

    try:
        for path in to_pdf(list(decks)):
            click.echo(f"wrote {path}")
    except DeckError as exc:
        fail(exc)


@main.command()
@click.argument("deck", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--out-dir", type=click.Path(path_type=Path), default=Path("output/preview"), show_default=True,
              help="Where the thumbnails and the contact sheet go.")
@click.option("--dpi", type=click.IntRange(20, 300), default=50, show_default=True, help="Resolution of the thumbnails.")
def preview(deck: Path, out_dir: Path, dpi: int) -> None:
    """Render PNG thumbnails of every slide of DECK and one contact sheet."""
    from .office import preview as make_preview

    try:
        thumbs, sheet = make_preview(deck, out_dir, dpi)
    except DeckError as exc:
        fail(exc)
        return
    click.echo(f"wrote {len(thumbs)} thumbnails and {sheet}")


@main.command()
@CONTENT
@TEMPLATES
def check(content_dir: Path, templates: Path | None) -> None:
    """Check a review folder (content, survey, template, text templates) without writing a deck."""
    from .build import plan_deck, prepare

    try:
        prepared = prepare(content_dir, templates)
        outline = plan_deck(prepared.content, prepared.scores, prepared.brand)
    except DeckError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        click.echo(f"{len(exc.problems)} problem{'s' if len(exc.problems) != 1 else ''} found.", err=True)
        sys.exit(1)
    for warning in prepared.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"ok: {content_dir} ({len(prepared.content.deals)} deals, {len(outline.slides)} slides)")


@main.command()
@CONTENT
def survey(content_dir: Path) -> None:
    """Show how the survey export is read, without building: columns, answers, rows left out, respondents."""
    from .survey import describe, read_survey
    from .validate import load_content

    try:
        content = load_content(content_dir)
        config = content.review.survey
        if config is None:
            click.echo(f"{content_dir}: review.yaml names no survey")
            return
        reading = read_survey(content.folder / config.file, config.file, content.questionnaire, content.deals, config)
    except DeckError as exc:
        fail(exc)
        return
    for warning in reading.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(describe(reading, content.questionnaire, content.deals, config.file))


@main.command("new-deal")
@click.argument("name")
@CONTENT
def new_deal(name: str, content_dir: Path) -> None:
    """Write deals/<slug of NAME>.yaml with the next free number and every indicator as a key."""
    from .scaffold import new_deal as scaffold

    try:
        path = scaffold(content_dir, name)
    except DeckError as exc:
        fail(exc)
        return
    click.echo(f"wrote {path}: fill in its findings, and add its respondents to the survey")


@main.command()
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("schemas"), show_default=True,
              help="The folder for review.schema.json, questionnaire.schema.json and deal.schema.json.")
def schema(out_dir: Path) -> None:
    """Write JSON Schemas (draft 2020-12) of the content files, from the models the validator uses."""
    from .schema import write_schemas

    for path in write_schemas(out_dir):
        click.echo(f"wrote {path}")


@main.command()
@click.argument("brand_folder", type=click.Path(path_type=Path, exists=True, file_okay=False))
def template(brand_folder: Path) -> None:
    """Write BRAND_FOLDER/template.pptx (named 16:9 layouts) from its brand.yaml."""
    from .brandkit import make_template

    try:
        click.echo(f"wrote {make_template(brand_folder)}")
    except DeckError as exc:
        fail(exc)


if __name__ == "__main__":
    main()
