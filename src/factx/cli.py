"""The ``factx`` command line: a thin layer over :mod:`factx.api`.

Exit codes: 0 all inputs processed; 1 at least one input failed (each failure is one line
``factx: error: PATH: reason`` on stderr); 2 usage errors (bad option, bad ``--date``).
"""

from __future__ import annotations

import gc
import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="factx",
    help="Extract troop counts, actors, places, dates and claims from German news articles.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # plain usage errors: "Error: Invalid value for '--date': ..." on one line, no box
    rich_markup_mode=None,
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
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = None,
) -> None:
    """factx: facts from German news — who, how many, where, when, and who says so."""


def _error(name: str, reason: str) -> None:
    typer.echo(f"factx: error: {name}: {reason}", err=True)


def _writable(path: Path | None, option: str) -> None:
    """A usage error now, rather than after the batch, for a file that cannot be written."""
    if path is None:
        return
    parent = path.parent
    if path.is_dir():
        raise typer.BadParameter(f"{path} is a folder", param_hint=option)
    if not parent.is_dir():
        raise typer.BadParameter(f"no such folder: {parent}", param_hint=option)
    if not os.access(parent, os.W_OK):
        raise typer.BadParameter(f"cannot write in {parent}", param_hint=option)


@app.command()
def extract(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Article files, folders (searched recursively), or - for stdin.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        Format | None,
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
        str | None,
        typer.Option(
            "--date",
            "-d",
            help="Publication date (YYYY, YYYY-MM, YYYY-MM-DD, ISO datetime, or a German date "
            "with a year such as '23. Oktober 2024'); overrides a date found in the text.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to FILE (through a temporary file renamed when done, so an "
            "interrupted run never leaves half a file).",
        ),
    ] = None,
    errors: Annotated[
        Path | None,
        typer.Option(
            "--errors", help='Also write one JSON line {"source", "error"} per failed input.'
        ),
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
            help='text: each file is an article; jsonl: each line is {"id", "text", "published"}.',
        ),
    ] = InputFormat.text,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", help="Worker processes (default: the CPU count).", min=1),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option("--model", help="Use a saved factx pipeline directory instead."),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="No warnings, summary or progress bar on stderr."),
    ] = False,
) -> None:
    """Extract facts from German news articles.

    Exit status: 0 when every input was processed, 1 when any failed (each failure is one
    line "factx: error: PATH: reason" on stderr; the others are still processed), 2 for a
    usage error.
    """
    from factx.output import run_extract

    if not paths and not from_list:
        raise typer.BadParameter("give article files, folders, or - for stdin", param_hint="PATHS")
    if date is not None:
        from factx.dates import parse_anchor

        try:
            parse_anchor(date)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--date") from None
    _writable(output, "--output")
    _writable(errors, "--errors")
    if fmt is None:
        fmt = Format.table if (output is None and sys.stdout.isatty()) else Format.json
    try:
        failed = run_extract(
            paths=paths or [],
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
        )
    except KeyboardInterrupt:
        typer.echo("factx: interrupted", err=True)
        raise typer.Exit(130) from None
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
        _silence_stdout()
        sys.exit(1)
    finally:
        # The interpreter's last act is a full collection over every object (~70 ms with
        # spaCy loaded); the output is written and every file closed by now, so nothing is
        # left for it to finalise: frozen objects are skipped.
        gc.freeze()


def _silence_stdout() -> None:
    # The reader has gone: point stdout at /dev/null so the interpreter's final flush of what
    # is still buffered raises no second BrokenPipeError.
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - stdout without a file descriptor
        pass
