"""Where things stand in an article: sentences, paragraphs and clauses as character ranges."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
# Clause boundaries inside a sentence: commas, semicolons, colons, dashes, brackets, quotes.
CLAUSE_BREAK = re.compile(r"[,;()\[\]\"„“”]|:(?=\s)|\s[–—-]\s")


@dataclass
class Layout:
    """Sentence and paragraph ranges of one doc, with fast offset lookups."""

    text: str
    sentences: list[tuple[int, int]]
    paragraph_of: list[int]  # paragraph number of each sentence

    @classmethod
    def of(cls, doc: Doc) -> Layout:
        """The layout of an annotated doc (needs sentence boundaries)."""
        text = doc.text
        if doc.has_annotation("SENT_START"):
            # whitespace between paragraphs is not a sentence of its own
            sents = [(s.start_char, s.end_char) for s in doc.sents if not s.text.isspace()]
            if not sents:
                sents = [(0, len(text))]
        else:
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
