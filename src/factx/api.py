"""The library API: ``factx.load()``, ``factx.extract()`` and batch extraction."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from factx.schema import Article


def load(path: str | None = None) -> Language:
    """The factx spaCy pipeline (built from the package, or loaded from a saved ``path``)."""
    from factx.pipeline import load as _load

    return _load(path)


def make_doc(nlp: Language, text: str, published: str | None = None) -> Doc:
    """A tokenized ``Doc`` carrying the caller's publication date, ready for the components."""
    from factx.dates import parse_anchor
    from factx.extensions import remember_text

    doc = nlp.make_doc(text)
    remember_text(doc, text)
    if published:
        anchor = parse_anchor(published)
        doc._.factx_published = {
            "value": anchor.iso(),
            "granularity": anchor.granularity,
            "from": "option",
            "start": None,
            "end": None,
        }
    return doc


def extract_doc(text: str, published: str | None = None, nlp: Language | None = None) -> Doc:
    """Run the pipeline on ``text`` and return the annotated ``Doc``."""
    nlp = nlp or load()
    return nlp(make_doc(nlp, text, published))


def extract(
    text: str,
    published: str | None = None,
    source: str = "-",
    nlp: Language | None = None,
) -> Article:
    """Extract the facts, entities and dates of one German article.

    Args:
        text: The article text.
        published: Publication date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ISO datetime);
            overrides a date found in the text.
        source: What to put in the record's ``source`` field (a path, ``-`` or an id).
        nlp: A pipeline from :func:`load`; loaded on first use when omitted.

    Returns:
        The :class:`factx.schema.Article` record.
    """
    return next(extract_many([(text, published, source)], nlp=nlp))


def extract_many(
    items: Iterable[tuple[str, str | None, str]],
    nlp: Language | None = None,
    batch_size: int = 32,
) -> Iterator[Article]:
    """Extract records for ``(text, published, source)`` triples, streaming, in order."""
    from factx.chunks import pipe_texts
    from factx.records import doc_to_article

    nlp = nlp or load()
    for (text, _published, source), doc in pipe_texts(nlp, items, batch_size=batch_size):
        yield doc_to_article(doc, source=source, text=text)
