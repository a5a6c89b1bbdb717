"""The ``factx`` command line: a thin layer over :mod:`factx.api`.

Exit codes: 0 all inputs processed; 1 at least one input failed (each failure is one line
``factx: error: PATH: reason`` on stderr); 2 usage errors (bad option, bad ``--date``).
"""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(
    name="factx",
    help="Extract troop counts, actors, places, dates and claims from German news articles.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


class Format(str, Enum):
    """Output formats."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class InputFormat(str, Enum):
    """How inputs are read."""

    text = "text"
    jsonl = "jsonl"


def _version(value: bool) -> None:
    if value:
        from factx import __version__

        typer.echo(f"factx {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        Optional[bool],  # noqa: UP007 - typer needs Optional on 3.10
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = None,
) -> None:
    """factx: facts from German news — who, how many, where, when, and who says so."""


def _message(text: str, quiet: bool = False) -> None:
    if not quiet:
        typer.echo(f"factx: {text}", err=True)


def _error(name: str, reason: str) -> None:
    typer.echo(f"factx: error: {name}: {reason}", err=True)


@app.command()
def extract(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Article files (.txt), folders (searched recursively), or - for stdin.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        Optional[Format],  # noqa: UP007
        typer.Option(
            "--format",
            "-f",
            help="Output format. Default: table on a terminal, json when piped "
            "(one indented document per article); jsonl is one line per article, csv one "
            "row per fact.",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        Optional[str],  # noqa: UP007
        typer.Option(
            "--date",
            "-d",
            help="Publication date (YYYY, YYYY-MM, YYYY-MM-DD or ISO datetime); overrides "
            "a date found in the text.",
        ),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP007
        typer.Option(
            "--output", "-o", help="Write to FILE (atomically: a temporary file, then renamed)."
        ),
    ] = None,
    errors: Annotated[
        Optional[Path],  # noqa: UP007
        typer.Option("--errors", help="Also write one JSON line per failed input to FILE."),
    ] = None,
    glob: Annotated[
        str, typer.Option("--glob", help="Which files to take from folders.")
    ] = "*.txt",
    from_list: Annotated[
        bool,
        typer.Option("--from-list", help="Read the paths to process from stdin, one per line."),
    ] = False,
    input_format: Annotated[
        InputFormat,
        typer.Option(
            "--input-format",
            help='text: files are articles; jsonl: each line is {"id", "text", "published"}.',
        ),
    ] = InputFormat.text,
    jobs: Annotated[
        Optional[int],  # noqa: UP007
        typer.Option("--jobs", "-j", help="Worker processes (default: the CPU count).", min=1),
    ] = None,
    model: Annotated[
        Optional[str],  # noqa: UP007
        typer.Option("--model", help="Use a saved factx pipeline directory instead."),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No messages or progress on stderr.")
    ] = False,
) -> None:
    """Extract facts from German news articles."""
    from factx.output import run_extract

    if date is not None:
        from factx.dates import parse_anchor

        try:
            parse_anchor(date)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--date") from None
    if fmt is None:
        fmt = Format.table if (output is None and sys.stdout.isatty()) else Format.json
    failed = run_extract(
        paths=paths,
        fmt=fmt.value,
        published=date,
        output=output,
        errors=errors,
        glob=glob,
        from_list=from_list,
        input_jsonl=input_format is InputFormat.jsonl,
        jobs=jobs,
        model=model,
        quiet=quiet,
        message=_message,
        error=_error,
    )
    raise typer.Exit(1 if failed else 0)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the records factx writes."""
    from factx.schema import json_schema

    typer.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold annotations (JSONL, one article a line).")],
    texts: Annotated[Path, typer.Argument(help="Folder with the texts, NNN.txt per gold id.")],
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List misses, false alarms and mismatches.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score factx against gold troop-count annotations (precision, recall, F1, accuracies)."""
    from factx.evaluate import evaluate as run_eval
    from factx.evaluate import format_report

    try:
        report = run_eval(gold, texts)
    except (OSError, ValueError) as exc:
        _error(str(gold), str(exc).splitlines()[0])
        raise typer.Exit(1) from None
    if as_json:
        typer.echo(json.dumps(report.scores(), indent=2))
    else:
        typer.echo(format_report(report, verbose=verbose))


def main() -> None:
    """Console-script entry point (quiet on a closed pipe, e.g. ``factx ... | head -1``)."""
    try:
        app()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("factx: interrupted", err=True)
        sys.exit(130)
