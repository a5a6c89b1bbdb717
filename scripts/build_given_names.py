"""Build ``src/factx/data/de/given_names.json`` from the first-name lists that Faker ships.

Faker (MIT licence, https://github.com/joke2k/faker) has person providers for some 80 locales.
This script takes the first names of every locale written in Latin script, and transliterates
the Russian and Ukrainian (Cyrillic) ones the way German news spells them (Duden rules:
Владимир → Wladimir, Сергей → Sergej, Володимир → Wolodymyr). Names that are also German
words or function words are left out so that ``Mark Rutte`` is a person but ``Ernst der Lage``
is not. Only Faker is needed here; factx at run time reads the JSON.

Usage::

    pip install faker==40.63.0
    python scripts/build_given_names.py            # writes the JSON
    python scripts/build_given_names.py --check    # exit 1 when the committed file differs
"""

import argparse
import importlib
import json
import pkgutil
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "factx" / "data" / "de" / "given_names.json"

#: Faker attributes that hold first names.
FIELDS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")

#: A given name as one word: capitalised Latin letters, optionally hyphenated (Hans-Peter).
LATIN_NAME = re.compile(
    r"^[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿāăąćčďđēėęěğīįıķłńņňōőœřśşšţťūůűųźżž']+"
    r"(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿāăąćčďđēėęěğīįıķłńņňōőœřśşšţťūůűųźżž']+)?$"
)

#: Locales of the countries German news reports on most; their names are kept even when no
#: other language lists them.
TRUSTED_LOCALES = frozenset(
    "de_DE de_AT de_CH ru_RU uk_UA en_US en_GB fr_FR it_IT es_ES pl_PL tr_TR nl_NL cs_CZ".split()
)

#: Capitalised German words (nouns, adjectives, verbs, place names) that some locale lists as
#: a first name. In German text they start sentences and nouns, so they would make false
#: persons; a name on this list can still be found after a role ("Präsident Ernst Meier").
GERMAN_WORDS = frozenset(
    """
    Abend Adler Alle Alles Amen Angel Anna-Lena Art Ass Bach Bar Baron Baum Beat Berg Bill
    Birke Blume Blum Born Brand Brandenburg Brief Bruder Burg Chance Chef Christ
    Dank Dean Demut Diamant Ehre Eiche Engel Erde Ernst Fair Falk Faust Fee Feier Fest Fisch
    Flora Fortuna Franken Freitag Frieden Fromm Froh Fuchs Gans Geld
    Glaube Glück Gott Grace Grant Greif Gut Hafen Hand Hart Hase Haus Heide Heil Held
    Herz Himmel Hope Hund Ideal Iris Jagd Jung Justice Kaiser Kind King
    Klar Klee Klein König Krone Kunst Lamm Land Lang Laurel Leben Licht Lieb Liebe Lilie
    Linde Lob Lord Los Luft Lust Macht Mai Major Mal Man Mann Mars Meer Merit Messe
    Milde Minister Mond Moor Morgen Nacht Nebel Neu Nord Oase Ost Palme Papst Paris Park
    Perle Pol Prinz Rabe Rat Reich Rhein Ring Rose Rot Ruhe Ruhm Sache Saal Sand Schatz Schön
    Schnee Segen See Sommer Sonne Sonntag Stark Stein Stern Sturm Süd Tag Tal Tanne Treue
    Tugend Tulpe Uhr Victory Vogel Wald Wahl Wahr Weiß Welt West Wien Will Wind Winter Wolf
    Wolke Wonne Wunder Zeit Zwerg Ziel Joy Honey Kina Unity Liberty Patience
    Charity Faith Mercy Sunny Golden Silver Ruby Summer Autumn Spring Rain Storm Sky Star
    Von Van Lady Asia Etna Pol Love Toy Tit Mac Karp Lawr Prow Vega Saga Nova Luna Aura
    Moon Mercedes Porsche Benz Opel Lincoln Jordan Chelsea Sydney Austin Houston Dallas Denver
    Georgia Virginia Carolina Florida India China Asia Africa America Europa Afrika Amerika
    Roma Berlin London Madrid Lima Kiew Moskau Israel Jericho Siena Florenz Genua Verona
    Toledo Valencia Sevilla Lourdes Fatima Medina Mekka Kongo Tschad Sudan Jemen Iran Irak
    """.split()
)

#: German Duden transliteration of Russian Cyrillic (word-final -ий is handled separately).
RU = {
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "sch",
    "з": "s", "и": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "z", "ч": "tsch",
    "ш": "sch", "щ": "schtsch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju", "я": "ja",
}  # fmt: skip
#: Ukrainian differs from Russian in these letters (г is h, и is y, і is i).
UK = {**RU, "г": "h", "ґ": "g", "и": "y", "і": "i", "ї": "ji", "є": "je", "е": "e"}
VOWELS = set("аеёиоуыэюяіїє")


def transliterate(name: str, table: dict[str, str]) -> list[str]:
    """German spellings of a Cyrillic first name.

    Args:
        name: The name in Cyrillic, e.g. ``"Дмитрий"``.
        table: ``RU`` or ``UK``.

    Returns:
        One or two Latin spellings (``["Dmitri", "Dmitrij"]``); empty for other scripts.
    """
    low = name.lower()
    if not low or any(ch not in table and ch != "-" for ch in low):
        return []
    out = []
    for i, ch in enumerate(low):
        if ch == "е" and table is RU and (i == 0 or low[i - 1] in VOWELS or low[i - 1] in "ьъ"):
            out.append("je")  # Jelena, Sergejewitsch: е after a vowel or at the start
        else:
            out.append(table.get(ch, ch))
    latin = "".join(out)
    spellings = [latin]
    if latin.endswith("ij"):
        spellings.insert(0, latin[:-1])  # Дмитрий: German press writes Dmitri more than Dmitrij
    return ["-".join(p[:1].upper() + p[1:] for p in s.split("-")) for s in spellings]


def collect() -> tuple[list[str], dict[str, object]]:
    """All given names from Faker's person providers, filtered, sorted.

    Returns:
        The names and a dict describing the source (Faker version, locales used).
    """
    import faker
    import faker.providers.person as person

    languages: dict[str, set[str]] = {}
    trusted: set[str] = set()
    locales = []
    for info in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{info.name}").Provider
        raw: set[str] = set()
        for field in FIELDS:
            value = getattr(provider, field, None)
            if isinstance(value, dict):  # some locales weight names: {name: frequency}
                raw.update(value)
            elif isinstance(value, (list, tuple)):
                raw.update(value)
        table = {"ru_RU": RU, "uk_UA": UK}.get(info.name)
        found = set()
        for name in raw:
            if table is not None:
                found.update(transliterate(name, table))
            elif LATIN_NAME.match(name):
                found.add(name)
        if found:
            locales.append(info.name)
            for name in found:
                languages.setdefault(name, set()).add(info.name.split("_")[0])
            if info.name in TRUSTED_LOCALES:
                trusted |= found
    stop = _german_stop_words()
    kept = sorted(
        name
        for name, langs in languages.items()
        # One obscure locale's list is noise (Dúfa, Bunk): a name must be listed for two
        # languages or by a trusted locale.
        if (len(langs) >= 2 or name in trusted)
        and len(name) > 2
        and name not in GERMAN_WORDS
        and name.lower() not in stop
    )
    source = {"faker": faker.VERSION, "locales": sorted(locales)}
    return kept, source


def _german_stop_words() -> frozenset[str]:
    from spacy.lang.de.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def render(names: list[str], source: dict[str, object]) -> str:
    """The JSON text written to ``given_names.json`` (stable, one name per line)."""
    doc = {
        "source": "Faker person providers (MIT licence), built by scripts/build_given_names.py",
        "faker_version": source["faker"],
        "locales": source["locales"],
        "names": names,
    }
    return json.dumps(doc, ensure_ascii=False, indent=0) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write or check the given-name table; returns the process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    text = render(*collect())
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{args.out} differs from the generator", file=sys.stderr)
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {len(json.loads(text)['names'])} names to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
