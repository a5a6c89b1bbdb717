"""The faster affix searches find exactly what spaCy's own patterns find."""

import pickle
import re

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from factx.affixes import EdgeSearch, NeedsChars, speed_up


@pytest.fixture(scope="module")
def german():
    """spaCy's German tokenizer patterns, untouched."""
    tokenizer = spacy.blank("de").tokenizer
    return (
        tokenizer.prefix_search.__self__,
        tokenizer.suffix_search.__self__,
        tokenizer.url_match.__self__,
    )


@pytest.fixture(scope="module")
def fast(german):
    prefix, suffix, url = german
    return EdgeSearch(prefix, last=False), EdgeSearch(suffix, last=True), NeedsChars(url)


def _span(match):
    return None if match is None else match.span()


WORDS = [
    "",
    "Soldaten",
    "Soldaten.",
    "(Bundeswehr)",
    "„Wir",
    "bleiben“,",
    "»Nein«",
    "Mio.",
    "z.B.",
    "USA.",
    "3.000",
    "1.500km",
    "20°C.",
    "30%",
    "5€",
    "US$",
    "10US$",
    "12,5kg",
    "130km/h",
    "Ende...",
    "...",
    "…und",
    "Tel.:",
    "Nachbar'",
    "'s",
    "Kiew's",
    "+49",
    "1+",
    "2023er",
    "www.bundeswehr.de",
    "https://www.tagesschau.de/ausland/",
    "192.168.0.1",
    "info@factx.example",
    "a\n",
    "Ende.\n",
    "\n",
    "😀",
    "Satz!?",
    "[1]",
    "§5",
]


def _assert_same(german, fast, word):
    prefix, suffix, url = german
    fast_prefix, fast_suffix, fast_url = fast
    assert _span(fast_prefix.search(word)) == _span(prefix.search(word)), word
    assert _span(fast_suffix.search(word)) == _span(suffix.search(word)), word
    assert _span(fast_url.match(word)) == _span(url.match(word)), word


@pytest.mark.parametrize("word", WORDS)
def test_same_matches_as_spacy(german, fast, word):
    _assert_same(german, fast, word)


def test_every_edge_character_alone_and_in_a_word(german, fast):
    fast_prefix, fast_suffix, _ = fast
    edge_chars = set(fast_prefix._keys) | set(fast_suffix._keys)
    for ch in sorted(edge_chars):
        for word in (ch, "a" + ch, ch + "a", "1" + ch, ch + ch, "°C" + ch):
            _assert_same(german, fast, word)


_ALPHABET = "aZß19.,:;!?'\"„“«»()[]%€$°CFkmh/…+-–@\n " + "".join(WORDS)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=12))
def test_random_words(german, fast, word):
    _assert_same(german, fast, word)


SENTENCES = [
    "Rund 500 Soldaten (davon 120 Sanitäter) sollen am 3.5.2024 nach Litauen verlegt werden.",
    "„Wir bleiben“, sagte er – und verwies auf www.bundeswehr.de bzw. https://bmvg.de/x?y=1.",
    "Die Kosten: 12,5 Mio. € bzw. 13,4 Mio. US$ ... bei 20°C. Ende!?",
    "Tel.: +49 30 1234-5678, E-Mail: presse@example.org; 30% mehr als 2023.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_tokens_unchanged(text):
    plain = spacy.blank("de")
    faster = spacy.blank("de")
    assert speed_up(faster.tokenizer) == ["prefix_search", "suffix_search", "url_match"]
    assert [t.text for t in faster(text)] == [t.text for t in plain(text)]
    assert [t.whitespace_ for t in faster(text)] == [t.whitespace_ for t in plain(text)]


def test_serialised_tokenizer_unchanged():
    plain = spacy.blank("de").tokenizer
    faster = spacy.blank("de").tokenizer
    speed_up(faster)
    assert faster.to_bytes(exclude=["vocab"]) == plain.to_bytes(exclude=["vocab"])


def test_pickles(fast):
    for search in fast:
        copy = pickle.loads(pickle.dumps(search))
        assert copy.pattern == search.pattern
    fast_prefix, fast_suffix, fast_url = (pickle.loads(pickle.dumps(s)) for s in fast)
    assert fast_suffix.search("Soldaten.").span() == (8, 9)
    assert fast_prefix.search("„Wir").span() == (0, 1)
    assert fast_url.match("www.bundeswehr.de") is not None


@pytest.mark.parametrize(
    "pattern, last",
    [
        (r"a$|b", True),  # an alternative not anchored at the end
        (r"^a|b", False),
        (r"a$", True),  # nothing to split
        (r"(?i)a$|b$", True),  # letters stand for two cases
    ],
)
def test_other_shapes_refused(pattern, last):
    with pytest.raises(ValueError):
        EdgeSearch(re.compile(pattern), last)


def test_url_pattern_without_needed_character_refused():
    with pytest.raises(ValueError):
        NeedsChars(re.compile(r"^\w+$"))


def test_custom_callables_left_alone():
    tokenizer = spacy.blank("de").tokenizer
    tokenizer.suffix_search = lambda text: None
    assert speed_up(tokenizer) == ["prefix_search", "url_match"]


def test_other_language():
    plain = spacy.blank("en")
    faster = spacy.blank("en")
    assert speed_up(faster.tokenizer)
    text = "Mr. O'Neill's 5km run (U.S.) cost $5.50... didn't it? See http://x.org/a."
    assert [t.text for t in faster(text)] == [t.text for t in plain(text)]


def test_alternatives_with_unknown_edges_kept_in_every_search():
    # "\w" has no finite list of characters: its alternative is tried for every word
    pattern = re.compile(r"a\w$|x$|\.$")
    search = EdgeSearch(pattern, last=True)
    assert search._default == (0,)
    for word in ("ab", "ax", "x", "a.", "b", "!", "aß"):
        assert _span(search.search(word)) == _span(pattern.search(word))


def test_factx_pipelines_use_them(tmp_path):
    from factx.pipeline import build, load

    nlp = build()
    assert isinstance(nlp.tokenizer.suffix_search.__self__, EdgeSearch)
    nlp.to_disk(tmp_path / "model")
    loaded = load(str(tmp_path / "model"))
    assert isinstance(loaded.tokenizer.prefix_search.__self__, EdgeSearch)
    assert isinstance(loaded.tokenizer.url_match.__self__, NeedsChars)
    text = SENTENCES[1]
    assert [t.text for t in loaded(text)] == [t.text for t in spacy.blank("de")(text)]
    # nlp.pipe(n_process=...) with "spawn" pickles the pipeline, tokenizer included
    copy = pickle.loads(pickle.dumps(nlp.tokenizer))
    assert isinstance(copy.suffix_search.__self__, EdgeSearch)
    assert [t.text for t in copy(text)] == [t.text for t in spacy.blank("de")(text)]
