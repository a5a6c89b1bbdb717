"""``factx_facts``: link each count to its kind, actor, location and date.

Writes ``span._.factx_fact = {"kind", "actor", "location", "date"}`` on every span of
``doc.spans["factx_counts"]``; mentions are plain dicts with character offsets. The rules:

* **actor** — inside the phrase (``nordkoreanische Soldaten``, ``US-Soldaten``,
  ``3.000 Nordkoreaner``), right after it (``Soldaten der Bundeswehr``, ``Truppen Russlands``,
  ``Soldaten aus Polen``), else the nearest country or organisation of the sentence that stands
  as a subject (not after a preposition, not a cited source), else the actor of a fact in the
  previous two sentences of the paragraph, else the actor of the headline.
* **location** — the nearest place after a locative preposition (``nach``, ``in``, ``aus``…) in
  the clause, then the sentence; else another place of the clause that is not the actor or an
  opponent (``gegen die Ukraine``); else a locative place of the previous sentence.
* **date** — the nearest date expression, same clause first; else a present-reference adverb
  (``derzeit``, ``aktuell``, ``nun``) resolved to the publication date.
* **kind** — cue words of ``data/de/kinds.json``, nearest first.
"""

import json
import re
from functools import lru_cache
from importlib.resources import files

from spacy.language import Language
from spacy.tokens import Doc

from factx.extensions import COUNTS, DATES, ENTITIES
from factx.layout import Layout

_LOCATIVE = re.compile(
    r"(?:\b(?:nach|in|im|ins|aus|an|am|bei|beim|auf|über|vor|Richtung|nahe|zu|zur|zum|"
    r"innerhalb|außerhalb)\s+(?:(?:der|den|dem|die|das|des)\s+)?"
    r"(?:(?:[a-zäöüß]\w*(?:en|er|e|es|em))\s+)?(?:(?:Region|Gebiet|Provinz|Stadt|Hauptstadt|"
    r"Oblast|Grenzstadt|Hafenstadt|Nachbarland|Land|Küste|Frontstadt)\s+)?)$"
)
_NOT_ACTOR_BEFORE = re.compile(
    r"(?:\b(?i:nach|in|im|ins|aus|an|am|bei|beim|auf|über|vor|gegen|für|mit|zu|zur|zum|"
    r"zwischen|unter|um|wegen|laut|Richtung|gegenüber|nahe|hinter|neben|seit|trotz|ohne|"
    r"innerhalb|außerhalb)\s+(?:(?:der|den|dem|die|das|des|seine[nmrs]?|ihre[nmrs]?)\s+)?"
    r"(?:[a-zäöüß]\w*\s+)?(?:(?:Nachbarland|Land|Region|Gebiet|Stadt|Hauptstadt|Provinz|Oblast|"
    r"Grenzstadt|Hafenstadt|Küstenstadt|Frontstadt|Republik|Staat|Ort|Dorf)\s+)?)$"
)
# Forces are named after these as well: "Soldaten in der Bundeswehr", "bei der Armee"
_MEMBER_OF = re.compile(r"\b(?i:in|im|bei|beim)\s+(?:der|dem|den)?\s*$")
_ACTOR_NOUN = re.compile(
    r"\s+(?:\w+-)?(?:Armee|Militär|Streitkräfte|Regierung|Armeechef|Militärführung|Führung|"
    r"Truppen|Soldaten|Marine|Luftwaffe|Heer|Präsident|Staatschef|Regierungschef|Machthaber|"
    r"Verteidigungsminister|Generalstab)"
)
_COMPOUND = re.compile(r"\b[A-ZÄÖÜ][\wÄÖÜäöüß]*-[A-ZÄÖÜ][\wäöüß]+")
_LIST_CONTINUES = re.compile(r"(?:,|\bund|\boder|\bsowie)\s+(?:(?:der|den|dem|die|das|des)\s+)?$")
_SOURCE_PHRASE = re.compile(
    r"(?:(?:Angaben|Informationen|Berichten|Kreisen|Quellen)\s+(?:aus|von|des|der)\s+"
    r"(?:(?:der|dem|den)\s+)?|hieß es\s+(?:in|aus)\s+|(?i:laut)\s+(?:(?:der|dem|des)\s+)?)"
    r"(?:[a-zäöüß]\w*(?:en|er|e|es)\s+){0,2}(?:[A-ZÄÖÜ]\w+\s+)?$"
)
_BENEFICIARY_BEFORE = re.compile(r"\bfür\s+(?:(?:die|den|der|das|dem)\s+)?$")
_LIST_SEP = re.compile(r"\s*(?:,|und|oder|sowie)\s+(?:(?:der|den|dem|die|das|im|in|nach)\s+)*")
_OPPONENT_BEFORE = re.compile(r"\b(?:gegen|mit|zwischen|wegen)\s+(?:(?:die|den|der|das|dem)\s+)?$")
_SOURCE_AFTER = re.compile(r"^\s*(?:zufolge|berichtete|berichtet|meldete|sagte|erklärte|teilte)")
_BORDER = re.compile(r"Grenze\s+(?:zu[rm]?|mit)\s+(?:(?:der|dem|den)\s+)?$")
_COMPARISON = re.compile(r"(?:gegenüber|verglichen mit|im Vergleich zu[mr]?|als)\s+(?:dem|der|den)?\s*$")
_CHANGE = re.compile(
    r"\b(?:stieg|stiegen|sank|sanken|wuchs|fiel|ging|gestiegen|gesunken|gewachsen|gefallen|erhöht|"
    r"verringert|reduziert|aufgestockt|angewachsen|geschrumpft|schrumpfte)\b"
)
_LEVEL = re.compile(r"\bvon\s+(?:\w+\s+){0,2}\d[\d.]*\s.{0,40}\bauf\s+(?:\w+\s+)?\d|\bum\s+\d[\d.]*\s+auf\s")
_RELATIVE = re.compile(r"^\s*(?:die|der|das|denen|dem|deren|dessen|welche[rsnm]?)\b")
_PRESENT = re.compile(
    r"\b(?:derzeit|aktuell|zurzeit|zur Zeit|momentan|gegenwärtig|nun|jetzt|noch|heute)\b"
)


@lru_cache(maxsize=1)
def kind_cues() -> dict[str, dict[str, re.Pattern[str]]]:
    """The kind cue table, each kind's patterns compiled into one regex."""
    table = json.loads((files("factx") / "data" / "de" / "kinds.json").read_text("utf-8"))
    return {
        part: {
            kind: re.compile(r"(?<![\w])(?:" + "|".join(patterns) + ")")
            for kind, patterns in table[part].items()
        }
        for part in ("mods", "cues")
    }


def _mention(span) -> dict:
    info = span._.factx_entity or {}
    return {
        "text": span.text,
        "start": span.start_char,
        "end": span.end_char,
        "name": info.get("name") or span.text,
        "type": info.get("type") or "organization",
        "country": info.get("country"),
        "lat": info.get("lat"),
        "lon": info.get("lon"),
        "role": info.get("role"),
        "label": span.label_,
    }


class FactLinker:
    """Fills ``span._.factx_fact`` for every count span."""

    def __init__(self, name: str = "factx_facts", carry_sentences: int = 2) -> None:
        self.name = name
        self.carry_sentences = carry_sentences

    def __call__(self, doc: Doc) -> Doc:
        counts = list(doc.spans.get(COUNTS, []))
        if not counts:
            return doc
        layout = Layout.of(doc)
        text = doc.text
        entities = [_mention(s) for s in doc.spans.get(ENTITIES, [])]
        dates = [s._.factx_date for s in doc.spans.get(DATES, [])]
        dates = [
            d
            for d in dates
            if d and d.get("type") in ("date", "time") and (d["value"] is None or d["value"][:1].isdigit())
        ]
        published = doc._.factx_published
        history: list[tuple[int, dict]] = []  # (sentence, actor) of earlier facts
        headline_actor = None
        for span in counts:
            count = span._.factx_count
            sent = layout.sentence_index(count["start"])
            actor = self._actor(count, text, layout, sent, entities)
            if actor is None:
                actor = self._carried_actor(layout, sent, history, text, entities) or headline_actor
            if actor is not None:
                history.append((sent, actor))
                if headline_actor is None and layout.is_headline(sent):
                    headline_actor = actor
            kind = self._kind(count, text, layout, sent)
            location = self._location(count, text, layout, sent, entities, actor, kind)
            date = self._date(count, text, layout, sent, dates, published)
            span._.factx_fact = {
                "kind": kind,
                "actor": _public(actor),
                "location": _public(location),
                "date": date,
            }
        return doc

    # -- actor -----------------------------------------------------------------------------
    def _actor(self, count, text, layout, sent, entities) -> dict | None:
        start, phrase_end = count["start"], count["phrase_end"]
        # inside the phrase: "nordkoreanische Soldaten", "3.000 Nordkoreaner"
        for e in entities:
            if count["end"] <= e["start"] and e["end"] <= phrase_end and _is_actor_type(e):
                return e
        unit_text = count.get("unit_text") or ""
        if unit_text and count.get("noun_start") is not None:
            prefixed = _prefix_actor(unit_text, count["noun_start"], text)
            if prefixed is not None:
                return prefixed
        # an elided count's noun named earlier with its adjective: "nordkoreanischer Soldaten"
        ref = count.get("unit_ref")
        if ref:
            for e in entities:
                if e["label"] == "LOCderiv" and 0 <= ref[0] - e["end"] <= 2:
                    return e
        # right after: "Soldaten der Bundeswehr", "Truppen Russlands"
        after = text[phrase_end : phrase_end + 40]
        m = re.match(r"\s*(?:(?:der|des)\s+(?:\w+(?:en|er|e)\s+)?)?", after)
        origin = re.match(r"\s*(?:aus|von)\s+(?:(?:der|dem|den)\s+)?", after)
        origin_actor = None
        for e in entities:
            if not _is_actor_type(e) or e["label"] == "LOCderiv":
                continue
            if e["start"] == phrase_end + m.end():
                return e
            if origin and e["start"] == phrase_end + origin.end():
                origin_actor = e  # "Soldaten aus Polen" - unless a subject says otherwise
        # the subject of the sentence
        s_start, s_end = layout.sentences[sent]
        best, best_score = None, None
        for e in entities:
            if not (s_start <= e["start"] < s_end) or not _is_actor_type(e):
                continue
            if e["label"] == "LOCderiv" or e["type"] == "person":
                continue
            if _after_preposition(text, e, s_start, entities):
                member = e["type"] in ("organization", "group") and _MEMBER_OF.search(
                    text, max(s_start, e["start"] - 12), e["start"]
                )
                if not member:
                    continue
            if _SOURCE_AFTER.match(text[e["end"] : e["end"] + 15]) or _SOURCE_PHRASE.search(
                text, max(s_start, e["start"] - 60), e["start"]
            ):
                continue  # "nach Angaben des Geheimdienstes NIS": who says so, not whose
            penalty = 0
            following = text[e["end"] : e["end"] + 40]
            if e["text"].endswith("s") and re.match(r"\s+[A-ZÄÖÜ][a-zäöüß]", following):
                # "Südkoreas Geheimdienst" is a possessor; "Israels Armee" still names whose
                if not _ACTOR_NOUN.match(following):
                    continue
                penalty = 30
            if re.match(r"-\w", following):
                continue  # part of a compound
            dist = abs(e["start"] - start) + penalty
            score = dist + 60 * layout.breaks_between(e["start"], start)
            if best_score is None or score < best_score:
                best, best_score = e, score
        if best is None and origin_actor is None:
            # "Bundeswehr-Brigade in Litauen: 4800 Soldaten": whose, from a compound's prefix
            for m in _COMPOUND.finditer(text, s_start, s_end):
                prefixed = _prefix_actor(m.group(0), m.start(), text)
                if prefixed is not None:
                    return prefixed
        return best or origin_actor

    def _carried_actor(self, layout, sent, history, text, entities) -> dict | None:
        """A clear actor from before: the last fact's actor, else the previous sentence's subject."""
        if history:
            return dict(history[-1][1], carried=True)
        if sent > 0:
            p_start, p_end = layout.sentences[sent - 1]
            for e in entities:
                if p_start <= e["start"] < p_end and _is_actor_type(e) and e["label"] != "LOCderiv":
                    if not _after_preposition(text, e, p_start, entities):
                        return dict(e, carried=True)
        return None

    # -- location --------------------------------------------------------------------------
    def _location(self, count, text, layout, sent, entities, actor, kind) -> dict | None:
        start = count["start"]
        s_start, s_end = layout.sentences[sent]
        actor_start = actor["start"] if actor and not actor.get("carried") else -1
        best = fallback = None
        best_score = fallback_score = None
        for e in entities:
            if not (s_start <= e["start"] < s_end) or e["start"] == actor_start:
                continue
            if e["label"] not in ("LOC",) or e["type"] not in ("country", "city", "region"):
                continue
            before = text[max(s_start, e["start"] - 60) : e["start"]]
            score = abs(e["start"] - start) + 60 * layout.breaks_between(e["start"], start)
            if _SOURCE_PHRASE.search(before):
                continue  # "nach Angaben aus Kiew": who says so, not where
            e = _border(e, before)
            if _LOCATIVE.search(before) or (
                _LIST_CONTINUES.search(before) and _after_preposition(text, e, s_start, entities)
            ):
                if best_score is None or score < best_score:
                    best, best_score = e, score
            elif (
                not _OPPONENT_BEFORE.search(before)
                and not (kind != "deployed" and _BENEFICIARY_BEFORE.search(before))
                and not _SOURCE_AFTER.match(text[e["end"] : e["end"] + 15])
            ):
                if e["country"] and actor and e["country"] == actor.get("country"):
                    continue
                if fallback_score is None or score < fallback_score:
                    fallback, fallback_score = e, score
        if best is not None:
            # "in Polen, Rumänien und der Slowakei": a stretch of several countries, no one place
            return None if _spans_countries(text, best, entities) else best
        if fallback is not None and layout.breaks_between(fallback["start"], start) == 0:
            return fallback
        return None

    # -- date ------------------------------------------------------------------------------
    def _date(self, count, text, layout, sent, dates, published) -> dict | None:
        start = count["start"]
        s_start, s_end = layout.sentences[sent]
        best, best_score = None, None
        for d in dates:
            if not (s_start <= d["start"] < s_end):
                continue
            if _COMPARISON.search(text, max(s_start, d["start"] - 25), d["start"]):
                continue  # "gegenüber dem Vorjahr": a baseline, not when
            score = abs(d["start"] - start) + 60 * layout.breaks_between(d["start"], start)
            if best_score is None or score < best_score:
                best, best_score = d, score
        if best is not None:
            return {k: best[k] for k in ("text", "start", "end", "value", "granularity", "type")}
        c_start, c_end = layout.clause(start)
        m = _PRESENT.search(text, c_start, c_end)
        if m and published:
            return {
                "text": m.group(0),
                "start": m.start(),
                "end": m.end(),
                "value": published["value"][:10],
                "granularity": _granularity(published["value"][:10]),
                "type": "date",
            }
        return None

    # -- kind ------------------------------------------------------------------------------
    def _kind(self, count, text, layout, sent) -> str:
        cues = kind_cues()
        unit = count["unit"]
        mods = count.get("mods") or ""
        for kind, pattern in cues["mods"].items():
            if pattern.search(mods):
                if kind != "deployed" or not self._cue_in_sentence(count, text, layout, sent):
                    return kind
        if unit == "Opfer":
            return "other"
        before = text[max(0, count["start"] - 12) : count["start"]]
        c_start, c_end = layout.clause(count["start"])
        if re.search(r"\b(?:von|auf)\s+$", before) and (
            _LEVEL.search(text, c_start, c_end) or _CHANGE.search(text, c_start, c_end)
        ):
            return "stationed"  # "von 550 Soldaten auf rund 900": levels of a headcount
        if unit in ("Toter", "Gefallener"):
            return "killed"
        if unit in ("Verletzter", "Verwundeter"):
            return "wounded"
        if unit == "Gefangener":
            return "captured"
        kind = self._cue_in_sentence(count, text, layout, sent)
        if kind:
            return kind
        if count.get("additional"):
            return "deployed"
        if unit == "Opfer":
            return "other"
        return "other"

    def _cue_in_sentence(self, count, text, layout, sent) -> str | None:
        start = count["start"]
        s_start, s_end = layout.sentences[sent]
        # cues are case-sensitive (verb "kämpfen" vs noun "Kämpfen"), but a sentence may start
        # with a verb ("Einberufen werden sollen ..."): compare its first letter in lower case
        first = len(text[s_start:s_end]) - len(text[s_start:s_end].lstrip())
        i = s_start + first
        view = text[:i] + text[i : i + 1].lower() + text[i + 1 :] if i < s_end else text
        best, best_score = None, None
        for kind, pattern in kind_cues()["cues"].items():
            for m in pattern.finditer(view, s_start, s_end):
                if count["start"] <= m.start() < count["end"]:
                    continue
                score = abs(m.start() - start) + 80 * layout.breaks_between(m.start(), start)
                if m.start() > count["end"] and _in_relative_clause(layout, m.start()):
                    score += 200  # a relative clause describes, the main verb says what happened
                if best_score is None or score < best_score:
                    best, best_score = kind, score
        return best

    def to_disk(self, path, *, exclude=()):  # noqa: D102 - rules ship with the package
        return None

    def from_disk(self, path, *, exclude=()):  # noqa: D102
        return self


def _spans_countries(text: str, e: dict, entities: list[dict]) -> bool:
    """Whether ``e`` is one item of a list of places in different countries."""
    places = [x for x in entities if x["label"] == "LOC"]
    i = next((k for k, x in enumerate(places) if x["start"] == e["start"]), None)
    if i is None:
        return False
    countries = {e["country"]}
    j = i
    while j > 0 and _LIST_SEP.fullmatch(text, places[j - 1]["end"], places[j]["start"]):
        j -= 1
        countries.add(places[j]["country"])
    j = i
    while j + 1 < len(places) and _LIST_SEP.fullmatch(text, places[j]["end"], places[j + 1]["start"]):
        j += 1
        countries.add(places[j]["country"])
    return len(countries) > 1


def _border(e: dict, before: str) -> dict:
    """A place named as a border ("an der Grenze zu Belarus") says no side: no country."""
    if not _BORDER.search(before):
        return e
    return dict(e, name=f"Grenze zu {e['name']}", type="region", country=None, lat=None, lon=None)


def _after_preposition(text: str, e: dict, floor: int, entities: list[dict]) -> bool:
    """Whether ``e`` stands in a prepositional phrase, also as a later item of a list."""
    before = text[max(floor, e["start"] - 40) : e["start"]]
    if _NOT_ACTOR_BEFORE.search(before):
        return True
    if _LIST_CONTINUES.search(before):
        prev = [x for x in entities if x["end"] <= e["start"] and x["end"] >= e["start"] - 40]
        if prev:
            return _after_preposition(text, prev[-1], floor, entities)
    return False


def _in_relative_clause(layout: Layout, offset: int) -> bool:
    c_start, _ = layout.clause(offset)
    return bool(_RELATIVE.match(layout.text[c_start : c_start + 20]))


def _is_actor_type(e: dict) -> bool:
    return e["type"] in ("country", "organization", "group") or e["label"] == "LOCderiv"


def _public(m: dict | None) -> dict | None:
    if m is None:
        return None
    return {k: v for k, v in m.items() if k not in ("label", "carried")}


def _granularity(value: str) -> str:
    return {4: "year", 7: "month"}.get(len(value), "day")


def _prefix_actor(unit_text: str, start: int, text: str) -> dict | None:
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


@Language.factory("factx_facts", default_config={"carry_sentences": 2})
def make_facts(nlp: Language, name: str, carry_sentences: int) -> FactLinker:
    """Create the fact linker."""
    return FactLinker(name, carry_sentences)
