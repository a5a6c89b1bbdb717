"""``factx_published``: the publication date, the anchor for relative dates.

A date given by the caller (``doc._.factx_published`` set before the pipeline runs, see
:func:`factx.api.make_doc`) wins; otherwise the header or dateline of the text is read.
"""

from spacy.language import Language
from spacy.tokens import Doc

from factx import extensions  # noqa: F401
from factx.extensions import text_of
from factx.published import find_published


class PublishedDate:
    """Finds the publication date in an article's header or dateline."""

    def __init__(self, name: str = "factx_published") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if doc._.factx_published is None:
            found = find_published(text_of(doc))
            if found is not None:
                doc._.factx_published = {
                    "value": found.anchor.iso(),
                    "granularity": found.anchor.granularity,
                    "from": found.source,
                    "start": found.start,
                    "end": found.end,
                }
        return doc


@Language.factory("factx_published")
def make_published(nlp: Language, name: str) -> PublishedDate:
    """Create the publication-date reader."""
    return PublishedDate(name)
