"""The custom attributes factx components write on ``Doc`` and ``Span`` objects.

All values are plain JSON-able data (dicts, lists, strings, numbers) so that docs survive
``DocBin`` and ``nlp.pipe(n_process=...)``.
"""

from spacy.tokens import Doc, Span

#: Span groups the components write.
ENTITIES = "factx_entities"
DATES = "factx_dates"
COUNTS = "factx_counts"


def register() -> None:
    """Register the extensions once (idempotent)."""
    for name in ("factx_published", "factx_source"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in ("factx_entity", "factx_date", "factx_count", "factx_fact"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


register()
