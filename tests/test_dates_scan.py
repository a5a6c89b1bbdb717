"""Tests for factx.dates.scan: the filtered search finds exactly the plain scans' matches."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factx.dates import scan


def _spans(found):
    return sorted((priority, name, m.span(), m.groups()) for priority, name, m in found)


# fmt: off
TEXTS = [
    "",
    "Mai",
    "12.3.",
    "1914",
    "Am 3. Mai 2015 um 14:30 Uhr begann der Angriff; vor zwei Tagen endete er.",
    "Seit Jahren, genauer seit dem Frühjahr 2019, dauert der Konflikt an.",
    "(3.–5. Mai) und „Anfang Juni“ sowie Mitte der 1990er Jahre",
    "Ost-Januar, US-Präsident, Nato-Gipfel am 12.\n\n5. Juni 2020",
    "am 5.    \n\n   Mai, vom 24. bis 26. Dezember, zum 1. Januar",
    "Die Schlacht fand 44 v. Chr. statt, 1234 Soldaten fielen.",
    "IN DER FOLGEZEIT, in der Folgezeit, In der Folge; kurz darauf; vor kurzem",
    "Sonntagmorgen, zweitägige Gespräche, alljährlich, tagtäglich, hochaktuell",
    "Das geschah gestern\u00a0Abend um 9.30 Uhr MEZ, übermorgen früh geht es weiter.",
    "2016-05-12T10:15 und 2016-13-40 sowie 1.500 Soldaten, z.B. 12.03.2024",
    "Zweites Quartal 2020, erste Jahreshälfte, 2. Halbjahr, 20. Jahrhundert",
    "jeden Montag, pro Woche, montags, wöchentlich; derzeit, zur Zeit, gerade jetzt",
    "Am Wochenende, übers Wochenende, im Vorjahr, Folgetag, Jahresende 2014",
    "\u0661\u0662.\u0663.\u0662\u0660\u0662\u0660 ist ein Datum in arabischen Ziffern",
    "Ein Emoji 🎉 am 3. Mai 2021 verschiebt die UTF-16-Einheiten.",
    "x" * 150 + " Mai " + "y" * 120 + " 2015 am 4. Juni",
    "Mai" + " " * 300 + "2015",
]
# fmt: on


@pytest.mark.parametrize("text", TEXTS)
def test_filtered_search_equals_plain_scans(text):
    assert _spans(scan.rule_matches(text)) == _spans(scan.reference_matches(text))


def test_every_rule_and_key_is_filtered():
    plan = scan._plan()
    assert plan.key_filter.slow == ()
    assert plan.rule_filter.slow == ()


# (pattern, n, heads or None when the analysis must give up)
# fmt: off
HEADS = [
    (r"\d{3}", 3, {"000"}),
    (r"[Aa]m\s\d", 4, {"Am 0", "am 0"}),
    (r"\b[Vv]or\s", 4, {"Vor ", "vor "}),
    (r"(?:Jan\.|Januar)", 3, {"Jan"}),
    (r"(?<![\w.])(?:etwa\s+)?\d\d", 2, {"et", "00"}),
    (r"(?:etwa\s+)?\d", 2, {"et", "0"}),
    (r"x?yz", 2, {"xy", "yz"}),
    (r"ab", 3, {"ab"}),  # a match shorter than n is its own head
    (r"\w+er", 2, None),  # \w is too wide to enumerate
    (r"[^a]bc", 2, None),
    (r"(?i)mai", 3, None),
]
# fmt: on


@pytest.mark.parametrize("pattern,n,expected", HEADS)
def test_heads_of(pattern, n, expected):
    heads = scan.heads_of(re.compile(pattern), n)
    assert heads == (frozenset(expected) if expected is not None else None)


@pytest.mark.parametrize(
    "pattern,expected",
    [
        (r"(?<![\w.])Mai", True),
        (r"(?<![\w.-])\d{4}-\d", True),
        (r"(?:(?<=\b[Aa]m\s)|(?<=\bzum\s))\d", True),
        (r"(?<![\w])Mai", False),  # a dot before the match is allowed
        (r"Mai", False),
        (r"(?:(?<=\bam\s)|x)\d", False),
    ],
)
def test_starts_after_boundary(pattern, expected):
    assert scan.starts_after_boundary(re.compile(pattern)) is expected


_PIECES = [
    "am", "Am", "vom", "zum", "um", "vor", "nach", "seit", "pro", "jeden", "der", "die", "in",
    "3.", "12.", "3.5.", "2015", "1990er", "44", "14:30", "Uhr", "v. Chr.", "Mai", "Juni",
    "Sept.", "Montag", "montags", "Woche", "Wochen", "Wochenende", "Jahr", "Jahres", "Tage",
    "vergangenen", "kommenden", "Anfang", "Mitte", "Ende", "gegen", "Frühjahr", "Quartal",
    "zwei", "drei", "einige", "später", "danach", "morgen", "gestern", "Abend", "derzeit",
    "kurz", "Zeit", "Folge", "Sonntagmorgen", "dreitägigen", "Soldaten", "und", "bis",
]  # fmt: skip
_SEPARATORS = [" ", " ", " ", "  ", "\n", "\u00a0", ", ", ". ", "-", "–", "/", "(", "„", ""]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_SEPARATORS)), max_size=40))
def test_filtered_search_equals_plain_scans_on_random_texts(parts):
    text = "".join(piece + sep for piece, sep in parts)
    assert _spans(scan.rule_matches(text)) == _spans(scan.reference_matches(text))
