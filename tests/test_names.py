"""Tests for factx.names: role words, name words and the fast pre-tests behind them."""

import re

import pytest

from factx.names import (
    CAPITALISED,
    NOUNISH,
    SPEECH_BEFORE,
    SPEECH_REVERSED,
    load_lexicon,
    name_ok,
    role_of,
    trie,
)

# (word, expected role_of)
ROLES = [
    ("US-Verteidigungsministerin", ("Verteidigungsministerin", "US")),
    ("Kremlchef", ("Kremlchef", "RU")),
    ("NATO-Sprecherin", ("NATO-Sprecherin", None)),
    ("Präsidentinnen", ("Präsidentin", None)),
    ("Außenministers", ("Außenminister", None)),
    ("Abt", ("Abt", None)),
    ("U.S.-Präsident", ("U.S.-Präsident", None)),
    ("Kanzlerkandidatin", ("Kanzlerkandidatin", None)),
    ("Lautsprecher", None),
    ("Ministerium", None),
    ("Winter", None),
    ("Vize", None),
    ("Erbe", None),
    ("minister", None),
]


@pytest.mark.parametrize("word,expected", ROLES)
def test_role_of(word, expected):
    assert role_of(word) == expected


# Words whose end looks like a role head (or is one) and words that only contain one.
ROLE_SHAPES = [
    "Verteidigungsministerin",
    "Ministerpräsidenten",
    "Chefinnen",
    "Oberbefehlshabers",
    "Xchef",
    "Chefm",
    "Präsidentschaft",
    "Ministeriums",
    "Sprecherei",
    "Abtei",
    "Kommandantur",
    "Leiterin",
    "Gleitschirm",
]


@pytest.mark.parametrize("word", ROLE_SHAPES)
def test_reversed_role_test_agrees_with_role_pattern(word):
    """The backwards pre-test accepts exactly the words the role pattern would accept."""
    lex = load_lexicon()
    forward = lex.role.fullmatch(word) is not None
    assert (lex.starts_reversed.match(f"\n{word[::-1]}\n") is not None) == forward


# (word, name_ok(word), name_ok(word, strong=True), name_ok(word, True, first=False))
NAME_WORDS = [
    ("Müller", True, True, True),
    ("Regierung", False, False, False),
    ("Ministerium", False, False, False),
    ("Bäckerei", False, False, False),
    ("Austin", False, True, True),
    ("Die", False, False, True),
    ("Minister", False, False, False),
]


@pytest.mark.parametrize("word,weak,strong,inner", NAME_WORDS)
def test_name_ok(word, weak, strong, inner):
    assert (name_ok(word), name_ok(word, True), name_ok(word, True, first=False)) == (
        weak,
        strong,
        inner,
    )


@pytest.mark.parametrize(
    "word",
    ["Regierung", "Freiheiten", "Abgeordnetenschaft", "Bäckerei", "Polizei", "Ei", "Müller", "ung"],
)
def test_reversed_noun_test_agrees_with_nounish(word):
    lex = load_lexicon()
    assert bool(lex.nounish_reversed.match(word[::-1])) == bool(NOUNISH.search(word))


# (words, strings the trie matches in full, strings it does not)
TRIES = [
    (["a", "ab", "abc"], ["a", "ab", "abc"], ["", "b", "abcd", "ac"]),
    (["sagte", "sagt", "sagten", "so"], ["sagt", "sagte", "sagten", "so"], ["sag", "sagtes"]),
    (["x.y", "x+"], ["x.y", "x+"], ["xzy", "xx"]),
]


@pytest.mark.parametrize("words,yes,no", TRIES)
def test_trie(words, yes, no):
    pattern = re.compile(trie(words))
    assert [w for w in yes if pattern.fullmatch(w)] == yes
    assert [w for w in no if pattern.fullmatch(w)] == []


@pytest.mark.parametrize(
    "text,runs",
    [
        (
            "Präsident Olaf Scholz traf die US-Botschafterin.",
            ["Präsident", "Olaf", "Scholz", "US", "Botschafterin"],
        ),
        ("Das iPhone von O'Brien", ["Das", "Phone", "O", "Brien"]),
    ],
)
def test_capitalised_runs(text, runs):
    assert CAPITALISED.findall(text) == runs


# (text, offsets where a bare name after a verb of saying would start)
SPEECH = [
    ("Das sei falsch, sagte Barth.", [22]),
    ("Das sei falsch, sagte  Barth.", [23]),
    ("Das sei falsch, so \nBarth.", [19]),
    ("Das sei falsch, so al-Baghdadi.", [19]),
    ("Das sei falsch, sagte er.", []),
    ("Er sagte das und ging.", []),
]


@pytest.mark.parametrize("text,starts", SPEECH)
def test_speech_reversed_finds_every_cue(text, starts):
    backwards, n = text[::-1], len(text)
    found = sorted(n - m.start(1) for p in SPEECH_REVERSED for m in p.finditer(backwards))
    assert found == starts
    for start in starts:  # the name starts there or after the newline there
        cue = start + (text[start] == "\n")
        assert SPEECH_BEFORE.search(text, max(0, cue - 20), cue)
