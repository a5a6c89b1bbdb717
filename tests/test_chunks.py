"""Long articles: cut into paragraph chunks, offsets kept right, the anchor date carried over."""

import pytest
from spacy.language import Language

import factx.chunks
from factx.batch import process_source
from factx.chunks import ComponentError, process, run_pipeline, split_text
from factx.inputs import Source
from factx.records import doc_to_article

PARAGRAPH = (
    "Russland hat nach Angaben aus Kiew rund 12.000 Soldaten nach Kursk verlegt. "
    "Die Bundeswehr schickt am Freitag 500 Soldaten nach Litauen, sagte der Minister.\n\n"
)


@pytest.mark.parametrize(
    "text,limit,expected",
    [
        ("kurz", 10, [(0, "kurz")]),
        ("Eins.\n\nZwei.\n\nDrei.", 10, [(0, "Eins.\n\n"), (7, "Zwei.\n\n"), (14, "Drei.")]),
        (
            "Satz eins. Satz zwei. Satz drei.",
            14,
            [(0, "Satz eins. "), (11, "Satz zwei. "), (22, "Satz drei.")],
        ),
        ("Zeile a\nZeile b\nZeile c", 10, [(0, "Zeile a\n"), (8, "Zeile b\n"), (16, "Zeile c")]),
        ("abcdefghij" * 2, 8, [(0, "abcdefgh"), (8, "ijabcdef"), (16, "ghij")]),
        ("", 5, [(0, "")]),
    ],
)
def test_split_text(text, limit, expected):
    assert split_text(text, limit) == expected


@pytest.mark.parametrize("limit", [7, 50, 333, 1000])
def test_split_text_pieces_rebuild_the_text(limit):
    text = PARAGRAPH * 20 + "Schluss ohne Absatz " * 30
    parts = split_text(text, limit)
    assert "".join(piece for _, piece in parts) == text
    for offset, piece in parts:
        assert 0 < len(piece) <= limit or piece == ""
        assert text[offset : offset + len(piece)] == piece


def _mentions(article):
    """Every (text, start, end) the record points at."""
    out = [(e.text, e.start, e.end) for e in article.entities]
    out += [(d.text, d.start, d.end) for d in article.dates]
    for f in article.facts:
        out.append((f.count.text, f.count.start, f.count.end))
        for m in (f.actor, f.location, f.source, f.date):
            if m is not None:
                out.append((m.text, m.start, m.end))
    return out


def test_chunked_offsets_point_into_the_whole_text(nlp, monkeypatch):
    text = "Berlin, 3. Mai 2024 – Bericht\n\n" + PARAGRAPH * 12
    whole = doc_to_article(process(nlp, text), text=text)
    monkeypatch.setattr(factx.chunks, "CHUNK_CHARS", 400)
    pieces = process(nlp, text)
    assert len(pieces) > 5
    chunked = doc_to_article(pieces, text=text)
    assert chunked.facts, "the paragraphs state troop counts"
    for mention, start, end in _mentions(chunked):
        assert text[start:end] == mention
    # paragraphs are never cut, so the chunks find what the whole text gives
    assert [(f.count.start, f.unit) for f in chunked.facts] == [
        (f.count.start, f.unit) for f in whole.facts
    ]
    assert [(e.start, e.name) for e in chunked.entities] == [
        (e.start, e.name) for e in whole.entities
    ]
    # the batch path turns each piece into records as it goes: the same record
    batch = process_source(nlp, Source("lang.txt", text=text)).article
    assert batch == doc_to_article(pieces, source="lang.txt", text=text)


def test_later_chunks_keep_the_anchor_date(nlp, monkeypatch):
    monkeypatch.setattr(factx.chunks, "CHUNK_CHARS", 400)
    text = "Berlin, 3. Mai 2024 – Bericht\n\n" + PARAGRAPH * 8
    article = doc_to_article(process(nlp, text), text=text)
    assert article.published == "2024-05-03"
    fridays = [d for d in article.dates if d.text.endswith("Freitag")]
    assert len(fridays) == 8
    assert {d.value for d in fridays} == {fridays[0].value} != {None}


def test_a_later_chunk_is_no_header(nlp, monkeypatch):
    # a dateline in the middle of a long text is not the article's publication date
    monkeypatch.setattr(factx.chunks, "CHUNK_CHARS", len(PARAGRAPH) + 10)
    text = PARAGRAPH * 2 + "Berlin, 3. Mai 2024 – Bericht\n\n" + PARAGRAPH * 3
    pieces = process(nlp, text)
    assert any(doc.text.startswith("Berlin, 3. Mai 2024") for _, doc in pieces)
    assert doc_to_article(pieces, text=text).published is None


def test_text_longer_than_max_length_does_not_fail(nlp, monkeypatch):
    # nlp.max_length of the packaged pipeline is 1,000,000 chars: lowered here to stay quick
    monkeypatch.setattr(nlp, "max_length", 800)
    text = PARAGRAPH * 60
    assert len(text) > 10 * nlp.max_length
    result = process_source(nlp, Source("lang.txt", text=text))
    assert result.error is None
    assert len(result.article.facts) >= 60
    assert all(text[s:e] == m for m, s, e in _mentions(result.article))


def test_a_failing_component_is_named():
    nlp = Language()

    @Language.component("test_kaputt")
    def broken(doc):
        raise KeyError("weg")

    nlp.add_pipe("test_kaputt")
    with pytest.raises(ComponentError, match="test_kaputt: KeyError"):
        run_pipeline(nlp, nlp.make_doc("Ein Satz."))


@pytest.mark.parametrize("chunk_chars", [400, 100_000])
def test_json_made_piece_by_piece_is_the_records_json(nlp, monkeypatch, chunk_chars):
    # the CLI writes JSONL from JSON made per piece, never holding a long article's models
    monkeypatch.setattr(factx.chunks, "CHUNK_CHARS", chunk_chars)
    text = "Berlin, 3. Mai 2024 – Bericht\n\n" + PARAGRAPH * 6
    pieces = process(nlp, text)
    assert (len(pieces) > 1) == (chunk_chars == 400)
    record = doc_to_article(pieces, source="lang.txt", text=text)
    assert record.facts and record.entities and record.dates
    result = process_source(nlp, Source("lang.txt", text=text), as_json=True)
    assert result.article is None
    assert result.record_json == record.model_dump_json()


def test_json_of_an_empty_article(nlp):
    result = process_source(nlp, Source("leer.txt", text=""), as_json=True)
    assert (
        result.record_json == doc_to_article(process(nlp, ""), source="leer.txt").model_dump_json()
    )
