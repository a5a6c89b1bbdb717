"""Process many articles: in order, streaming, optionally across processes, never stopping on one.

Each input yields a :class:`Result` holding either an :class:`~factx.schema.Article` or a
one-line error; the caller writes them as they come, and at most a bounded window of inputs is
in flight, so memory stays flat however large the batch is.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factx.inputs import Source, load

if TYPE_CHECKING:
    from spacy.language import Language

    from factx.schema import Article


@dataclass
class Result:
    """What became of one input: its record, or why there is none."""

    source: Source
    article: Article | None = None
    error: str | None = None
    #: The record as compact JSON, when asked for (``as_json``; worker processes always are:
    #: a string crosses the process boundary far cheaper than a pickled model).
    record_json: str | None = None

    @property
    def record(self) -> Article | str | None:
        """The record: an :class:`Article` or its compact JSON; None if the input failed."""
        return self.article if self.article is not None else self.record_json


def process_source(nlp: Language, src: Source, as_json: bool = False) -> Result:
    """Read ``src`` if needed and extract its record; any failure becomes :attr:`Result.error`.

    With ``as_json`` the record comes as :attr:`Result.record_json` (made piece by piece, so a
    very long article never holds all its records as models at once).
    """
    from pydantic import ValidationError

    from factx.chunks import ComponentError, iter_pieces
    from factx.records import article_json, doc_to_article

    src = load(src)
    if src.error is not None or src.text is None:
        return Result(src, error=src.error or "no text")
    try:
        pieces = iter_pieces(nlp, src.text, src.published)
        if as_json:
            return Result(src, record_json=article_json(pieces, source=src.name, text=src.text))
        # Each piece of a long text becomes records at once, so its Doc can be freed.
        parts = [doc_to_article([piece], source=src.name, text=src.text) for piece in pieces]
        article = parts[0] if len(parts) == 1 else _merge(parts)
    except ComponentError as exc:
        return Result(src, error=f"internal error in {exc} (please report this)")
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        detail = f"{exc.title}.{where}: {first['msg']}, got {str(first.get('input'))[:60]!r}"
        return Result(src, error=f"internal error: invalid record ({detail}) (please report this)")
    except ValueError as exc:  # a bad "published" value of a JSONL record
        return Result(src, error=str(exc).splitlines()[0])
    except RecursionError:
        return Result(src, error="internal error: RecursionError (please report this)")
    except MemoryError:
        return Result(src, error="out of memory")
    return Result(src, article=article)


def _merge(parts: list[Article]) -> Article:
    """One record from the records of an article's pieces (their offsets are already global)."""
    first = parts[0]
    return first.model_copy(
        update={
            "facts": [f for part in parts for f in part.facts],
            "entities": [e for part in parts for e in part.entities],
            "dates": [d for part in parts for d in part.dates],
        }
    )


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


#: Word types a pipeline may collect before a batch swaps in a fresh one. spaCy keeps every
#: lexeme it has made (~0.6 kB each with its strings): measured on 8 × 1,028 articles of new
#: words, a process grew from 208 to 581 MB; with this limit it stays under ~330 MB.
VOCAB_LIMIT = 150_000


def _renewed(nlp: Language, model: str | None) -> Language:
    """``nlp``, or a fresh pipeline once its vocabulary has grown past :data:`VOCAB_LIMIT`."""
    if len(nlp.vocab) <= VOCAB_LIMIT:
        return nlp
    from factx.pipeline import renew

    return renew(model)


# -- worker processes ---------------------------------------------------------------------

_NLP: Language | None = None
_MODEL: str | None = None


def _init_worker(model: str | None) -> None:
    import signal

    global _NLP, _MODEL
    # Ctrl-C is the parent's to handle: it stops the pool; workers would only add tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from factx.api import load as load_pipeline

    _NLP = load_pipeline(model)  # already loaded before the fork: a cache hit
    _MODEL = model


def _work(chunk: list[Source]) -> list[Result]:
    global _NLP
    assert _NLP is not None
    results = []
    for src in chunk:
        # JSON text crosses the process boundary far cheaper than a pickled model
        results.append(process_source(_NLP, src, as_json=True))
        _NLP = _renewed(_NLP, _MODEL)
    for result in results:
        result.source.text = None  # the parent has no use for the text: don't send it back
    return results


def run(
    sources: Iterable[Source],
    jobs: int = 1,
    model: str | None = None,
    chunksize: int = 4,
    nlp: Language | None = None,
    as_json: bool = False,
) -> Iterator[Result]:
    """Extract every source; yield one :class:`Result` per source, in input order.

    Args:
        sources: The inputs; pending ones (:attr:`Source.pending`) are read where processed.
        jobs: Worker processes; 1 processes in this process.
        model: A saved pipeline directory, or None for the packaged pipeline.
        chunksize: Inputs sent to a worker at a time.
        nlp: A loaded pipeline to use instead of ``model`` (``jobs=1`` only).
        as_json: Give each record as JSON text (:attr:`Result.record_json`); worker
            processes always do.
    """
    from factx.api import load as load_pipeline

    own = nlp is None  # a caller's pipeline is used as given, never swapped
    if nlp is None:
        nlp = load_pipeline(model)  # before the fork: the workers share it
    if jobs <= 1:
        for src in sources:
            yield process_source(nlp, src, as_json)
            if own:
                nlp = _renewed(nlp, model)
        return
    # Tables and regexes load on first use: load them here, once, so the forked workers share
    # them instead of each loading its own copy.
    nlp(WARM_UP)
    yield from _run_pool(sources, jobs, model, chunksize)


#: A sentence that makes every component load its tables.
WARM_UP = (
    "Berlin, 3. Mai 2024 – Rund 500 Soldaten der Bundeswehr sollen am Freitag nach Litauen "
    "verlegt werden, sagte Verteidigungsminister Boris Pistorius der Nachrichtenagentur dpa."
)


def _chunked(sources: Iterable[Source], size: int) -> Iterator[list[Source]]:
    chunk: list[Source] = []
    for src in sources:
        chunk.append(src)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


#: Why an input has no record when its worker process died on it.
WORKER_DIED = "the worker process died on this input (out of memory?)"


def _run_pool(
    sources: Iterable[Source], jobs: int, model: str | None, chunksize: int
) -> Iterator[Result]:
    import gc
    import multiprocessing as mp
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # fork shares the pipeline loaded in this process with the workers; gc.freeze keeps the
    # collector from touching (and so copying) those shared pages.
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else None)

    def executor() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            jobs, mp_context=ctx, initializer=_init_worker, initargs=(model,)
        )

    gc.freeze()
    pool = executor()
    # Only a few chunks per worker are in flight, so memory stays flat on any input size.
    pending: deque[tuple[list[Source], Future]] = deque()
    chunks = _chunked(sources, chunksize)
    try:
        while True:
            while len(pending) < jobs * 4:
                chunk = next(chunks, None)
                if chunk is None:
                    break
                pending.append((chunk, pool.submit(_work, chunk)))
            if not pending:
                break
            chunk, future = pending.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                # A worker died (killed, out of memory): redo what was in flight one input at
                # a time in a fresh pool, so only the input that kills a worker is lost.
                redo = [src for c in [chunk, *(c for c, _ in pending)] for src in c]
                pending.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = executor()
                for src in redo:
                    try:
                        yield from pool.submit(_work, [src]).result()
                    except BrokenProcessPool:
                        yield Result(src, error=WORKER_DIED)
                        pool.shutdown(wait=False, cancel_futures=True)
                        pool = executor()
                continue
            yield from results
    finally:
        # Waiting lets running chunks finish (milliseconds) but leaves no worker or queue
        # thread behind to fail noisily at interpreter exit.
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()
