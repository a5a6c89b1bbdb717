"""``factx_claims``: who says so, and how surely — source and status of every count.

Cue lists and their scopes live in ``data/de/claims.json`` (ConText-style: a cue governs its
clause, or its clause and the clauses it introduces, or the whole sentence). Adds ``source``,
``source_text`` and ``status`` to ``span._.factx_fact`` and marks the persons and
organisations that act as sources anywhere in the text (``is_source`` in ``span._.factx_entity``).

Status precedence: ``denied`` > ``planned`` > ``hedged`` > ``reported`` > ``asserted``.
"""

import datetime as dt
import re
from bisect import bisect_left
from functools import lru_cache

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from factx.attribution import (
    ARTICLE_BEFORE,
    RELATIVE,
    STATUS_ORDER,
    TERMINATOR,
    claim_rules,
    has_source_noun,
    last_person,
    np_backward,
    np_forward,
    prefix_country,
    trigger_marks,
    trigger_needles,
)
from factx.extensions import COUNTS, ENTITIES, POSSESSIVE_QUANTIFIERS, text_of, vocab_flag
from factx.layout import CLAUSE_BREAK, Layout
from factx.linking import Mentions, public
from factx.quantities import alternation


class Claims:
    """Attributes each count to a source and gives it a status."""

    def __init__(self, name: str = "factx_claims", vocab: Vocab | None = None) -> None:
        self.name = name
        self.vocab = vocab
        self.flag = None
        if vocab is not None and trigger_needles() is not None:
            self.flag = vocab_flag(vocab, _has_marks)

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        rules = claim_rules()
        marks = self._marks(doc)
        speaker_lines = list(_speaker_lines(text))
        counts = doc.spans.get(COUNTS, [])
        if marks is not None and not marks[0] and not speaker_lines and not len(counts):
            return doc  # no trigger, no speaker, no count: nothing to attribute or mark
        layout = Layout.of(doc)
        entities = Mentions(doc.spans.get(ENTITIES, []))
        entity_spans = entities.spans
        # sources of every sentence that has an attribution trigger
        sources: dict[int, list[dict]] = {}
        if marks is None:
            triggers = rules["trigger"].finditer(text)
        else:
            triggers = _matches(rules["trigger"], text, marks[0])
        speech_at = None if marks is None else marks[1]
        # without counts the sources matter only as marks on the persons and organisations
        marks_only = not len(counts)
        for m in triggers:
            sent = layout.sentence_index(m.start())
            if sent not in sources:
                if marks_only and not _may_name_source(text, layout, sent, entities):
                    sources[sent] = []
                    continue
                sources[sent] = self._sources(text, layout, sent, entities, speech_at, marks_only)
        # an interview answer: "Brandner: Wir haben derzeit gut 181.000 Soldaten." speaks for
        # its whole paragraph
        speakers: dict[int, list[tuple[int, dict]]] = {}  # paragraph -> (offset, speaker)
        for m in speaker_lines:
            name = m.group(1)
            for i, e in entities.within(m.start(1), m.end(1)):
                if e["type"] == "person" and e["end"] == m.end(1):
                    sent = layout.sentence_index(m.start(1))
                    src = dict(e, entity_index=i, rule="source.speaker", phrase=name, at=m.start())
                    sources.setdefault(sent, []).append(src)
                    speakers.setdefault(layout.paragraph_of[sent], []).append((m.start(), src))
        carried: set[int] = set()  # sentences that took a source by carry-over
        used: set[int] = set()
        for sent_sources in sources.values():
            for src in sent_sources:
                if src.get("entity_index") is not None:
                    used.add(src["entity_index"])
        for i in used:
            if entities.type_of(i) in _SOURCE_TYPES:
                entity_spans[i]._.factx_entity = dict(entities.info(i), is_source=True)
        for span in counts:
            count = span._.factx_count
            fact = dict(span._.factx_fact or {})
            sent = layout.sentence_index(count["start"])
            source = self._source_for(count, layout, sent, sources, carried, speakers)
            fact["source"] = public(source)
            fact["source_text"] = source.get("phrase") if source else None
            own = source is not None and not source.get("carried")
            fact["status"] = self._status(count, text, layout, sent, source is not None, own)
            if fact["status"] in ("asserted", "reported", "hedged") and _in_future(
                fact.get("date"), doc
            ):
                fact["status"] = "planned"  # "beginnt in der kommenden Woche", "bis 2027"
            if fact["status"] == "planned" and fact.get("kind") in (
                "stationed",
                "strength",
                "other",
            ):
                fact["kind"] = "planned"  # a target strength or a cap
            span._.factx_fact = fact
        return doc

    def _marks(self, doc: Doc) -> tuple[list[int], list[int]] | None:
        """Where triggers and speech verbs may start (text offsets); None: anywhere."""
        if self.flag is None or doc.vocab is not self.vocab or not len(doc):
            return None
        triggers: list[int] = []
        speech: list[int] = []
        for j in np.flatnonzero(doc.to_array(self.flag)).tolist():
            token = doc[j]
            at, says = trigger_marks(token.orth_)
            triggers += [token.idx + k for k in at]
            speech += [token.idx + k for k in says]
        return triggers, speech

    # -- sources ---------------------------------------------------------------------------
    def _sources(self, text, layout, sent, entities, speech_at=None, marks_only=False) -> list:
        """The sources a sentence names; ``speech_at``: where speech verbs may start.

        ``marks_only``: the sources are wanted only for the persons and organisations among
        them (``is_source``), so a match without one in its reach is not followed up.
        """
        rules = claim_rules()
        s_start, s_end = layout.sentences[sent]
        sentence = text[s_start:s_end]
        found = []
        if speech_at is None:
            starts = None
            speech = list(rules["speech"].finditer(sentence))
        else:
            lo, hi = bisect_left(speech_at, s_start), bisect_left(speech_at, s_end)
            starts = [at - s_start for at in speech_at[lo:hi]]
            speech = list(_matches(rules["speech"], sentence, starts))
        has_speech = bool(speech)
        for rule_id, pattern, direction, needs_speech, required, leading, led in _patterns():
            if needs_speech and not has_speech:
                continue
            if required is not None and required not in sentence:
                continue
            if led and starts is not None:
                matches = _matches(pattern, sentence, starts)
            elif leading is not None:
                matches = _matches(pattern, sentence, _occurrences(sentence, leading))
            else:
                matches = pattern.finditer(sentence)
            for m in matches:
                if marks_only:
                    # a source is an entity inside the match, or just before "zufolge"
                    if direction == "before":
                        lo, hi = max(s_start, s_start + m.start() - 90), s_start + m.start()
                    else:
                        lo, hi = s_start + m.start(), s_start + m.end()
                    if not _names_any(entities, lo, hi, _SOURCE_TYPES):
                        continue
                if direction == "before":
                    # "Dem NIS zufolge": the noun phrase right before the cue word
                    a, b = np_backward(
                        text, max(s_start, s_start + m.start() - 90), s_start + m.start()
                    )
                    if a is not None and a < b:
                        src = self._np_source(text, a, b, entities, rule_id, m, s_start)
                        if src is not None:
                            found.append(src)
                    continue
                if "src" not in m.groupdict() or m.group("src") is None:
                    noun = m.groupdict().get("noun")
                    if noun:
                        a, b = s_start + m.start("noun"), s_start + m.end("noun")
                        found.append(self._np_source(text, a, b, entities, rule_id, m, s_start))
                    continue
                a, b = s_start + m.start("src"), s_start + m.end("src")
                if rule_id.startswith("source.verb_subject") and _subject_first(
                    text, s_start, s_start + m.start(), entities
                ):
                    continue  # "Moskau wies Berichte zurück": after the verb stands the object
                if direction == "backward":
                    a, b = np_backward(text, a, b)
                else:
                    a, b = np_forward(text, a, b)
                if (a is None or a >= b) and m.groupdict().get("noun"):
                    # "nach Angaben waren ...": the attribution noun itself
                    a, b = s_start + m.start("noun"), s_start + m.end("noun")
                if a is None or a >= b:
                    continue
                src = self._np_source(text, a, b, entities, rule_id, m, s_start)
                if src is not None:
                    found.append(src)
        # subject of a speech verb: "Der ukrainische Präsident X hatte erklärt"
        floor = layout.sentences[max(0, sent - 3)][0]
        for m in speech:
            v = s_start + m.start()
            if ARTICLE_BEFORE.search(text, max(s_start, v - 6), v):
                continue  # "das erklärte Ziel": a participle used as an adjective
            if (
                marks_only
                and not _names_any(entities, s_start, v, _SOURCE_TYPES)
                and not (
                    _PRONOUN_AFTER.match(text[s_start + m.end() : s_start + m.end() + 5])
                    and _names_any(entities, floor, v, ("person",))
                )
            ):
                continue  # the subject before the verb, or "er" after it, names nobody to mark
            c_start = s_start
            for b in CLAUSE_BREAK.finditer(text, s_start, v):
                c_start = b.end()
            best = None
            for i, e in entities.within(c_start, v):
                if e["end"] <= v and e["label"] != "LOCderiv":
                    if e["type"] in ("person", "organization", "group") or (
                        best is None and text[c_start : e["start"]].strip() == ""
                    ):
                        best = (i, e)  # "Moskau hatte ... gesprochen": a capital speaks
            pronoun = _PRONOUN_AFTER.match(text[s_start + m.end() : s_start + m.end() + 5])
            if best is None and pronoun:
                best = last_person(entities, v, floor)
            if best is not None:
                i, e = best
                found.append(dict(e, entity_index=i, rule="source.subject", phrase=e["text"], at=v))
            else:
                a, b = np_forward(text, c_start, v)
                if a is not None and a < b:
                    src = self._np_source(text, a, b, entities, "source.subject", m, s_start)
                    if (
                        src is not None
                        and src.get("entity_index") is not None
                        or (src is not None and has_source_noun(text[a:b]))
                    ):
                        found.append(src)
        return [f for f in found if f is not None]

    def _np_source(self, text, a, b, entities, rule_id, m, s_start) -> dict | None:
        phrase = text[a:b].strip()
        if not phrase:
            return None
        at = s_start + m.start()
        best = None
        rank = {"person": 0, "organization": 1, "group": 1, "country": 2, "city": 2, "region": 2}
        country = None
        for i, e in entities.within(a, b):
            if e["end"] <= b:
                if e["label"] == "LOCderiv":
                    country = country or e["country"]
                    continue
                if best is None or rank.get(e["type"], 3) < rank.get(best[1]["type"], 3):
                    best = (i, e)
        if best is not None:
            i, e = best
            if e["country"] is None and country is not None and e["type"] == "organization":
                # "das russische Verteidigungsministerium": the adjective says whose
                e = dict(e, country=country, text=phrase, start=a, end=a + len(phrase))
            return dict(e, entity_index=i, rule=rule_id, phrase=phrase, at=at)
        if not has_source_noun(phrase) and rule_id.split("+")[0] not in (
            "source.reports",
            "source.zufolge",
            "source.aus_kreisen",
            "source.nach_angaben",
            "source.laut",
        ):
            return None
        if country is None:
            country = prefix_country(phrase)
        return {
            "text": phrase,
            "start": a,
            "end": a + len(phrase),
            "name": phrase,
            "type": "organization",
            "country": country,
            "lat": None,
            "lon": None,
            "role": None,
            "label": "ORG",
            "rule": rule_id,
            "phrase": phrase,
            "at": at,
        }

    def _source_for(self, count, layout, sent, sources, carried: set[int], speakers) -> dict | None:
        start = count["start"]
        here = sources.get(sent) or []
        here = [s for s in here if not (s["start"] < count["phrase_end"] and s["end"] > start)]
        if here:
            return min(
                here,
                key=lambda s: abs(s["at"] - start) + 40 * layout.breaks_between(s["at"], start),
            )
        before = [src for at, src in speakers.get(layout.paragraph_of[sent], []) if at < start]
        if before:
            return dict(before[-1], carried=True)  # the last speaker of the paragraph so far
        # carry over within the paragraph when the sentence still reports ("Demnach ...",
        # Konjunktiv I, reportative "sollen"), and for one sentence more after such a sentence
        s_start, s_end = layout.sentences[sent]
        cue = claim_rules()["carry"].search(layout.text, s_start, s_end)
        if cue or (sent - 1) in carried:
            for prev in range(sent - 1, max(-1, sent - 4), -1):
                if layout.paragraph_of[prev] != layout.paragraph_of[sent]:
                    break
                if sources.get(prev):
                    if cue:
                        carried.add(sent)
                    return dict(sources[prev][-1], carried=True)
        # "... 1.500 Soldaten. Diese Zahlen nannte das Ministerium": attributed afterwards
        nxt = sent + 1
        if nxt < len(layout.sentences) and sources.get(nxt):
            n_start, n_end = layout.sentences[nxt]
            if claim_rules()["backward"].match(layout.text, n_start, n_end):
                if layout.paragraph_of[nxt] == layout.paragraph_of[sent]:
                    carried.add(sent)
                    return dict(sources[nxt][0], carried=True)
        return None

    # -- status ----------------------------------------------------------------------------
    def _status(self, count, text, layout, sent, has_source, own_source) -> str:
        rules = claim_rules()["status"]
        s_start, s_end = layout.sentences[sent]
        c_start, c_end = layout.clause(count["start"])
        g_end = c_end
        # a relative clause after the count does not end its scope: the main verb follows it
        # ("vier Soldaten, die zuletzt in Bamako Dienst taten, sollten am Wochenende ausreisen")
        while g_end < s_end and RELATIVE.match(text, g_end + 1):
            _, rel_end = layout.clause(g_end + 2)
            if rel_end >= s_end:
                break
            _, g_end = layout.clause(rel_end + 1)
        # "aber", "doch", "jedoch" end the scope of the cues before them (ConText terminators)
        g_start = s_start
        for m in TERMINATOR.finditer(text, s_start, count["start"]):
            g_start = m.end()
        # a semicolon joins two sentences in one: "wies Berichte zurück ...; es seien 4000"
        p_start = text.rfind(";", s_start, count["start"]) + 1 or s_start
        p_end = text.find(";", count["end"], s_end)
        regions = {
            "sentence": (max(s_start, p_start), s_end if p_end < 0 else p_end),
            "clause": (c_start, c_end),
            "governing": (g_start, g_end),
        }
        found = set()
        for name, (scope, pattern) in rules.items():
            a, b = regions[scope]
            if pattern.search(text, a, b):
                found.add(name)
        if "negated" in found:
            found.add("denied")
        if "target" in found:
            found.add("planned")
        if "subjunctive" in found:
            # Konjunktiv II in reported speech ("hätten ..., teilte X mit") reports; without
            # a source of its own sentence it hedges ("Damit wären 3.000 geschickt worden")
            found.add("reported" if own_source else "hedged")
        nxt = sent + 1
        if nxt < len(layout.sentences) and layout.paragraph_of[nxt] == layout.paragraph_of[sent]:
            n_start, n_end = layout.sentences[nxt]
            if claim_rules()["next_denial"].match(text, n_start, n_end):
                found.add("denied")  # "... 200 Soldaten entsandt. Kigali bestreitet das."
        if has_source:
            found.add("reported")
        for status in STATUS_ORDER:
            if status in found:
                return status
        return "asserted"


def _in_future(date: dict | None, doc: Doc) -> bool:
    """Whether a fact's date begins after the publication date has ended."""
    published = doc._.factx_published
    if not date or not published or not date.get("value"):
        return False
    begins = _bounds(date["value"])
    ends = _bounds(published["value"])
    return begins is not None and ends is not None and begins[0] > ends[1]


def _bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of an ISO value at its granularity (2024, 2024-10, 2024-W42, ...)."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:T.*)?", value):
            day = dt.date.fromisoformat(value[:10])
            return day, day
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + dt.timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            first = dt.date(int(m[1]), int(m[2]), 1)
            nxt = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
            q = int(m[2])
            first = dt.date(int(m[1]), 3 * q - 2, 1)
            last = dt.date(int(m[1]), 12, 31) if q == 4 else dt.date(int(m[1]), 3 * q + 1, 1)
            return first, last if q == 4 else last - dt.timedelta(days=1)
        if m := re.fullmatch(r"(\d{4})(?:-\w+)?", value):
            return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31)
    except ValueError:
        return None
    return None


# A line that starts with a speaker's name and a colon (interview transcripts)
_SPEAKER = re.compile(r"(?m)^([A-ZÄÖÜ][\w\-]+(?: [A-ZÄÖÜ][\w\-]+)?):[ \t]")
_COLON = re.compile(r":[ \t]")


def _speaker_lines(text: str):
    """The matches of ``_SPEAKER`` in ``text``: tried only on lines with a colon."""
    tried = -1
    for colon in _COLON.finditer(text):
        line = text.rfind("\n", 0, colon.start()) + 1
        if line == tried:
            continue
        tried = line
        m = _SPEAKER.match(text, line)
        if m is not None:
            yield m


def _matches(pattern: re.Pattern[str], text: str, starts: list[int]):
    """``pattern.finditer(text)`` when every match starts at one of ``starts`` (ascending)."""
    end = 0
    for start in starts:
        if start < end:
            continue
        m = pattern.match(text, start)
        if m is not None:
            yield m
            end = m.end()


@lru_cache(maxsize=1)
def _patterns() -> list[tuple]:
    """The source patterns with what :meth:`Claims._sources` needs to know about each.

    ``(rule id, pattern, direction, needs a speech verb, text every match holds, words every
    match starts with, whether every match starts at a speech verb)``.
    """
    rules = claim_rules()
    return [
        (
            rule_id,
            pattern,
            direction,
            "SPEECH" in rule_id,
            rules["required"][rule_id],
            rules["leading"][rule_id],
            rule_id in rules["speech_led"],
        )
        for rule_id, pattern, direction in rules["patterns"]
    ]


_SOURCE_TYPES = ("person", "organization", "group")
# where "er" or "sie" may follow a speech verb (the pronoun test of _sources, and more)
_PRONOUN = re.compile(r"\s(?:er|sie)")
# "..., berichtete er": the pronoun right after a speech verb
_PRONOUN_AFTER = re.compile(r"\s+(?:er|sie)\b")


def _may_name_source(text: str, layout: Layout, sent: int, entities: Mentions) -> bool:
    """Whether the sources of a sentence may be a person or organisation it names.

    They are entities that start in the sentence, or the person named last in the three
    sentences before it when a pronoun follows a speech verb ("..., berichtete er").
    """
    s_start, s_end = layout.sentences[sent]
    if any(entities.type_of(i) in _SOURCE_TYPES for i in entities.indices_within(s_start, s_end)):
        return True
    if not _PRONOUN.search(text, s_start, s_end + 5):
        return False
    first = layout.sentences[max(0, sent - 3)][0]
    return any(entities.type_of(i) == "person" for i in entities.indices_within(first, s_start))


def _names_any(entities: Mentions, start: int, end: int, types: tuple[str, ...]) -> bool:
    """Whether an entity of one of ``types`` starts in ``[start, end)``."""
    return any(entities.type_of(i) in types for i in entities.indices_within(start, end))


def _occurrences(text: str, words: tuple[str, ...]) -> list[int]:
    """Every offset where one of ``words`` starts in ``text``, ascending."""
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            found.append(at)
            at = text.find(word, at + 1)
    return sorted(found) if len(words) > 1 else found


def _has_marks(word: str) -> bool:
    """Vocabulary flag: an attribution trigger may start in this token."""
    if _plain_token(word) is not None:  # most words: one regex match
        return False
    return bool(trigger_marks(word)[0])


@lru_cache(maxsize=1)
def _plain_words() -> re.Pattern[str]:
    """The tokens in which :func:`factx.attribution.trigger_marks` finds no mark by its first
    test (most words): no needle inside, none at a word start.

    One match tells, where the test took several calls. A needle found at a word start is
    looked for at the token's start and after every non-word character; one found inside
    words at every word character, except those no such needle starts with (most: in runs).
    """
    if not POSSESSIVE_QUANTIFIERS:
        return re.compile("(?!)")  # no screen: trigger_marks decides every word
    at_start, inside = [], []
    for needle, word_start, *_ in trigger_needles() or ():
        (at_start if word_start else inside).append(needle)
    at_start_test = f"(?!{alternation(at_start).pattern})"
    firsts = "".join(sorted({re.escape(w[0]) for w in inside}))
    return re.compile(
        f"{at_start_test}(?:[^{firsts}\\W]++|(?!{alternation(inside).pattern})\\w"
        f"|\\W{at_start_test})++"
    )


def _plain_token(word: str) -> re.Match[str] | None:
    """Whether no trigger starts in ``word`` by the first test (see :func:`_plain_words`).

    Replaced by the regex's own match when first called: a new word then costs no Python
    call beyond the flag's.
    """
    global _plain_token
    _plain_token = _plain_words().fullmatch
    return _plain_token(word)


_PREPOSITION_FIRST = re.compile(
    r"\s*(?i:am|im|an|in|auf|laut|nach|seit|bis|vor|bei|beim|zum|zur|mit|trotz|wegen|gegen)\b"
)


def _subject_first(text: str, clause_start: int, verb: int, entities: Mentions) -> bool:
    """Whether the verb's subject stands before it ("Moskau wies Berichte zurück")."""
    for b in CLAUSE_BREAK.finditer(text, clause_start, verb):
        clause_start = b.end()
    head = text[clause_start:verb]
    if not head.strip() or _PREPOSITION_FIRST.match(head):
        return False
    if any(
        e["end"] <= verb and e["label"] != "LOCderiv"
        for _, e in entities.within(clause_start, verb)
    ):
        return True
    return has_source_noun(head)


@Language.factory("factx_claims")
def make_claims(nlp: Language, name: str) -> Claims:
    """Create the claims component."""
    return Claims(name, nlp.vocab)
