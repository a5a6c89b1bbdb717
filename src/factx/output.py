"""The ``extract`` command's work: gather inputs, run the batch, write records, report on stderr.

Kept apart from :mod:`factx.cli` so that the CLI only parses options. This module owns where
bytes go: records to stdout or to a file replaced atomically, messages, errors and the progress
bar to stderr, error records to ``--errors``.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from factx.inputs import Source, iter_jsonl, iter_paths, os_reason, read_source

if TYPE_CHECKING:
    from rich.progress import Progress


def entries(paths: Iterable[str], glob: str, from_list: bool) -> list[str | Source]:
    """The inputs named on the command line (and on stdin with ``--from-list``), expanded.

    Only names are collected here (texts are read when their turn comes), so the list is small
    even for a million files, and it gives the progress bar its total.
    """
    names = [p for p in paths if not (from_list and p == "-")]
    if from_list:
        listed = (line.rstrip("\r\n") for line in sys.stdin)
        names = [line for line in listed if line.strip()] + names
    return list(iter_paths(names, glob=glob))


def sources(
    items: Iterable[str | Source], published: str | None, input_jsonl: bool
) -> Iterator[Source]:
    """One :class:`Source` per article; files are left to be read where they are processed."""
    for item in items:
        if isinstance(item, Source):
            yield item
        elif input_jsonl:
            yield from _jsonl_sources(item, published)
        elif item == "-":
            yield read_source("-", published)  # stdin can only be read here
        else:
            yield Source(item, published=published, path=item)


def _jsonl_sources(name: str, published: str | None) -> Iterator[Source]:
    if name == "-":
        yield from iter_jsonl(sys.stdin, "-", published)
        return
    try:
        fh = open(name, encoding="utf-8-sig", errors="replace")
    except OSError as exc:
        yield Source(name, error=os_reason(exc))
        return
    with fh:
        try:
            yield from iter_jsonl(fh, name, published)
        except OSError as exc:  # e.g. a folder given as a JSONL file
            yield Source(name, error=os_reason(exc))


@contextmanager
def atomic_output(path: Path | None) -> Iterator[TextIO]:
    """stdout, or a temporary file beside ``path`` renamed over it once all is written.

    An interrupted run leaves ``path`` as it was (absent, or the previous complete output).
    """
    if path is None:
        yield sys.stdout
        return
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600: give the usual permissions
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _utf8(stream: TextIO) -> None:
    # JSON and CSV are UTF-8 whatever the locale says (an ASCII locale would fail on "ü").
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and (stream.encoding or "").lower().replace("-", "") != "utf8":
        try:
            reconfigure(encoding="utf-8")
        except (ValueError, OSError):  # pragma: no cover - a stream that was already written
            pass


class Reporter:
    """Messages, errors and the progress bar on stderr, kept from garbling each other.

    Args:
        total: How many inputs, or None when unknown (JSONL).
        quiet: No warnings, summary or progress; errors are still reported.
        progress: Whether to show a progress bar (only ever on a terminal).
        errors: A stream for ``--errors`` JSON records, or None.
    """

    def __init__(
        self, total: int | None, quiet: bool, progress: bool, errors: TextIO | None = None
    ) -> None:
        self.total = total
        self.quiet = quiet
        self.errors = errors
        self.done = 0
        self.failed = 0
        self._want_progress = progress and not quiet
        self._progress: Progress | None = None
        self._task = None
        self._start = time.monotonic()

    def _print(self, line: str) -> None:
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=sys.stderr, flush=True)

    def warning(self, name: str, text: str) -> None:
        """``factx: warning: NAME: text`` unless quiet."""
        if not self.quiet:
            self._print(f"factx: warning: {name}: {text}")

    def error(self, name: str, reason: str) -> None:
        """``factx: error: NAME: reason``, and a record in the ``--errors`` file."""
        self.failed += 1
        self._print(f"factx: error: {name}: {reason}")
        if self.errors is not None:
            self.errors.write(json.dumps({"source": name, "error": reason}, ensure_ascii=False))
            self.errors.write("\n")
            self.errors.flush()

    def advance(self) -> None:
        """One more input done."""
        self.done += 1
        if self._want_progress and self._progress is None:
            self._start_progress()  # after the first result: worker processes exist by then
        if self._progress is not None:
            self._progress.update(self._task, completed=self.done, rate=self._rate())

    def _rate(self) -> str:
        elapsed = time.monotonic() - self._start
        return f"{self.done / elapsed:,.0f}" if elapsed > 0 else "-"

    def _start_progress(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("factx"),
            BarColumn(),
            MofNCompleteColumn() if self.total is not None else TextColumn("{task.completed}"),
            TextColumn("files" if self.total is not None else "articles"),
            TextColumn("{task.fields[rate]} articles/s"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._task = self._progress.add_task("extract", total=self.total, rate="-")
        self._progress.start()

    def close(self) -> None:
        """Stop the progress bar; say how many inputs failed."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
        if self.failed and not self.quiet and self.done > 1:
            self._print(f"factx: {self.failed} of {self.done} inputs failed")


def _load_pipeline(model: str | None) -> None:
    """Load the pipeline ``run`` takes (it is cached), then freeze what start-up has made.

    This is where ``run`` would load it at its first result. Nearly every object alive now
    (spaCy, the tables, the compiled rules) lives as long as the batch: ``gc.freeze`` moves
    them out of the collector's way, so no collection scans them again (a first one alone
    scans ~0.5 million), until ``run_extract`` unfreezes them at its end. Nothing is lost
    meanwhile: a frozen pipeline swapped for a fresh one is still freed by its reference count.
    The records do not change (``run`` warms a pipeline up the same way before it forks).
    """
    from factx.api import load
    from factx.batch import WARM_UP
    from factx.collector import paused

    with paused():  # load pauses the collector too, but would restart it before the freeze
        nlp = load(model)
        # One sentence loads the tables the components read on first use (the gazetteer
        # alone makes ~100,000 objects), so that they are frozen too. A pipeline that fails
        # on it is left to fail on the inputs, where each failure is reported.
        with suppress(Exception):
            nlp(WARM_UP)
        gc.freeze()


def run_extract(
    paths: list[str],
    fmt: str,
    published: str | None = None,
    output: Path | None = None,
    errors: Path | None = None,
    glob: str = "*.txt",
    from_list: bool = False,
    input_jsonl: bool = False,
    jobs: int | None = None,
    model: str | None = None,
    quiet: bool = False,
) -> int:
    """Run ``factx extract``; returns how many inputs failed."""
    from factx.batch import default_jobs, run
    from factx.render import Writer

    items = entries(paths, glob, from_list)
    known = sum(1 for item in items if not isinstance(item, Source))
    if jobs is None:
        jobs = default_jobs()
    if not input_jsonl:
        jobs = max(1, min(jobs, known))  # no pool for a single file: it would only cost time
    total = None if input_jsonl else len(items)
    show_progress = sys.stderr.isatty() and (input_jsonl or len(items) > 1)
    error_file = open(errors, "w", encoding="utf-8") if errors is not None else None
    reporter = Reporter(total, quiet, show_progress, error_file)
    try:
        with atomic_output(output) as out:
            if out is sys.stdout and fmt != "table":
                _utf8(out)
            writer = Writer(fmt, out)
            _load_pipeline(model)
            results = run(
                sources(items, published, input_jsonl),
                jobs=jobs,
                model=model,
                # records come as JSON text, never as models: JSONL writes it as it is, JSON
                # lays it out (render.indented), so a long article never holds its models
                as_json=fmt in ("jsonl", "json"),
            )
            with closing(results):  # stops worker processes at once if writing fails
                for result in results:
                    src = result.source
                    for warning in src.warnings:
                        reporter.warning(src.name, warning)
                    if result.record is not None:
                        writer.write(result.record)
                    else:
                        reporter.error(src.name, result.error or "failed")
                    reporter.advance()
            writer.close()
    finally:
        gc.unfreeze()  # see _load_pipeline
        reporter.close()
        if error_file is not None:
            error_file.close()
    return reporter.failed
