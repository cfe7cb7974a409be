"""The command line: a thin layer over build(); input problems exit 1, usage errors 2."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from . import __version__
from .errors import DeckError

INTERNAL = 3
"""The exit status of a defect in deckgen itself (1 is a problem in the input, 2 wrong usage)."""


def fail(exc: DeckError) -> None:
    for problem in exc.problems:
        click.echo(f"error: {problem}", err=True)
    count = len(exc.problems)
    if count > 1:
        click.echo(f"{count} problems; nothing was written.", err=True)
    else:
        click.echo("nothing was written.", err=True)
    sys.exit(1)


def debugging() -> bool:
    """Whether --debug was given (before or after the command) or DECKGEN_DEBUG is set."""
    ctx = click.get_current_context(silent=True)
    return bool(os.environ.get("DECKGEN_DEBUG")) or bool(ctx is not None and ctx.meta.get("deckgen.debug"))


def set_debug(ctx: click.Context, _param, value: bool) -> bool:
    if value:
        ctx.meta["deckgen.debug"] = True
    return value


DEBUG = click.option("--debug", is_flag=True, expose_value=False, is_eager=True, callback=set_debug,
                     help="Show the traceback of any error (for a bug report).")


class Guarded(click.Group):
    """Every command runs behind one guard: a problem in the input exits 1 with its messages, a
    defect in deckgen exits 3 with one line (the traceback only with --debug), never a traceback."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        if not any(param.name == "debug" for param in cmd.params):
            DEBUG(cmd)  # every command takes --debug
        super().add_command(cmd, name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # the reader of the output went away (`deckgen build | head`): no defect of ours
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # Python's own advice: nothing more is written to the pipe at exit
            sys.exit(1)
        except DeckError as exc:
            if debugging():
                raise
            fail(exc)
        except Exception as exc:
            if debugging():
                raise
            text = " ".join(str(exc).split())[:300]
            click.echo(f"internal error: {type(exc).__name__}{': ' + text if text else ''}", err=True)
            click.echo("please report it with the output of the same command run with --debug", err=True)
            sys.exit(INTERNAL)


@click.group(cls=Guarded, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="deckgen")
@DEBUG
def main() -> None:
    """deckgen turns a review folder (YAML findings and a survey export) into a branded PowerPoint deck.

    Exit status: 0 done, 1 a problem in the input, 2 wrong usage, 3 a defect in deckgen."""


@main.command()
@click.option("--content", "content_dir", type=click.Path(path_type=Path), default=Path("content"), show_default=True,
              help="The review folder: review.yaml, questionnaire.yaml, deals/, survey/.")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Where to write the deck. Default: output/<slug of the title>.pptx.")
@click.option("--templates", type=click.Path(path_type=Path), default=None,
              help="The folder of brands (default: $DECKGEN_TEMPLATES, templates/ beside the review folder, ./templates).")
@click.option("--deal", "deals", multiple=True, metavar="ID",
              help="Build an excerpt with only this deal (id or name); repeatable.")
@click.option("--outline", "show_outline", is_flag=True, help="Also print the planned slides.")
@click.option("--no-cache", is_flag=True, help="Read and write no cache: validate, plan, render and draw everything anew "
              "(a template is still read once per template).")
@click.option("--brand", "brand_name", metavar="NAME", default=None, help="Build on this brand instead of the review's `brand:`.")
def build(content_dir: Path, out: Path | None, templates: Path | None, deals: tuple[str, ...], show_outline: bool, no_cache: bool,
          brand_name: str | None) -> None:
    """Build the deck of a review folder."""
    from .render.pool import shared

    start = time.perf_counter()
    pool = shared()  # a second process: started already by the console script, or when the first chart must be drawn
    from .build import build as run
    from .cache import Cache

    try:
        result = run(content_dir, out, templates, list(deals) or None, Cache(None) if no_cache else None, pool, brand_name)
    finally:
        pool.close()
    if not no_cache:
        Cache().sweep()  # entries no build used for a month (at most once a day)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if show_outline:
        click.echo(str(result.outline))
    click.echo(f"wrote {result.path} ({result.slides} slides, {time.perf_counter() - start:.1f} s)")


CONTENT = click.option("--content", "content_dir", type=click.Path(path_type=Path), default=Path("content"), show_default=True,
                       help="The review folder: review.yaml, questionnaire.yaml, deals/, survey/.")
TEMPLATES = click.option("--templates", type=click.Path(path_type=Path), default=None,
                         help="The folder of brands (default: $DECKGEN_TEMPLATES, templates/ beside the review folder, ./templates).")


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

    from .brand import template_places
    from .watch import watch_loop

    if not content_dir.is_dir():
        raise DeckError(f"{content_dir}: review folder not found")
    paths = [content_dir] + [folder for folder, _ in template_places(content_dir, templates) if folder.is_dir()]
    click.echo(f"watching {', '.join(str(p) for p in paths)} (Ctrl-C stops)")
    try:
        watch_loop(content_dir, out, templates, watch_files(*paths, debounce=300, step=50), click.echo)
    except KeyboardInterrupt:
        click.echo("stopped")


def decks_only(paths: tuple[Path, ...]) -> list[Path]:
    """The decks among paths a shell's *.pptx matched: lock files and AppleDouble files are skipped with a note."""
    from .office import skipped

    decks = []
    for path in paths:
        reason = skipped(path)
        if reason:
            click.echo(f"skipped {path}: {reason}", err=True)
        else:
            decks.append(path)
    if not decks:
        click.echo("error: no deck to convert: every file given was skipped", err=True)
        sys.exit(1)
    return decks


@main.command()
@click.argument("decks", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--tagged/--no-tagged", default=True, show_default=True,
              help="Write a tagged, accessible PDF (PDF/UA, the deck's language and title); --no-tagged: a plain PDF.")
def pdf(decks: tuple[Path, ...], tagged: bool) -> None:
    """Convert DECKS to PDF beside them with LibreOffice (headless, in a fresh profile).

    By default the PDF is tagged PDF/UA: a structure tree with the slides' text, alternative text
    and table headers, the language of the deck's text and its title as the window title.

    Files named ~$*.pptx (PowerPoint's lock files) and ._* (macOS) are skipped. LibreOffice is
    looked for on PATH and in its usual install folder; set DECKGEN_SOFFICE to use another one.
    """
    from .office import to_pdf

    todo = decks_only(decks)
    done: list[Path] = []

    def written(path: Path) -> None:
        done.append(path)
        click.echo(f"wrote {path}")

    try:
        to_pdf(todo, tagged=tagged, written=written)
    except DeckError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        rest = len(todo) - len(done) - 1
        click.echo(f"{len(done)} PDF{'s' if len(done) != 1 else ''} written; this deck's PDF was not"
                   + (f", nor the {rest} after it." if rest else "."), err=True)
        sys.exit(1)


@main.command()
@click.argument("decks", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--out-dir", type=click.Path(path_type=Path), default=Path("output/preview"), show_default=True,
              help="Where the thumbnails and the contact sheet go (with several decks: a folder per deck in it).")
@click.option("--dpi", type=click.IntRange(20, 300), default=50, show_default=True, help="Resolution of the thumbnails.")
def preview(decks: tuple[Path, ...], out_dir: Path, dpi: int) -> None:
    """Render PNG thumbnails of every slide of DECKS and one contact sheet per deck."""
    from .office import preview as make_preview

    todo = decks_only(decks)
    try:
        for deck in todo:
            thumbs, sheet = make_preview(deck, out_dir if len(todo) == 1 else out_dir / deck.stem, dpi)
            click.echo(f"wrote {len(thumbs)} thumbnails and {sheet}")
    except DeckError as exc:
        fail(exc)


@main.command()
@CONTENT
@TEMPLATES
@click.option("--accessibility", "deck", type=click.Path(path_type=Path, exists=True, dir_okay=False), default=None,
              metavar="FILE.pptx", help="Instead, check this deck by the rules of PowerPoint's Accessibility Checker "
                                        "and WCAG 2.1 AA contrast.")
def check(content_dir: Path, templates: Path | None, deck: Path | None) -> None:
    """Check a review folder (content, survey, template, text templates) without writing a deck.

    With --accessibility FILE.pptx: check that deck for alternative text, slide titles, reading order,
    table headers, link text, contrast and language; exit 1 when there is a finding.
    """
    if deck is not None:
        check_accessibility(deck)
        return
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
    brand = prepared.brand
    click.echo(f"brand: {brand.spec.name} ({brand.template.as_posix()})")
    for line in mapping_lines(brand.choices):
        click.echo(line)
    click.echo(f"ok: {content_dir} ({len(prepared.content.deals)} deals, {len(outline.slides)} slides)")


def mapping_lines(choices: dict) -> list[str]:
    """One line per role: the layout that serves it and why."""
    return [f"  {role:<9} -> '{choice.layout.name}' ({choice.how})" for role, choice in choices.items()]


@main.command()
@click.argument("deck", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@CONTENT
@click.option("--apply", "write", is_flag=True, help="Write the changes into the review's YAML files (default: only show them).")
def pull(deck: Path, content_dir: Path, write: bool) -> None:
    """Bring a reviewed deck's text edits back into the YAML it was built from.

    Shows a diff per file and what was pulled, not pulled (text deckgen makes) and in conflict
    (changed in the YAML and in the deck); --apply writes the files."""
    from .pull import pull as run_pull
    from .write import write_atomic

    result = run_pull(deck, content_dir)
    for file, diff in result.diffs.items():
        click.echo(diff, nl=False)
    for line in result.pulled:
        click.echo(f"pulled: {line}")
    for line in result.not_pulled:
        click.echo(f"not pulled: {line}")
    for line in result.conflicts:
        click.echo(f"conflict: {line}")
    click.echo(f"{len(result.pulled)} pulled, {len(result.not_pulled)} not pulled, {len(result.conflicts)} conflicts")
    if write:
        for file, text in result.new_text.items():
            write_atomic(Path(content_dir) / file, text.encode("utf-8"))
        click.echo(f"wrote {', '.join(result.new_text) or 'nothing'}")
    elif result.new_text:
        click.echo("nothing was written; run again with --apply to write these changes")


def check_accessibility(deck: Path) -> None:
    from .accessibility import check_deck

    try:
        findings = check_deck(deck)
    except DeckError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        sys.exit(1)
    for finding in findings:
        click.echo(f"{deck}: {finding}")
    if findings:
        click.echo(f"{len(findings)} accessibility finding{'s' if len(findings) != 1 else ''}.", err=True)
        sys.exit(1)
    click.echo(f"ok: {deck}: no accessibility findings")


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


@main.group()
def brand() -> None:
    """Brands: a firm's own PowerPoint master as deckgen's house style."""


@brand.command("new")
@click.argument("name")
@click.option("--from", "source", required=True, type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="The firm's master: a .pptx or .potx, used as it is.")
@click.option("--layout", "layouts", multiple=True, metavar="ROLE=LAYOUT",
              help="The layout that serves a role (cover, contents, divider, content, closing); repeatable.")
@click.option("--templates", type=click.Path(path_type=Path), default=Path("templates"), show_default=True,
              help="The folder of brands to write NAME/ into.")
def brand_new(name: str, source: Path, layouts: tuple[str, ...], templates: Path) -> None:
    """Make brand NAME from a firm's master: TEMPLATES/NAME/ with the file as given and a brand.yaml."""
    from .brandnew import new_brand, parse_layouts

    try:
        explicit = parse_layouts(layouts)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--layout") from None
    made = new_brand(name, source, explicit, templates)
    for warning in made.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"wrote {made.folder.as_posix()}/ ({made.template_name}, brand.yaml); the layouts:")
    for line in mapping_lines(made.choices):
        click.echo(line)
    click.echo(f"build with it: deckgen build --brand {name}   (or `brand: {name}` in review.yaml)")


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
