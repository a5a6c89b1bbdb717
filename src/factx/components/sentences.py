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
# ``re`` scans fast for a pattern that starts with a literal: the text is searched for the
# dots after a digit (or a dot) before " Capital", the number is read back from each, and
# checked with the exact rule.
_DOT_AFTER_NUMBER = re.compile(r"\.(?<=[\d.]\.)[ \t]+(?=[A-ZÄÖÜ])")
_END_CHARS = frozenset(p[0] for p in _PUNCT)
assert not _END_CHARS & {c[0] for c in _CLOSERS}  # the first character tells an end

#: Vocabulary flag: final punctuation or a closing quote or bracket (after an end). A set's own
#: membership test: asked about every new word, it is called without a Python frame.
_is_end_or_closer = frozenset(_PUNCT + _CLOSERS).__contains__


def _final_numbers(text: str) -> list[int]:
    """Where a sentence starts after a number that ends one (see ``_FINAL_NUMBER``).

    The offsets after each match of ``\\d[\\d.]*\\.[ \\t]+(?=[A-ZÄÖÜ])`` in ``text`` whose start
    matches ``_FINAL_NUMBER``: such a match starts at the first digit of the run of digits and
    dots before its last dot.
    """
    found = []
    for m in _DOT_AFTER_NUMBER.finditer(text):
        dot = start = m.start()
        while start and (text[start - 1] == "." or text[start - 1].isdecimal()):
            start -= 1
        while start < dot and text[start] == ".":
            start += 1
        if start < dot and _FINAL_NUMBER.match(text, start):
            found.append(m.end())
    return found


class NewsSentencizer:
    """Sets sentence starts from final punctuation, line breaks and sentence-final numbers."""

    def __init__(self, nlp: Language, name: str = "factx_sentences") -> None:
        self.name = name
        # A vocabulary flag is computed once per word type, in C for every token after that.
        self._attrs = [vocab_flag(nlp.vocab, _is_end_or_closer), IDX]

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        arr = doc.to_array(self._attrs)  # each column costs: one flag tells ends and closers
        skip = arr[:, 0].astype(bool)
        offsets = arr[:, 1].astype(np.int64)
        text = text_of(doc)
        marked = np.flatnonzero(skip)
        ends = [
            j
            for j, at in zip(marked.tolist(), offsets[marked].tolist(), strict=True)
            if text[at] in _END_CHARS
        ]
        starts = np.zeros(n, dtype=bool)
        starts[0] = True
        # After each end, the first token that is neither final punctuation nor a closer.
        free = np.flatnonzero(~skip)
        after = np.searchsorted(free, np.asarray(ends, dtype=np.int64) + 1)
        starts[free[after[after < len(free)]]] = True
        breaks = [m.end() for m in _LINE_BREAK.finditer(text)] + _final_numbers(text)
        if breaks:
            at = np.searchsorted(offsets, breaks)
            starts[at[at < n]] = True
        values = np.where(starts, 1, -1).astype(np.int64).astype(np.uint64)
        doc.from_array([SENT_START], values.reshape(-1, 1))
        return doc


@Language.factory("factx_sentences")
def make_sentences(nlp: Language, name: str) -> NewsSentencizer:
    """Create the news sentence splitter."""
    return NewsSentencizer(nlp, name)
