"""Random text never breaks factx: no exception, every offset points at its text, valid records."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import factx.chunks
from factx.batch import process_source
from factx.inputs import Source
from factx.schema import Article

# Words that wake the components up (numbers, units, places, dates, sources), mixed with noise.
WORDS = [
    "500", "1.500", "12.000", "2,5", "Mio.", "rund", "mehr als", "bis zu", "zweitausend",
    "Tausende", "Soldaten", "Truppen", "Nordkoreaner", "nordkoreanische", "Russland", "Kursk",
    "Berlin", "der", "die", "Bundeswehr", "Nato", "Selenskyj", "Wolodymyr", "Präsident",
    "sagte", "zufolge", "soll", "am", "vergangenen", "Freitag", "Mitte", "Mai", "2024",
    "12.03.2024", "gestern", "in", "nach", "aus", "von", "Uhr", "16:03", "Stand:", "–", "-",
    ",", ".", ":", "„", "“", "(", ")", "\n", "\n\n", "\r\n", " ", "\t", "\u00a0", "\u200b",
    "ß", "İ", "ﬁ", "𝔘", "👍🏽", "e\u0301", "\ufeff",
]  # fmt: skip

salad = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=60).map(" ".join)
anything = st.text(max_size=300)
dates = st.one_of(st.none(), st.sampled_from(["2024", "2024-10", "2024-10-23", "2024-10-23T16:03"]))


def check(text, article):
    """Every mention's offsets give back its text; the record survives a JSON round trip."""
    spans = [(e.text, e.start, e.end) for e in article.entities]
    spans += [(d.text, d.start, d.end) for d in article.dates]
    for f in article.facts:
        spans.append((f.count.text, f.count.start, f.count.end))
        spans += [(m.text, m.start, m.end) for m in (f.actor, f.location, f.source, f.date) if m]
        assert 0 <= f.sentence.start <= f.count.start < f.count.end <= f.sentence.end <= len(text)
    for mention, start, end in spans:
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == mention, (mention, start, end)
    assert Article.model_validate_json(article.model_dump_json()) == article


def extract(nlp, text, published):
    result = process_source(nlp, Source("zufall", text=text, published=published))
    assert result.error is None, result.error
    return result.article


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=salad, published=dates)
@example(text="Russland schickte 500 Soldaten.", published=None)
@example(
    text="Stand: 23.10.2024 16:03 Uhr\n\nAm vergangenen Freitag 1.500 Soldaten", published=None
)
def test_word_salad(nlp, text, published):
    check(text, extract(nlp, text, published))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=anything)
def test_any_unicode(nlp, text):
    check(text, extract(nlp, text, None))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=salad)
def test_word_salad_in_small_chunks(nlp, text):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(factx.chunks, "CHUNK_CHARS", 40)
        check(text, extract(nlp, text, None))
