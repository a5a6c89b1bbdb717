"""Records read span values straight from ``doc.user_data``: the same as ``Span._`` gives."""

import pytest

from factx import extensions
from factx.api import extract_doc
from factx.extensions import DATES, ENTITIES, span_rows

TEXT = (
    "Berlin, 4. November 2024 – Rund 300 Soldaten aus Frankreich sind am Montag in Rumänien "
    "eingetroffen, sagte Verteidigungsminister Sébastien Lecornu der Zeitung „Le Monde“.\n\n"
    "Die Truppe soll bis Ende März 2025 in Cincu bleiben."
)


@pytest.mark.parametrize(("group", "name"), [(ENTITIES, "factx_entity"), (DATES, "factx_date")])
def test_span_rows_equal_what_spans_give(nlp, group, name):
    doc = extract_doc(TEXT, nlp=nlp)
    spans = list(doc.spans[group])
    assert len(spans) >= 2
    assert span_rows(doc, group, name) == [
        (s.start_char, s.end_char, s.label_, s._.get(name)) for s in spans
    ]
    assert span_rows(doc, "no_such_group", name) == []


def test_span_rows_fall_back_to_span_underscore(nlp, monkeypatch):
    doc = extract_doc(TEXT, nlp=nlp)
    fast = span_rows(doc, ENTITIES, "factx_entity")
    monkeypatch.setattr(extensions, "values_in_user_data", lambda: False)
    assert span_rows(doc, ENTITIES, "factx_entity") == fast
