"""The ``extract`` command's work: gather inputs, run the batch, write output and errors.

Kept apart from :mod:`factx.cli` so that the CLI only parses options; this module owns where
bytes go (stdout or an atomically replaced file), progress on stderr, and error records.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from factx.inputs import Source, iter_jsonl, iter_paths, read_source


def entries(paths: list[str], glob: str, from_list: bool) -> list[str | Source]:
    """The inputs named on the command line (or stdin with ``--from-list``), expanded."""
    names: list[str] = list(paths)
    if from_list:
        names = [line.strip() for line in sys.stdin if line.strip()] + [p for p in paths if p != "-"]
    return list(iter_paths(names, glob=glob))


def read_all(
    items: list[str | Source], published: str | None, input_jsonl: bool
) -> Iterator[Source]:
    """Read each input when its turn comes, so only a window of texts is ever in memory."""
    for item in items:
        if isinstance(item, Source):
            yield item
        elif input_jsonl:
            yield from _jsonl_sources(item, published)
        else:
            yield read_source(item, published)


def _jsonl_sources(name: str, published: str | None) -> Iterator[Source]:
    try:
        stream = sys.stdin if name == "-" else open(name, encoding="utf-8", errors="replace")
    except OSError as exc:
        yield Source(name, error=exc.strerror or str(exc))
        return
    with stream if name != "-" else _nullcontext(stream) as fh:
        for src in iter_jsonl(fh, name):
            if published and src.error is None:
                src.published = published  # --date overrides
            yield src


@contextmanager
def _nullcontext(value):
    yield value


@contextmanager
def atomic_output(path: Path | None) -> Iterator[TextIO]:
    """stdout, or a temporary file next to ``path`` renamed over it when all went well."""
    if path is None:
        yield sys.stdout
        return
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def run_extract(
    paths: list[str],
    fmt: str,
    published: str | None,
    output: Path | None,
    errors: Path | None,
    glob: str,
    from_list: bool,
    input_jsonl: bool,
    jobs: int | None,
    model: str | None,
    quiet: bool,
    message: Callable[[str, bool], None],
    error: Callable[[str, str], None],
) -> int:
    """Run ``factx extract``; returns how many inputs failed."""
    from factx.batch import default_jobs, run
    from factx.render import Writer

    items = entries(paths, glob, from_list)
    if jobs is None:
        jobs = default_jobs()
    if not input_jsonl:
        jobs = max(1, min(jobs, sum(1 for i in items if not isinstance(i, Source))))
    failed = 0
    error_file = open(errors, "w", encoding="utf-8") if errors else None
    progress = _progress(None if input_jsonl else len(items), quiet)
    try:
        with atomic_output(output) as out:
            writer = Writer(fmt, out)
            for result in run(read_all(items, published, input_jsonl), jobs=jobs, model=model):
                src = result.source
                for warning in src.warnings:
                    message(f"warning: {src.name}: {warning}", quiet)
                if result.error is not None:
                    failed += 1
                    error(src.name, result.error)
                    if error_file:
                        error_file.write(
                            json.dumps({"source": src.name, "error": result.error}) + "\n"
                        )
                        error_file.flush()
                else:
                    writer.write(result.article)
                if progress:
                    progress.advance()
    finally:
        if progress:
            progress.stop()
        if error_file:
            error_file.close()
    return failed


class _Progress:
    def __init__(self, total: int | None) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )
        from rich.console import Console

        self._progress = Progress(
            TextColumn("factx"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} articles/s"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._task = self._progress.add_task("extract", total=total, rate="-")
        self._progress.start()

    def advance(self) -> None:
        self._progress.advance(self._task)
        task = self._progress.tasks[0]
        if task.speed:
            self._progress.update(self._task, rate=f"{task.speed:.0f}")

    def stop(self) -> None:
        self._progress.stop()


def _progress(total: int | None, quiet: bool) -> _Progress | None:
    if quiet or (total is not None and total < 2) or not sys.stderr.isatty():
        return None
    return _Progress(total)
