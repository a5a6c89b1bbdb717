"""Build the factx spaCy pipeline on ``spacy.blank("de")``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from factx.collector import paused

if TYPE_CHECKING:
    from spacy.language import Language

#: The factx components, in pipeline order.
COMPONENTS = (
    "factx_sentences",
    "factx_published",
    "factx_entities",
    "factx_persons",
    "factx_dates",
    "factx_counts",
    "factx_facts",
    "factx_claims",
)

#: Longest text handed to spaCy in one piece; longer articles are split into paragraphs.
MAX_LENGTH = 1_000_000


def build() -> Language:
    """A fresh factx pipeline: a blank German tokenizer plus the factx components."""
    import spacy

    _import_components()
    from factx.affixes import speed_up

    nlp = spacy.blank("de")
    nlp.max_length = MAX_LENGTH
    speed_up(nlp.tokenizer)  # the same tokens, found faster
    for name in COMPONENTS:
        nlp.add_pipe(name)
    nlp.meta["name"] = "factx_de"
    nlp.meta["version"] = _version()
    nlp.meta["description"] = (
        "factx rule pipeline for German news: counts, actors, places, dates, claims."
    )
    nlp.meta["license"] = "MIT"
    return nlp


@lru_cache(maxsize=4)
def load(path: str | None = None) -> Language:
    """The factx pipeline, built from the package or loaded from a saved directory."""
    with paused():
        if path is None:
            return build()
        import spacy

        from factx.affixes import speed_up

        _import_components()
        nlp = spacy.load(Path(path))
        # A saved tokenizer holds spaCy's patterns; search them the faster way again.
        speed_up(nlp.tokenizer)
        return nlp


def renew(path: str | None = None) -> Language:
    """A fresh pipeline in place of the one :func:`load` cached.

    spaCy's vocabulary keeps every word type a pipeline has met; a batch of many thousands of
    articles brings hundreds of thousands, so batches swap in a fresh pipeline from time to
    time (building one costs ~30 ms once the tables are loaded; the output does not change).
    """
    load.cache_clear()
    return load(path)


def _import_components() -> None:
    # Importing the modules registers the factories even without the entry points installed.
    # (Here, not at the top: spaCy's import is part of making a pipeline, see
    # factx.collector.paused.)
    from factx import extensions  # noqa: F401  (registers the attributes)
    from factx.components import (  # noqa: F401
        claims,
        counts,
        entities,
        facts,
        persons,
        published,
        sentences,
        timexes,
    )


def _version() -> str:
    from factx import __version__

    return __version__
