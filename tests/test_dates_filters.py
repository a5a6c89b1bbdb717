"""The date filters shipped in data/de/dates/filters.json are what the rules' regexes give."""

import json
import re
import unicodedata
from importlib.resources import files

import numpy as np
import pytest

from factx.dates import scan
from factx.dates.lexicon import alternation


def test_shipped_filters_equal_derived():
    made_for = json.loads((files("factx") / "data" / "de" / "dates" / "filters.json").read_text())
    if made_for["unicode"] != unicodedata.unidata_version:
        pytest.skip("filters made for another Unicode version: factx derives them at start-up")
    shipped = scan.shipped_filters()
    assert shipped is not None, (
        "data/de/dates/filters.json is not for these rules: run "
        "`python scripts/build_date_filters.py`"
    )
    assert shipped == json.loads(json.dumps(scan.derive_filters()))


@pytest.mark.parametrize("part", ["keys", "rules"])
def test_loaded_filter_equals_derived(part):
    keys, rules = scan._regexes()[1], [rx for _, rx in scan._regexes()[0]]
    derived = (
        scan._filter(keys, scan._KEY_SIZES, at_word_start=False)
        if part == "keys"
        else scan._filter(rules, scan._RULE_SIZES, at_word_start=True)
    )
    loaded = getattr(scan._plan(), f"{part[:-1]}_filter")
    assert np.array_equal(loaded.table, derived.table)
    assert np.array_equal(loaded.first, derived.first)
    assert (loaded.lengths, loaded.bits, loaded.slow) == (
        derived.lengths,
        derived.bits,
        derived.slow,
    )


def test_other_regexes_have_another_fingerprint(monkeypatch):
    before = scan.fingerprint()
    patterns = dict(scan.rule_patterns())
    rx, key = patterns["clock"]
    patterns["clock"] = (re.compile(rx.pattern + "?"), key)
    monkeypatch.setattr(scan, "rule_patterns", lambda: patterns)
    assert scan.fingerprint() != before
    assert scan.shipped_filters() is None  # so the filters are derived, not read


# (surfaces, the alternation): longest first, one length in alphabetical order
# fmt: off
ALTERNATIONS = [
    (["Mai", "Juni", "Juli", "Jan."], r"(?:Jan\.|Juli|Juni|Mai)"),
    (["Sep.", "Sept.", "September"], r"(?:September|Sept\.|Sep\.)"),
    (["Anfang Mai", "Ende Mai", "Mai"], r"(?:Anfang\s+Mai|Ende\s+Mai|Mai)"),
]
# fmt: on


@pytest.mark.parametrize("surfaces,expected", ALTERNATIONS)
def test_alternation_is_the_same_in_every_order(surfaces, expected):
    assert alternation(surfaces) == expected
    assert alternation(surfaces[::-1]) == expected


def test_tables_cover_every_code_point_of_the_bmp():
    tables = scan._tables()
    bmp = "".join(map(chr, range(0x10000)))
    assert [chr(c) for c in np.flatnonzero(tables.fold == ord("0"))] == re.findall(r"\d", bmp)
    assert [chr(c) for c in np.flatnonzero(tables.word)] == re.findall(r"\w", bmp)
    assert tables.fold[ord("\u2009")] == ord(" ")
