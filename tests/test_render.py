"""``--format json`` lays out a record's JSON text exactly as pydantic's indented dump does."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import factx
from factx.cli import app
from factx.render import indented

ARTICLES = [
    # counts, actors, places, dates, a source: every list of the record filled
    "Berlin, 3. Mai 2024 – Rund 500 Soldaten der Bundeswehr sollen am Freitag nach Litauen "
    "verlegt werden, sagte Verteidigungsminister Boris Pistorius der Nachrichtenagentur dpa.",
    # quotes, a backslash, a tab and non-Latin letters inside the record's strings
    'Der Sprecher sagte: „Wir schicken 1.200 Soldaten“ – laut "Reuters" \\ Quelle\tnach Kiew (Київ).',
    # nothing found: empty lists stay "[]"
    "Das Wetter bleibt wechselhaft.",
    "",
]


@pytest.mark.parametrize("text", ARTICLES)
def test_same_text_as_pydantic(text):
    article = factx.extract(text, published="2024-05-03")
    assert "".join(indented(article.model_dump_json())) == article.model_dump_json(indent=2)


def test_pieces_join_to_the_whole():
    article = factx.extract(ARTICLES[0], published="2024-05-03")
    pieces = list(indented(article.model_dump_json(), size=3))
    assert len(pieces) > 1
    assert "".join(pieces) == article.model_dump_json(indent=2)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_any_json_value(value):
    compact = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    assert "".join(indented(compact)) == json.dumps(value, indent=2, ensure_ascii=False)


@pytest.mark.parametrize("jobs", [1, 2])
def test_cli_json_is_the_indented_record(tmp_path, jobs):
    for i, text in enumerate(ARTICLES[:3]):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["extract", str(tmp_path), "--format", "json", "--jobs", str(jobs), "-q"]
    )
    assert result.exit_code == 0, result.output
    expected = "".join(
        factx.extract(text, source=str(tmp_path / f"{i}.txt")).model_dump_json(indent=2) + "\n"
        for i, text in enumerate(ARTICLES[:3])
    )
    assert result.stdout == expected
