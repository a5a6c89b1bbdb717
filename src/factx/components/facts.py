"""``factx_facts``: link each count to its kind, actor, location and date.

Writes ``span._.factx_fact = {"kind", "actor", "location", "date"}`` on every span of
``doc.spans["factx_counts"]``; mentions are plain dicts with character offsets. The rules:

* **actor** — inside the phrase (``nordkoreanische Soldaten``, ``US-Soldaten``,
  ``3.000 Nordkoreaner``, blue helmets for the UN), right after it (``Soldaten der
  Bundeswehr``, ``Truppen Russlands``), else the nearest country, organisation, force adjective
  (``das österreichische Bundesheer``), demonym noun or capital that stands as a subject (not
  after a preposition, not in a source phrase), else ``Soldaten aus Polen``; else the actor of
  the last fact up to ``carry_sentences`` sentences back, the previous sentence's subject, or
  the headline's actor; else the article's main actor, or the country most of its names
  belong to.
* **location** — the nearest place after a locative preposition (``nach``, ``in``, ``aus``…),
  the same clause first, not a source's seat; for a deployment, a beneficiary (``für
  Russlands Angriffskrieg``). A list of places in several countries gives none; a border gives
  a place without a country. ``dort``/``vor Ort`` point back to the last place named, an
  elided count takes its antecedent's place; otherwise locations don't carry over.
* **date** — the nearest date expression, same clause first, not across a semicolon, not a
  ticker's clock time, not the date a plan was announced; else a present-reference adverb
  (``derzeit``, ``aktuell``, ``nun``) resolved to the publication date.
* **kind** — cue words of ``data/de/kinds.json``, nearest first.
"""

import re

from spacy.language import Language
from spacy.tokens import Doc

from factx.extensions import COUNTS, DATES, ENTITIES, text_of
from factx.layout import Layout
from factx.linking import (
    ACTOR_NOUN,
    ATTRIBUTE_DATE,
    BENEFICIARY_BEFORE,
    CHANGE,
    COMPARISON,
    COMPOUND,
    FORCE_NOUN,
    FOREIGN,
    FUTURE_CLAUSE,
    GENITIVE_OF,
    LEVEL,
    LIST_CONTINUES,
    LOCATIVE,
    MEMBER_OF,
    PLACE_ANAPHOR,
    PRESENT,
    SENTENCE_SUBJECT,
    SIDE,
    SOURCE_AFTER,
    SOURCE_CLAUSE,
    SOURCE_COMPOUND,
    SOURCE_PHRASE,
    UNNAMED_FORCE,
    after_preposition,
    border,
    granularity,
    in_brackets,
    in_relative_clause,
    is_actor_type,
    kind_cues,
    mention,
    prefix_actor,
    public,
    spans_countries,
    un_mention,
)
from factx.quantities import classify_noun


class FactLinker:
    """Fills ``span._.factx_fact`` for every count span."""

    def __init__(self, name: str = "factx_facts", carry_sentences: int = 3) -> None:
        self.name = name
        self.carry_sentences = carry_sentences

    def __call__(self, doc: Doc) -> Doc:
        counts = list(doc.spans.get(COUNTS, []))
        if not counts:
            return doc
        layout = Layout.of(doc)
        text = text_of(doc)
        entities = [mention(s) for s in doc.spans.get(ENTITIES, [])]
        dates = [s._.factx_date for s in doc.spans.get(DATES, [])]
        dates = [
            d
            for d in dates
            if d
            and d.get("type") in ("date", "time")
            and (d["value"] is None or d["value"][:1].isdigit())
        ]
        published = doc._.factx_published
        history: list[tuple[int, dict]] = []  # (sentence, actor) of earlier facts
        headline_actor = None
        for span in counts:
            count = span._.factx_count
            sent = layout.sentence_index(count["start"])
            kind = self._kind(count, text, layout, sent)
            actor = self._actor(count, text, layout, sent, entities, kind)
            s_start, s_end = layout.sentences[sent]
            own_force = UNNAMED_FORCE.match(text, s_start, s_end)
            if actor is None and not FOREIGN.search(count.get("mods") or "") and not own_force:
                # "Die Armee von General X zählt 120.000 Soldaten": another force than before
                actor = self._carried_actor(layout, sent, history, text, entities) or headline_actor
            if actor is not None:
                history.append((sent, actor))
                if headline_actor is None and layout.is_headline(sent):
                    headline_actor = actor
            location = self._location(count, text, layout, sent, entities, actor, kind)
            date = self._date(count, text, layout, sent, dates, published)
            span._.factx_fact = {
                "kind": kind,
                "actor": public(actor),
                "location": public(location),
                "date": date,
            }
        _fill_from_article(counts, entities)
        return doc

    # -- actor -----------------------------------------------------------------------------
    def _actor(self, count, text, layout, sent, entities, kind) -> dict | None:
        start, phrase_end = count["start"], count["phrase_end"]
        # inside the phrase: "nordkoreanische Soldaten", "3.000 Nordkoreaner", "US-Soldaten";
        # not a place of the modifiers ("28.500 in Südkorea stationierte US-Soldaten")
        inside = [
            e
            for e in entities
            if count["end"] <= e["start"] and e["end"] <= phrase_end and is_actor_type(e)
        ]
        for e in inside:
            if e["label"] == "LOCderiv":
                return e
        unit_text = count.get("unit_text") or ""
        if unit_text and count.get("noun_start") is not None:
            prefixed = prefix_actor(unit_text, count["noun_start"], text)
            if prefixed is not None:
                return prefixed
        for e in inside:
            if not after_preposition(text, e, count["end"], entities):
                return e
        if count["unit"] == "Blauhelm" and count.get("noun_start") is not None:
            return un_mention(unit_text, count["noun_start"])  # blue helmets serve the UN
        # an elided count's noun named earlier with its adjective: "nordkoreanischer Soldaten"
        ref = count.get("unit_ref")
        if ref:
            for e in entities:
                if e["label"] == "LOCderiv" and 0 <= ref[0] - e["end"] <= 2:
                    return e
            prefixed = prefix_actor(text[ref[0] : ref[1]], ref[0], text)  # "Bundeswehrsoldaten"
            if prefixed is not None:
                return prefixed
        # right after: "Soldaten der Bundeswehr", "Truppen Russlands"
        after = text[phrase_end : phrase_end + 40]
        m = re.match(r"\s*(?:(?:der|des)\s+(?:\w+(?:en|er|e)\s+)?)?", after)
        origin = re.match(r"\s*(?:aus|von)\s+(?:(?:der|dem|den)\s+)?", after)
        origin_actor = None
        for e in entities:
            if not is_actor_type(e) or e["label"] == "LOCderiv":
                continue
            if e["start"] == phrase_end + m.end():
                return e
            if origin and e["start"] == phrase_end + origin.end() and kind != "withdrawn":
                origin_actor = e  # "Soldaten aus Polen"; but "300 Soldaten aus Mali abgezogen"
        # the subject of the sentence
        s_start, s_end = layout.sentences[sent]
        best, best_score = None, None
        for e in entities:
            if not (s_start <= e["start"] < s_end):
                continue
            penalty = 0
            if not is_actor_type(e):
                # "Moskau hat Soldaten geschickt", "Putin schickt ...": a capital or a person
                # with a known country speaks for its state, when it is the subject
                if e["type"] not in ("city", "person") or not e["country"]:
                    continue
                if e["type"] == "city" and not SENTENCE_SUBJECT.search(text, s_start, e["start"]):
                    continue
                penalty = 25
            if in_brackets(text, e):
                continue  # "Warschau (Reuters) -", "Klaudia Tanner (ÖVP)"
            if e["label"] == "LOCderiv" and not FORCE_NOUN.match(text, e["end"]):
                if not _demonym_noun(e, text):
                    continue  # "das österreichische Bundesheer", "die Briten"; not "polnische"
            if after_preposition(text, e, s_start, entities):
                member = e["type"] in ("organization", "group") and MEMBER_OF.search(
                    text, max(s_start, e["start"] - 12), e["start"]
                )
                side = e["label"] == "LOCderiv" and SIDE.match(text, e["end"])
                if not (member or side):
                    continue  # but "auf israelischer Seite" says whose
            if SOURCE_AFTER.match(text[e["end"] : e["end"] + 15]) or SOURCE_PHRASE.search(
                text, max(s_start, e["start"] - 60), e["start"]
            ):
                continue  # "nach Angaben des Geheimdienstes NIS": who says so, not whose
            if GENITIVE_OF.search(text, max(s_start, e["start"] - 50), e["start"]):
                penalty += 40  # "die Uniform der Bundeswehr": an attribute, a weaker candidate
            following = text[e["end"] : e["end"] + 40]
            if e["text"].endswith("s") and re.match(r"\s+[A-ZÄÖÜ][a-zäöüß]", following):
                # "Südkoreas Geheimdienst" is a possessor; "Israels Armee" still names whose
                if not ACTOR_NOUN.match(following):
                    continue
                penalty += 30
            if re.match(r"-\w", following):
                continue  # part of a compound
            dist = abs(e["start"] - start) + penalty
            score = dist + 60 * layout.breaks_between(e["start"], start)
            if best_score is None or score < best_score:
                best, best_score = e, score
        if best is None and origin_actor is None:
            # "Bundeswehr-Brigade in Litauen: 4800 Soldaten": whose, from a compound's prefix
            for m in COMPOUND.finditer(text, s_start, s_end):
                if SOURCE_COMPOUND.search(m.group(0)):
                    continue  # "nach US-Schätzungen": who says so
                prefixed = prefix_actor(m.group(0), m.start(), text)
                if prefixed is not None:
                    return prefixed
        return best or origin_actor

    def _carried_actor(self, layout, sent, history, text, entities) -> dict | None:
        """An actor from before: the last fact's, else the previous sentence's subject."""
        if history and sent - history[-1][0] <= self.carry_sentences:
            return dict(history[-1][1], carried=True)
        if sent > 0:
            p_start, p_end = layout.sentences[sent - 1]
            for e in entities:
                if p_start <= e["start"] < p_end and is_actor_type(e) and e["label"] != "LOCderiv":
                    if not after_preposition(text, e, p_start, entities) and not in_brackets(
                        text, e
                    ):
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
            if SOURCE_PHRASE.search(before):
                continue  # "nach Angaben aus Kiew": who says so, not where
            e = border(e, before)
            if LOCATIVE.search(before) or (
                LIST_CONTINUES.search(before) and after_preposition(text, e, s_start, entities)
            ):
                if best_score is None or score < best_score:
                    best, best_score = e, score
            elif kind == "deployed" and BENEFICIARY_BEFORE.search(before):
                # "1.500 Soldaten als Unterstützung für Russlands Angriffskrieg entsandt"
                if e["country"] and actor and e["country"] == actor.get("country"):
                    continue
                if fallback_score is None or score < fallback_score:
                    fallback, fallback_score = e, score
        if best is not None:
            # "in Polen, Rumänien und der Slowakei": a stretch of several countries, no one place
            return None if spans_countries(text, best, entities) else best
        if fallback is not None and layout.breaks_between(fallback["start"], start) == 0:
            return fallback
        c_start, c_end = layout.clause(start)
        pointer = PLACE_ANAPHOR.search(text, c_start, c_end)
        if pointer:
            noun = pointer.group("noun") or ""
            countries_only = noun.endswith(("Land", "Staat", "reich", "Emirat"))
            return self._antecedent_place(text, layout, sent, entities, countries_only)
        ref = count.get("unit_ref")
        if ref:
            # "Verluste nordkoreanischer Soldaten in Russland ... Etwa 600 von ihnen": the
            # place of the noun an elided count refers back to
            for e in entities:
                if e["label"] == "LOC" and ref[1] < e["start"] <= ref[1] + 25:
                    before = text[ref[1] : e["start"]]
                    if LOCATIVE.search(before) and e["type"] in ("country", "city", "region"):
                        return border(e, before)
        return None

    def _antecedent_place(self, text, layout, sent, entities, countries_only) -> dict | None:
        """The place "dort" points back to: the last one named after a preposition before.

        "in dem baltischen Land" wants a country; "dort" or "die Region" any place.
        """
        floor = layout.sentences[max(0, sent - 3)][0]
        here = layout.sentences[sent][0]
        for e in reversed(entities):
            if not (floor <= e["start"] < here) or e["label"] != "LOC":
                continue
            if e["type"] not in (("country",) if countries_only else ("country", "city", "region")):
                continue
            before = text[max(floor, e["start"] - 60) : e["start"]]
            if SOURCE_PHRASE.search(before):
                continue
            if LOCATIVE.search(before):
                return border(e, before)
        return None

    # -- date ------------------------------------------------------------------------------
    def _date(self, count, text, layout, sent, dates, published) -> dict | None:
        start = count["start"]
        s_start, s_end = layout.sentences[sent]
        best, best_score = None, None
        for d in dates:
            if not (s_start <= d["start"] < s_end):
                continue
            if COMPARISON.search(text, max(s_start, d["start"] - 25), d["start"]):
                continue  # "gegenüber dem Vorjahr": a baseline, not when
            lo, hi = sorted((d["start"], start))
            if ";" in text[lo:hi]:
                continue  # a semicolon joins two statements: their dates stay apart
            if d["type"] == "time":
                continue  # "+++ 11:47 Uhr +++": when it was written, not when it happened
            if ATTRIBUTE_DATE.match(text, d["end"]):
                continue  # "nach einem am Montag veröffentlichten Dekret": the decree's date
            d_clause = layout.clause(d["start"])
            if (
                d_clause != layout.clause(start)
                and SOURCE_CLAUSE.match(text, d_clause[0])
                and FUTURE_CLAUSE.search(text, *layout.clause(start))
            ):
                continue  # "sollen eingesetzt werden, wie er am Donnerstag ankündigte": said then
            score = abs(d["start"] - start) + 60 * layout.breaks_between(d["start"], start)
            if best_score is None or score < best_score:
                best, best_score = d, score
        if best is not None:
            return {k: best[k] for k in ("text", "start", "end", "value", "granularity", "type")}
        c_start, c_end = layout.clause(start)
        m = PRESENT.search(text, c_start, c_end)
        if m and published:
            return {
                "text": m.group(0),
                "start": m.start(),
                "end": m.end(),
                "value": published["value"][:10],
                "granularity": granularity(published["value"][:10]),
                "type": "date",
            }
        return None

    # -- kind ------------------------------------------------------------------------------
    def _kind(self, count, text, layout, sent) -> str:
        kind = self._kind_from_cues(count, text, layout, sent)
        parts = (count.get("unit_text") or "").split(" und ")
        recruits = all((classify_noun(p) or ("",))[0] in _RECRUITS for p in parts)
        if recruits and kind in ("stationed", "deployed", "strength"):
            return "mobilized"  # recruits and conscripts are called up, not sent
        return kind

    def _kind_from_cues(self, count, text, layout, sent) -> str:
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
        if re.search(r"\bum\s+$", before) and re.match(r"\s+auf\s", text[count["end"] :]):
            return "other"  # "um 900 auf 1.800": the change of a headcount
        if re.search(r"\b(?:von|auf)\s+$", before) and (
            LEVEL.search(text, c_start, c_end) or CHANGE.search(text, c_start, c_end)
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
        return cues["default"]

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
                if m.start() > count["end"] and in_relative_clause(layout, m.start()):
                    score += 200  # a relative clause describes, the main verb says what happened
                if best_score is None or score < best_score:
                    best, best_score = kind, score
        return best


_RECRUITS = frozenset({"Rekrut", "Wehrpflichtiger", "Grundwehrdiener", "Wehrdienstleistender"})


def _demonym_noun(e: dict, text: str) -> bool:
    """A capitalised demonym inside a sentence is a noun ("die Briten unterhielten")."""
    if not e["text"][:1].isupper():
        return False
    before = text[max(0, e["start"] - 3) : e["start"]]
    return bool(before.strip()) and not before.rstrip().endswith((".", "!", "?", ":", "\n"))


def _home_country(entities: list[dict]) -> dict | None:
    """The country most of an article's names belong to, when one clearly dominates."""
    by_country: dict[str, list[dict]] = {}
    for e in entities:
        if e["country"] and e["type"] != "person":
            by_country.setdefault(e["country"], []).append(e)
    if not by_country:
        return None
    ranked = sorted(by_country.values(), key=len, reverse=True)
    total = sum(len(v) for v in ranked)
    best = ranked[0]
    # one mention is enough only for a body (the Bundeswehr of an interview), not a place
    single_body = total == 1 and best[0]["type"] in ("organization", "group")
    if (len(best) >= 2 or single_body) and len(best) >= 0.5 * total:
        return dict(best[0], carried=True)
    return None


def _fill_from_article(counts, entities: list[dict]) -> None:
    """A count left without an actor takes the article's main actor, when it has one.

    German reports about one army often state its numbers without naming it again
    ("Derzeit leisten etwa 10.000 Freiwillige Wehrdienst" in a piece on the Bundeswehr).
    """
    tally: dict[str, list[dict]] = {}
    for span in counts:
        actor = span._.factx_fact["actor"]
        if actor and actor.get("country"):
            tally.setdefault(actor["country"], []).append(actor)
    if not tally:
        home = _home_country(entities)  # no fact names a force: the country the text is about
        if home is None:
            return
        tally = {home["country"]: [home]}
    ranked = sorted(tally.values(), key=len, reverse=True)
    if len(ranked) > 1 and len(ranked[0]) == len(ranked[1]):
        return  # no main actor
    main = public(ranked[0][0])
    for span in counts:
        fact = span._.factx_fact
        if fact["actor"] is None and not FOREIGN.search(span._.factx_count.get("mods") or ""):
            span._.factx_fact = dict(fact, actor=main)


@Language.factory("factx_facts", default_config={"carry_sentences": 3})
def make_facts(nlp: Language, name: str, carry_sentences: int) -> FactLinker:
    """Create the fact linker."""
    return FactLinker(name, carry_sentences)
