"""How a mention stands in a German sentence: the tests the fact linker uses.

Regular expressions over the text before and after a mention tell whether it stands in a
prepositional phrase (``nach Russland``), a list (``in Polen, Rumänien und der Slowakei``), a
source phrase (``nach Angaben aus Kiew``), a border (``an der Grenze zu Belarus``), or a
relative clause; plus the kind cue table of ``data/de/kinds.json``.
"""

import json
import re
from bisect import bisect_left
from functools import lru_cache
from importlib.resources import files

from factx.extensions import text_of
from factx.layout import Layout

LOCATIVE = re.compile(
    r"(?:\b(?i:nach|in|im|ins|aus|an|am|bei|beim|auf|über|vor|Richtung|nahe|zu|zur|zum|um|"
    r"innerhalb|außerhalb)\s+(?:(?:der|den|dem|die|das|des)\s+)?"
    r"(?:(?:[a-zäöüß]\w*(?:en|er|e|es|em))\s+)?(?:(?:Region|Gebiet|Provinz|Stadt|Hauptstadt|"
    r"Oblast|Grenzstadt|Hafenstadt|Nachbarland|Land|Küste|Frontstadt)\s+"
    # "im Hafen von Odessa", "im Osten des Landes X", "in der Schlacht um Bachmut"
    r"|[A-ZÄÖÜ]\w+\s+(?:von|des|der|um|bei|nahe)\s+)?)$"
)
# A pointer back to a place named before: "dort", "vor Ort", "im Land"
PLACE_ANAPHOR = re.compile(
    r"\b(?:[Dd]ort|[Dd]orthin|vor Ort|des Landes"
    # "in dem baltischen Land", "in die Region", "im Nachbarland"
    r"|(?:[Ii]n|[Ii]m|[Ii]ns|[Aa]us|[Nn]ach)\s+(?:(?:dem|der|das|die|den)\s+)?"
    r"(?:[a-zäöüß]\w*(?:en|e|er)\s+)?(?P<noun>Land|Staat|Nachbarland|Region|Gebiet|"
    r"Einsatzgebiet|Kriegsgebiet|Grenzgebiet|Königreich|Inselstaat|Emirat))\b(?!\s+[A-ZÄÖÜ])"
)
NOT_ACTOR_BEFORE = re.compile(
    r"(?:\b(?i:nach|in|im|ins|aus|an|am|bei|beim|auf|über|vor|gegen|für|mit|zu|zur|zum|von|vom|"
    r"zwischen|unter|um|wegen|laut|Richtung|gegenüber|nahe|hinter|neben|seit|trotz|ohne|"
    r"innerhalb|außerhalb)\s+(?:(?:der|den|dem|die|das|des|seine[nmrs]?|ihre[nmrs]?)\s+)?"
    r"(?:[a-zäöüß]\w*\s+)?(?:[A-ZÄÖÜ]\w*(?:land|region|gebiet|stadt|provinz|insel|republik|staat|"
    r"ort|dorf|hafen|küste|metropole|halbinsel|Land|Region|Gebiet|Stadt|Provinz|Insel|Republik|"
    r"Staat|Ort|Dorf|Oblast)\s+)?)$"
)
# Forces are named after these as well: "Soldaten in der Bundeswehr", "bei der Armee"
MEMBER_OF = re.compile(r"\b(?i:in|im|bei|beim)\s+(?:der|dem|den)?\s*$")
ACTOR_NOUN = re.compile(
    r"\s+(?:\w+-)?(?:Armee|Militär|Streitkräfte|Regierung|Armeechef|Militärführung|Führung|"
    r"Truppen|Soldaten|Marine|Luftwaffe|Heer|Präsident|Staatschef|Regierungschef|Machthaber|"
    r"Verteidigungsminister|Generalstab|Grenzschutz|Küstenwache|Polizei|Nationalgarde|Seite|"
    r"Bundespolizei|Grenzpolizei|Nationalpolizei|Junta|Militärjunta|Militärregierung|Regime)"
)
COMPOUND = re.compile(r"\b[A-ZÄÖÜ][\wÄÖÜäöüß]*-[A-ZÄÖÜ][\wäöüß]+")
LIST_CONTINUES = re.compile(r"(?:,|\bund|\boder|\bsowie)\s+(?:(?:der|den|dem|die|das|des)\s+)?$")
SOURCE_PHRASE = re.compile(
    r"(?:(?:Angaben|Angabe|Informationen|Information|Berichten|Berichts?|Kreisen|Quellen|Plänen|"
    r"Planungen|Schätzungen|Schätzung|Einschätzung|Darstellung|Vorstellungen|Willen|Analyse|"
    r"Studie|Worten|Zählung)\s+(?:aus|von|des|der|eines|einer)\s+"
    r"(?:(?:der|dem|den)\s+)?|hieß es\s+(?:in|aus)\s+|(?i:laut)\s+(?:(?:der|dem|des)\s+)?)"
    r"(?:[a-zäöüß]\w*(?:en|er|e|es)\s+){0,2}(?:[A-ZÄÖÜ]\w+\s+)?$"
    # "Wie das Einsatzführungskommando mitteilte": the one who tells
    r"|\b[Ww]ie\s+(?:der|die|das|den)\s+(?:[a-zäöüß]\w*(?:en|er|e|es)\s+)?$"
    # "teilte das Verteidigungsministerium in London mit": the seat of a source
    r"|(?:[Mm]inisteriums?|Regierung|Sprecher\w*|Kreml[s]?|Präsidialamt(?:e?s)?|Generalstab(?:e?s)?|"
    r"Botschaft|Hauptquartier(?:e?s)?|Agentur)\s+in\s+$"
)
BENEFICIARY_BEFORE = re.compile(r"\bfür\s+(?:(?:die|den|der|das|dem)\s+)?$")
LIST_SEP = re.compile(r"\s*(?:,|und|oder|sowie)\s+(?:(?:der|den|dem|die|das|im|in|nach)\s+)*")
SOURCE_AFTER = re.compile(r"^\s*(?:zufolge|berichtete|berichtet|meldete|sagte|erklärte|teilte)")
BORDER = re.compile(r"Grenze\s+(?:zu[rm]?|mit)\s+(?:(?:der|dem|den)\s+)?$")
COMPARISON = re.compile(
    r"(?:gegenüber|verglichen mit|im Vergleich zu[mr]?|als)\s+(?:dem|der|den)?\s*$"
)
CHANGE = re.compile(
    r"\b(?:stieg|stiegen|sank|sanken|wuchs|fiel|ging|gestiegen|gesunken|gewachsen|gefallen|erhöht|"
    r"verringert|reduziert|aufgestockt|angewachsen|geschrumpft|schrumpfte)\b"
)
LEVEL = re.compile(
    r"\bvon\s+(?:\w+\s+){0,2}\d[\d.]*\s.{0,40}\bauf\s+(?:\w+\s+)?\d|\bum\s+\d[\d.]*\s+auf\s"
)
RELATIVE = re.compile(r"^\s*(?:die|der|das|denen|dem|deren|dessen|welche[rsnm]?)\b")
PRESENT = re.compile(
    r"\b(?:derzeit|aktuell|zurzeit|zur Zeit|momentan|gegenwärtig|nun|jetzt|noch|heute)\b"
)


@lru_cache(maxsize=1)
def kind_cues() -> dict:
    """The kind cue table, each kind's patterns compiled into one regex."""
    table = json.loads((files("factx") / "data" / "de" / "kinds.json").read_text("utf-8"))
    return {
        part: {
            kind: re.compile(r"(?<![\w])(?:" + "|".join(patterns) + ")")
            for kind, patterns in table[part].items()
        }
        for part in ("mods", "cues")
    } | {"default": table.get("default", "other")}


def mention(span) -> dict:
    """A plain-dict mention of an entity span (with its label) for linking."""
    return _mention(span, span._.factx_entity or {})


def _mention(span, info: dict) -> dict:
    start, end = span.start_char, span.end_char
    # the span's text, cut from the doc's text (span.text joins its tokens one by one)
    text = text_of(span.doc)[start:end]
    return {
        "text": text,
        "start": start,
        "end": end,
        "name": info.get("name") or text,
        "type": info.get("type") or "organization",
        "country": info.get("country"),
        "lat": info.get("lat"),
        "lon": info.get("lon"),
        "role": info.get("role"),
        "label": span.label_,
    }


def spans_countries(text: str, e: dict, entities: list[dict]) -> bool:
    """Whether ``e`` is one item of a list of places in different countries."""
    places = [x for x in entities if x["label"] == "LOC"]
    i = next((k for k, x in enumerate(places) if x["start"] == e["start"]), None)
    if i is None:
        return False
    countries = {e["country"]}
    j = i
    while j > 0 and LIST_SEP.fullmatch(text, places[j - 1]["end"], places[j]["start"]):
        j -= 1
        countries.add(places[j]["country"])
    j = i
    while j + 1 < len(places) and LIST_SEP.fullmatch(
        text, places[j]["end"], places[j + 1]["start"]
    ):
        j += 1
        countries.add(places[j]["country"])
    return len(countries) > 1


def border(e: dict, before: str) -> dict:
    """A place named as a border ("an der Grenze zu Belarus") says no side: no country."""
    if not BORDER.search(before):
        return e
    return dict(e, name=f"Grenze zu {e['name']}", type="region", country=None, lat=None, lon=None)


LIST_AFTER_PREPOSITION = re.compile(
    r"\b(?i:aus|in|im|nach|von|vom|mit|bei|an|auf)\s+[^.;:!?]{0,40}?(?:,|\bund|\boder|\bsowie)\s+"
    r"(?:(?:der|den|dem|die|das|des)\s+)?$"
)


def after_preposition(text: str, e: dict, floor: int, entities: list[dict]) -> bool:
    """Whether ``e`` stands in a prepositional phrase, also as a later item of a list."""
    before = text[max(floor, e["start"] - 40) : e["start"]]
    if NOT_ACTOR_BEFORE.search(before):
        return True
    if LIST_CONTINUES.search(before):
        prev = [x for x in entities if x["end"] <= e["start"] and x["end"] >= e["start"] - 40]
        if prev:
            return after_preposition(text, prev[-1], floor, entities)
        # "aus allen 31 Mitgliedstaaten und Schweden": the list's first item is no name
        return bool(LIST_AFTER_PREPOSITION.search(before))
    return False


def in_relative_clause(layout: Layout, offset: int) -> bool:
    """Whether ``offset`` lies in a clause opened by a relative pronoun."""
    c_start, _ = layout.clause(offset)
    return bool(RELATIVE.match(layout.text[c_start : c_start + 20]))


def is_actor_type(e: dict) -> bool:
    """Countries, organisations, armed groups and demonyms can own troops."""
    return e["type"] in ("country", "organization", "group") or e["label"] == "LOCderiv"


def public(m: dict | None) -> dict | None:
    """The mention without the linker's working keys."""
    if m is None:
        return None
    return {k: v for k, v in m.items() if k not in ("label", "carried")}


def granularity(value: str) -> str:
    """Granularity of an ISO date prefix (YYYY, YYYY-MM, YYYY-MM-DD)."""
    return {4: "year", 7: "month"}.get(len(value), "day")


def prefix_actor(unit_text: str, start: int, text: str) -> dict | None:
    """The actor named by a compound's prefix: "US-Soldaten" -> USA, "Bundeswehrsoldaten" -> DE."""
    try:
        from factx.gazetteer import load_gazetteer
    except ImportError:  # pragma: no cover
        return None
    entry = load_gazetteer().prefix(unit_text)
    if entry is None:
        entry = load_gazetteer().demonym(unit_text)
    if entry is None:
        return None
    return {
        "text": unit_text,
        "start": start,
        "end": start + len(unit_text),
        "name": entry["name"],
        "type": entry["type"],
        "country": entry.get("country"),
        "lat": None,
        "lon": None,
        "role": None,
        "label": entry.get("label", "ORG"),
    }


# A noun before "des/der X" makes X its genitive attribute ("nach Plänen des Ministeriums")
GENITIVE_OF = re.compile(r"[A-ZÄÖÜ][\wäöüß]+\s+(?:des|der)\s+(?:[a-zäöüß]\w*(?:en|er|e)\s+)?$")
# A demonym adjective before an armed-forces noun names whose: "das österreichische Bundesheer"
FORCE_NOUN = re.compile(
    r"\s+(?:Armee|Bundesheer|Heer|Militär|Streitkräfte|Regierung|Truppen?|Marine|Luftwaffe|"
    r"Führung|Militärführung|Staatsführung|Behörden|Grenzschutz|Polizei|Nationalgarde|Seite|"
    r"Verbände|Einheiten|Kräfte|Soldaten|Küstenwache)\b"
)

# "ausländische Soldaten" are nobody's in particular: no actor carries over to them
FOREIGN = re.compile(r"\b(?:ausländische|fremde|internationale|multinationale|verbündete)[nrsm]?\b")
# Only a sentence's opening words before a capital make it the subject ("Moskau hat ...")
SENTENCE_SUBJECT = re.compile(r"^\W*(?:(?:Auch|Und|Doch|Aber|Nun|Jetzt|Zudem)\s+)?$")
# Compounds that name who says so, not whose forces: "US-Schätzungen", "Nato-Diplomaten"
SOURCE_COMPOUND = re.compile(
    r"-(?:Angaben|Schätzungen|Berichte\w*|Informationen|Medien|Kreise\w*|Quellen|Beamte\w*|"
    r"Sprecher\w*|Diplomat\w*|Geheimdienst\w*|Regierung\w*|Zeitung\w*|Sender\w*|Institut\w*|"
    r"Studie\w*|Experte\w*|Analyst\w*)$"
)


def in_brackets(text: str, e: dict) -> bool:
    """Whether ``e`` stands alone in brackets: a dateline's agency or a party label."""
    return text[max(0, e["start"] - 1) : e["start"]] == "(" and text[e["end"] : e["end"] + 1] in (
        ")",
        "/",
        ",",
    )


def un_mention(text: str, start: int) -> dict:
    """The United Nations as the actor of blue helmets, pointing at the noun that says so."""
    return {
        "text": text,
        "start": start,
        "end": start + len(text),
        "name": "Vereinte Nationen",
        "type": "organization",
        "country": None,
        "lat": None,
        "lon": None,
        "role": None,
        "label": "ORG",
    }


class Mentions:
    """A doc's entity mentions as dicts, built when first asked for, found by offset."""

    def __init__(self, spans) -> None:
        self.spans = list(spans)
        self.starts = [span.start_char for span in self.spans]
        self._built: dict[int, dict] = {}
        self._infos: dict[int, dict] = {}

    def __len__(self) -> int:
        return len(self.spans)

    def __getitem__(self, i: int) -> dict:
        found = self._built.get(i)
        if found is None:
            found = self._built[i] = _mention(self.spans[i], self.info(i))
        return found

    def info(self, i: int) -> dict:
        """``span._.factx_entity`` of mention ``i`` (an empty dict for none), read once."""
        found = self._infos.get(i)
        if found is None:
            found = self._infos[i] = self.spans[i]._.factx_entity or {}
        return found

    def type_of(self, i: int) -> str:
        """The ``type`` of mention ``i`` (as in :func:`mention`), without building the mention."""
        return self.info(i).get("type") or "organization"

    def indices_within(self, start: int, end: int) -> range:
        """The indices of the mentions that start in ``[start, end)``."""
        return range(bisect_left(self.starts, start), bisect_left(self.starts, end))

    def within(self, start: int, end: int):
        """``(index, mention)`` of the mentions that start in ``[start, end)``."""
        for i in range(bisect_left(self.starts, start), bisect_left(self.starts, end)):
            yield i, self[i]


# "auf israelischer Seite": the side a demonym adjective names owns the count
SIDE = re.compile(r"\s+Seite\b")

# A date inside a participle attribute: "am Montag veröffentlichten Dekret"
ATTRIBUTE_DATE = re.compile(r"\s+[a-zäöüß]+(?:ten|enen|ten|ierten)\s+[A-ZÄÖÜ]")
# A clause that only says who said it: "wie X am Donnerstag ankündigte", "teilte X mit"
SOURCE_CLAUSE = re.compile(
    r"\s*(?:[Ww]ie\s|[Ss]o\s|(?:teilte|sagte|erklärte|berichtete|meldete|hieß|kündigte|"
    r"bestätigte|betonte|schrieb)\b)"
)
# A clause about what is to come: its date is not the date somebody announced it
FUTURE_CLAUSE = re.compile(r"\b(?:soll\w*|will|wollen|werden|wird|künftig|plan\w*|geplant)\b")
# A sentence whose subject is a force named by a common noun: "Die Armee von General X ..."
UNNAMED_FORCE = re.compile(
    r"\W*(?:Die|Das|Der)\s+(?:[a-zäöüß]\w*\s+)?(?:Armee|Streitkräfte|Militär|Truppen?|Marine|"
    r"Luftwaffe|Heer|Junta|Miliz)\b(?!\s+(?:der|des)\s)"
)
