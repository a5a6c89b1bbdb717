"""Feed texts through the pipeline in batches, splitting very long articles into paragraphs.

spaCy refuses texts over ``nlp.max_length`` and its memory grows with the text; a 20 MB
"article" is cut at paragraph (else line, else space) boundaries into pieces of at most
:data:`CHUNK_CHARS`, each processed as its own ``Doc`` and remembered with its offset so that
records keep offsets into the whole input.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Longest piece handed to spaCy at once.
CHUNK_CHARS = 100_000

Item = tuple[str, "str | None", str]
Pieces = list[tuple[int, "Doc"]]


def split_text(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """Cut ``text`` into ``(offset, piece)`` parts of at most ``limit`` chars at natural breaks."""
    parts: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            cut = window.rfind(sep)
            if cut > limit // 4:
                cut += len(sep)
                break
        if cut <= limit // 4:
            cut = limit
        parts.append((start, text[start : start + cut]))
        start += cut
    parts.append((start, text[start:]))
    return parts


def pipe_texts(
    nlp: Language, items: Iterable[Item], batch_size: int = 32
) -> Iterator[tuple[Item, Pieces]]:
    """Yield each item with its processed pieces, in input order, streaming."""
    from factx.api import make_doc

    batch: list[Item] = []

    def flush() -> Iterator[tuple[Item, Pieces]]:
        docs = (make_doc(nlp, text, published) for text, published, _ in batch)
        for item, doc in zip(batch, nlp.pipe(docs, batch_size=batch_size)):
            yield item, [(0, doc)]
        batch.clear()

    for item in items:
        text, published, _source = item
        if len(text) <= CHUNK_CHARS:
            batch.append(item)
            if len(batch) >= batch_size:
                yield from flush()
            continue
        yield from flush()
        pieces: Pieces = []
        found = None
        for offset, piece in split_text(text):
            doc = make_doc(nlp, piece, published)
            if found is not None and doc._.factx_published is None:
                doc._.factx_published = dict(found, start=None, end=None)
            doc = nlp(doc)
            if found is None and doc._.factx_published is not None:
                found = doc._.factx_published
                if found.get("start") is not None:
                    found = dict(found, start=found["start"] + offset, end=found["end"] + offset)
                    doc._.factx_published = found
            pieces.append((offset, doc))
        yield item, pieces
    yield from flush()
