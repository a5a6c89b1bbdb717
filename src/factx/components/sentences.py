"""``factx_sentences``: sentence boundaries for news text, on top of spaCy's sentencizer.

News has headlines, captions and datelines without final punctuation, so every line break
starts a sentence; and ``blank("de")`` keeps a sentence-final ``2024.`` as one token, which the
plain sentencizer does not split after.
"""

import re

from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

# A number of three or more digits (or 32-99, or with thousands dots) before ". Capital" ends
# a sentence: it cannot be a day ordinal ("am 12. März"); "900." is one token in blank("de").
_BREAK = re.compile(
    r"\n\s*(?=\S)|(?<![\d.])(?:\d{1,3}(?:\.\d{3})+|\d{3,}|3[2-9]|[4-9]\d)\.[ \t]+(?=[A-ZÄÖÜ])"
)


class NewsSentencizer:
    """Sentencizer plus breaks at line ends and after a sentence-final ``2024.``."""

    def __init__(self, name: str = "factx_sentences") -> None:
        self.name = name
        self._base = Sentencizer()

    def __call__(self, doc: Doc) -> Doc:
        doc = self._base(doc)
        text = doc.text
        # Regex over the text, then one char->token lookup per break: no per-token loop.
        for m in _BREAK.finditer(text):
            pos = m.end()
            if 0 < pos < len(text):
                span = doc.char_span(pos, pos + 1, alignment_mode="expand")
                if span is not None and span.start > 0:
                    span[0].is_sent_start = True
        return doc

    def to_disk(self, path, *, exclude=()):  # noqa: D102 - nothing to save beyond config
        return None

    def from_disk(self, path, *, exclude=()):  # noqa: D102
        return self


@Language.factory("factx_sentences")
def make_sentences(nlp: Language, name: str) -> NewsSentencizer:
    """Create the news sentence splitter."""
    return NewsSentencizer(name)
