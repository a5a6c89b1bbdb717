"""Where things stand in an article: sentences, paragraphs and clauses as character ranges."""

from __future__ import annotations

import re
import weakref
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

from factx.extensions import text_of

_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
# Clause boundaries inside a sentence: commas, semicolons, colons, dashes, brackets, quotes.
# Counts, facts and claims all need the layout of the same doc.
_LAYOUTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
CLAUSE_BREAK = re.compile(r"[,;()\[\]\"„“”]|:(?=\s)|\s[–—-]\s")


@dataclass
class Layout:
    """Sentence and paragraph ranges of one doc, with fast offset lookups."""

    text: str
    sentences: list[tuple[int, int]]
    paragraph_of: list[int]  # paragraph number of each sentence

    @classmethod
    def of(cls, doc: Doc) -> Layout:
        """The layout of an annotated doc (needs sentence boundaries), computed once per doc."""
        layout = _LAYOUTS.get(doc)
        if layout is None:
            layout = _LAYOUTS[doc] = cls._compute(doc)
        return layout

    @classmethod
    def _compute(cls, doc: Doc) -> Layout:
        from spacy.attrs import IDX, SENT_START

        text = text_of(doc)
        # Arrays instead of doc.sents: iterating Span/Token objects costs more than the rules.
        arr = doc.to_array([SENT_START, IDX]) if len(doc) else None
        starts = arr[arr[:, 0] == 1, 1].tolist() if arr is not None else []
        if not starts or starts[0] != 0:
            starts.insert(0, 0)
        bounds = starts[1:] + [len(text)]
        sents = []
        for start, end in zip(starts, bounds, strict=True):
            chunk = text[start:end]
            stripped = chunk.rstrip()
            if stripped.strip():  # whitespace between paragraphs is not a sentence
                sents.append((start + len(chunk) - len(chunk.lstrip()), start + len(stripped)))
        if not sents:
            sents = [(0, len(text))]
        breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
        paragraph_of = [bisect_right(breaks, start) for start, _ in sents]
        return cls(text, sents, paragraph_of)

    def __post_init__(self) -> None:
        self._starts = [start for start, _ in self.sentences]

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence that holds character ``offset``."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def sentence_text(self, index: int) -> str:
        """The text of sentence ``index``."""
        start, end = self.sentences[index]
        return self.text[start:end]

    def clause(self, offset: int) -> tuple[int, int]:
        """The clause around ``offset``: the stretch between clause breaks in its sentence."""
        s_start, s_end = self.sentences[self.sentence_index(offset)]
        start, end = s_start, s_end
        for m in CLAUSE_BREAK.finditer(self.text, s_start, s_end):
            if m.end() <= offset:
                start = m.end()
            elif m.start() >= offset:
                end = m.start()
                break
        return start, end

    def breaks_between(self, a: int, b: int) -> int:
        """How many clause breaks stand between offsets ``a`` and ``b``."""
        lo, hi = (a, b) if a <= b else (b, a)
        return sum(1 for _ in CLAUSE_BREAK.finditer(self.text, lo, hi))

    def is_headline(self, index: int) -> bool:
        """A sentence that is a whole line without final punctuation (headline, caption)."""
        text = self.sentence_text(index).strip()
        return bool(text) and text[-1] not in ".!?\"“”'" and "\n" not in text
