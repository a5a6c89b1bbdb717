"""``factx_dates``: time expressions as spans, normalised against the publication date."""

from spacy.language import Language
from spacy.tokens import Doc

from factx.dates import Anchor, find_timexes, parse_anchor
from factx.dates.scan import prepare
from factx.extensions import DATES, text_of

_LABELS = {"date": "DATE", "time": "TIME", "duration": "DURATION", "set": "SET"}


def doc_anchor(doc: Doc) -> Anchor | None:
    """The anchor for relative dates: the publication date recorded on the doc, if any."""
    published = doc._.factx_published
    return parse_anchor(published["value"]) if published else None


class TimeExpressions:
    """Writes ``doc.spans["factx_dates"]`` with ``span._.factx_date`` values."""

    def __init__(self, name: str = "factx_dates") -> None:
        self.name = name
        prepare()  # regexes and filters are built with the pipeline, not on the first doc

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.factx_published or {}
        anchor = parse_anchor(published["value"]) if published else None  # as doc_anchor
        spans = []
        for t in find_timexes(text_of(doc), anchor):
            if (
                published.get("start") is not None
                and t.start < published["end"]
                and t.end > published["start"]
            ):
                continue  # the header's own date is metadata, not a date in the prose
            # Token boundaries may be coarser than the expression ("2024." is one token):
            # the span covers the tokens, the value keeps the exact characters.
            span = doc.char_span(
                t.start, t.end, label=_LABELS.get(t.type, "DATE"), alignment_mode="expand"
            )
            if span is None:
                continue
            span._.factx_date = {
                "text": t.text,
                "start": t.start,
                "end": t.end,
                "value": t.value,
                "granularity": t.granularity,
                "type": t.type,
            }
            spans.append(span)
        doc.spans[DATES] = spans
        return doc


@Language.factory("factx_dates")
def make_dates(nlp: Language, name: str) -> TimeExpressions:
    """Create the time-expression tagger."""
    return TimeExpressions(name)
