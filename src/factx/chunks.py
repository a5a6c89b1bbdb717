"""Run the pipeline on one text, cutting very long articles into paragraph chunks.

spaCy refuses texts over ``nlp.max_length`` and its memory grows with the text; a 20 MB
"article" is cut at paragraph (else line, sentence, space) boundaries into pieces of at most
:data:`CHUNK_CHARS`, each processed as its own ``Doc`` and kept with its offset, so that records
keep offsets into the whole input.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Longest piece handed to spaCy at once (read at call time, so tests can lower it).
CHUNK_CHARS = 100_000

#: Where a cut is best made, best first; a cut never falls in the first quarter of a piece.
_BREAKS = ("\n\n", "\n", ". ", " ")

#: The component that reads the publication date from the header: only the first piece has one.
_HEADER_COMPONENT = "factx_published"

Item = tuple[str, "str | None", str]
Pieces = list[tuple[int, "Doc"]]


class ComponentError(Exception):
    """A pipeline component raised; says which one, so that the failure can be reported."""

    def __init__(self, component: str, error: BaseException) -> None:
        self.component = component
        self.error = error
        detail = str(error).splitlines()[0][:200] if str(error) else ""
        super().__init__(f"{component}: {type(error).__name__}" + (f": {detail}" if detail else ""))


def split_text(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    """Cut ``text`` into ``(offset, piece)`` parts of at most ``limit`` chars at natural breaks.

    The pieces, joined, are ``text`` again, and ``text[offset:offset + len(piece)] == piece``.
    """
    limit = CHUNK_CHARS if limit is None else limit
    if limit < 1:
        raise ValueError("limit must be positive")
    parts: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        cut = limit  # no break at all: a hard cut
        for sep in _BREAKS:
            at = text.rfind(sep, start + limit // 4, start + limit)
            if at >= 0:
                cut = at - start + len(sep)
                break
        parts.append((start, text[start : start + cut]))
        start += cut
    parts.append((start, text[start:]))
    return parts


def run_pipeline(nlp: Language, doc: Doc, skip: frozenset[str] = frozenset()) -> Doc:
    """Apply each pipeline component to ``doc``, like ``nlp(doc)``, naming the one that fails.

    Raises:
        ComponentError: When a component raises; the original error is its cause.
    """
    for name, proc in nlp.pipeline:
        if name in skip:
            continue
        try:
            doc = proc(doc)
        except Exception as exc:
            raise ComponentError(name, exc) from exc
    return doc


def process(nlp: Language, text: str, published: str | None = None) -> Pieces:
    """The processed ``(offset, Doc)`` pieces of one article (one piece unless it is long).

    Raises:
        ValueError: For a ``published`` value that is not a date.
        ComponentError: When a component fails on the text.
    """
    return list(iter_pieces(nlp, text, published))


def iter_pieces(
    nlp: Language, text: str, published: str | None = None
) -> Iterator[tuple[int, Doc]]:
    """Like :func:`process`, one piece at a time, so that a caller can let each ``Doc`` go."""
    from factx.api import make_doc

    limit = min(CHUNK_CHARS, nlp.max_length)
    if len(text) <= limit:
        yield 0, run_pipeline(nlp, make_doc(nlp, text, published))
        return
    found = None
    for offset, piece in split_text(text, limit):
        doc = make_doc(nlp, piece, published)
        if offset == 0:
            doc = run_pipeline(nlp, doc)
            found = doc._.factx_published
            if found is not None and found.get("start") is not None:
                found = dict(found, start=found["start"] + offset, end=found["end"] + offset)
                doc._.factx_published = found
        else:
            # Later pieces start mid-article: their first lines are no header, so the date found
            # in the first piece (or none) is the anchor for their relative dates.
            if found is not None:
                doc._.factx_published = dict(found, start=None, end=None)
            doc = run_pipeline(nlp, doc, skip=frozenset({_HEADER_COMPONENT}))
        yield offset, doc


def pipe_texts(
    nlp: Language, items: Iterable[Item], batch_size: int = 32
) -> Iterator[tuple[Item, Pieces]]:
    """Yield each ``(text, published, source)`` item with its processed pieces, in order.

    The factx components work one ``Doc`` at a time, so ``batch_size`` (kept for callers) does
    not change the result; the first failure is raised as :class:`ComponentError`.
    """
    for item in items:
        text, published, _source = item
        yield item, process(nlp, text, published)
