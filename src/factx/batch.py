"""Process many articles: in order, streaming, optionally across processes, never stopping on one.

Each input yields either an :class:`~factx.schema.Article` or an error line; the caller
writes them as they come, so memory stays flat however large the batch is.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factx.inputs import Source

if TYPE_CHECKING:
    from factx.schema import Article


@dataclass
class Result:
    """What became of one input."""

    source: Source
    article: Article | None = None
    error: str | None = None


_NLP = None


def _init_worker(model: str | None) -> None:
    global _NLP
    from factx.api import load

    _NLP = load(model)


def _process(item: tuple[str, str, str | None]) -> tuple[object | None, str | None]:
    name, text, published = item
    from factx.api import extract

    try:
        return extract(text, published=published, source=name, nlp=_NLP), None
    except ValueError as exc:  # a bad --date or "published" value
        return None, str(exc).splitlines()[0]
    except Exception as exc:  # noqa: BLE001 - one article must never stop a batch
        return None, f"internal error: {type(exc).__name__}: {str(exc)[:200]}"


def default_jobs() -> int:
    """The CPU count available to this process."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def run(
    sources: Iterable[Source],
    jobs: int = 1,
    model: str | None = None,
    chunksize: int = 4,
) -> Iterator[Result]:
    """Extract every readable source; yield results in input order."""
    if jobs <= 1:
        _init_worker(model)
        for src in sources:
            if src.error is not None:
                yield Result(src, error=src.error)
                continue
            article, error = _process((src.name, src.text or "", src.published))
            yield Result(src, article=article, error=error)
        return

    import itertools
    import multiprocessing as mp

    ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
    window = max(64, jobs * chunksize * 16)  # bounded look-ahead keeps memory flat
    it = iter(sources)
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(model,)) as pool:
        while True:
            batch = list(itertools.islice(it, window))
            if not batch:
                break
            todo = [(s.name, s.text or "", s.published) for s in batch if s.error is None]
            results = pool.imap(_process, todo, chunksize=chunksize)
            for src in batch:
                if src.error is not None:
                    yield Result(src, error=src.error)
                    continue
                article, error = next(results)
                yield Result(src, article=article, error=error)  # type: ignore[arg-type]
