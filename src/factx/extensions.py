"""The custom attributes factx components write on ``Doc`` and ``Span`` objects.

All values are plain JSON-able data (dicts, lists, strings, numbers) so that docs survive
``DocBin`` and ``nlp.pipe(n_process=...)``.
"""

import sys
import weakref
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

#: Span groups the components write.
ENTITIES = "factx_entities"
DATES = "factx_dates"
COUNTS = "factx_counts"


_TEXTS: "weakref.WeakKeyDictionary[Doc, str]" = weakref.WeakKeyDictionary()

#: Whether Python's ``re`` has possessive quantifiers (``x++``: 3.11 and later). The regexes
#: that screen new words with them are left out elsewhere; the full tests then decide alone
#: (the same answers, slower).
POSSESSIVE_QUANTIFIERS = sys.version_info >= (3, 11)

#: Entries a per-word cache may hold before it is emptied: a batch of many thousands of
#: articles keeps bringing new words, and a cache that only grows is a memory leak.
WORD_CACHE_MAX = 200_000


class WordCache(dict):
    """``word -> compute(word)``, computed on the first look-up and remembered.

    Emptied when it holds ``limit`` words (see :data:`WORD_CACHE_MAX`). Read it as
    ``cache[word]``, also in C with ``map(cache.__getitem__, words)``.
    """

    def __init__(self, compute: Callable[[str], Any], limit: int = WORD_CACHE_MAX) -> None:
        super().__init__()
        self._compute = compute
        self._limit = limit

    def __missing__(self, word: str) -> Any:
        if len(self) >= self._limit:
            self.clear()
        value = self[word] = self._compute(word)
        return value


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


def span_rows(doc: Doc, group: str, name: str) -> list[tuple[int, int, str, Any]]:
    """``(start_char, end_char, label, span._.<name>)`` for each span of a span group.

    What a record needs of a span, read where it is kept: a ``Span`` holds its character
    offsets and label id (a span group makes each ``Span`` anew, so nothing else of it is
    built), the values are where ``Span._`` keeps them, ``doc.user_data[("._.", name,
    start_char, end_char)]`` (``Span._`` would build an Underscore object per span); falls
    back to ``span._`` if spaCy ever keys its values differently.
    """
    spans = doc.spans.get(group)
    if not spans:
        return []
    if not values_in_user_data():
        return [(span.start_char, span.end_char, span.label_, span._.get(name)) for span in spans]
    strings = doc.vocab.strings
    labels: dict[int, str] = {}
    data = doc.user_data
    out = []
    for span in spans:
        start, end, label = span.start_char, span.end_char, span.label
        text = labels.get(label)
        if text is None:
            text = labels[label] = strings[label]
        out.append((start, end, text, data.get(("._.", name, start, end))))
    return out


@lru_cache(maxsize=1)
def values_in_user_data() -> bool:
    """Whether this spaCy keeps ``span._`` values under ``("._.", name, start, end)``."""
    from spacy.vocab import Vocab

    doc = Doc(Vocab(), words=["Kiew", "und", "Moskau"])
    span, value = doc[2:3], {}
    span._.factx_entity = value
    return doc.user_data.get(("._.", "factx_entity", span.start_char, span.end_char)) is value


def vocab_flag(vocab: Vocab, getter: Callable[[str], bool]) -> int:
    """The id of the boolean lexeme flag ``getter`` computes in ``vocab``, added on first use.

    A flag is computed once per word type (when the tokenizer first meets the word) and read
    for every token in C with ``doc.to_array([flag_id])``: the cheapest way to find the few
    tokens a rule may start at.
    """
    for flag_id, known in vocab.lex_attr_getters.items():
        if known is getter:
            return flag_id
    return vocab.add_flag(getter)


def register() -> None:
    """Register the extensions once (idempotent)."""
    for name in ("factx_published", "factx_source"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in ("factx_entity", "factx_date", "factx_count", "factx_fact"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


register()
