"""``factx_sentences``: sentence boundaries for news text.

Like spaCy's sentencizer, a sentence ends at a token of final punctuation (and the closing
quotes after it); abbreviations and ordinals (``Dr.``, ``12.``) are single tokens in
``blank("de")`` and end nothing. News also has headlines, captions and datelines without final
punctuation, so every line break starts a sentence; and ``blank("de")`` keeps a
sentence-final ``900.`` or ``2024.`` as one token, so a number that cannot be a day ordinal
before ``. Capital`` ends one too. Works on token arrays, not token objects: sentence
splitting runs on every article of a batch.
"""

import re

import numpy as np
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from factx.extensions import text_of, vocab_flag

_PUNCT = (".", "!", "?", "...", "…", "?!", "!?", "!!", "??")
_CLOSERS = ('"', "“", "”", "»", "«", "'", "’", ")", "]")
# A line break starts a sentence.
_LINE_BREAK = re.compile(r"\n\s*(?=\S)")
# So does a number of three or more digits (or 32-99, or with thousands dots) before
# ". Capital": it cannot be a day ordinal ("am 12. März").
_FINAL_NUMBER = re.compile(
    r"(?<![\d.])(?:\d{1,3}(?:\.\d{3})+|\d{3,}|3[2-9]|[4-9]\d)\.[ \t]+(?=[A-ZÄÖÜ])"
)
# ``re`` scans fast only for a pattern that starts with a character class, so the text is
# searched for any number before ". Capital" and each hit checked with the exact rule.
_NUMBER_CANDIDATE = re.compile(r"\d[\d.]*\.[ \t]+(?=[A-ZÄÖÜ])")


# Vocabulary flags, asked about every new word: a set's own membership test is called
# without a Python frame.
#: Vocabulary flag: final punctuation.
_is_end = frozenset(_PUNCT).__contains__
#: Vocabulary flag: final punctuation or a closing quote or bracket (after an end).
_is_end_or_closer = frozenset(_PUNCT + _CLOSERS).__contains__


class NewsSentencizer:
    """Sets sentence starts from final punctuation, line breaks and sentence-final numbers."""

    def __init__(self, nlp: Language, name: str = "factx_sentences") -> None:
        self.name = name
        # Vocabulary flags are computed once per word type, in C for every token after that.
        self._attrs = [
            vocab_flag(nlp.vocab, _is_end),
            vocab_flag(nlp.vocab, _is_end_or_closer),
            IDX,
        ]

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        arr = doc.to_array(self._attrs)
        is_end = arr[:, 0].astype(bool)
        skip = arr[:, 1].astype(bool)
        starts = np.zeros(n, dtype=bool)
        starts[0] = True
        # After each end, the first token that is neither final punctuation nor a closer.
        free = np.flatnonzero(~skip)
        after = np.searchsorted(free, np.flatnonzero(is_end) + 1)
        starts[free[after[after < len(free)]]] = True
        text = text_of(doc)
        breaks = [m.end() for m in _LINE_BREAK.finditer(text)]
        breaks += [
            m.end()
            for m in _NUMBER_CANDIDATE.finditer(text)
            if _FINAL_NUMBER.match(text, m.start())
        ]
        if breaks:
            at = np.searchsorted(arr[:, 2].astype(np.int64), breaks)
            starts[at[at < n]] = True
        values = np.where(starts, 1, -1).astype(np.int64).astype(np.uint64)
        doc.from_array([SENT_START], values.reshape(-1, 1))
        return doc


@Language.factory("factx_sentences")
def make_sentences(nlp: Language, name: str) -> NewsSentencizer:
    """Create the news sentence splitter."""
    return NewsSentencizer(nlp, name)
