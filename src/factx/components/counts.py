"""``factx_counts``: troop and personnel counts as spans in ``doc.spans["factx_counts"]``.

A count is a number phrase (:mod:`factx.quantities`) whose noun names soldiers or security
personnel, casualties or personnel in a military context, a demonym used for troops
("3.000 Nordkoreaner"), or no noun at all where the sentence before named one
("Etwa 600 wurden getötet").
"""

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from factx.extensions import COUNTS, DATES, text_of
from factx.layout import Layout
from factx.quantities import QuantityMatch, classify_noun, find_quantities, units

# A number right after these words is a label, not a count ("Resolution 1441").
_LABEL_BEFORE = re.compile(
    r"(?:Resolution|Nr\.|Nummer|Artikel|Art\.|§|Paragraf|Paragraph|Seite|Platz|Punkt|Kapitel|"
    r"Flug|Linie|Zimmer|Jahr|Jahre|Jahres|Jahren|Jahrgang|Anfang|Ende|Mitte|Herbst|Sommer|"
    r"Winter|Frühjahr|Frühling|seit|Seit|gegen|bis|Bis|ab|Ab|zwischen|im|Im|"
    r"Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|"
    r"Jänner|Stand|Modell|Typ|Kaliber|Tempo|Stufe|Level|Größe)\s*$"
)
_YEAR = re.compile(r"^(?:1[5-9]|20)\d\d$")


_BEFORE_LEVEL = re.compile(r"\s+auf\s+(?:(?:rund|etwa|gut|knapp|über|mehr als)\s+)?")
# An elided count needs something in its clause that says what happened to whom.
_PARTITIVE_AFTER = re.compile(r"\s+(?:davon|von ihnen|von denen)\b")
_PARTITIVE_BEFORE = re.compile(
    r"\b(?:darunter|davon|von denen|von ihnen)\s+(?:(?:lediglich|nur|noch|rund|etwa|gut|knapp|"
    r"mehr als|mindestens)\s+)*$"
)
_ELIDED_CUE = re.compile(
    r"(?i)\bauf\s+(?:rund\s+|etwa\s+|über\s+)?\d|"
    r"\b(?:sind|waren|seien|wären|sollen|sollten|werden|würden)\s+es\b|\bes\s+(?:sind|waren|seien)\b|"
    r"\d\s+(?:mehr|weniger)\s+als\b|\b(?:Bestand|Effektivbestand|Sollbestand|Stärke|Umfang)\b|"
    r"\bvon\s+(?:mehreren|einigen|Tausenden|Hunderten)\b|\bZiel\s+von\b|"
    r"\bim\s+\w*[Ee]insatz\b|\berlaubt\b|"
    r"\b(?:von|um)\s+(?:rund\s+|etwa\s+)?\d|getötet|verletzt|verwundet|gefallen|ums Leben|"
    r"gestorben|starben|gefangen|vermisst|entsandt|geschickt|verlegt|stationiert|mobilisiert|"
    r"einberufen|abgezogen|gestiegen|stieg|gesunken|sank|wuchs|zurück"
)


@lru_cache(maxsize=1)
def _context() -> dict[str, re.Pattern[str]]:
    """The context tests of ``units.json``, compiled once: who is near, and who is not."""
    table = units()

    def words(key: str) -> re.Pattern[str]:
        return re.compile("|".join(re.escape(w) for w in table[key]))

    forms = [f for fs in table["military"].values() for f in fs] + list(table["personnel_context"])
    suffixes = "|".join(re.escape(x) for x in table["compound_suffixes"])
    return {
        "military": words("military_context"),
        "force": words("force_context"),
        "armed": words("armed_context"),
        "civilian": re.compile(r"(?<![\w])(?:" + "|".join(table["civilian_words"]) + ")"),
        "demonym": re.compile(r"(?<![\w])(?:" + table["demonym_cues"] + r")"),
        "troops": re.compile(
            r"\b(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")\b"
            r"|\b[\w\-]+(?:" + suffixes + r")\b"
        ),
    }


_OTHER_NOUN_AHEAD = re.compile(
    r"\s+(?:auf|bis)\s+(?:\w+\s+)?\d[\d.]*\s+(?:Jahre|Prozent|Euro|Dollar|Tage|Monate|Wochen|"
    r"Stunden|Kilometer|Meter)"
)


def _plain(q: QuantityMatch, text: str) -> bool:
    """A bare number that may be an elided count: not a year, label, time, ordinal or share."""
    digits = text[q.start : q.end].split()[-1]
    if digits.startswith("0") and not digits.startswith("0,"):
        return False  # "Schalke 04"
    if q.approx is False and _YEAR.match(digits):
        return False
    if _LABEL_BEFORE.search(text[max(0, q.start - 20) : q.start]):
        return False
    return not re.match(r"\.\s?[a-zäöüß]|[:%/°]|\s?(?:%|-)|,\d", text[q.end : q.end + 3])


def _gazetteer():
    try:
        from factx.gazetteer import load_gazetteer
    except ImportError:  # pragma: no cover - the gazetteer ships with the package
        return None
    return load_gazetteer()


class TroopCounts:
    """Finds troop counts and writes them as ``COUNT`` spans with ``span._.factx_count``."""

    def __init__(self, name: str = "factx_counts", context_sentences: int = 2) -> None:
        self.name = name
        self.context_sentences = context_sentences

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        quantities = find_quantities(text)
        if not quantities:
            doc.spans[COUNTS] = []
            return doc
        layout = Layout.of(doc)
        dates = [(s._.factx_date or {}) for s in doc.spans.get(DATES, [])]
        date_ranges = [(d["start"], d["end"]) for d in dates if d.get("type") != "duration"]
        spans = []
        last_unit: dict[int, tuple[str, str]] = {}  # sentence -> last troop noun
        units = [self._unit(q, text, layout, layout.sentence_index(q.start)) for q in quantities]
        for i, q in enumerate(quantities):
            # "um 900 auf 1.800 Soldaten": an elided number may borrow the noun that follows
            ahead = None
            if units[i] is None and i + 1 < len(quantities) and units[i + 1] is not None:
                if _BEFORE_LEVEL.fullmatch(text, q.end, quantities[i + 1].start) and _plain(
                    q, text
                ):
                    ahead = units[i + 1]
            count = self._count(
                q, units[i] or ahead, ahead is not None, text, layout, date_ranges, last_unit
            )
            if count is None:
                continue
            span = doc.char_span(q.start, q.end, label="COUNT", alignment_mode="expand")
            if span is None or (spans and span.start < spans[-1].end):
                continue
            span._.factx_count = count
            spans.append(span)
        doc.spans[COUNTS] = spans
        return doc

    def _count(
        self, q: QuantityMatch, unit, borrowed, text, layout, date_ranges, last_unit
    ) -> dict | None:
        sent = layout.sentence_index(q.start)
        number = text[q.start : q.end]
        elided = unit is None or borrowed
        unit_ref = None
        if not elided:
            last_unit[sent] = unit
        elif not borrowed:
            if any(s < q.end and e > q.start for s, e in date_ranges):
                return None
            found = self._elided_unit(q, text, layout, sent, last_unit)
            if found is None:
                return None
            unit, unit_ref = found
        canon, noun = unit
        return {
            "text": number,
            "start": q.start,
            "end": q.end,
            "value": q.value,
            "min": q.min,
            "max": q.max,
            "approx": q.approx,
            "qualifier": q.qualifier,
            "unit": canon,
            "unit_text": noun,
            "additional": q.additional,
            "mods": q.mods,
            "noun_start": None if elided else q.noun_start,
            "elided": elided,
            # where the elided noun was named ("Verluste nordkoreanischer Soldaten. Etwa 600 ...")
            "unit_ref": unit_ref,
            "phrase_end": q.phrase_end,
        }

    def _unit(self, q: QuantityMatch, text, layout, sent) -> tuple[str, str] | None:
        """``(canonical, as written)`` of the counted noun when it names troops here."""
        if not q.noun:
            return None
        noun = text[q.noun_start : q.phrase_end]
        found = classify_noun(noun) or classify_noun(q.noun)
        if found is None:
            # "Angehörige der Streitkräfte", "Angehörige des Bundesheeres"
            tail = re.match(r"\s+(?:der|des)\s+\w+", text[q.noun_end :])
            if tail:
                found = classify_noun(q.noun + " ".join([""] + tail.group(0).split()))
        if found is None:
            # "3.000 Nordkoreaner nach Russland geschickt": a demonym counts as troops only
            # with a deployment or combat verb in its clause, in a military text
            demonym = _demonym_noun(q.noun)
            c_start, c_end = layout.clause(q.start)
            if (
                demonym
                and _context()["demonym"].search(text, c_start, c_end)
                and self._military_context(layout, sent, q.start, wide=True)
            ):
                return q.noun, q.noun
            return None
        canon, cls = found
        if cls == "military":
            return canon, q.noun
        if cls == "needs_force_context" and canon == "Mann" and (q.value or 0) >= 100:
            return canon, q.noun  # "eine 4800 Mann starke Brigade"
        if cls == "casualties":
            if _context()["civilian"].search(layout.text, *layout.sentences[sent]):
                return None  # "47.000 Toten, die meisten davon Zivilisten"
            first = layout.sentences[max(0, sent - 1)][0]
            if not _context()["armed"].search(layout.text, first, layout.sentences[sent][1]):
                return None  # the dead of an accident or an attack on civilians
        if self._force_context(layout, sent, q.start):
            return canon, q.noun
        return None

    def _elided_unit(
        self, q, text, layout, sent, last_unit
    ) -> tuple[tuple[str, str], list | None] | None:
        """The unit an elided count refers back to, and where its noun stands (if found there)."""
        if q.noun is not None:
            return None
        if not _plain(q, text):
            return None
        partitive = _PARTITIVE_AFTER.match(text, q.end)
        small = q.value is not None and q.value < 10 and q.approx is False
        if small and not (sent in last_unit or partitive):
            return None  # "acht" alone is no count, "zwei Soldaten getötet und acht verletzt" is
        c_start, c_end = layout.clause(q.start)
        # "Im Irak sind es 2.500, in Syrien rund 900": a short clause after a count gaps its verb
        gapped = sent in last_unit and len(text[c_start:c_end].split()) <= 6
        # "Etwa 600 von ihnen", "von denen lediglich 70.000", "darunter 500": a part of the
        # troops named before, right next to the number (not "Einer von ihnen ist 20")
        part_of = _PARTITIVE_AFTER.match(text, q.end) or _PARTITIVE_BEFORE.search(
            text, max(c_start, q.start - 40), q.start
        )
        if not (gapped or part_of) and not _ELIDED_CUE.search(text, c_start, c_end):
            return None
        if _OTHER_NOUN_AHEAD.match(text, q.end):
            return None  # "von 27 auf 25 Jahre": the range is of something else
        if sent in last_unit:
            return last_unit[sent], None
        # the troop noun named earlier in this sentence or in the two before, in the paragraph
        first = sent
        while (
            first > max(0, sent - 2) and layout.paragraph_of[first - 1] == layout.paragraph_of[sent]
        ):
            first -= 1
        troops = _context()["troops"]
        start = layout.sentences[first][0]
        # the last troop noun before it that counts on its own ("Soldaten", not "Beschäftigte")
        for m in reversed(list(troops.finditer(text, start, q.start))):
            found = classify_noun(m.group(0))
            if found is None or found[1] == "needs_force_context":
                continue
            if found[1] != "military" and not self._force_context(layout, sent, q.start):
                continue
            break
        else:
            return None
        return (found[0], m.group(0)), [m.start(), m.end()]

    def _force_context(self, layout: Layout, sent: int, offset: int) -> bool:
        """Armed forces named in this sentence or the one before, and no civilians here."""
        clause_start, clause_end = layout.clause(offset)
        if _context()["civilian"].search(layout.text, clause_start, clause_end):
            return False
        start = layout.sentences[max(0, sent - 1)][0]
        return bool(_context()["force"].search(layout.text, start, layout.sentences[sent][1]))

    def _military_context(self, layout: Layout, sent: int, offset: int, wide=False) -> bool:
        clause_start, clause_end = layout.clause(offset)
        if _context()["civilian"].search(layout.text, clause_start, clause_end):
            return False
        first = max(0, sent - (self.context_sentences if wide else 1))
        start = layout.sentences[first][0]
        end = layout.sentences[sent][1]
        return bool(_context()["military"].search(layout.text, start, end))


def _demonym_noun(word: str):
    """The country of a demonym noun ('Nordkoreaner'), not an adjective."""
    if not word[:1].isupper():
        return None
    gaz = _gazetteer()
    if gaz is None:
        return None
    entry = gaz.demonym(word)
    return entry


@Language.factory("factx_counts", default_config={"context_sentences": 2})
def make_counts(nlp: Language, name: str, context_sentences: int) -> TroopCounts:
    """Create the troop-count finder."""
    return TroopCounts(name, context_sentences)
