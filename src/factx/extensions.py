"""The custom attributes factx components write on ``Doc`` and ``Span`` objects.

All values are plain JSON-able data (dicts, lists, strings, numbers) so that docs survive
``DocBin`` and ``nlp.pipe(n_process=...)``.
"""

import weakref

from spacy.tokens import Doc, Span

#: Span groups the components write.
ENTITIES = "factx_entities"
DATES = "factx_dates"
COUNTS = "factx_counts"


_TEXTS: "weakref.WeakKeyDictionary[Doc, str]" = weakref.WeakKeyDictionary()


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once per doc.

    spaCy rebuilds ``Doc.text`` from its tokens on every access; with eight components reading
    it, that join cost more than several of the rules. The text of a doc never changes.
    """
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Record the text a doc was made from (spaCy guarantees ``doc.text == text``)."""
    _TEXTS[doc] = text


def register() -> None:
    """Register the extensions once (idempotent)."""
    for name in ("factx_published", "factx_source"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in ("factx_entity", "factx_date", "factx_count", "factx_fact"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


register()
