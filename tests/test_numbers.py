"""German number parsing and quantity phrases (pure functions, no pipeline)."""

import pytest

from factx.numbers import parse_number, parse_word, qualifier_kind, vague_floor
from factx.quantities import (
    alternation,
    anchor_spans,
    classify_noun,
    find_quantities,
    is_fresh,
    read_regions,
    word_starts,
)


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


# --- reading only part of a text gives the phrases the whole scan gives there

LONG = (
    "Am 12. März 2024 spielte Rapid 3:1 gegen Sturm, 18.500 Zuschauer kamen. "
    "Im Jahr 2023 waren es 14 Spiele. Nordkorea hat rund 12.000 Soldaten nach "
    "Russland geschickt, 2.000 weitere sollen folgen. Die Armee stockte um 900 "
    "auf 1.800 Soldaten auf. Der Etat stieg 2024 um 4 Prozent auf 52 Mrd. Euro, "
    "dazu kommen 300 Panzer und 12 Fregatten."
)


def _phrases(quantities):
    return [(q.start, q.end, q.value, q.noun) for q in quantities]


# numbers far apart: the scan can start again after each gap
GAPPY = (
    "Im Jahr 2020 "
    + "war es ruhig. " * 25
    + "Dann kamen 3.000 Soldaten, 400 davon verletzt. "
    + "Es blieb ruhig. " * 20
    + "Am Ende waren es 2.500 Mann."
)


@pytest.mark.parametrize(
    "text,first,last",
    [
        (LONG, 0, len(LONG)),
        (LONG, 95, 160),
        (LONG, 170, 230),
        (LONG, 300, 330),
        (LONG, 0, 10),
        (LONG, len(LONG) - 5, len(LONG)),
        (GAPPY, 360, 400),
        (GAPPY, 700, len(GAPPY)),
    ],
)
def test_read_regions_gives_the_phrases_of_the_whole_scan(text, first, last):
    whole = _phrases(find_quantities(text))
    runs = read_regions(text, anchor_spans(text), [(first, last)])
    assert runs
    read = [p for phrases, _, _ in runs for p in _phrases(phrases)]
    # each run is a stretch of the whole scan
    for phrases, _, _ in runs:
        got = _phrases(phrases)
        i = whole.index(got[0])
        assert whole[i : i + len(got)] == got
    # and every phrase that starts in the region is read, beyond the phrases skipped
    needed = [p for p in whole if first <= p[0] <= last]
    if text is GAPPY and first > 500:
        assert _phrases(runs[0][0])[0] != whole[0]  # started after the first gap
    kept = [p for phrases, skip, _ in runs for p in _phrases(phrases[skip:])]
    assert set(needed) <= set(kept) <= set(read)


@pytest.mark.parametrize(
    "text,fresh",
    [
        ("1 " + "Wort " * 60 + "2", [True, True]),  # the search for 1 ends long before 2
        ("1 " + "x" * 300 + " 2", [True, False]),  # ... at the first space 200 characters on
        ("1 2", [True, False]),
        ("Zwischen 2010 und 2020", [True, False]),
    ],
)
def test_is_fresh(text, fresh):
    anchors = anchor_spans(text)
    assert [is_fresh(text, anchors, i) for i in range(len(anchors))] == fresh


@pytest.mark.parametrize(
    "text",
    [LONG, "Zweitausend Soldaten, zweihundert Panzer.", "Die A380 und 500km², dreißig/vierzig."],
)
def test_anchors_of_the_tokens_are_those_of_the_text(nlp, text):
    doc = nlp.make_doc(text)
    by_token = [s for t in doc for s in anchor_spans(text, t.idx, t.idx + len(t))]
    assert by_token == anchor_spans(text)


@pytest.mark.parametrize(
    "words,text,found",
    [
        (["soldat", "soldaten", "truppen"], "bundeswehrsoldaten", True),
        (["soldat", "truppen"], "truppe", False),
        (["ab", "abc"], "xab", True),
        ([], "alles", False),
    ],
)
def test_alternation_finds_any_word(words, text, found):
    assert bool(alternation(words).search(text)) is found


@pytest.mark.parametrize(
    "token,starts",
    [("Soldaten", (0,)), ("US-Soldaten", (0, 3)), ("„Laut", (0, 1)), ("1.500", (0, 2))],
)
def test_word_starts(token, starts):
    assert word_starts(token) == starts
