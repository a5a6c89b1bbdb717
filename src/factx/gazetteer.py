"""Lookup of German names for countries, places, regions, organisations and demonyms."""

import json
import re
from functools import cached_property, lru_cache
from importlib.resources import files

from factx.collector import paused
from factx.extensions import WordCache

#: ``{"name", "type", "country", "lat", "lon", "label"}``; ``type`` is one of ``country``,
#: ``city``, ``region``, ``organization``, ``group``; ``label`` is ``LOC``, ``ORG`` or
#: ``LOCderiv``.
Entry = dict

#: The first word of a name as the entity component scans text: capitalised words and
#: hyphenated compounds, adjectives in ``-sch``/``-sche``/... (demonyms), and the names
#: that begin in lower case, inserted at load time (``dpa``, ``al-Kaida``). Its parts are
#: named for the entity component's fast scan: the first letter of a capitalised word, the
#: letters (a character class) of an adjective and how the adjective ends.
CAPITAL = "[A-ZÄÖÜÉ]"
ADJECTIVE_LETTERS = "a-zäöüß-"
ADJECTIVE_END = r"sch(?:e[mnrs]?)?(?![\w-])"
WORD_PATTERN = rf"{CAPITAL}[\w-]*|[a-zäöüß][{ADJECTIVE_LETTERS}]*{ADJECTIVE_END}"
_FIRST_WORD = re.compile(r"(?:" + WORD_PATTERN + r"|[a-zäöüß][\w-]*)")
_ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")
#: A capitalised adjective in a name of two words (``Weißes``, ``Vereinte``, ``Roten``).
_ADJ_STEM = re.compile(r"([A-ZÄÖÜ][a-zäöüß]{2,}?)(?:e|en|er|es)")
_TYPE_LABEL = {"organization": "ORG", "group": "ORG"}
_DACH = frozenset({"DE", "AT", "CH"})
#: A city gives an ``-er`` derivation (``Berliner``, ``Kölner``) only if it is this big, so
#: that ``Bauer`` is not someone from Bau (Malaysia), nor ``Kaiser`` from Kaisen (Korea).
_DERIVATION_MIN_POP = 500_000
#: Genitive ``-s`` is read off towns this big only (``Bundes`` is not Bunde's).
_GENITIVE_MIN_POP = 100_000
_DERIVATION_MIN_POP_DACH = 20_000
#: The first column of each line of a TSV after its header: the names of ``places.tsv`` and
#: ``villages.tsv`` are found in C by this pattern, their lines by one ``split``.
_LINE_NAME = re.compile(r"\n([^\t\n]*)")


def _read(name: str) -> dict:
    # Bytes: ``read_text`` decodes through a text wrapper at half the speed.
    return json.loads((files("factx") / "data" / "de" / name).read_bytes())


def _index_tsv(text: str) -> dict[str, str]:
    """``name -> line`` for a TSV whose first column is a name (header skipped, last wins).

    Indexing 50,000 lines line by line in Python would cost more than the rest of the load.
    """
    if not text:
        return {}
    names = _LINE_NAME.findall(text)
    lines = text.split("\n")[1:]
    if text.endswith("\n"):
        names.pop()
        lines.pop()
    return dict(zip(names, lines, strict=True))


def _entry(name, type_, country, lat=None, lon=None) -> Entry:
    return {
        "name": name,
        "type": type_,
        "country": country,
        "lat": lat,
        "lon": lon,
        "label": _TYPE_LABEL.get(type_, "LOC"),
    }


def _declined(name: str) -> list[str]:
    """``Auswärtiges Amt`` -> ``Auswärtige Amt``, ``Auswärtigen Amt``, ... (adjective + noun)."""
    words = name.split(" ")
    if len(words) != 2 or not words[1][:1].isupper():
        return []
    stem = _ADJ_STEM.fullmatch(words[0])
    if stem is None:
        return []
    return [f"{stem.group(1)}{ending} {words[1]}" for ending in ("e", "en", "er", "es")]


def _noun_forms(noun: str) -> list[str]:
    """Singular, plural, dative plural and feminine forms of a demonym noun."""
    if noun.endswith("er"):
        return [noun, noun + "n", noun + "in", noun + "innen"]
    if noun.endswith("e"):
        return [noun, noun + "n", noun[:-1] + "in", noun[:-1] + "innen"]
    if noun.endswith("i"):
        return [noun, noun + "s", noun + "n", noun + "nnen"]  # Israeli, Israelis, Israelin
    return [noun, noun + "en", noun + "in", noun + "innen"]  # Jemenit, Zypriot, Ungar


class Gazetteer:
    """Surface-form lookup over the packaged tables (see ``data/README.md``)."""

    def __init__(self, tables: dict[str, dict | str]) -> None:
        """Index the tables.

        Args:
            tables: JSON file name -> parsed content, and ``places.tsv``/``villages.tsv``
                -> their text.
        """
        self._countries: dict[str, Entry] = {}
        self._names: dict[str, Entry] = {}
        self._load_countries(tables["countries.json"], tables["country_aliases.json"])
        self._load_regions(tables["regions.json"])
        self._load_organizations(tables["organizations.json"])
        stop = tables["place_stoplist.json"]
        self._drop = frozenset(stop["drop"])
        #: Names that need a context besides the ``context``-flagged places (see needs_context).
        self._context = frozenset(stop["context"])
        self.prepositions = frozenset(stop["prepositions"])
        self.place_nouns = frozenset(stop["place_nouns"])
        # name -> its TSV line, parsed into a row tuple on first use (see _place_row): of
        # 50,000 places a run reads a few hundred.
        self._places: dict[str, str | tuple] = _index_tsv(tables["places.tsv"])
        self._village_text: str = tables.get("villages.tsv", "")
        self._village_index: dict[str, str] | None = None
        self._place_cache: dict[str, Entry] = {}
        self._lookups = WordCache(self._lookup, 100_000)  # surface -> lookup(surface)
        self._demonym_of = WordCache(self._demonym, 100_000)  # word -> demonym(word)
        self._village_of = WordCache(self._village, 100_000)  # surface -> village(surface)
        self.region_heads = frozenset(tables["regions.json"]["heads"])
        patterns = tables["organizations.json"]["patterns"]
        self.federal_compound = re.compile(patterns["federal_compound"])
        self.federal_country = patterns["federal_country"]
        self.head_fuer = frozenset(patterns["head_fuer"])
        self.head_then_place = frozenset(patterns["head_then_place"])
        self.club_heads = frozenset(patterns["club_heads"])
        self.club_suffixes = frozenset(patterns["club_suffixes"])
        self.place_then_head = frozenset(patterns["place_then_head"])
        self.company_suffix = frozenset(patterns["company_suffix"])
        self.acronym = re.compile(patterns["acronym"])
        self.not_acronyms = frozenset(patterns["not_acronyms"])
        self._given_names = frozenset(tables.get("given_names.json", {}).get("names", ()))
        self._load_place_patterns(tables["place_patterns.json"])
        self._load_demonyms(tables["demonyms.json"])
        self._load_prefixes(tables["prefixes.json"])
        self._index_multiword()

    # -- loading -------------------------------------------------------------------------

    def _load_countries(self, data: dict, overlay: dict) -> None:
        names = overlay["names"]
        for iso, cldr_name, lat, lon in data["countries"]:
            entry = _entry(names.get(iso, cldr_name), "country", iso, lat, lon)
            self._countries[iso] = entry
            self._names[cldr_name] = entry
        for _code, name in data["areas"]:
            self._names.setdefault(name, _entry(name, "region", None))
        for iso, aliases in overlay["aliases"].items():
            for alias in aliases:
                self._names[alias] = self._countries[iso]
        for entry in self._countries.values():
            self._names.setdefault(entry["name"], entry)

    def _load_regions(self, data: dict) -> None:
        for row in data["entries"]:
            entry = _entry(row["name"], "region", row["country"], row["lat"], row["lon"])
            for name in [row["name"], *row["aliases"]]:
                self._names.setdefault(name, entry)
                for variant in _declined(name):
                    self._names.setdefault(variant, entry)

    def _load_organizations(self, data: dict) -> None:
        # Organisations win over places of the same name (``Union``, ``Werder``).
        for row in data["entries"]:
            entry = _entry(row["name"], row["type"], row["country"])
            for name in [row["name"], *row["aliases"]]:
                self._names[name] = entry
            for name in [row["name"], *row["aliases"]]:
                for variant in _declined(name):
                    self._names.setdefault(variant, entry)

    def _load_place_patterns(self, data: dict) -> None:
        self._street_suffixes = tuple(data["street_suffixes"])
        #: How the names of streets and lakes end, in lower case (``-straße``, ``-see``).
        self.street_and_lake_suffixes = (*data["street_suffixes"], data["lake_suffix"])
        self._not_streets = frozenset(data["not_streets"])
        self._lake_suffix = data["lake_suffix"]
        self._not_lakes = frozenset(data["not_lakes"])
        self.place_heads = frozenset(data["heads_after_adjective"])
        self.compass_prefixes = tuple(data["compass_prefixes"])
        prefixes = "|".join(sorted(data["compass_prefixes"], key=len, reverse=True))
        self._compass = re.compile(rf"(?:{prefixes})-?([A-ZÄÖÜa-zäöü][a-zäöüß]{{3,}})")

    def _load_demonyms(self, data: dict) -> None:
        self.un_members: list[str] = data["un_members"]
        self._demonyms: dict[str, Entry] = {}
        self._adj_stems: dict[str, Entry] = {}
        for key, spec in data["entries"].items():
            base = self._countries.get(key) if len(key) == 2 else self._exact(key)
            if base is None:
                raise ValueError(f"demonyms.json: unknown country or region {key!r}")
            entry = {**base, "label": "LOCderiv"}
            forms = [*spec.get("forms", ())]
            for noun in spec.get("nouns", ()):
                forms.extend(_noun_forms(noun))
            for stem in spec["adj"]:
                self._adj_stems.setdefault(stem, entry)
                forms.extend(stem + ending for ending in _ADJ_ENDINGS)
            for form in forms:
                # First entry wins: ``kongolesisch`` stays with the DR Congo, listed first.
                self._demonyms.setdefault(form, entry)
                if form[0].islower():
                    self._demonyms.setdefault(form[0].upper() + form[1:], entry)

    def _load_prefixes(self, data: dict) -> None:
        self._hyphen_prefixes = {k: self._resolve(v) for k, v in data["hyphen"].items()}
        self._closed_prefixes = {k: self._resolve(v) for k, v in data["closed"].items()}

    def _resolve(self, target: str) -> Entry:
        entry = self._countries.get(target) or self._names.get(target)
        if entry is None:
            raise ValueError(f"prefixes.json: unknown target {target!r}")
        return entry

    def _index_multiword(self) -> None:
        """First word -> names of several words starting with it, longest first."""
        index: dict[str, list[str]] = {}
        several = [n for n in self._places if " " in n or "." in n]
        for name in [*self._names, *several]:
            first = _FIRST_WORD.match(name)
            if first is None or first.end() == len(name) or name in self._drop:
                continue
            index.setdefault(first.group(), []).append(name)
        self.multiword = {
            first: tuple(sorted(names, key=len, reverse=True)) for first, names in index.items()
        }
        # Names in lower case (``dpa``, ``al-Kaida``) are not capitalised words: the scanner
        # needs their first words spelled out.
        self.lowercase_words = sorted(
            {f.group() for n in self._names if n[0].islower() and (f := _FIRST_WORD.match(n))},
            key=len,
            reverse=True,
        )

    # -- API -----------------------------------------------------------------------------

    def country(self, iso: str) -> Entry | None:
        """The country entry for an ISO 3166-1 alpha-2 code (``"KP"`` -> Nordkorea)."""
        return self._countries.get(iso)

    def lookup(self, surface: str) -> Entry | None:
        """The entry for an exact surface (one or more words), including genitive ``-s``.

        Place names that are also common words (``Essen``) are returned too; whether the
        context supports a place reading is for the caller (see :meth:`needs_context`).
        """
        # Remembered: the components ask for the same few thousand words again and again.
        return self._lookups[surface]

    def _lookup(self, surface: str) -> Entry | None:
        entry = self._exact(surface)
        if entry is None and len(surface) > 3 and surface[-1] == "s" and surface[-2] not in "sxzß":
            entry = self._genitive(surface[:-1])
            if entry is None and surface.endswith("es"):
                entry = self._genitive(surface[:-2])  # Griechenlandes, Bundestages
                if entry is not None and entry["type"] == "city":
                    entry = None
        return entry

    def _genitive(self, base: str) -> Entry | None:
        """The entry a genitive form stands for; only for towns big enough to be sure of.

        ``Moskaus``, ``Kiews``, ``Russlands``; but ``Bundes`` is not the genitive of Bunde.
        """
        entry = self._names.get(base)
        if entry is not None:
            return entry if entry["type"] != "group" else None
        row = self._place_row(base)
        if row is None or base in self._drop or row[4] < _GENITIVE_MIN_POP:
            return None
        return self._place(base)

    @staticmethod
    def _big(row: tuple) -> bool:
        return row[4] >= _DERIVATION_MIN_POP or (
            row[1] in _DACH and row[4] >= _DERIVATION_MIN_POP_DACH
        )

    def street_or_lake(self, word: str) -> Entry | None:
        """``Schwanitzstraße``, ``Friedrich-Ebert-Allee``, ``Tegernsee``: a named place.

        Common nouns built the same way (``Landstraße``, ``Sackgasse``, ``Stausee``) are not.
        """
        last = word.rsplit("-", 1)[-1]
        if word in self._not_streets or last in self._not_streets and last == word:
            return None
        lower = word.lower()
        if lower.endswith(self._street_suffixes) and (len(last) > 7 or "-" in word):
            return _entry(word, "region", None)  # the schema has no street type: a named place
        if (
            lower.endswith(self._lake_suffix)
            and len(word) > 6
            and word not in self._not_lakes
            and "-" not in word
        ):
            return _entry(word, "region", None)
        return None

    def compass_region(self, word: str) -> Entry | None:
        """``Nordhessen``, ``Süditalien``, ``Ostwestfalens``: part of a known country or region."""
        match = self._compass.fullmatch(word)
        if match is None:
            return None
        base = match.group(1)
        entry = self.lookup(base[0].upper() + base[1:])
        if entry is None or entry["type"] not in ("country", "region"):
            return None
        return _entry(word, "region", entry["country"], entry["lat"], entry["lon"])

    def village(self, surface: str) -> Entry | None:
        """A town too small for :meth:`lookup` (``Kreischa``, ``Taiskirchen``), or ``None``.

        Such names are surnames as often as places (``Lambrecht``), so only a context such
        as ``in``/``Gemeinde`` before them makes them places; ``lookup()`` never returns them.
        Remembered per surface, as :meth:`lookup` (callers only read the entry).
        """
        return self._village_of[surface]

    def _village(self, surface: str) -> Entry | None:
        row = self._villages().get(surface)
        if row is None or surface in self._drop:
            return None
        _, country, lat, lon, _ = row.split("\t")
        return _entry(surface, "city", country, float(lat), float(lon))

    def _villages(self) -> dict[str, str]:
        if self._village_index is None:
            # name -> "name\tcountry\tlat\tlon\tpopulation", indexed on first use.
            self._village_index = _index_tsv(self._village_text)
        return self._village_index

    @cached_property
    def whole_words(self) -> frozenset[str]:
        """Every word that a table lists as it stands: names, places, villages, demonyms.

        Also the first words of longer names and the heads of regions, clubs and bodies:
        the entity component's quick test whether a word may be in a table at all (for a
        genitive or a Swiss spelling it asks for the stem or :attr:`swiss_spellings`).
        """
        return frozenset().union(
            self._names,
            self._places,
            self._villages(),
            self._demonyms,
            self.multiword,
            self.region_heads,
            self.club_heads,
            self.head_then_place,
            self.head_fuer,
        )

    @cached_property
    def swiss_spellings(self) -> frozenset[str]:
        """The names with ``ß`` as the Swiss write them (``Weissrussland``), see ``_exact``."""
        return frozenset(n.replace("ß", "ss") for n in (*self._names, *self._places) if "ß" in n)

    def needs_context(self, surface: str) -> bool:
        """Whether a place name counts only after a preposition (``in Essen``).

        That holds for names that are also common words (``Essen``, ``Hof``) and for towns
        under a million people named like a person (``Austin``, ``Farah``, ``Florence``).
        """
        name = surface if surface in self._names or surface in self._places else surface[:-1]
        if name in self._names:
            return False
        row = self._place_row(name)
        if name in self._context or (row is not None and row[6]):
            return True
        return row is not None and row[4] < 1_000_000 and name in self._given_names

    def demonym(self, word: str) -> Entry | None:
        """The country (or region/city) entry with label ``LOCderiv`` for a demonym.

        ``nordkoreanische``, ``Nordkoreaner``, ``US-amerikanischen``, ``deutsch-französische``
        (the first part decides) and ``-er`` derivations of big cities (``Berliner``).
        Remembered per word, as :meth:`lookup` (callers only read the entry).
        """
        return self._demonym_of[word]

    def _demonym(self, word: str) -> Entry | None:
        entry = self._demonyms.get(word)
        if entry is not None:
            return entry
        if "-" in word:
            # deutsch-französische, Deutsch-Kanadier: the first part decides.
            parts = word.split("-")
            first = parts[0][0].lower() + parts[0][1:] if parts[0] else ""
            stems_ok = all(p[:1].lower() + p[1:] in self._adj_stems for p in parts[:-1])
            if stems_ok and parts[-1] in self._demonyms:
                return self._adj_stems[first]
            return None
        if word[0].isupper() and len(word) > 5:
            for ending, replacement in (("erinnen", "er"), ("erin", "er"), ("ern", "er")):
                if word.endswith(ending):
                    word = word[: -len(ending)] + replacement
                    break
            if word.endswith("er"):
                return self._city_derivation(word)
        return None

    def is_adjective(self, word: str) -> bool:
        """Whether a capitalised word is a demonym adjective (``Bayerische``), not a noun."""
        return word[:1].isupper() and (word[0].lower() + word[1:]) in self._demonyms

    def _city_derivation(self, word: str) -> Entry | None:
        # Most specific first: GeoNames has odd alternates such as "Dresdn".
        stems = []
        if word.endswith("ener"):
            stems.append(word[:-4] + "en")  # Münchener
        if word.endswith("ner"):
            stems.append(word[:-3] + "en")  # Dresdner, Münchner
        stems += [word[:-2] + "en", word[:-2]]  # Bremer, Berliner
        for stem in stems:
            row = self._place_row(stem)
            if row is None or row[6] or stem in self._context or stem in self._drop:
                continue
            if self._big(row):
                return {**self._place(stem), "label": "LOCderiv"}
        return None

    def prefix(self, word: str) -> Entry | None:
        """The state or body a compound's first part names.

        ``US-Soldaten`` -> USA, ``Nato-Truppen`` -> NATO, ``Bundeswehrsoldaten`` -> Bundeswehr,
        ``Russland-Reise`` -> Russland; ``None`` if the word is no such compound.
        """
        head, sep, rest = word.partition("-")
        if sep and rest:
            entry = self._hyphen_prefixes.get(head)
            if entry is None:
                found = self._exact(head)
                if found is not None and found["type"] == "country":
                    entry = found
            return entry
        for prefix, entry in self._closed_prefixes.items():
            if word.startswith(prefix) and len(word) > len(prefix) + 2:
                return entry
        return None

    # -- internals -------------------------------------------------------------------------

    def _exact(self, surface: str) -> Entry | None:
        entry = self._names.get(surface)
        if entry is None and surface in self._places and surface not in self._drop:
            entry = self._place(surface)
        if entry is None and "ss" in surface:
            # Swiss spelling has no ß: "Grossbritannien", "Weissrussland"
            i = surface.find("ss")
            while entry is None and i >= 0:
                entry = self._exact(surface[:i] + "ß" + surface[i + 2 :])
                i = surface.find("ss", i + 1)
        return entry

    def _place(self, name: str) -> Entry:
        entry = self._place_cache.get(name)
        if entry is None:
            _, country, lat, lon, _, kind, _ = self._place_row(name)
            entry = self._place_cache[name] = _entry(name, kind, country, lat, lon)
        return entry

    def _place_row(self, name: str) -> tuple | None:
        """``(name, country, lat, lon, population, kind, context)`` of a place, or ``None``."""
        row = self._places.get(name)
        if row.__class__ is str:
            name_, country, lat, lon, population, kind, context = row.split("\t")
            row = (name_, country, float(lat), float(lon), int(population), kind, int(context))
            self._places[name] = row
        return row


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Load the packaged tables once (tens of milliseconds)."""
    names = (
        "countries.json",
        "country_aliases.json",
        "regions.json",
        "organizations.json",
        "place_stoplist.json",
        "demonyms.json",
        "prefixes.json",
        "place_patterns.json",
        "given_names.json",  # shared with factx_persons: towns named like people
    )
    # Parsing makes some 100,000 lists and dicts, none of them garbage; meanwhile the
    # collector would walk the whole heap again and again (two thirds of the load time).
    with paused():
        tables = {name: _read(name) for name in names}
        for name in ("places.tsv", "villages.tsv"):
            tables[name] = (files("factx") / "data" / "de" / name).read_bytes().decode("utf-8")
        return Gazetteer(tables)
