"""German number parsing and quantity phrases (pure functions, no pipeline)."""

import pytest

from factx.numbers import parse_number, parse_word, qualifier_kind, vague_floor
from factx.quantities import classify_noun, find_quantities


@pytest.mark.parametrize(
    "word,value",
    [
        ("eins", 1),
        ("zwölf", 12),
        ("zwanzig", 20),
        ("dreißig", 30),
        ("dreissig", 30),
        ("fünfundzwanzig", 25),
        ("hundert", 100),
        ("dreihundertfünfzig", 350),
        ("zweitausend", 2000),
        ("zwölftausend", 12000),
        ("Zehntausend", 10000),
        ("zweihunderttausend", 200000),
        ("und", None),
        ("Soldaten", None),
        ("vierte", None),
    ],
)
def test_parse_word(word, value):
    assert parse_word(word) == value


@pytest.mark.parametrize(
    "text,value",
    [
        ("1.500", 1500),
        ("12.000", 12000),
        ("10 000", 10000),
        ("10\u202f000", 10000),
        ("10\u00a0000", 10000),
        ("10'000", 10000),
        ("4800", 4800),
        ("1,5 Millionen", 1500000),
        ("2,5 Mio.", 2500000),
        ("eine Million", 1000000),
        ("drei Millionen", 3000000),
        ("25 Millionen", 25000000),
        ("2,5", None),
        ("eine halbe Million", 500000),
        ("anderthalb Millionen", 1500000),
        ("ein Dutzend", 12),
        ("zwei Dutzend", 24),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "word,kind",
    [
        ("rund", "approx"),
        ("Etwa", "approx"),
        ("ca.", "approx"),
        ("knapp", "approx"),
        ("mehr als", "at_least"),
        ("Weit über", "at_least"),
        ("mindestens", "at_least"),
        ("bis zu", "at_most"),
        ("höchstens", "at_most"),
        ("Soldaten", None),
    ],
)
def test_qualifier_kind(word, kind):
    assert qualifier_kind(word) == kind


@pytest.mark.parametrize(
    "text,floor",
    [
        ("Dutzende", 12),
        ("Hunderte", 100),
        ("Tausenden", 1000),
        ("Zehntausende", 10000),
        ("mehrere tausend", 1000),
        ("einige hundert", 100),
        ("zig", 20),
        ("viele", None),
    ],
)
def test_vague_floor(text, floor):
    assert vague_floor(text) == floor


@pytest.mark.parametrize(
    "text,expected",
    [
        ("rund 12.000 nordkoreanische Soldaten", ("rund 12.000", 12000, "approx", "Soldaten")),
        (
            "zwischen 60.000 und 70.000 Soldaten",
            ("zwischen 60.000 und 70.000", 60000, "range", "Soldaten"),
        ),
        ("60- bis 70.000 Soldaten", ("60- bis 70.000", 60000, "range", "Soldaten")),
        ("2.500–3.000 Soldaten", ("2.500–3.000", 2500, "range", "Soldaten")),
        ("weitere 2000 Soldaten", ("2000", 2000, False, "Soldaten")),
        ("eine 4800 Mann starke Brigade", ("4800", 4800, False, "Mann")),
        ("Hunderten Polizisten und Grenzschützern", ("Hunderten", None, "vague", "Polizisten")),
        (
            "etwa 1.500 Zeit- und Berufssoldaten",
            ("etwa 1.500", 1500, "approx", "Zeit- und Berufssoldaten"),
        ),
        ("verfügt über 2,5 Mio. Soldaten", ("2,5 Mio.", 2500000, False, "Soldaten")),
        ("Etwa 600 von ihnen", ("Etwa 600", 600, "approx", None)),
    ],
)
def test_find_quantities(text, expected):
    q = find_quantities(text)[0]
    assert (text[q.start : q.end], q.value, q.approx, q.noun) == expected


@pytest.mark.parametrize("text", ["16:03 Uhr", "am 23.10.2024", "G7-Gipfel", "die vierte Division"])
def test_no_quantity(text):
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    "noun,unit",
    [
        ("Soldaten", ("Soldat", "military")),
        ("Soldat:innen", ("Soldat", "military")),
        ("Bundeswehrsoldaten", ("Soldat", "military")),
        ("UN-Friedenssoldaten", ("Soldat", "military")),
        ("Tote", ("Toter", "casualties")),
        ("Männer und Frauen", ("Person", "personnel")),
        ("Streitkräfte", None),
        ("Panzer", None),
        ("Flüchtlinge", None),
    ],
)
def test_classify_noun(noun, unit):
    assert classify_noun(noun) == unit
